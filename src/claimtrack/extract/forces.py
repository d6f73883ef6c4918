"""Whose troops a figure or a stance is about: the force (a country's armed forces or a group such as
Wagner or NATO), found from the text around it, language data from lang/<code>/forces.toml.

In order: an adjective or compound in the counted phrase ("12.000 nordkoreanische Soldaten",
"US-Soldaten", "Wagner-Söldner"); an owner after the noun ("Soldaten aus Kroatien", "Kämpfer der
Wagner-Gruppe"); a force named as the clause's actor before the figure ("Frankreich wird 500 Soldaten
entsenden", not "nach Russland"); else the article's own subject, the force its troop nouns name most.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from claimtrack import lang
from claimtrack.extract.lexicon import Lexicon, load, name_forms
from claimtrack.extract.literals import alternation
from claimtrack.extract.rx import with_prefilters, without_dead_patterns
from claimtrack.extract.scan import PieceScanner


@dataclass(frozen=True)
class ForceTable:
    adjective: re.Pattern  # named groups are not used: the match text maps through `by_word`
    name: re.Pattern
    by_word: dict  # casefolded name or adjective stem -> force
    compound: re.Pattern  # a name opening a compound: "US-Soldaten", "Bundeswehrsoldaten"
    troop_noun: re.Pattern
    place_prepositions: frozenset
    owner_after: re.Pattern
    more_countries: re.Pattern
    deploy: re.Pattern
    reporting: re.Pattern  # right after a name: it speaks ("Südkorea gibt an")
    announce: re.Pattern  # a person's own announcement of a deployment
    alliances: frozenset  # forces that are alliances of states (no nationality adjective, not a group)
    multinational: re.Pattern  # right after a troop noun, or inside its phrase
    control_after: re.Pattern
    preposition: re.Pattern  # one of place_prepositions as a word, with the space after it
    possessive: re.Pattern  # right before a figure or troop noun: "its", "seine"
    possessive_after: re.Pattern  # right after a figure: "of its", "seiner"
    speaker_pronoun: re.Pattern  # a subject pronoun that can stand for the speaker: "it", "sie"
    infinitive: re.Pattern  # right before a verb: its infinitive marker ("zu schicken", "to send")
    possession: re.Pattern  # right before a figure: "has about", "verfügt über"
    withdraw: re.Pattern  # troops leaving: "from X" after them is the place they leave
    deploy_noun: re.Pattern  # right before a figure: "the deployment of", "die Entsendung von"
    lex: Lexicon
    noun_scanner: object  # finds troop nouns and their inflected forms anywhere (the ends of words)
    endings: re.Pattern  # inflection to strip to find a stem: "russischen" -> "russisch"


MULTINATIONAL = "\x00multinational"  # troops of several countries: the article's alliance, if it names one


@cache
def table(language: str) -> ForceTable:
    data = lang.load(language, "forces")
    lex = load(language)
    by_word: dict[str, str] = {}
    names, adjectives = [], []
    for force in data["force"]:
        for name in force["names"] + force.get("military", []):
            for form in name_forms(name, lang.load(language, "grammar")["inflection"]["adjective_endings"]):
                by_word[form.casefold()] = force["name"]
                names.append(form)
        for stem in force["adjectives"]:
            by_word[stem.casefold()] = force["name"]
            adjectives.append(stem)
        for people in force.get("demonyms", []):
            by_word[people.casefold()] = force["name"]
            adjectives.append(people)  # "12.000 Nordkoreaner" names whose they are like an adjective
    words = data["words"]
    name_alt = alternation(names, False)  # in patterns that compare case
    return with_prefilters(without_dead_patterns(ForceTable(
        adjective=re.compile(rf"(?<![\w-])(?:{alternation(adjectives, True)}){lex.adjective_endings}(?![\w-])", re.IGNORECASE),
        # a name as a word or as the first part of a hyphenated compound ("US-Soldaten"), genitive -s allowed
        name=re.compile(rf"(?<![\w-])(?:{name_alt})(?=s?(?![\w])|-)"),
        by_word=by_word,
        compound=re.compile(rf"(?<![\w-])(?P<name>{name_alt})-(?=\w)" + (
            rf"|(?<![\w-])(?P<closed>{alternation((n for n in names if len(n) >= 6), False)})(?=[^\W\d_]{{4,}})"
            if lex.closed_compounds else "")),
        # the noun alone, also as the last part of a compound; the word's start is found after the match
        troop_noun=re.compile(rf"(?:{alternation(words['troop_nouns'], True)}){lex.noun_endings}(?!\w)", re.IGNORECASE),
        place_prepositions=frozenset(w.casefold() for w in words["place_prepositions"]),
        # a third country named after the owner: "aus Deutschland, den Niederlanden und Polen" (two could
        # be a pair fighting together, three are a coalition)
        more_countries=re.compile(rf"(?:(?:\s*,\s*|\s+(?:{lex.conjunctions})\s+)(?:\w+\s+)?(?:{name_alt})(?![\w])){{2}}"),
        owner_after=re.compile(rf"(?:\s+(?:{lex.conjunctions})\s+\w+)?\s*(?:{'|'.join(words['owner_links'])})(?:\w+\s+){{0,2}}?"
                               rf"(?P<name>{name_alt})(?![\w])"),
        reporting=re.compile(r"[\w-]*\s+(?:" + "|".join(words["reporting_after"]) + r")(?!\w)", re.IGNORECASE),
        deploy=re.compile(r"(?<!\w)(?:" + "|".join(words["deploy_verbs"]) + r")", re.IGNORECASE),
        announce=re.compile(r"(?<!\w)(?:" + "|".join(words["announce"]) + r")(?!\w)", re.IGNORECASE),
        alliances=frozenset(f["name"] for f in data["force"] if not f["adjectives"] and f.get("alliance")),
        # also after a coordinated noun: "Soldaten und Soldatinnen aus Ländern wie …", "troops and staff from …"
        multinational=re.compile(rf"(?:\s+(?:{lex.conjunctions})\s+\w+)?\s*(?:" + "|".join(words["multinational"])
                                 + r")(?!\w)", re.IGNORECASE),
        control_after=re.compile(words["control_after"].replace("{adjectives}", alternation(adjectives, True)), re.IGNORECASE),
        preposition=re.compile(r"(?<![\w-])(?:" + "|".join(sorted(map(re.escape, words["place_prepositions"]), key=len, reverse=True))
                               + r")\s", re.IGNORECASE),
        possessive=re.compile(words["possessives"]),
        possessive_after=re.compile(words["possessive_after"]),
        speaker_pronoun=re.compile(r"(?<![\w-])(?:" + "|".join(words["subject_pronouns"]) + r")(?![\w-])", re.IGNORECASE),
        infinitive=re.compile(r"(?<![\w-])(?:" + words["infinitive_marker"] + r")\s+$"),
        possession=re.compile(words["possession"], re.IGNORECASE),
        withdraw=re.compile(r"(?<![\w-])(?:" + "|".join(words["withdraw_verbs"]) + r")", re.IGNORECASE),
        deploy_noun=re.compile(words["deploy_nouns"], re.IGNORECASE),
        lex=lex,
        noun_scanner=PieceScanner({(n + e).lower() for n in words["troop_nouns"]
                                   for e in [""] + lang.load(language, "grammar")["inflection"]["noun_endings"]}),
        endings=re.compile("(?:" + "|".join(sorted(_stem_endings(lex), key=len, reverse=True)) + ")$"),
    )))


def _stem_endings(lex: Lexicon) -> set[str]:
    """Endings stripped from a word to find a force's name or adjective stem ("russischen", "Russlands");
    a pattern that never matches when the language inflects neither."""
    inflection = lang.load(lex.language, "grammar")["inflection"]
    return set(inflection["adjective_endings"]) | set(inflection["genitive_endings"]) or {"$^"}


def _force_of_word(word: str, forces: ForceTable) -> str | None:
    key = word.casefold()
    if key in forces.by_word:
        return forces.by_word[key]
    stem = forces.endings.sub("", key)
    return forces.by_word.get(stem)


def _in_phrase(text: str, forces: ForceTable) -> str | None:
    """An adjective ("russischen"), a hyphenated compound ("US-Soldaten") or a closed compound
    ("Bundeswehrsoldaten") inside a noun phrase."""
    match = forces.adjective.search(text)
    if match:
        return _force_of_word(match.group(), forces)
    match = forces.compound.search(text)
    if match:
        return _force_of_word(match["name"] or match["closed"], forces)
    match = forces.name.search(text)  # "1,500 Wagner fighters": a name inside the counted phrase owns it
    if match:
        return _force_of_word(match.group(), forces)
    return None


def _actor_before(text: str, end: int, forces: ForceTable, speaker: bool = False) -> str | None:
    """The last force named before `end` as an actor: not governed by a preposition of place, not a
    genitive attribute ("nach Angaben der US-Regierung"), not the subject of a reporting verb (unless
    `speaker`: "Rwanda denies that its troops …" speaks of its own)."""
    for match in reversed(list(forces.name.finditer(text, 0, end))):
        words = re.findall(r"[\w-]+", text[max(0, match.start() - 40):match.start()])
        previous = next((w for w in reversed(words) if w.casefold() not in forces.lex.articles
                         and not forces.lex.adjective_like.fullmatch(w)), None)
        if previous is not None and previous.casefold() in forces.place_prepositions:
            continue
        if forces.lex.syntax["genitive_attached"].search(text, max(0, match.start() - 40), match.start()):
            continue
        if not speaker and (forces.reporting.match(text, match.end()) or _speaking_group(text, match.end(), forces)):
            continue  # "Südkorea gibt an", "US officials had put the number …": a speaker, not the actor
        after = next((e for e in forces.lex.genitive_endings + forces.lex.genitive_after
                      if text.startswith(e, match.end()) and text[match.end() + len(e):match.end() + len(e) + 1] in (" ", ",", ".")),
                     None)
        if after is not None and not forces.troop_noun.match(text, match.end() + len(after) + 1):
            continue  # "zur Unterstützung Russlands": a modifier, not the actor
        return _force_of_word(match.group(), forces)
    return None


def _speaking_group(text: str, end: int, forces: ForceTable) -> bool:
    """A group of sources right after a name ('US officials', 'US-Beamte'): the name is their side's."""
    after = GROUP_AFTER.match(text, end)
    return after is not None and after["word"].casefold() in forces.lex.group_words_folded


GROUP_AFTER = re.compile(r"[\s-](?P<word>[^\W\d_]+)")


def force_of_figure(text: str, start: int, phrase_end: int, forces: ForceTable) -> str | None:
    """Whose troops the figure at text[start:phrase_end] (figure through its counted noun) counts."""
    if forces.multinational.match(text, phrase_end) or forces.multinational.search(text, start, phrase_end):
        return MULTINATIONAL
    found = _in_phrase(text[start:phrase_end], forces)
    if found:
        return found
    found = _possessor(text, start, phrase_end, forces) or _genitive_owner(text, start, forces)
    if found:  # "seine letzten 1.500 Soldaten aus dem Niger": its own, wherever they are from
        return found
    control = forces.control_after.match(text, phrase_end)
    if control:
        return _force_of_word(control["adjective"], forces)
    owner = _owner_after(text, start, phrase_end, forces)
    if owner:
        return owner
    return _owner_before(text, start, forces) or (
        (_actor_before(text, start, forces) or _subject_after(text, start, phrase_end, forces))
        if forces.deploy.search(text) else None)


def _last_full_stop(window: str) -> int:
    """The last full stop in the window, not the dot of a one-letter abbreviation ("U.S. troops", "z.B."); -1."""
    dot = window.rfind(".")
    while dot > 0 and window[dot - 1].isalpha() and (dot == 1 or window[dot - 2].isspace() or window[dot - 2] == "."):
        dot = window.rfind(".", 0, dot)
    return dot


GOVERNED = re.compile(r"(?P<word>[^\W\d_][\w.-]*)\s+")  # a word a preposition governs, with the space after it
ARTICLE_WORD = re.compile(r"(?P<word>\w+)\s+")
OPENERS = " \"„“”«»'"  # what may stand before a sentence's first word


def _subject_after(text: str, start: int, phrase_end: int, forces: ForceTable) -> str | None:
    """'Rund 100.000 Soldaten soll Russland an die Grenze verlegt haben': the force named as the subject
    after the verb (see subject_after_verb)."""
    at = subject_after_verb(text, start, phrase_end, forces.lex)
    name = forces.name.match(text, at) if at is not None else None
    return _force_of_word(name.group(), forces) if name is not None else None


def subject_after_verb(text: str, start: int, phrase_end: int, lex: Lexicon) -> int | None:
    """Where the subject starts when the troops open the sentence and a finite auxiliary follows them
    ('Rund 100.000 Soldaten soll Russland …', 'Die 3.000 Soldaten hat Polen …': German word order when
    the object leads); None otherwise."""
    before = text[:start]
    words = before.split()
    first = words[0].strip(OPENERS) if words else ""
    if first and (first.casefold() in lex.articles or lex.increment.fullmatch(first)):
        before = before[before.index(words[0]) + len(words[0]):]  # "Die 3.000 Soldaten", "Weitere 2.000 Soldaten"
    if before.strip(OPENERS) and not any((q := pattern.search(before)) is not None
                                         and not before[:q.start()].strip(OPENERS) for pattern, _ in lex.qualifiers):
        return None  # something other than an article or a qualifier ("Rund") stands before the figure
    verb = lex.finite_auxiliary.match(text, phrase_end + 1) if text[phrase_end:phrase_end + 1] == " " else None
    if verb is None or text[verb.end():verb.end() + 1] != " ":
        return None
    subject = ARTICLE_WORD.match(text, verb.end() + 1)
    if subject is not None and subject["word"].casefold() in lex.articles:
        return subject.end()  # "… hat die Bundeswehr …"
    return verb.end() + 1


def _owner_after(text: str, start: int, end: int, forces: ForceTable) -> str | None:
    """'Soldaten aus Kroatien', 'troops from several countries': the owner named right after the troops at
    text[start:end], unless they are leaving it ('withdraw 1,400 troops from Niger', 'zieht 1.000 Soldaten
    aus Mali ab', '9.500 Soldaten aus Deutschland zurückkehren': the place left, the verb or its separable
    particle before the figure or right after the place)."""
    owner = forces.owner_after.match(text, end)
    if owner is None or forces.withdraw.search(text, max(0, start - 50), min(len(text), owner.end() + 16)):
        return None
    return MULTINATIONAL if forces.more_countries.match(text, owner.end()) else _force_of_word(owner["name"], forces)


def _possessor(text: str, start: int, phrase_end: int, forces: ForceTable) -> str | None:
    """'its 3,000 troops', 'seine Truppen', '40,000 of its soldiers' (a phrase from `start` to
    `phrase_end`): the actor the possessive stands for."""
    noun_start = text.rfind(" ", start, phrase_end) + 1
    possessive = forces.possessive.search(text, max(0, start - 40), start) \
        or (forces.possessive.search(text, start, noun_start) if noun_start > start else None) \
        or forces.possessive_after.match(text, phrase_end)
    return _actor_before(text, possessive.start(), forces, speaker=True) if possessive is not None else None


def _genitive_owner(text: str, start: int, forces: ForceTable) -> str | None:
    """"NATO's 40,000-strong force", "Russia's 150,000 troops", 'Russlands 150.000 Soldaten': a force named
    in the genitive right before the figure (a qualifier may stand between) owns it."""
    head = text[max(0, start - 40):start]
    owner = GENITIVE_BEFORE.search(head)
    if owner is None or forces.name.fullmatch(owner["name"]) is None:
        return None
    between = head[owner.end("name"):]
    between = between[between.index(" "):] if " " in between else ""
    if between.strip() and not any(pattern.fullmatch(between) or pattern.match(between.lstrip())
                                   for pattern, _ in forces.lex.qualifiers):
        return None  # "Russia's roughly 150,000 troops": only a qualifier may stand between
    return _force_of_word(owner["name"], forces)


# a name in the genitive, then up to three lower-case words (a qualifier) before the figure
GENITIVE_BEFORE = re.compile(r"(?<![\w.-])(?P<name>[A-ZÄÖÜ][\w.-]*?)(?:['’]s|s)\s+"
                             r"(?:[^\W\d_A-ZÄÖÜ][\w-]*\s+){0,3}$")


def _owner_before(text: str, start: int, forces: ForceTable) -> str | None:
    """The possessor of the troop noun at `start` ('seine Truppen'), or the actor that has the figure
    after it ('Hezbollah has about 100,000 fighters')."""
    if forces.possessive.search(text, max(0, start - 40), start) is not None:
        return _possessor(text, start, start, forces)
    verb = forces.possession.search(text, max(0, start - 90), start)  # room for a source phrase in between
    if verb is None:
        return None
    # "The French military, which once had 5,100 troops": the owner may be a force's troop noun
    return _actor_before(text, verb.start(), forces) or force_of_noun_before(text, verb.start(), forces)


def force_of_noun_before(text: str, end: int, forces: ForceTable) -> str | None:
    """'Die Zahl der russischen Soldaten bezifferte X auf 9.000': the force of the nearest troop noun
    before a bare figure."""
    found = None
    for noun in _troop_nouns(text, forces):
        if noun.end() > end:
            break
        found = _attached_force(text, noun, forces) or found
    return found


def force_of_stance(text: str, forces: ForceTable) -> str | None:
    """Whose deployment a stance is about: the force attached to the sentence's first troop noun."""
    for noun in _troop_nouns(text, forces):
        found = _attached_force(text, noun, forces)
        if found:
            return found
        found = _owner_before(text, noun.start(), forces) or (
            _actor_before(text, noun.start(), forces) if forces.deploy.search(text) else None)
        if found:
            return found
    return None


def _word_start(text: str, lo: int, end: int) -> int | None:
    """Where the word (letters, digits, hyphens) that ends at `end` starts, from its first letter, not
    before `lo`; None when it holds no letter. As `[^\\W\\d_][\\w-]*$` searched in text[lo:end] would say,
    walking back instead of trying every position of the window."""
    start = end
    while start > lo and (text[start - 1].isalnum() or text[start - 1] in "_-"):
        start -= 1
    while start < end and not (text[start].isalnum() and not text[start].isdecimal()):  # \w, not \d or _
        start += 1
    return start if start < end else None


def _troop_nouns(text: str, forces: ForceTable):
    """Words that are, or end in, a troop noun ("Truppen", "Bundeswehrsoldaten"), as matches of that
    noun: a word loop with a cheap suffix test instead of the noun regex at every position."""
    lowered = text.lower()
    if len(lowered) != len(text):
        yield from forces.troop_noun.finditer(text)
        return
    last = -1
    for end in forces.noun_scanner.ends(lowered):
        if end < last or (end < len(text) and (text[end].isalnum() or text[end] == "_")):
            continue  # inside a word, or a shorter ending of a noun already found
        start = _word_start(text, max(0, end - 60), end)
        if start is None:
            continue
        match = forces.troop_noun.search(text, start, end)
        if match is not None and match.end() == end:
            last = end + 1
            yield match


def _attached_force(text: str, noun: re.Match, forces: ForceTable) -> str | None:
    """The force in the troop noun's own phrase: its adjectives and compounds, or an owner after it."""
    if forces.multinational.match(text, noun.end()):
        return MULTINATIONAL
    window = text[max(0, noun.start() - 25):noun.end()]
    cut = max([window.rfind(c) for c in ",;:!?\n„“”\"«»"] + [_last_full_stop(window)])
    # "its contingent in Lithuania by 350 soldiers": a name before a preposition is outside the noun's phrase
    prepositions = list(forces.preposition.finditer(window, cut + 1))
    if prepositions:  # and the place it governs: "im Kosovo etwa 900 Soldaten" are not Kosovo's
        governed = GOVERNED.match(window, prepositions[-1].end())
        while governed is not None and governed["word"].casefold() in forces.lex.articles:
            governed = GOVERNED.match(window, governed.end())
        # (not a genitive right before the noun: "Für Nordkoreas Armee")
        place = governed is not None and forces.name.match(window, governed.start()) is not None \
            and governed.end() < len(window) - (noun.end() - noun.start())
        cut = max(cut, (governed.end() if place else prepositions[-1].end()) - 1)
    return _in_phrase(window[cut + 1:], forces) or _owner_after(text, noun.start(), noun.end(), forces)


def article_force(text: str, forces: ForceTable) -> str | None:
    """The force the article is about: the one its troop nouns are most often attached to."""
    votes: Counter[str] = Counter()
    for noun in _troop_nouns(text, forces):
        found = _attached_force(text, noun, forces)
        if found:
            votes[found] += 1
    if votes:
        return votes.most_common(1)[0][0]
    return None


def alliance(text: str, forces: ForceTable) -> str | None:
    """The alliance or group of states (a force without a nationality adjective: NATO, EU, UN) the text
    names most: whose troops 'aus Ländern wie …' are."""
    votes: Counter[str] = Counter(forces.by_word[m.group().casefold()] for m in forces.name.finditer(text)
                                  if m.group().casefold() in forces.by_word and
                                  forces.by_word[m.group().casefold()] in forces.alliances)
    return votes.most_common(1)[0][0] if votes else None


def resolve(found: str | None, alliance_name: str | None) -> str | None:
    """A force found near a figure, with 'several countries' read as the article's alliance."""
    return alliance_name if found == MULTINATIONAL else found
