"""Who says it: the subject of a reporting verb (before it, or after it in V2 inversion), pronouns for
the last speaker, source phrases ("laut X", "X zufolge", "nach südkoreanischen Angaben"), and relays
("unter Berufung auf", "die CNN vorliegen", "sagte der BBC", "hatte CNN mitgeteilt").

Functions over one sentence's text and actor mentions; the article's context comes in as arguments.
"""

from __future__ import annotations

import re
from functools import cache

from claimtrack import gazetteer
from claimtrack.extract import rx
from claimtrack.extract.actors import Mention
from claimtrack.extract.lexicon import Lexicon
from claimtrack.extract.records import ActorRef
from claimtrack.extract.scan import WordScanner

QUOTE_SPANS = re.compile(r"„[^“”\"„]*[“”\"]|«[^»]*»|»[^«]*«|“[^”“]*”|\"[^\"]*\"")
OPENERS = "„«»“\""
# where the object of a source phrase ends: "laut Medienberichten sind 3.000 …", "citing sources, that …"
PHRASE_END = re.compile(r"[,;:]|(?<![\w-])\d")
FIGURE = re.compile(r"(?<![\w-])\d")
WORD = re.compile(r"\s*(\w+)")


def quote_spans(sentence: str, continues_quote: bool) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in QUOTE_SPANS.finditer(sentence)]
    if continues_quote:
        close = rx.search(r"[“”\"»]", sentence)
        if close and all(not (s <= close.start() < e) for s, e in spans):
            spans.append((0, close.end()))
    covered = lambda i: any(s <= i < e for s, e in spans)  # noqa: E731
    for match in rx.finditer(r"[„«]", sentence):
        if not covered(match.start()):
            spans.append((match.start(), len(sentence)))  # a quote that runs on into the next sentence
            break
    return sorted(spans)


def inside(spans, start: int, end: int | None = None) -> bool:
    end = start + 1 if end is None else end
    return any(s <= start and end <= e for s, e in spans)


QUOTE_MARKS = "\"„“”«»‚‘’ "


def quoted_name(sentence: str, quote: tuple[int, int], mentions: list[Mention]) -> bool:
    """'Die „Washington Post“ berichtete': a name in quotation marks is a title, not words quoted."""
    inner = sentence[quote[0]:quote[1]].strip(QUOTE_MARKS)
    return any(quote[0] <= m.start and m.end <= quote[1] and m.text == inner for m in mentions)


def is_media(ref: ActorRef | None) -> bool:
    return ref is not None and ref.type == "media"


def mention_at(mentions, start: int, end: int, exclude=()) -> Mention | None:
    for mention in mentions:
        if start <= mention.start < end and mention not in exclude:
            return mention
    return None


def coordinated(sentence: str, candidates: list[Mention], first: Mention, lex: Lexicon) -> list[Mention]:
    """'Die NATO und die USA', 'Moskau und Pjöngjang': subjects joined by und/sowie."""
    group = [first]
    last = first
    for mention in candidates:
        if mention.start <= last.start:
            continue
        gap = sentence[last.end:mention.start]
        if lex.syntax["coordination"].fullmatch(gap):
            group.append(mention)
            last = mention
        else:
            break
    return group


def unique_refs(mentions: list[Mention]) -> list[ActorRef]:
    seen, result = set(), []
    for mention in mentions:
        if mention.actor.name not in seen:
            seen.add(mention.actor.name)
            result.append(mention.actor)
    return result


def subject(sentence: str, mentions: list[Mention], verb_start: int, verb_end: int, quotes,
            last_speakers: list[ActorRef], lex: Lexicon, exclude=()) -> tuple[list[ActorRef], str]:
    """Who speaks through the verb at verb_start: the subject before it, or after it (V2 inversion),
    a pronoun for the last speaker, or a passive agent (von/aus X)."""
    quotes = [q for q in quotes if not quoted_name(sentence, q, mentions)]  # 'Die „Washington Post“ berichtete'
    usable = [m for m in mentions if m not in exclude and not inside(quotes, m.start, m.end)]
    before = [m for m in usable if m.end <= verb_start and m.prep is None and not m.genitive]
    segment_start = max([0] + [q[1] for q in quotes if q[1] <= verb_start])
    before = [m for m in before if m.start >= segment_start]
    if lex.subject_in_clause:
        # SVO: the subject is in the verb's own clause, nearest first ("…, Pentagon spokeswoman Sabrina
        # Singh said"); a mention before a comma belongs to another clause
        clause_start = _clause_start(sentence, verb_start, segment_start, lex)
        in_clause = [m for m in before if m.start >= clause_start]
        if in_clause:
            group = [in_clause[-1]]
            for mention in reversed(in_clause[:-1]):  # "The U.S. and South Korea said"
                if lex.syntax["coordination"].fullmatch(sentence[mention.end:group[0].start]) is None:
                    break
                group.insert(0, mention)
            return unique_refs(group), "subject"
        named = _named_before_apposition(sentence, before, verb_start, lex)
        if named is not None:
            return [named.actor], "subject"
        before = []
    if before and not lex.subject_in_clause:
        # "Washington will seine Truppen reduzieren, wie das Pentagon mitteilte": the subject of a verb at the
        # end of a "wie" clause is in that clause
        clause_start = _clause_start(sentence, verb_start, segment_start, lex)
        opener = WORD.match(sentence, clause_start)
        own = [m for m in before if m.start >= clause_start]
        if opener and opener.group(1).casefold() in lex.report_clause_openers and own:
            return unique_refs(coordinated(sentence, own, own[0], lex)), "subject"
    if before and sentence[:verb_start].rstrip().endswith(","):
        # "Moskau habe 110.000 Soldaten stationiert, erklärten Vertreter der US-Geheimdienste": a verb that
        # opens its clause after a comma is inverted when a subject follows it; what stands before the
        # comma is then the reported clause (an apposition "X, Sprecher des Y, sagte" has none after)
        found, rule = subject(sentence, mentions, verb_start, verb_end, quotes, [], lex,
                              exclude=list(exclude) + before)
        after_verb = found and rule == "role-of" and any(m.start >= verb_end and m.actor is not None
                                                          and m.actor.name == found[0].name for m in usable)
        if (found and (rule == "inverted" or after_verb)) or rule == "unnamed":
            # "…, sagten Militärexperten": nobody named says the clause before; a genitive before the
            # verb ("…, der als einer der einflussreichsten Offiziere des Landes gilt, rechnet …") is no
            # inverted subject
            return found, rule
        if not found and _article_noun_after(sentence, verb_end, lex):
            # "…, Israel verteidigen, teilte das Verteidigungsministerium mit": a subject the text does not
            # name stands after the verb; the name before the comma is the reported clause's
            return [], "unnamed"
    if before:
        return unique_refs(coordinated(sentence, before, before[0], lex)), "subject"
    after_text = sentence[verb_end:]
    pronoun = lex.syntax["pronoun_after"].match(after_text)
    head_pronoun = lex.syntax["pronoun_first"].match(sentence)
    # "Beim Gipfel wollte er die Berichte weder bestätigen noch …": the pronoun before the cue
    inner_pronoun = lex.syntax["pronoun_inside"].search(sentence[segment_start:verb_start])
    if pronoun or inner_pronoun or (head_pronoun and verb_start > 0):
        word = next(m for m in (pronoun, inner_pronoun, head_pronoun) if m).group(1)
        kind = lex.pronouns.get(rx.sub(r"\s+", " ", word.casefold()), "any")
        fits = lambda ref: kind == "any" or (kind == "person") == (ref.type == "person")  # noqa: E731
        same_sentence = [m for m in usable if m.end <= verb_start and m.prep is None and not m.genitive
                         and fits(m.actor)]
        if same_sentence and not (lex.subject_in_clause and kind == "any"):
            return unique_refs(coordinated(sentence, same_sentence, same_sentence[0], lex)), "pronoun"
        if last_speakers and any(fits(s) for s in last_speakers):
            return [s for s in last_speakers if fits(s)], "pronoun"
    clause_end = len(sentence)
    stop = lex.syntax["clause_stop"].search(sentence[verb_end:])
    if stop:
        clause_end = verb_end + stop.start()
    after = [m for m in usable if verb_end <= m.start < clause_end and m.prep is None and not m.genitive]
    if lex.subject_in_clause:
        # SVO: a subject after the verb stands right after it ("…, said the Pentagon"); after a figure the
        # verb's object clause has begun ("it says 3,500 Wagner mercenaries have arrived"); after "told"
        # stands whom it was told ("…, a ministry spokesman told Reuters"), never its subject
        after = [] if sentence[verb_start:verb_end].casefold() in lex.dative_verbs else \
            [m for m in after if not FIGURE.search(sentence, verb_end, m.start)]
    if after:
        return unique_refs(coordinated(sentence, after, after[0], lex)), "inverted"
    agent = _passive_agent(sentence, usable, verb_start, verb_end, lex)
    if agent is not None:
        return [agent.actor], "agent"  # "was first reported by The Wall Street Journal", "von Reuters gemeldet"
    named = _named_after_role(sentence, usable, verb_end, clause_end, lex)
    if named is not None:
        return [named.actor], "inverted"
    role_after = [m for m in usable if verb_end <= m.start < clause_end and m.prep is None
                  and role_before(sentence, m.start, lex)]
    if role_after:
        return [role_after[0].actor], "role-of"  # "…“, sagte ein Sprecher des Weißen Hauses"
    definite_role = lex.syntax["definite_role"].match(sentence, verb_end)
    if definite_role and lex.role_re.match(definite_role.group("role")) and not after:
        people = [s for s in last_speakers if s.type == "person"]
        if people:  # "…, sagte der Nato-Generalsekretär": the person named before, by their role
            return people[:1], "role-of"
    genitive_before = [m for m in usable if m.end <= verb_start and m.prep is None and m.start >= segment_start
                       and (m.genitive or not lex.subject_in_clause)]
    if genitive_before and lex.subject_in_clause:
        # SVO: the owner of the speaking role is in the verb's clause ("Russia's defence ministry said") or in
        # the apposition right before it ("Igor Konashenkov, Russia's defence ministry spokesman, said"), not
        # in another clause ("…, including 20,000 sent after Russia's invasion, officials said")
        clause_start = _clause_start(sentence, verb_start, segment_start, lex)
        opening = _apposition_before(sentence, verb_start, lex)
        genitive_before = [m for m in genitive_before if m.start >= clause_start
                           or (opening is not None and m.start > opening)]
    if genitive_before:
        return [genitive_before[-1].actor], "role-of"  # "ein Sprecher des Generalstabs gab an"
    source_before = [m for m in usable if m.end <= verb_start and m.prep == lex.source_from
                     and m.start >= segment_start
                     and lex.syntax["source_of"].search(sentence, max(0, m.start - 40), m.start)]
    if source_before:
        return [source_before[0].actor], "source-of"  # "eine Quelle aus dem ukrainischen Geheimdienst"
    if _unnamed_subject(sentence, verb_start, verb_end, segment_start, lex):
        return [], "unnamed"
    return [], ""


def _unnamed_subject(sentence: str, verb_start: int, verb_end: int, segment_start: int, lex: Lexicon) -> bool:
    """'Beobachter gehen von mehr aus', '…, sagten Militärexperten', '…, a defense official said': the
    verb's subject is someone the text does not name (experts, observers, an official), so no earlier
    speaker says it. Spokespeople are not among them: 'sagte ein Sprecher' speaks for the body last named."""
    clause_start = _clause_start(sentence, verb_start, segment_start, lex)
    if lex.syntax["unnamed_before"].search(sentence, clause_start, verb_start):
        return True
    return lex.syntax["unnamed_after"].match(sentence, verb_end) is not None


def _passive_agent(sentence: str, usable: list[Mention], verb_start: int, verb_end: int,
                   lex: Lexicon) -> Mention | None:
    """The agent of a reporting verb in the passive, next to it: 'reported by X' after it, 'von X
    gemeldet' before it."""
    for mention in usable:
        if mention.prep not in lex.agent_prepositions:
            continue
        gap = sentence[verb_end:mention.start] if mention.start >= verb_end else sentence[mention.end:verb_start]
        if mention.end <= verb_start and lex.subject_in_clause:
            continue  # SVO languages put the agent after the verb
        if mention.start >= verb_end and not lex.subject_in_clause:
            continue  # German puts it before the participle
        if len(gap) <= 12 and rx.fullmatch(rf"\s*(?:{mention.prep}\s+)?(?:\w+\s+)?", gap.casefold()):
            return mention
    return None


def _clause_start(sentence: str, verb_start: int, segment_start: int, lex: Lexicon) -> int:
    """Where the verb's clause starts: after the last clause stop before it, within its segment."""
    return max([segment_start] + [b.end() for b in _clause_stops(sentence, verb_start, lex)])


def _clause_stops(sentence: str, verb_start: int, lex: Lexicon) -> list:
    """Where clauses end before the verb; a parenthetical between a subject and its verb ("Ukrainian
    officials, however, put …") ends none."""
    stops = list(lex.syntax["clause_stop"].finditer(sentence, 0, verb_start))
    asides = [(m.start(), m.end()) for m in lex.syntax["parenthetical"].finditer(sentence, 0, verb_start)]
    return [stop for stop in stops if not any(s <= stop.start() < e for s, e in asides)]


def _named_after_role(sentence: str, usable: list[Mention], verb_end: int, clause_end: int,
                      lex: Lexicon) -> Mention | None:
    """'…, erklärte der Koordinator der polnischen Sonderdienste, Stanislaw Zaryn, auf Twitter': the
    inverted subject is a role with its genitive, and the person it names follows after a comma."""
    if clause_end >= len(sentence) or sentence[clause_end] != ",":
        return None
    role = lex.syntax["definite_role"].match(sentence, verb_end)
    if role is None or role.end() > clause_end or not lex.role_re.match(role.group("role")) \
            or not rx.match(rf"\s+(?:{lex.genitive_links})\s", sentence[role.end():clause_end]):
        return None
    return next((m for m in usable if m.actor is not None and m.actor.type == "person"
                 and rx.fullmatch(r",\s*", sentence[clause_end:m.start])), None)


def role_before(sentence: str, start: int, lex: Lexicon) -> bool:
    """'ein Sprecher des Weißen Hauses': the mention is the body a role speaks for."""
    return bool(lex.syntax["role_genitive"].search(sentence, max(0, start - 60), start))


class Span:
    """A found word with the interface of a regex match (start, end, group)."""

    __slots__ = ("_start", "_end", "_text")

    def __init__(self, text: str, start: int, end: int):
        self._start, self._end, self._text = start, end, text[start:end]

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._text


@cache
def _verb_scanner(language: str) -> WordScanner:
    from claimtrack.extract.lexicon import load

    return WordScanner({v.lower() for v in load(language).speech_verbs}, whole=True)


def speech_verbs(sentence: str, lex: Lexicon, quotes) -> list:
    hits = _verb_scanner(lex.language).find(sentence)
    if hits is None:
        candidates = list(lex.speech_verb_re.finditer(sentence))
    else:
        candidates = [Span(sentence, start, end) for start, end in hits]
    found = [m for m in candidates
             if not inside(quotes, m.start(), m.end()) and m.group().casefold() not in lex.phrase_words
             and not _attributive(sentence, m.start(), m.end(), lex)
             and not _noun_use(sentence, m.start(), m.end(), lex)]
    found += list(lex.syntax["so_speaker"].finditer(sentence))
    return sorted(found, key=lambda m: m.start())


def _noun_use(sentence: str, start: int, end: int, lex: Lexicon) -> bool:
    """'according to reports', 'Russland hat Berichten zufolge …': the verb form is a noun here."""
    return any(found.start("verb") == start
               for found in lex.syntax["verb_as_noun"].finditer(sentence, max(0, start - 16), end + 10))


def _attributive(sentence: str, start: int, end: int, lex: Lexicon) -> bool:
    """'in erhöhte Bereitschaft', 'die gemeldeten Zahlen', 'an estimated 3,000': the verb form is an
    adjective between an article or preposition and its noun, no one speaks through it."""
    return lex.syntax["attributive_before"].search(sentence, max(0, start - 12), start) is not None \
        and lex.syntax["attributive_after"].match(sentence, end) is not None


def relay(sentence: str, mentions: list[Mention], lex: Lexicon, quotes) -> tuple[Mention | None, Mention | None, str]:
    """Explicit sourcing: (claimant mention, via mention, rule) from 'unter Berufung auf', 'die CNN
    vorliegen', 'erfuhr aus', 'gegenüber X', 'sagte der BBC'."""
    media = [m for m in mentions if is_media(m.actor) and not inside(quotes, m.start, m.end)]
    for match in lex.citing.finditer(sentence):
        stop = PHRASE_END.search(sentence, match.end(), match.end() + 60)  # "citing sources, that … Poland"
        cited = mention_at(mentions, match.end(), stop.start() if stop else match.end() + 60)
        if cited:
            via = next((m for m in media if m is not cited), None)
            return cited, via, "citing"
    for match in lex.holds.finditer(sentence):
        holder = next((m for m in reversed(media) if m.end <= match.start() and match.start() - m.end < 25), None)
        if holder:
            source = next((m for m in reversed(mentions) if m.end <= holder.start and m is not holder
                           and not is_media(m.actor)), None)
            return source, holder, "holds"
    for match in lex.learned.finditer(sentence):
        source = next((m for m in mentions if m.prep == lex.source_from), None)
        if source:
            via = next((m for m in media if m is not source), None)
            return source, via, "learned"
    return None, None, ""


def dative_relay(sentence: str, mentions: list[Mention], quotes, lex: Lexicon) -> Mention | None:
    """'Eine Quelle … hatte CNN zuvor mitgeteilt': the outlet told, the source said."""
    for mention in mentions:
        if not is_media(mention.actor) or inside(quotes, mention.start, mention.end):
            continue
        if lex.syntax["relay_auxiliary"].search(sentence, max(0, mention.start - 12), mention.start) \
                and lex.syntax["relay_participle"].match(sentence, mention.end):
            return mention
    return None


def via_for(sentence: str, mentions: list[Mention], claimants: list[ActorRef], lex: Lexicon, quotes,
             verbs) -> Mention | None:
    names = {c.name for c in claimants}
    for mention in mentions:
        if not is_media(mention.actor) or mention.actor.name in names or inside(quotes, mention.start, mention.end):
            continue
        if lex.syntax["towards"].search(sentence, max(0, mention.start - 40), mention.start):
            return mention
        for verb in verbs:
            gap = sentence[verb.end():mention.start]
            if 0 <= mention.start - verb.end() < 45 and lex.syntax["dative_gap"].fullmatch(gap) \
                    and verb.group().casefold() in lex.dative_verbs:
                return mention
            if 0 <= verb.start() - mention.end < 25 and \
                    lex.syntax["relay_adverbs"].fullmatch(sentence, mention.end, verb.start()):
                return mention  # "hatte CNN zuvor mitgeteilt"
    return None


def national_side(sentence: str, lex: Lexicon, lo: int, hi: int) -> Mention | None:
    """'nach südkoreanischen Angaben', 'ukrainischen Quellen zufolge': the country whose side it is."""
    for match in lex.national_source.finditer(sentence, lo, hi):
        entry = gazetteer.by_nationality().get(match["adj"].casefold())
        if entry is not None:
            ref = ActorRef(entry.name, entry.type, entry.description, entry.aliases, True)
            return Mention(match.start("adj"), match.end(), match.group(), ref, origin="nationality")
    return None


def source_phrase(sentence: str, mentions: list[Mention], lex: Lexicon, lo: int, hi: int, quotes) -> Mention | None:
    """'laut X', 'nach Angaben X', 'X zufolge', 'nach südkoreanischen Angaben' within [lo, hi); 'X hat nach
    eigenen Angaben …': the subject X."""
    own = lex.self_source.search(sentence, lo, hi)
    if own is not None and not inside(quotes, own.start()):
        subject = next((m for m in reversed(mentions) if lo <= m.start and m.end <= own.start() and m.prep is None
                        and not m.genitive and not inside(quotes, m.start)), None)
        if subject is not None:
            return subject
    side = national_side(sentence, lex, lo, hi)
    if side is not None and (lex.syntax["national_before"].search(sentence, max(lo, side.start - 8), side.start)
                             or lex.source_after.match(sentence, side.end + 1)):
        return next((m for m in mentions if m.start <= side.start < m.end), side)
    for match in lex.source_before.finditer(sentence, lo, hi):
        if inside(quotes, match.start()) or lex.syntax["pronoun_source"].match(sentence, match.start()):
            continue  # "according to him": no mention after it is the source (see pronoun_source)
        word = match.group().casefold()
        window = 45 if word == lex.source_from else 60
        end = _phrase_end(sentence, match.end(), window, lex)
        found = mention_at(mentions, match.end(), end)
        if found is None and word != lex.source_from:
            # "nach Angaben eines ranghohen ukrainischen Regierungsvertreters": an official of a country
            found = national_side(sentence, lex, match.end(), min(hi, end))
        if found is not None and found.genitive:
            # "nach Angaben des Generalstabschefs der französischen Streitkräfte, Thierry Burkhard": the
            # body is the role's genitive; the person named after it speaks
            person = next((m for m in mentions if found.end <= m.start < found.end + 45 and m.actor.type == "person"
                           and sentence[found.end:m.start].strip().startswith(",")), None)
            found = person or found
        # "aus Kreisen der Nato", "aus dem Umfeld des Kremls": a genitive after "aus" names whose circles
        if found and (word != lex.source_from or found.prep == lex.source_from or found.genitive):
            if word == lex.source_from and not lex.syntax["from_source"].search(sentence, max(lo, match.start() - 20),
                                                                               hi):
                continue
            return found
    for match in lex.source_after.finditer(sentence, lo, hi):
        found = next((m for m in reversed(mentions) if m.end <= match.start() and match.start() - m.end < 12), None)
        if found:
            return found
    return None


def phrase_objects(sentence: str, mentions: list[Mention], lex: Lexicon, quotes) -> list[Mention]:
    """Mentions that a 'laut'/'zufolge'/'nach Angaben' phrase governs: sources, never a verb's subject."""
    found = []
    for match in lex.source_after.finditer(sentence):
        found += [m for m in mentions if m.end <= match.start() and match.start() - m.end < 12]
    for match in lex.source_before.finditer(sentence):
        if match.group().casefold() != lex.source_from:
            first = mention_at(mentions, match.end(), _phrase_end(sentence, match.end(), 60, lex))
            if first is not None:
                found.append(first)
    return found


def _phrase_end(sentence: str, start: int, window: int, lex: Lexicon) -> int:
    """Where a source phrase's object ends: at a comma or a figure ("Laut Medienberichten sind 3.000
    Soldaten in Litauen", "according to reports, 3,000 …"), before a finite auxiliary ("Nach Einschätzung von
    Experten könnte Russland …"), or after `window` characters."""
    stop = PHRASE_END.search(sentence, start, start + window)
    end = stop.start() if stop else start + window
    verb = lex.finite_auxiliary.search(sentence, start, end)
    return verb.start() if verb else end


def _apposition_before(sentence: str, verb_start: int, lex: Lexicon) -> int | None:
    """Where an apposition with a role opens that stands between commas right before the verb ('…, Russian
    President Vladimir Putin's foreign policy adviser, told'): its opening comma."""
    head = sentence[:verb_start].rstrip()
    if not head.endswith(","):
        return None
    opening = head.rfind(",", 0, len(head) - 1)
    if opening < 0 or not lex.role_re.search(sentence, opening, len(head)):
        return None
    return opening


def _named_before_apposition(sentence: str, before: list[Mention], verb_start: int, lex: Lexicon) -> Mention | None:
    """'Yuri Ushakov, Russian President Vladimir Putin's foreign policy adviser, told reporters': a person
    named right before an apposition that ends in a role and stands between commas before the verb."""
    opening = _apposition_before(sentence, verb_start, lex)
    if opening is None:
        return _name_as_apposition(sentence, before, verb_start, lex)
    return next((m for m in reversed(before) if m.actor.type == "person" and not sentence[m.end:opening].strip()),
                None)


def _article_noun_after(sentence: str, verb_end: int, lex: Lexicon) -> bool:
    """An article and a capitalised noun right after the verb, maybe past one adjective: 'teilte das
    Verteidigungsministerium mit', 'sagte ein hoher Beamter'."""
    words = ARTICLE_PHRASE.match(sentence, verb_end)
    return words is not None and words["article"].casefold() in lex.articles \
        and (words["adjective"] is None or lex.adjective_like.fullmatch(words["adjective"]) is not None)


ARTICLE_PHRASE = re.compile(r"\s+(?P<article>\w+)\s+(?:(?P<adjective>[^\W\d_][\w-]*)\s+)?[A-ZÄÖÜ][\w-]")


def _name_as_apposition(sentence: str, before: list[Mention], verb_start: int, lex: Lexicon) -> Mention | None:
    """'IDF spokesperson, Jonathan Conricus, stated …': a role, then the person's name alone between commas
    right before the verb."""
    head = sentence[:verb_start].rstrip()
    if not head.endswith(","):
        return None
    opening = head.rfind(",", 0, len(head) - 1)
    person = next((m for m in reversed(before) if m.actor.type == "person" and m.start > opening
                   and not sentence[opening + 1:m.start].strip() and not sentence[m.end:len(head) - 1].strip()), None)
    if person is None or opening < 0:
        return None
    role = next((r for r in lex.role_re.finditer(sentence, max(0, opening - 60), opening) if r.end() == opening), None)
    return person if role is not None else None


def segments(sentence: str, lex: Lexicon, quotes=()) -> list[tuple[int, int]]:
    """Parts of a sentence that can carry their own source: '..., und laut der Washington Post ...'; a
    quote is one speaker's words, however many parts it has ('„Wir haben 2.500 Soldaten dort, und sie
    bleiben“, sagte …')."""
    cuts = [0] + [m.start() for m in lex.syntax["segment_break"].finditer(sentence)
                  if not inside(quotes, m.start())] + [len(sentence)]
    return list(zip(cuts, cuts[1:]))
