"""Actor mentions in a sentence: gazetteer aliases with German inflection, unnamed source groups
("westliche Sicherheitskreise"), speakers the gazetteer lacks ("der Abgeordnete Lee Seong-kweun"),
and bare head nouns ("der Dienst") that refer back to an actor named before."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from claimtrack import gazetteer
from claimtrack.extract import rx
from claimtrack.extract.lexicon import Lexicon
from claimtrack.extract.records import ActorRef
from claimtrack.extract.scan import PieceScanner, WordScanner

SEP = r"[\s\u2010-\u2015-]+"
# a capitalised name word in any Latin script ("Rinkēvičs", "Petraitė", "Kovács"), not all capitals
NAME_FIRST = r"[A-ZÄÖÜÀ-ÖØ-ÞĀ-ſ]"
NAME_TOKEN = NAME_FIRST + r"[a-zäöüßà-öø-ÿĀ-ſ'’]+(?:-[A-Za-zäöüĀ-ſ][a-zäöüßà-öø-ÿĀ-ſ'’]+)?"


@dataclass
class Mention:
    start: int
    end: int
    text: str
    actor: ActorRef | None  # None: a head noun still to be resolved against earlier mentions
    head: str | None = None
    genitive: bool = False  # "Nordkoreas", "des Generalstabs": a modifier, rarely the speaker
    prep: str | None = None  # the preposition governing it, if any
    origin: str = "gazetteer"  # gazetteer, role, group, discovered, head, short
    office: str | None = None  # the office word of a role, and of a person named with one ("Nato-
    # Generalsekretär Jens Stoltenberg")


@cache
def _alias_inflection() -> tuple[str, str]:
    """Adjective and noun endings an alias may carry: those of every language (aliases are shared)."""
    from claimtrack import lang

    adjective, noun = set(), set()
    for language in lang.languages():
        inflection = lang.load(language, "grammar")["inflection"]
        adjective |= set(inflection["adjective_endings"])
        noun |= set(inflection["noun_endings"])
    alternation = lambda endings: "(?:" + "|".join(sorted(endings, key=len, reverse=True)) + ")?"  # noqa: E731
    return alternation(adjective), alternation(noun)


def _word_pattern(word: str, last: bool) -> str:
    ADJ_ENDINGS, NOUN_ENDINGS = _alias_inflection()
    plain = re.escape(word).replace("ß", "(?:ß|ss)")
    if word.isupper() or any(c.isdigit() for c in word) or "." in word:
        return f"(?-i:{re.escape(word)})"
    inflected = ADJ_ENDINGS.removesuffix("?") + "$"  # an adjective ending, required
    if word[0].islower() or (not last and rx.search(inflected, word)):
        stem = rx.sub(inflected, "", word)
        return re.escape(stem).replace("ß", "(?:ß|ss)") + ADJ_ENDINGS
    if last:
        if word[-1].casefold() in "aeiouy":
            return plain + "s?"  # "Russlands", "Koreas"; never "Russian", "Korean" (an adjective)
        return plain + NOUN_ENDINGS
    return plain


def alias_pattern(alias: str) -> str:
    words = [w for w in rx.split(r"[\s\u2010-\u2015-]+", alias) if w]
    return SEP.join(_word_pattern(w, i == len(words) - 1) for i, w in enumerate(words))


def _keys(word: str) -> set[str]:
    """Index keys of an alias's first word: its first four letters, in lower case, with ß and ss."""
    lead = rx.match(r"\w+", word)
    low = (lead.group() if lead else word).lower()
    return {low[:4], low.replace("ß", "ss")[:4], low.replace("ss", "ß")[:4]}


TYPE_OWNER = "type:"  # an owner of a head noun that stands for any actor of a type ("type:media")


@cache
def _compiled() -> tuple[dict[str, list[tuple[str, ActorRef, str, str]]], dict[str, list[str]], WordScanner]:
    """Alias patterns indexed by the first letters of their first word, and a scanner that finds those
    letters at word starts in one pass, so that a sentence is matched only where an alias can start
    (a single alternation of hundreds of aliases costs milliseconds per sentence). Offices are matched
    as aliases of their latest holder, with origin "role" (the article's date and names decide later)."""
    index: dict[str, list[tuple[str, ActorRef, str, str]]] = {}
    heads: dict[str, list[str]] = {}

    def add(alias: str, ref: ActorRef, origin: str) -> None:
        first = rx.split(r"[\s\u2010-\u2015-]+", alias)[0]
        pattern = rf"(?:{alias_pattern(alias)})(?![\w]|-[^\W\d_])"
        for key in _keys(first):
            index.setdefault(key, []).append((pattern, ref, alias, origin))

    for entry in gazetteer.entries():
        ref = _ref(entry)
        for alias in dict.fromkeys((entry.name, *entry.aliases, *entry.spellings)):
            add(alias, ref, "gazetteer")
        for head in entry.heads:
            heads.setdefault(head, []).append(entry.name)
    offices = gazetteer.role_holders()
    for role in dict.fromkeys(r for entry in gazetteer.entries() for r in entry.roles):
        add(role, _ref(offices[gazetteer.normalise(role)][0]), "role")
    for head, kind in gazetteer.type_heads().items():
        heads.setdefault(head, []).append(TYPE_OWNER + kind)  # any actor of that type
    for candidates in index.values():
        candidates.sort(key=lambda c: len(c[2]), reverse=True)
    return index, heads, WordScanner(index, whole=False)


def _ref(entry: gazetteer.GazetteerEntry) -> ActorRef:
    return ActorRef(entry.name, entry.type, entry.description, entry.aliases, True)


def office_holder(role: str, published, named: dict[str, ActorRef], history: list[ActorRef]) -> ActorRef | None:
    """Who a bare office word stands for: the person this article named with it ("Nato-Generalsekretär
    Jens Stoltenberg", later "der Nato-Generalsekretär"), else the holder it named last ("Mark Rutte …
    sagte der Nato-Generalsekretär"), else its holder on the day of publication, else the body the
    office belongs to (no date, or a term the gazetteer does not know)."""
    key = gazetteer.normalise(role)
    if key in named:
        return named[key]
    holders = gazetteer.role_holders().get(key, ())
    names = {h.name for h in holders}
    earlier = next((actor for actor in reversed(history) if actor.name in names), None)
    if earlier is not None:
        return earlier
    holder = next((h for h in holders if h.holds_office_on(published)), None)
    if holder is not None:
        return _ref(holder)
    body = gazetteer.by_name().get(holders[0].part_of) if holders and holders[0].part_of else None
    return _ref(body) if body is not None else None


def office_words(role: str) -> set[str]:
    """Every word of the offices a role word's holders hold ("Nato-Chef" beside "Nato-Generalsekretär")."""
    holders = gazetteer.role_holders().get(gazetteer.normalise(role), ())
    return {gazetteer.normalise(r) for h in holders for r in h.roles} or {gazetteer.normalise(role)}


_KEY_PATTERNS: dict[str, tuple[re.Pattern, dict]] = {}


def _key_pattern(key: str) -> tuple[re.Pattern, dict] | None:
    """One regex for the aliases that can start at a key, as named alternatives, longest alias first;
    compiled the first time a text holds the key (most keys never occur in a given corpus)."""
    found = _KEY_PATTERNS.get(key)
    if found is None:
        candidates = _compiled()[0].get(key)
        if not candidates:
            return None
        alternatives = "|".join(f"(?P<a{i}>{pattern})" for i, (pattern, _, _, _) in enumerate(candidates))
        found = (re.compile(alternatives, re.IGNORECASE),
                 {f"a{i}": (ref, alias, origin) for i, (_, ref, alias, origin) in enumerate(candidates)})
        _KEY_PATTERNS[key] = found
    return found


@cache
def _head_regex(language: str) -> re.Pattern | None:
    """'der Dienst', 'the agency': a determiner and a bare head noun that refers back."""
    from claimtrack.extract.lexicon import load

    lex = load(language)
    _, heads, _ = _compiled()
    if not heads:
        return None
    head_alts = "|".join(re.escape(h) + _alias_inflection()[1] for h in sorted(heads, key=len, reverse=True))
    # the determiner in either case: "The agency said", "Der Dienst teilte mit" open sentences
    return rx.prefiltered(re.compile(rf"(?<![\w-])(?P<det>(?i:{lex.head_determiners}))\s+(?P<head>{head_alts})(?![\w-])"))


COMPOUND = re.compile(r"(?<![\w-])(?P<name>[\w.]+)-(?P<noun>[^\W\d_]+)(?![\w-])")


@cache
def _by_alias() -> dict[str, ActorRef]:
    """Every gazetteer name and alias, normalised, to its actor."""
    found: dict[str, ActorRef] = {}
    for entry in gazetteer.entries():
        ref = _ref(entry)
        for alias in (entry.name, *entry.aliases):
            found.setdefault(gazetteer.normalise(alias), ref)
    return found


WORD_START = re.compile(r"(?<![\w-])\w+")
WORD_BEFORE = re.compile(r"(?<![\w.-])(?P<word>[\w.]+)\s+$")  # the word right before a position ("U.S.")


def head_owner(head_text: str) -> list[str]:
    """Canonical names of the actors a bare head noun ("Dienstes") can refer back to."""
    _, heads, _ = _compiled()
    for head, owners in heads.items():
        if rx.fullmatch(re.escape(head) + _alias_inflection()[1], head_text):
            return owners
    return []


def find_mentions(sentence: str, lex: Lexicon, short_names: dict[str, ActorRef] | None = None) -> list[Mention]:
    _, _, scanner = _compiled()
    head_regex = _head_regex(lex.language)
    mentions: list[Mention] = []

    def free(start: int, end: int) -> bool:
        return all(end <= m.start or start >= m.end for m in mentions)


    covered = 0
    hits = scanner.find(sentence)
    if hits is not None:
        starts = sorted({start for start, _ in hits})
    else:  # a character whose lower case is longer: every word start
        starts = [word.start() for word in WORD_START.finditer(sentence)]
    for start in starts:
        if start < covered:
            continue
        word = WORD_START.match(sentence, start)
        if word is None:
            continue
        entry = _key_pattern(word.group().lower()[:4])
        match = entry[0].match(sentence, word.start()) if entry else None
        if match is None:
            continue
        ref, alias, origin = entry[1][match.lastgroup]
        covered = match.end()
        text = match.group()
        end = match.end()
        genitive = any(text.endswith(e) and not alias.casefold().endswith(e) for e in lex.genitive_endings) \
            and not text.casefold().endswith(lex.genitive_exceptions)
        after = next((e for e in lex.genitive_after if sentence.startswith(e, end)), None)
        if after:  # "Russia's": the genitive follows the name
            genitive, end, text = True, end + len(after), text + after
        government = LEADER_GOVERNMENT.match(sentence, end) if ref is not None and ref.type == "person" else None
        country = _leader_country(ref) if government is not None \
            and government["noun"].casefold() in lex.leader_governments else None
        if country is not None:  # "the Biden administration said": his country's government
            ref, end, text, origin = country, government.end(), sentence[match.start():government.end()], "group"
            covered = end
        mentions.append(Mention(match.start(), end, text, ref, genitive=genitive, origin=origin,
                                office=alias if origin == "role" else None))

    lowered = sentence.lower()
    for match in lex.group_re.finditer(sentence) if _group_pieces(lex.language).any(lowered) else ():
        if not free(match.start(), match.end()) or match["adj"].casefold() in lex.group_determiners \
                or match["adj"].split()[-1].casefold() in lex.speech_verbs:
            continue  # "…, erklärten Vertreter der US-Geheimdienste": a verb, not an adjective of the group
        (adj_from, adj_to), (noun_from, noun_to) = lex.group_rewrites
        adjective = match["adj"].casefold() if lex.group_adjective_case == "lower" else match["adj"]
        adjective = rx.sub(adj_from, adj_to, adjective)
        noun = rx.sub(noun_from, noun_to, match["noun"])
        country = nationality_in(match["adj"])
        if country is None and lex.group_singular_end.search(match["noun"]):
            continue  # "ein ranghoher Beamter (des Weißen Hauses)": a role, no group of sources
        start = match.start()
        before = WORD_BEFORE.search(sentence, 0, start) if country is None else None
        if before is not None and nationality_in(before["word"]) is not None:
            # "Polish military intelligence": the nationality before the group's adjective
            country, start = nationality_in(before["word"]), before.start("word")
        if country is not None:
            # "U.S. officials", "südkoreanische Beamte": officials of a country speak for it
            ref = _ref(country)
        else:
            ref = ActorRef(f"{adjective} {noun}", "group", "unnamed sources", (), False)
        mentions.append(Mention(start, match.end(), sentence[start:match.end()], ref, origin="group"))

    for match in COMPOUND.finditer(sentence) if "-" in sentence else ():  # most sentences hold no hyphen
        # "US-Vertreter", "Nato-Diplomaten", "Kreml-Kreise": a body's name and a group of its people;
        # "laut Nato-Angaben": a body's name and its word; "ein Pentagon-Sprecher": one of its roles;
        # "die Macron-Regierung": a leader's government, his country's
        leader = match["noun"].casefold() in lex.leader_governments
        if not (leader or lex.group_word_end.search(match["noun"]) or lex.source_noun.fullmatch(match["noun"])
                or _role_noun(match["noun"], lex)) or not free(match.start(), match.end()):
            continue
        owner = _by_alias().get(gazetteer.normalise(match["name"]))
        if owner is not None and owner.type == "person":
            owner = _leader_country(owner) if leader else None
        if owner is not None:
            mentions.append(Mention(match.start(), match.end(), match.group(), owner, origin="group"))

    for match in lex.syntax["acronym_body"].finditer(sentence):
        # "a UNIFIL spokesperson", "OSZE-Beobachter": an organisation the gazetteer lacks, by its acronym
        if free(match.start(), match.end()) and gazetteer.normalise(match["name"]) not in _by_alias():
            ref = ActorRef(match["name"], "organisation", "named by its acronym", (), False)
            mentions.append(Mention(match.start(), match.end(), match["name"], ref, origin="discovered"))

    for match in lex.closed_compound.finditer(sentence) if lex.closed_compound is not None else ():
        # "Bundeswehrsprecher", "Kremlchef": the word's first part is a body's name (the pattern finds the
        # ending, which the regex engine can skip ahead to; the word's start is found here)
        start = match.start()
        while start > 0 and sentence[start - 1].isalpha():
            start -= 1
        if match.start() - start < 3 or not sentence[start].isupper() or not free(start, match.end()):
            continue
        owner = _by_alias().get(gazetteer.normalise(sentence[start:match.start()]))
        if owner is not None and owner.type != "person":
            mentions.append(Mention(start, match.end(), sentence[start:match.end()], owner, origin="group"))

    # a body and its capital only where a country's name stands after a word ("… in Warschau")
    capital = any(m.actor is not None and m.actor.type == "country" and m.start >= 3 and sentence[m.start - 1] == " "
                  for m in mentions)
    for institution, holds_place in _discover_institutions(sentence, lex, capital):
        if holds_place:
            if any(m.origin == "gazetteer" and m.start == institution.start and m.end < institution.end
                   for m in mentions):
                continue  # "nach Angaben der Bundesregierung in Litauen": a body named already, then a place
            mentions = _take_span(mentions, institution)  # "… in Warschau": the capital is part of it
        elif free(institution.start, institution.end):
            mentions.append(institution)

    for match in lex.named_body.finditer(sentence):
        words = match["name"].split()
        if len(words) >= 2 and free(match.start(), match.end()):  # "Ministry of Defence", not "Office" alone
            ref = ActorRef(match["name"], "government", "named body", (), False)
            mentions.append(Mention(match.start(), match.end(), match["name"], ref, origin="discovered"))

    for match in lex.named_organisation.finditer(sentence) if lex.named_organisation_gate.search(sentence) else ():
        # "wie das Stockholm International Peace Research Institute mitteilte": a body by its own name, the
        # place inside it part of the name (not Sweden speaking)
        name = match["name"]
        if match.groupdict().get("genitive"):  # "des Instituts für …": stored in the nominative
            cut = match.start("genitive") - match.start("name")
            name = name[:cut] + name[cut + len(match["genitive"]):]
        ref = ActorRef(name, "organisation", "named organisation", (), False)
        mentions = _take_span(mentions, Mention(match.start(), match.end(), match["name"], ref, origin="discovered"))

    # the role nouns, found once for the people patterns and the roles that refer back
    roles = list(lex.role_re.finditer(sentence)) if _role_pieces(lex.language).any(lowered) else []
    for person in _discover_people(sentence, lex, roles):
        if free(person.start, person.end):
            mentions.append(person)

    for role in _role_heads(sentence, lex, roles):
        if free(role.start, role.end):
            mentions.append(role)  # "the minister told reporters": whoever holds the role, resolved later

    for organisation in _discover_organisations(sentence, lex):
        mentions = _take_span(mentions, organisation)

    if head_regex is not None:
        for match in head_regex.finditer(sentence):
            start = match.start("head")
            if free(start, match.end()):
                mentions.append(Mention(start, match.end(), match["head"], None, head=match["head"], origin="head",
                                        genitive=match["det"].casefold() in lex.genitive_determiners))

    # the anaphor patterns start with their word so that the regex engine skips ahead to it; the word
    # boundary before it is tested here
    for match in lex.syntax["institution_anaphor"].finditer(sentence):
        # "France has 1,500 soldiers in Niger, the army said": the body of the country the sentence is
        # about; without one, nobody
        country = _sentence_country(sentence, mentions, match.start(), lex, last=False)
        if _starts_word(sentence, match.start()) and country is not None and free(match.start(), match.end()):
            mentions.append(Mention(match.start(), match.end(), match.group(), country, origin="anaphor"))

    for match in lex.syntax["country_anaphor"].finditer(sentence):
        # "the country's interior minister", "der Verteidigungsminister des Landes": the country named
        # in this sentence or (resolved by the caller) before it
        if _starts_word(sentence, match.start()) and free(match.start(), match.end()):
            country = _sentence_country(sentence, mentions, match.start(), lex, last=True)
            mentions.append(Mention(match.start(), match.end(), match.group(), country, genitive=True,
                                    origin="anaphor"))

    if short_names:
        for match in rx.finditer(NAME_TOKEN, sentence):
            ref = short_names.get(match.group().rstrip("s")) or short_names.get(match.group())
            if ref and free(match.start(), match.end()):
                mentions.append(Mention(match.start(), match.end(), match.group(), ref, origin="short"))

    mentions.sort(key=lambda m: m.start)
    mentions = _role_before_name(sentence, mentions, lex)
    mentions = _possessive_bodies(sentence, mentions, lex)
    mentions = _owned_groups(sentence, mentions, lex)
    mentions = _placed_groups(sentence, mentions, lex)
    for mention in mentions:
        mention.prep = _preposition_before(sentence, mention.start, lex)
        if not mention.genitive and _genitive_attached(sentence, mention.start, lex):
            mention.genitive = True
            if mention.prep is not None and rx.fullmatch(lex.genitive_links, mention.prep):
                mention.prep = None  # "a spokesperson for the ministry": the link of a genitive, no place
    return mentions


@cache
def _people_patterns(language: str) -> tuple[re.Pattern, ...]:
    from claimtrack.extract.lexicon import load

    lex = load(language)
    role = lex.role_re.pattern
    name = rf"(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{0,3}})"
    return (re.compile(rf"{role}\s+{name}"),
            re.compile(rf"{name},\s+(?:{lex.apposition_determiners})\s+(?:\S+\s+){{0,3}}?(?P<role>{role})"),
            # "der Generalstabschef der französischen Streitkräfte, Thierry Burkhard,": role, genitive, name
            re.compile(rf"(?P<role>{role})\s+(?:{lex.genitive_links})\s+(?:[^\s,]+\s+){{0,3}}?[^\s,]+,\s+{name}"
                       rf"(?=\s*[,;.)]|\s+(?:{lex.after_apposition}))"),
            # "Special Representative to the UN Thomas Greenfield": role, the body, first and last name
            re.compile(rf"(?P<role>{role})\s+(?:{lex.genitive_links})\s+(?:{NAME_TOKEN}\s+|[A-Z]{{2,}}\s+){{1,3}}?"
                       rf"(?P<name>{NAME_TOKEN}\s+{NAME_TOKEN})(?!\s+{NAME_TOKEN})"),
            # "Yuri Ushakov, Russian President Vladimir Putin's foreign policy adviser, told reporters", "Juri
            # Uschakow, außenpolitischer Berater Putins, sagte": first and last name, an apposition without
            # an article that ends in a role, and a reporting verb (checked by the caller)
            # (the name's first letter leads, so that the engine skips ahead to capitals)
            re.compile(rf"(?P<name>{NAME_FIRST}(?<![\w-]{NAME_FIRST}){NAME_TOKEN[len(NAME_FIRST):]}"
                       rf"(?:\s+{NAME_TOKEN}){{1,3}}),\s+(?:[^\s,]+\s+){{0,6}}?"
                       rf"(?P<role>{role})(?:\s+[^\s,]+){{0,2}},\s+(?P<after>\w+)"))


# "IDF military international spokesperson, Jonathan Conricus, stated": after a role, first and last name
# between commas, then a reporting verb (matched right after each role the sentence holds)
NAME_AFTER_ROLE = re.compile(rf",\s+(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}}),\s+(?P<after>\w+)")


POSSESSED = re.compile(r"\s+(?P<head>[A-ZÄÖÜ][\wäöüß-]+)")


def _starts_word(sentence: str, pos: int) -> bool:
    return pos == 0 or not (sentence[pos - 1].isalnum() or sentence[pos - 1] in "-_")


def _sentence_country(sentence: str, mentions: list[Mention], end: int, lex: Lexicon, last: bool):
    """The country a sentence is about, before `end`: the first it names that no preposition governs
    ("Poland has deployed … to its border with Belarus"), else (with `last`) the last it names."""
    countries = sorted((m for m in mentions if m.end <= end and m.actor is not None and m.actor.type == "country"),
                       key=lambda m: m.start)
    return next((m.actor for m in countries if _preposition_before(sentence, m.start, lex) is None),
                countries[-1].actor if last and countries else None)


def _possessive_bodies(sentence: str, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """'Südkoreas Präsidialamt': a country in the genitive and the head noun of one of its bodies; a body the
    gazetteer lacks by its institution noun, named as by its nationality ('Russlands Militär', "Russia's
    military": 'russisches Militär', 'Russian military')."""
    entries = gazetteer.by_name()
    result = []
    for mention in mentions:
        if mention.genitive and mention.actor is not None:
            follow = POSSESSED.match(sentence, mention.end)
            if follow and not any(m.start == follow.start("head") for m in mentions):
                for owner in head_owner(follow["head"]):
                    entry = entries.get(owner)
                    if entry and entry.part_of == mention.actor.name:
                        ref = _ref(entry)
                        mention = Mention(mention.start, follow.end(), sentence[mention.start:follow.end()], ref)
                        break
        if mention.genitive and mention.actor is not None and mention.actor.type == "country":
            body = _possessed_institution(lex.language).match(sentence, mention.end)
            adjective = _adjectives_by_country(lex.language).get(mention.actor.name)
            if body is not None and adjective is not None and not any(m.start == body.start("noun") for m in mentions):
                ref = _institution_ref(adjective, body["noun"], "", mention.actor, lex)
                if ref is not None:
                    mention = Mention(mention.start, body.end(), sentence[mention.start:body.end()], ref,
                                      origin="discovered")
        result.append(mention)
    return result


@cache
def _possessed_institution(language: str) -> re.Pattern:
    """An institution noun right after a country's genitive; in a language that closes compounds, as the
    end of a capitalised word ('Russlands Militärführung')."""
    from claimtrack.extract.lexicon import load

    lex = load(language)
    nouns = "|".join(re.escape(suffix).replace(r"\ ", r"\s+") for suffix, _ in lex.institution_endings)
    prefix = r"(?=[A-ZÄÖÜ])[\w-]*?" if lex.closed_compounds else ""
    endings = "|".join(re.escape(e) for e in sorted(lex.noun_ending_list, key=len, reverse=True) if e)
    return re.compile(rf"\s+(?P<noun>{prefix}(?i:{nouns})(?:{endings})?)(?![\w-])")


@cache
def _adjectives_by_country(language: str) -> dict[str, str]:
    """A country's nationality adjective (stem) in the language, by its canonical name: 'Russland' ->
    'russisch' (de), 'Russian' (en)."""
    from claimtrack import lang

    forces = lang.load(language, "forces")["force"]
    result: dict[str, str] = {}
    for entry in gazetteer.entries():
        if entry.type != "country":
            continue
        names = {entry.name, *entry.aliases}
        force = next((f for f in forces if f["adjectives"] and names & set(f["names"])), None)
        if force is not None:
            result[entry.name] = force["adjectives"][0]
    return result


def nationality_in(words: str):
    """The country whose nationality adjective ends `words` ("two senior U.S." → USA), if any."""
    nationalities = gazetteer.by_nationality()
    tokens = words.split()
    for size in (2, 1):
        if len(tokens) >= size:
            key = " ".join(tokens[-size:]).casefold()
            entry = nationalities.get(key) or nationalities.get(rx.sub(_alias_inflection()[0] + "$", "", key))
            if entry is not None:
                return entry
    return None


def _take_span(mentions: list[Mention], found: Mention) -> list[Mention]:
    """Add a discovered body; gazetteer names wholly inside it are its parts ("Sudan Witness" is not
    Sudan, "das Verteidigungsministerium in Warschau" not Warsaw); any other overlap keeps the older."""
    inside = [m for m in mentions if found.start <= m.start and m.end <= found.end]
    others = [m for m in mentions if m not in inside]
    if any(not (m.end <= found.start or m.start >= found.end) for m in others):
        return mentions
    if all(m.origin == "gazetteer" and m.end - m.start < found.end - found.start for m in inside):
        return others + [found]
    return mentions


LEADER_GOVERNMENT = re.compile(r"\s+(?P<noun>[^\W\d_]+)(?![\w-])")


def _leader_country(person: ActorRef) -> ActorRef | None:
    """The country a known leader is part of (Trump: USA), for the government named after him."""
    entry = gazetteer.by_name().get(person.name)
    country = gazetteer.by_name().get(entry.part_of) if entry is not None and entry.part_of else None
    return _ref(country) if country is not None and country.type == "country" else None


def _role_noun(word: str, lex: Lexicon) -> bool:
    """'Sprecher', 'Chef', 'Führung': a role of a body, as the end of a word naming the body."""
    return lex.closed_compound is not None and lex.closed_compound.search(word.casefold()) is not None


def _role_before_name(sentence: str, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """'Pentagon-Sprecher John Kirby', 'Nato-Generalsekretär Jens Stoltenberg': a role (an office the
    gazetteer knows, a body's role word) right before a person's name only describes that person."""
    result: list[Mention] = []
    for i, mention in enumerate(mentions):
        following = mentions[i + 1] if i + 1 < len(mentions) else None
        if following is not None and mention.actor is not None and following.actor is not None \
                and following.actor.type == "person" and not sentence[mention.end:following.start].strip() \
                and (mention.origin == "role" or mention.origin == "group" and _role_noun(mention.text, lex)
                     or mention.actor.type == "person" and mention.actor.name != following.actor.name
                     and lex.role_re.search(mention.text)):
            if mention.origin == "role":
                following.office = mention.office  # "der Nato-Generalsekretär" later in the article is him
            continue
        result.append(mention)
    return result


def _owned_groups(sentence: str, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """"Ukraine's military intelligence", "Britain's Ministry of Defence": a body described or named after
    a country's possessive speaks for the country (the gazetteer or a discovered institution names it
    when it can; a named body alone, "Ministry of Defence", would not say whose)."""
    result: list[Mention] = []
    for mention in mentions:
        previous = result[-1] if result else None
        owned = mention.origin == "group" or (mention.origin == "discovered" and mention.actor is not None
                                              and mention.actor.type == "government")
        if previous is not None and previous.genitive and previous.actor is not None and lex.genitive_after \
                and previous.text.endswith(lex.genitive_after) and owned \
                and not sentence[previous.end:mention.start].strip():
            result[-1] = Mention(previous.start, mention.end, sentence[previous.start:mention.end], previous.actor,
                                 origin=previous.origin)
            continue
        result.append(mention)
    return result


def _placed_groups(sentence: str, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """'hochrangige Beamte in Kiew und Seoul', 'officials in Seoul': unnamed sources placed in a country
    (by its name or capital) speak for it, as 'ukrainische Beamte' do; the first place named. Only
    sources that their adjective ranks, or that are named by an official noun alone: 'westliche
    Diplomaten in Moskau' are not Russia's."""
    result: list[Mention] = []
    skip = None
    for i, mention in enumerate(mentions):
        if mention is skip:
            continue
        place = mentions[i + 1] if i + 1 < len(mentions) else None
        link = lex.group_place.match(sentence, mention.end) if place is not None else None
        if mention.origin == "group" and mention.actor is not None and mention.actor.type == "group" \
                and mention.actor.name.casefold().startswith(lex.group_place_adjectives) and link is not None \
                and link.end() == place.start and _country(place):
            result.append(Mention(mention.start, place.end, sentence[mention.start:place.end], place.actor,
                                  origin="group"))
            skip = place
            continue
        free_from = result[-1].end if result else 0
        officials = lex.group_place_noun.search(sentence, max(free_from, mention.start - 40), mention.start) \
            if _country(mention) else None
        if officials is not None:  # "officials in Seoul": the noun is no one's mention yet
            result.append(Mention(officials.start(), mention.end, sentence[officials.start():mention.end],
                                  mention.actor, origin="group"))
            continue
        result.append(mention)
    return result


def _country(mention: Mention) -> bool:
    return mention.actor is not None and mention.actor.type == "country" and not mention.genitive


def _institution_ref(adjective: str, written: str, of: str, country, lex: Lexicon) -> ActorRef | None:
    """A country's body by its nationality adjective and institution noun, in the nominative
    ('belarussisches Verteidigungsministerium', 'Russian military'); the country itself for the nouns
    that stand for it ('polnische Behörden'); None when the noun ends in no institution word."""
    key = written.casefold()
    for suffix, ending, inflected in _institution_forms(lex.language):
        if not key.endswith(inflected):
            continue
        # the ending's length, not the stem's: casefold() makes "ß" two letters ("Außenministeriums")
        cut = next(len(tail) for tail in ("", *lex.noun_ending_list) if key.endswith(suffix + tail))
        noun = written[:len(written) - cut]
        if lex.group_adjective_case == "lower":  # "Polnische Behörden …" opening a sentence
            adjective = adjective[:1].lower() + adjective[1:]
        noun += of  # "Ministry of Defence"
        if noun.casefold() in lex.country_bodies or key in lex.country_bodies:
            return ActorRef(country.name, country.type, country.description, country.aliases, True)
        return ActorRef(f"{adjective}{ending} {noun}", "government", f"{country.name}: {noun}", (), False)
    return None


def _discover_institutions(sentence: str, lex: Lexicon, capital: bool = True) -> list[tuple[Mention, bool]]:
    """'das belarussische Verteidigungsministerium', 'der polnische Generalstab': a body of a country the
    text names by its nationality, stored under its nominative ('belarussisches Verteidigungsministerium');
    'das Verteidigungsministerium in Warschau': a body and its country's capital (True: the mention holds
    a place the gazetteer knows)."""
    found = []
    known = _nationality_pieces().any(sentence.lower())  # a body by nationality needs a known adjective
    for match in lex.institution_re.finditer(sentence) if known else ():
        country = gazetteer.by_nationality().get(match["adj"].casefold())
        if country is None:
            continue  # "das zuständige Ministerium": no nationality, nobody to name
        ref = _institution_ref(match["adj"], match["noun"], match.groupdict().get("of") or "", country, lex)
        if ref is not None:
            found.append((Mention(match.start(), match.end(), match.group(), ref, origin="discovered"), False))
    for place in lex.capital_after.finditer(sentence) if capital else ():
        country = _by_alias().get(gazetteer.normalise(place["city"]))
        if country is None or country.type != "country":
            continue
        window = max(0, place.start() - 60)
        match = lex.institution_in_capital.search(sentence, window, place.start())
        if match is not None:
            if match["noun"].split()[-1].casefold().endswith(tuple(lex.abroad_bodies)):
                continue  # "die chinesische Botschaft in Moskau" is China's, not Russia's
            noun = match["noun"]
            for tail in lex.noun_ending_list[::-1]:
                if tail and noun.endswith(tail) and any(noun[:-len(tail)].casefold().endswith(s) for s, _ in lex.institution_endings):
                    noun = noun[:-len(tail)]
                    break
            name = f"{noun} in {place['city']}"
            ref = ActorRef(name, "government", f"{country.name}: {noun}", (), False)
            found.append((Mention(match.start(), place.end(), sentence[match.start():place.end()], ref,
                                  origin="discovered"), True))
            continue
        role = lex.role_in_capital.search(sentence, window, place.start())
        if role is not None:  # "erklärte ein Regierungssprecher in Warschau": the country speaks
            found.append((Mention(role.start(), place.end(), sentence[role.start():place.end()], country,
                                  origin="group"), True))
    return found


@cache
def _institution_forms(language: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(suffix, ending, every inflected form of the suffix) of each institution ending, so that one
    str.endswith tells whether a noun ends in it."""
    from claimtrack.extract.lexicon import load

    lex = load(language)
    return tuple((suffix, ending, tuple(suffix + tail for tail in ("", *lex.noun_ending_list)))
                 for suffix, ending in lex.institution_endings)


@cache
def _group_pieces(language: str) -> PieceScanner:
    """The words unnamed groups end in, for a quick test before the group pattern (its noun holds one)."""
    from claimtrack.extract.lexicon import load

    return PieceScanner(w.lower() for w in load(language).group_words)


@cache
def _organisation_pieces(language: str) -> PieceScanner:
    """The kinds of bodies ("Beobachtergruppe", "think tank"), for a quick test before the pattern."""
    from claimtrack.extract.lexicon import load

    return PieceScanner(n.lower() for n in load(language).organisation_words)


@cache
def _nationality_pieces() -> PieceScanner:
    """The nationality adjectives of every language, for a quick test before the institution regex."""
    return PieceScanner(adjective.lower() for adjective in gazetteer.by_nationality())


@cache
def _role_pieces(language: str) -> PieceScanner:
    """The role nouns and role endings of a language, for a quick test before the role regex."""
    from claimtrack import lang

    roles = lang.load(language, "cues")["roles"]
    return PieceScanner(r.lower() for r in roles["nouns"] + roles["role_suffixes"])


@cache
def _role_head_regex(language: str) -> tuple[re.Pattern, re.Pattern]:
    """What stands before a role noun that refers back ('der Minister', 'the minister', 'der ukrainische
    Präsident': a definite article, maybe an adjective) and what must not follow it: a genitive or
    'of'/'for' ('der Sprecher des Ministeriums' is the body's) or a name ('der Präsident Wolodymyr Selenskyj')."""
    from claimtrack.extract.lexicon import load

    lex = load(language)
    article = re.compile(rf"(?<![\w-])(?i:{lex.head_determiners})\s+(?:[a-zäöüß][\w-]*\s+)?$")
    owned = re.compile(rf"\s+(?:(?i:{lex.genitive_links})\s|{NAME_FIRST})")
    return article, owned


def _role_heads(sentence: str, lex: Lexicon, roles: list[re.Match]) -> list[Mention]:
    """A role alone, not of a body nor before a name: a person of the article by that role, once the
    state says who (found from the sentence's role nouns, rarer than articles)."""
    if not roles:
        return []
    article, owned = _role_head_regex(lex.language)
    return [Mention(role.start(), role.end(), role.group(), None, head=role.group(), origin="role-head")
            for role in roles
            if article.search(sentence, max(0, role.start() - 40), role.start()) and not owned.match(sentence, role.end())]


def person_in_role(role: str, history: list[ActorRef]) -> ActorRef | None:
    """The last person named whose role words fit a role noun ('der Minister' after 'Verteidigungsminister
    Boris Pistorius', not after 'Präsident Gitanas Nauseda'): a word of the one ends the other."""
    key = role.casefold()
    for actor in reversed(history):
        if actor.type != "person":
            continue
        entry = gazetteer.by_name().get(actor.name) if actor.known else None
        words = rx.findall(r"[^\W\d_][\w-]+", " ".join([actor.description or "", *(entry.roles if entry else ())]))
        if any(len(w) >= 4 and (w.casefold().endswith(key) or key.endswith(w.casefold())) for w in words):
            return actor
    return None


def _country_word_before(sentence: str, pos: int, lex: Lexicon) -> str | None:
    """The word right before `pos` when it names a country, by its nationality ('Latvian') or its name,
    in the genitive too ('Polens', "Russia's"), as written."""
    head = sentence[max(0, pos - 40):pos].rstrip()
    written = head[max(head.rfind(" "), head.rfind("\n"), head.rfind("\t")) + 1:]
    word = written[:-2] if written.endswith(("'s", "’s")) else written
    return written if word[:1].isalpha() and country_named(word, lex) else None


def country_named(word: str, lex: Lexicon) -> str | None:
    """The canonical name of the country a single word names: its nationality adjective, its name, or its
    name in the genitive ('Polens')."""
    entry = nationality_in(word)
    if entry is not None:
        return entry.name
    key = gazetteer.normalise(word)
    for candidate in [key] + [key[:-len(e)] for e in lex.genitive_endings if e and key.endswith(e)]:
        ref = _by_alias().get(candidate)
        if ref is not None and ref.type == "country":
            return ref.name
    return None


def _discover_people(sentence: str, lex: Lexicon, roles: list[re.Match]) -> list[Mention]:
    """Named speakers the gazetteer lacks, introduced by a role noun (`roles`: the sentence's) or
    described in an apposition."""
    found = []
    if not roles:
        return found
    patterns = _people_patterns(lex.language)
    two_commas = sentence.count(",") >= 2
    if not two_commas:
        patterns = patterns[:-1]  # the apposition between commas needs two
    # (match, its role, whether the role stands right before the name)
    candidates = [(m, m.group("role") if "role" in m.groupdict() and m.group("role") else None,
                   "role" not in m.groupdict()) for pattern in patterns for m in pattern.finditer(sentence)]
    # "IDF military international spokesperson, Jonathan Conricus, stated": after a role, the name alone
    # between commas (tried right after each role the sentence holds)
    candidates += [(m, role.group(), False) for role in roles if two_commas and sentence.startswith(",", role.end())
                   for m in [NAME_AFTER_ROLE.match(sentence, role.end())] if m is not None]
    for match, role, role_before in candidates:
        tokens = match["name"].split()
        if any(t.casefold() in lex.articles or t.casefold() in lex.speech_verbs or t.casefold() in lex.months
               or t.casefold() in lex.weekdays or t.casefold() in lex.prepositions for t in tokens):
            continue
        if "after" in match.groupdict() and match["after"].casefold() not in lex.speech_verbs:
            continue
        role = role or lex.role_re.match(match.group()).group()
        start, name = match.start("name"), match["name"]
        # "Deputy Defense Minister Viktor Gulevich": the role goes on past the first role word; the name
        # starts after the last one (unless that is its last word: "Prime Minister John Major")
        words = list(re.finditer(r"\S+", name)) if lex.role_re.search(name) else []  # most names hold none
        last_role = next((i for i in range(len(words) - 2, -1, -1) if lex.role_re.fullmatch(words[i].group())), None)
        if last_role is not None:
            cut = words[last_role + 1].start()
            if role_before:
                role = sentence[match.start():start + words[last_role].end()]
            start, name = start + cut, name[cut:]
        if role_before:
            side = _country_word_before(sentence, match.start(), lex)
            if side is not None:  # "Latvian Deputy Defence Minister …", "Polens Außenminister …": whose
                role = f"{side} {role}"
        found.append(Mention(start, start + len(name), name,
                             ActorRef(name, "person", role, (), False), origin="discovered"))
    return found


INVERTED_NAME = re.compile(rf"\s+(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}})(?=\s*(?:[,.;:!?)]|$)|\s+(?P<next>\w+))")


def inverted_speakers(sentence: str, verbs, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """'„…“, erklärte Andrij Demchenko.', '…, said Julia Stanyard.', 'Am Montag sagte Julia Stanyard, …':
    after a quote, a clause or a fronted phrase, a reporting verb and a first and last name the gazetteer
    lacks, where the sentence, a comma or a preposition follows; 'Julia Stanyard said …', 'On Monday, Julia
    Stanyard said …': a first and last name that opens its clause right before the verb. A person who
    speaks (open world: no role noun needed)."""
    found = []
    for verb in verbs:
        head = sentence[:verb.start()].rstrip()
        after_clause = head.endswith((",", "“", "”", "\"", "«", "»"))
        match = INVERTED_NAME.match(sentence, verb.end()) if head else None
        if match is not None and not after_clause and match["next"]:
            match = None  # a fronted phrase, then the verb: the name must end the clause ("sagte X, …")
        if match is not None and match["next"] and match["next"].casefold() not in lex.prepositions:
            match = None
        last_two = head[-60:].rsplit(maxsplit=2)[-2:]
        if match is None and len(last_two) == 2 and last_two[0][:1].isupper() and last_two[1][:1].isupper():
            # the two words before the verb may be a first and last name: matched where the first starts
            match = SUBJECT_NAME.match(head, head.rfind(last_two[0], 0, len(head) - len(last_two[1])))
            if match is not None and (head[:match.start("name")].rstrip()[-1:] not in CLAUSE_OPENERS
                                      or lex.syntax["pronoun_after"].match(sentence, verb.end())
                                      or any(t.casefold() in lex.time_nouns for t in match["name"].split())):
                # the name must open its clause, and be no time before an inverted pronoun: "Vergangene
                # Woche sagte er"
                match = None
        if match is None:
            continue
        start, end = match.start("name"), match.end("name")
        if any(m.start < end and start < m.end for m in mentions):
            continue  # a role, a body or a person already found there
        tokens = match["name"].split()
        if any(t.casefold() in lex.articles or t.casefold() in lex.speech_verbs or t.casefold() in lex.months
               or t.casefold() in lex.weekdays or t.casefold() in lex.prepositions or t.casefold() in lex.place_nouns
               for t in tokens) or any(lex.role_re.fullmatch(t) or country_named(t, lex) for t in tokens):
            continue
        found.append(Mention(start, end, match["name"], ActorRef(match["name"], "person", "named speaker", (), False),
                             origin="discovered"))
    return found


SUBJECT_NAME = re.compile(rf"(?<![\w-])(?P<name>{NAME_TOKEN}\s+{NAME_TOKEN})$")
CLAUSE_OPENERS = ("", ",", ";", ":", "„", "“", "”", "\"", "«", "»", "(")


ORG_NAME = rf"(?:{NAME_TOKEN}|[A-Z]{{2,}}[a-z]?)(?:\s+(?:{NAME_TOKEN}|[A-Z]{{2,}}[a-z]?)){{0,3}}"


def _discover_organisations(sentence: str, lex: Lexicon) -> list[Mention]:
    """'die Beobachtergruppe Belaruski Hajun', 'the think tank ISW': a noun that says what kind of body
    follows, and the body's name (capitalised words; not a verb, article, month or weekday)."""
    found = []
    if not _organisation_pieces(lex.language).any(sentence.lower()):
        return found  # no kind of body named: most sentences
    for match in lex.organisation_re.finditer(sentence):
        name = rx.match(ORG_NAME, sentence[match.end():])
        if name is None:
            continue
        tokens = name.group().split()
        while tokens and (tokens[-1].casefold() in lex.speech_verbs or tokens[-1].casefold() in lex.articles
                          or tokens[-1].casefold() in lex.months or tokens[-1].casefold() in lex.weekdays
                          or tokens[-1].casefold() in lex.prepositions):
            tokens.pop()
        if not tokens or tokens[0].casefold() in lex.articles:
            continue
        text = " ".join(tokens)
        if not sentence.startswith(text, match.end()):
            continue
        ref = ActorRef(text, "organisation", match["noun"], (), False)
        found.append(Mention(match.end(), match.end() + len(text), text, ref, origin="discovered"))
    for described in _organisation_apposition(lex.language).finditer(sentence):
        # "Belaruski Hajun, a monitoring group, wrote": the name first, what kind of body it is after it
        # (found from the comma: a pattern that opened with the name would be tried at every word)
        match = _name_before(lex.language).search(sentence, max(0, described.start() - 80), described.start())
        if match is None:
            continue
        tokens = match["name"].split()
        while tokens and (tokens[0].casefold() in lex.articles or tokens[0].casefold() in lex.prepositions
                          or tokens[0].casefold() in lex.speech_verbs):
            tokens.pop(0)  # "Laut Belaruski Hajun, einer Beobachtergruppe": the sentence's first word is no name
        name = " ".join(tokens)
        start = match.end("name") - len(name)
        if not tokens or sentence[start:match.end("name")] != name or any(m.start <= start < m.end for m in found):
            continue
        ref = ActorRef(name, "organisation", described["noun"], (), False)
        found.append(Mention(start, match.end("name"), name, ref, origin="discovered"))
    return found


@cache
def _organisation_apposition(language: str) -> re.Pattern:
    """', a monitoring group,' / ', einer Beobachtergruppe,': the apposition that says what a name is."""
    from claimtrack.extract.lexicon import load

    lex = load(language)
    return re.compile(rf",\s+(?:{lex.apposition_determiners})\s+(?:[\w-]+\s+){{0,2}}?"
                      rf"(?P<noun>{lex.organisation_nouns})(?=\s*[,;.)]|\s+(?:{lex.after_apposition}))")


@cache
def _name_before(language: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?P<name>{ORG_NAME})$")


def institution_heads(name: str, lex: Lexicon) -> list[str]:
    """The nouns by which a discovered body is named again: its noun ("Verteidigungsministerium") and the
    institution word it ends in ("Ministerium"), capitalised as the language writes nouns."""
    noun = name.split(" ", 1)[-1]
    heads = [noun]
    for suffix, _ in lex.institution_endings:
        if noun.casefold().endswith(suffix) and noun.casefold() != suffix:
            word = suffix if " " in suffix else noun[len(noun) - len(suffix):]
            heads.append(word[:1].upper() + word[1:] if lex.nouns_capitalised else word)
            break
    return heads


def described_mentions(sentence: str, lex: Lexicon, described: dict[str, ActorRef],
                       mentions: list[Mention]) -> list[Mention]:
    """'Das Ministerium teilte mit': a determiner and the head noun of a body the article described
    before refer back to it."""
    if not described:
        return mentions
    pattern = _described_regex(lex.language, tuple(sorted(described, key=len, reverse=True)))
    by_noun = {noun.casefold(): ref for noun, ref in described.items()}
    found = list(mentions)
    for match in pattern.finditer(sentence):
        start, end = match.start("head"), match.end()
        if all(end <= m.start or start >= m.end for m in found):
            found.append(Mention(start, end, match["head"], by_noun[match["noun"].casefold()], head=match["head"],
                                 origin="head", genitive=match["det"].casefold() in lex.genitive_determiners))
    found.sort(key=lambda m: m.start)
    for mention in found:
        if mention.prep is None and mention.origin == "head":
            mention.prep = _preposition_before(sentence, mention.start, lex)
    return found


@lru_cache(maxsize=64)
def _described_regex(language: str, nouns: tuple[str, ...]) -> re.Pattern:
    from claimtrack.extract.lexicon import load

    lex = load(language)
    alternation = "|".join(re.escape(n) for n in nouns)
    return re.compile(rf"(?<![\w-])(?P<det>(?i:{lex.head_determiners}))\s+(?P<head>(?P<noun>{alternation}){lex.noun_endings})(?![\w-])",
                      0 if lex.nouns_capitalised else re.IGNORECASE)


def _preposition_before(sentence: str, start: int, lex: Lexicon) -> str | None:
    window = sentence[max(0, start - 60):start]
    words = rx.findall(r"[\w-]+", rx.split(r"[,;:„“”«»\"()]", window)[-1])  # not across punctuation
    # skip articles and adjectives between the preposition and the name: "aus dem ukrainischen Geheimdienst";
    # and a place noun: "über die senegalesische Hauptstadt Dakar"
    for word in reversed(words[-4:]):
        key = word.casefold()
        if key in lex.prepositions:
            return key
        if key in lex.articles or lex.adjective_like.fullmatch(word) or key in lex.place_nouns:
            continue
        return None
    return None


def _genitive_attached(sentence: str, start: int, lex: Lexicon) -> bool:
    """'Sprecher des Generalstabs', 'Leiter der Behörde': the name modifies a noun before it."""
    return bool(lex.syntax["genitive_attached"].search(sentence, max(0, start - 80), start))
