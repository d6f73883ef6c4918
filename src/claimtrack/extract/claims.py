"""Assemble claims from sentences, figures, actor mentions, cues and dates.

Works sentence by sentence and carries a little context: the last speakers (for er/sie, "hieß es"
and reported speech in Konjunktiv), the actors named so far (for "der Dienst"), short forms of
people's names ("Kim" after "Kim Yong Hyun"), the last exact day (for "am selben Tag"), and whether
the sentence before counted troops (so "knapp 8000 davon" counts troops too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from claimtrack import gazetteer
from claimtrack.extract import rx
from claimtrack.extract import dates as dates_mod
from claimtrack.extract.actors import Mention, find_mentions, head_owner
from claimtrack.extract.lexicon import Lexicon, load
from claimtrack.extract.numbers import Amount, find_amounts
from claimtrack.extract.records import ActorRef, ClaimRecord
from claimtrack.extract.sentences import Sentence, split

# No sentence of news prose is longer; past this it is a table, a dump or hostile input, and the
# extractor's patterns would spend time on it for nothing.
MAX_SENTENCE = 3000
SAID_SO = re.compile(r"(?:Das|Dies)\s+(?:sagte|sagten|erklärte|erklärten|betonte|teilte|teilten)\s")
RELAYED_BY = re.compile(r"(?:Das|Dies)\s+(?:meldete|berichtete|meldeten|berichteten|verbreitete)\s")
QUOTE_SPANS = re.compile(r"„[^“”\"„]*[“”\"]|«[^»]*»|»[^«]*«|“[^”“]*”|\"[^\"]*\"")
OPENERS = "„«»“\""
CLAUSE_BREAK = re.compile(r"[,;:–—]|\s-\s|[„“”«»\"]")
STRENGTH_UNITS = {"soldiers", "special_forces", None}
# "„…“, so der Präsident" and "…, so der ukrainische Geheimdienst": 'so' introducing the speaker
SPEECH_AFTER_QUOTE = re.compile(r"(?:[“”\"«»]\s*,?|,)\s*so(?=\s+(?:der|die|das|ein|eine|[A-ZÄÖÜ]))")
MAX_CARRY = 2  # sentences over which the last speaker carries to reported speech
COUNT_CONTEXT = 3  # sentences over which a troop count makes bare figures ("von 12.000 gesprochen") troop counts


@dataclass
class Statement:
    """One troop count or stance before it becomes a ClaimRecord."""

    kind: str
    sentence: Sentence
    claimants: list[ActorRef]
    via: ActorRef | None
    amount: Amount | None = None
    date_mention: dates_mod.DateMention | None = None
    window: tuple[date, date] | None = None
    projection: bool = False
    location: str | None = None
    rule: str = ""
    index_in_sentence: int = 0


@dataclass
class ArticleState:
    published: date | None
    last_speakers: list[ActorRef] = field(default_factory=list)
    speakers_age: int = 99
    history: list[ActorRef] = field(default_factory=list)
    short_names: dict[str, ActorRef] = field(default_factory=dict)
    last_exact: tuple[dates_mod.DateMention, tuple[date, date] | None, list[ActorRef]] | None = None
    since_count: int = 99  # sentences since the last troop count
    open_quote_speakers: list[ActorRef] = field(default_factory=list)
    last_statements: list[Statement] = field(default_factory=list)


def extract(text: str, published: date | None = None, language: str = "de", boilerplate=()) -> list[ClaimRecord]:
    """All claims of one article, in text order, with revisions linked."""
    lex = load(language)
    state = ArticleState(published)
    statements: list[Statement] = []
    for sentence in split(text, lex, boilerplate):
        if sentence.heading or len(sentence.text) > MAX_SENTENCE:
            continue
        statements.extend(_sentence_statements(sentence, lex, state))
    return _records(statements, text, published)


# ----------------------------------------------------------------------------------------------
# one sentence


def _quote_spans(sentence: str, continues_quote: bool) -> list[tuple[int, int]]:
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


def _inside(spans, start: int, end: int | None = None) -> bool:
    end = start + 1 if end is None else end
    return any(s <= start and end <= e for s, e in spans)


def _clauses(sentence: str, quotes) -> list[tuple[int, int, bool]]:
    """(start, end, subordinate) pieces between commas, colons and quote marks."""
    cuts = [0] + [m.start() for m in CLAUSE_BREAK.finditer(sentence)] + [len(sentence)]
    result = []
    for start, end in zip(cuts, cuts[1:]):
        piece = sentence[start:end].lstrip(",;:–—-„“”«»\" ")
        if not piece.strip():
            continue
        first = rx.match(r"[\w']+", piece)
        word = first.group().casefold() if first else ""
        subordinate = start > 0 and word in SUBORDINATE_START or _inside(quotes, start + 1, end - 1)
        result.append((start, end, subordinate))
    return result


SUBORDINATE_START = {"dass", "daß", "ob", "weil", "wenn", "nachdem", "bevor", "damit", "obwohl", "während", "die",
                     "der", "das", "denen", "deren", "dessen", "welche", "welcher", "welches", "wo", "um", "falls",
                     "von", "sollten", "was", "wer"}


def _clause_of(clauses, pos: int) -> tuple[int, int, bool] | None:
    for clause in clauses:
        if clause[0] <= pos < clause[1]:
            return clause
    return clauses[-1] if clauses else None


def _resolve_heads(mentions: list[Mention], state: ArticleState) -> list[Mention]:
    result = []
    for mention in mentions:
        if mention.actor is None:
            owners = head_owner(mention.head or "")
            for actor in reversed(state.history):
                if actor.name in owners:
                    mention.actor = actor
                    break
            if mention.actor is None:
                continue
        result.append(mention)
    return result


def _register(mentions: list[Mention], state: ArticleState) -> None:
    for mention in mentions:
        ref = mention.actor
        state.history.append(ref)
        if ref.type == "person" and mention.origin in ("gazetteer", "discovered"):
            tokens = rx.findall(r"[A-ZÄÖÜ][\w'-]+", ref.name)
            if len(tokens) >= 2:
                for token in (tokens[0], tokens[-1]):
                    if len(token) >= 3:
                        state.short_names[token] = ref


def _is_media(ref: ActorRef | None) -> bool:
    return ref is not None and ref.type == "media"


def _mention_at(mentions, start: int, end: int, exclude=()) -> Mention | None:
    for mention in mentions:
        if start <= mention.start < end and mention not in exclude:
            return mention
    return None


def _coordinated(sentence: str, candidates: list[Mention], first: Mention) -> list[Mention]:
    """'Die NATO und die USA', 'Moskau und Pjöngjang': subjects joined by und/sowie."""
    group = [first]
    last = first
    for mention in candidates:
        if mention.start <= last.start:
            continue
        gap = sentence[last.end:mention.start]
        if rx.fullmatch(r"\s*(?:und|sowie|,)\s+(?:die|der|das|auch)?\s*", gap):
            group.append(mention)
            last = mention
        else:
            break
    return group


def _unique_refs(mentions: list[Mention]) -> list[ActorRef]:
    seen, result = set(), []
    for mention in mentions:
        if mention.actor.name not in seen:
            seen.add(mention.actor.name)
            result.append(mention.actor)
    return result


def _subject(sentence: str, mentions: list[Mention], verb_start: int, verb_end: int, quotes, state: ArticleState,
             exclude=()) -> tuple[list[ActorRef], str]:
    """Who speaks through the verb at verb_start: the subject before it, or after it (V2 inversion),
    a pronoun for the last speaker, or a passive agent (von/aus X)."""
    usable = [m for m in mentions if m not in exclude and not _inside(quotes, m.start, m.end)]
    before = [m for m in usable if m.end <= verb_start and m.prep is None and not m.genitive]
    segment_start = max([0] + [q[1] for q in quotes if q[1] <= verb_start])
    before = [m for m in before if m.start >= segment_start]
    if before:
        return _unique_refs(_coordinated(sentence, before, before[0])), "subject"
    after_text = sentence[verb_end:]
    pronoun = rx.match(r"\s*(?:\S+\s+){0,2}?(?<!\w)(er|sie|man)(?!\w)", after_text)
    head_pronoun = rx.match(r"\s*(Er|Sie)\s", sentence)
    # "Beim Gipfel wollte er die Berichte weder bestätigen noch …": the pronoun before the cue
    inner_pronoun = rx.search(r"(?<=\s)(er|sie)(?!\w)", sentence[segment_start:verb_start])
    if pronoun or inner_pronoun or (head_pronoun and verb_start > 0):
        same_sentence = [m for m in usable if m.end <= verb_start and m.prep is None and not m.genitive]
        if same_sentence:
            return _unique_refs(_coordinated(sentence, same_sentence, same_sentence[0])), "pronoun"
        if state.last_speakers:
            return list(state.last_speakers), "pronoun"
    clause_end = len(sentence)
    stop = rx.search(r"[,;:„“”«»]|\s(?:dass|ob)\s", sentence[verb_end:])
    if stop:
        clause_end = verb_end + stop.start()
    after = [m for m in usable if verb_end <= m.start < clause_end and m.prep is None and not m.genitive]
    if after:
        return _unique_refs(_coordinated(sentence, after, after[0])), "inverted"
    role_after = [m for m in usable if verb_end <= m.start < clause_end and m.prep is None
                  and lex_role_before(sentence, m.start)]
    if role_after:
        return [role_after[0].actor], "role-of"  # "…“, sagte ein Sprecher des Weißen Hauses"
    genitive_before = [m for m in usable if m.end <= verb_start and m.prep is None and m.start >= segment_start]
    if genitive_before:
        return [genitive_before[-1].actor], "role-of"  # "ein Sprecher des Generalstabs gab an"
    source_before = [m for m in usable if m.end <= verb_start and m.prep == "aus" and m.start >= segment_start
                     and rx.search(r"(?:Quelle|Quellen|Kreise|Kreisen)\s+aus\s+(?:\S+\s+){0,2}$",
                                   sentence[max(0, m.start - 40):m.start])]
    if source_before:
        return [source_before[0].actor], "source-of"  # "eine Quelle aus dem ukrainischen Geheimdienst"
    return [], ""


ROLE_GENITIVE = re.compile(r"(?:Sprecher(?:in)?|Vertreter(?:in)?|Chef(?:in)?|Leiter(?:in)?|Mitarbeiter(?:in)?|"
                           r"Quelle|Beamte[rn]?|Mitglied)\s+(?:des|der)\s+(?:\S+\s+){0,2}$")


def lex_role_before(sentence: str, start: int) -> bool:
    return bool(ROLE_GENITIVE.search(sentence, max(0, start - 60), start))


def _speech_verbs(sentence: str, lex: Lexicon, quotes) -> list[re.Match]:
    found = [m for m in lex.speech_verb_re.finditer(sentence)
             if not _inside(quotes, m.start(), m.end()) and m.group().casefold() not in ("so", "laut", "zufolge")]
    found += [m for m in SPEECH_AFTER_QUOTE.finditer(sentence)]
    return sorted(found, key=lambda m: m.start())


def _relay(sentence: str, mentions: list[Mention], lex: Lexicon, quotes) -> tuple[Mention | None, Mention | None, str]:
    """Explicit sourcing: (claimant mention, via mention, rule) from 'unter Berufung auf', 'die CNN
    vorliegen', 'erfuhr aus', 'gegenüber X', 'sagte der BBC'."""
    media = [m for m in mentions if _is_media(m.actor) and not _inside(quotes, m.start, m.end)]
    for match in lex.citing.finditer(sentence):
        cited = _mention_at(mentions, match.end(), match.end() + 60)
        if cited:
            via = next((m for m in media if m is not cited), None)
            return cited, via, "citing"
    for match in lex.holds.finditer(sentence):
        holder = next((m for m in reversed(media) if m.end <= match.start() and match.start() - m.end < 25), None)
        if holder:
            source = next((m for m in reversed(mentions) if m.end <= holder.start and m is not holder
                           and not _is_media(m.actor)), None)
            return source, holder, "holds"
    for match in lex.learned.finditer(sentence):
        source = next((m for m in mentions if m.prep == "aus"), None)
        if source:
            via = next((m for m in media if m is not source), None)
            return source, via, "learned"
    return None, None, ""


RELAY_PARTICIPLE = re.compile(r"\s*(?:\S+\s+){0,2}?(?:mitgeteilt|gesagt|erklärt|bestätigt|berichtet|bestätigt)(?!\w)")


def _dative_relay(sentence: str, mentions: list[Mention], quotes) -> Mention | None:
    """'Eine Quelle … hatte CNN zuvor mitgeteilt': the outlet told, the source said."""
    for mention in mentions:
        if not _is_media(mention.actor) or _inside(quotes, mention.start, mention.end):
            continue
        if rx.search(r"(?:hatte|hat|habe|haben|hätte|hatten)\s+$", sentence[max(0, mention.start - 12):mention.start]) \
                and RELAY_PARTICIPLE.match(sentence, mention.end):
            return mention
    return None


def _via_for(sentence: str, mentions: list[Mention], claimants: list[ActorRef], lex: Lexicon, quotes,
             verbs) -> Mention | None:
    names = {c.name for c in claimants}
    for mention in mentions:
        if not _is_media(mention.actor) or mention.actor.name in names or _inside(quotes, mention.start, mention.end):
            continue
        before = sentence[max(0, mention.start - 40):mention.start]
        if rx.search(r"gegenüber\s+(?:der|dem|des)?\s*(?:\S+\s+){0,2}$", before):
            return mention
        for verb in verbs:
            gap = sentence[verb.end():mention.start]
            if 0 <= mention.start - verb.end() < 45 and rx.fullmatch(r"\s*(?:der|dem)?\s*(?:\S+\s+){0,2}?", gap) \
                    and verb.group().casefold() in ("sagte", "sagten", "erklärte", "berichtete", "bestätigte", "gesagt",
                                                   "teilte", "mitgeteilt", "erklärt"):
                return mention
            if 0 <= verb.start() - mention.end < 25 and rx.fullmatch(r"\s*(?:zuvor|bereits|schon|jetzt|nun)?\s*",
                                                                    sentence[mention.end:verb.start()]):
                return mention  # "hatte CNN zuvor mitgeteilt"
    return None


def _national_side(sentence: str, lex: Lexicon, lo: int, hi: int) -> Mention | None:
    """'nach südkoreanischen Angaben', 'ukrainischen Quellen zufolge': the country whose side it is."""
    for match in lex.national_source.finditer(sentence, lo, hi):
        adjective = match["adj"].casefold()
        for entry in gazetteer.entries():
            if entry.nationality and entry.nationality == adjective:
                ref = ActorRef(entry.name, entry.type, entry.description, entry.aliases, True)
                return Mention(match.start("adj"), match.end(), match.group(), ref, origin="nationality")
    return None


def _source_phrase(sentence: str, mentions: list[Mention], lex: Lexicon, lo: int, hi: int, quotes) -> Mention | None:
    """'laut X', 'nach Angaben X', 'X zufolge', 'nach südkoreanischen Angaben' within [lo, hi)."""
    side = _national_side(sentence, lex, lo, hi)
    if side is not None and (rx.search(r"(?i)(?:nach|laut)\s+$", sentence[max(lo, side.start - 8):side.start])
                             or lex.source_after.match(sentence, side.end + 1)):
        return next((m for m in mentions if m.start <= side.start < m.end), side)
    for match in lex.source_before.finditer(sentence, lo, hi):
        if _inside(quotes, match.start()):
            continue
        word = match.group().casefold()
        window = 60 if word not in ("aus",) else 45
        found = _mention_at(mentions, match.end(), match.end() + window)
        if found and (word != "aus" or found.prep == "aus"):
            if word == "aus" and not rx.search(r"(?:hei(?:ß|ss)t|hie(?:ß|ss))\s+es|Informationen|Quelle|Kreisen",
                                               sentence[max(lo, match.start() - 20):hi]):
                continue
            return found
    for match in lex.source_after.finditer(sentence, lo, hi):
        found = next((m for m in reversed(mentions) if m.end <= match.start() and match.start() - m.end < 12), None)
        if found:
            return found
    return None


def _phrase_objects(sentence: str, mentions: list[Mention], lex: Lexicon, quotes) -> list[Mention]:
    """Mentions that a 'laut'/'zufolge'/'nach Angaben' phrase governs: sources, never a verb's subject."""
    found = []
    for match in lex.source_after.finditer(sentence):
        found += [m for m in mentions if m.end <= match.start() and match.start() - m.end < 12]
    for match in lex.source_before.finditer(sentence):
        if match.group().casefold() != "aus":
            first = _mention_at(mentions, match.end(), match.end() + 60)
            if first is not None:
                found.append(first)
    return found


def _segments(sentence: str) -> list[tuple[int, int]]:
    """Parts of a sentence that can carry their own source: '..., und laut der Washington Post ...'."""
    cuts = [0] + [m.start() for m in rx.finditer(r",\s+(?:und|aber|doch|während)\s|;\s", sentence)] + [len(sentence)]
    return list(zip(cuts, cuts[1:]))


def _sentence_statements(sentence: Sentence, lex: Lexicon, state: ArticleState) -> list[Statement]:
    text = sentence.text
    quotes = _quote_spans(text, bool(state.open_quote_speakers))
    mentions = _resolve_heads(find_mentions(text, lex, state.short_names), state)
    _register(mentions, state)
    clauses = _clauses(text, quotes)
    verbs = _speech_verbs(text, lex, quotes)
    state.speakers_age += 1

    cited, relay_via, relay_rule = _relay(text, mentions, lex, quotes)
    speakers, speaker_rule = [], ""
    if cited is not None:
        speakers, speaker_rule = [cited.actor], relay_rule
    via_mention = relay_via or _dative_relay(text, mentions, quotes)
    verb_used = None
    phrase_objects = _phrase_objects(text, mentions, lex, quotes)
    if not speakers:
        for verb in verbs:
            exclude = ([via_mention] if via_mention else []) + phrase_objects
            speakers, speaker_rule = _subject(text, mentions, verb.start(), verb.end(), quotes, state, exclude)
            if speakers:
                verb_used = verb
                break
    if not speakers and state.open_quote_speakers and quotes and quotes[0][0] == 0:
        speakers, speaker_rule = list(state.open_quote_speakers), "quote-continues"
    carry = [] if state.speakers_age > MAX_CARRY else list(state.last_speakers)
    reported = bool(lex.konjunktiv.search(text)) or bool(lex.impersonal.search(text)) or bool(verbs)
    if via_mention is None:
        via_mention = _via_for(text, mentions, speakers, lex, quotes, verbs)
        if via_mention and speakers and via_mention.actor.name in {s.name for s in speakers}:
            via_mention = None
    via = via_mention.actor if via_mention else None

    statements: list[Statement] = []
    # troop counts
    casualty = bool(lex.casualty.search(text))
    amounts = [] if casualty else find_amounts(text, lex)
    context = any(not a.bare and a.unit not in ("other", None) for a in amounts) or any(
        w.casefold() in lex.context_words for w in rx.findall(r"\w+", text))
    blocked = any(a.unit == "other" for a in amounts)
    counted_here = False
    for amount in amounts:
        if amount.unit == "other":
            continue
        recent = state.since_count < COUNT_CONTEXT
        if amount.bare and not ((context or recent) and not (blocked and not context)):
            continue
        segment = next((s for s in _segments(text) if s[0] <= amount.start < s[1]), (0, len(text)))
        claimants, rule, claim_via = speakers, speaker_rule, via
        phrase = _source_phrase(text, mentions, lex, segment[0], segment[1], quotes)
        if phrase is not None and _is_media(phrase.actor) and speakers and speaker_rule in ("subject", "inverted") \
                and not any(_is_media(s) for s in speakers) and verb_used is not None \
                and segment[0] <= verb_used.start() < segment[1]:
            claim_via = phrase.actor  # "Der Agentur Yonhap zufolge geht der NIS von 12.000 aus"
        elif phrase is not None and not (cited is not None and rule in ("citing", "holds", "learned")):
            claimants, rule = [phrase.actor], "source-phrase"
            if claim_via and claim_via.name == phrase.actor.name:
                claim_via = None
        named_elsewhere = any(m.group().casefold() != "aus" for m in lex.source_before.finditer(text, *segment)) \
            or lex.source_after.search(text, *segment)
        if not claimants and (reported or state.speakers_age <= 1) and carry and not named_elsewhere:
            claimants, rule = carry, "carried"  # "nach Angaben des britischen Ministeriums": not the last speaker
        if not claimants and lex.impersonal.search(text) and state.last_speakers:
            claimants, rule = list(state.last_speakers), "carried"
        statement = Statement("troop_count", sentence, claimants[:1] if claimants else [], claim_via, amount=amount,
                              location=_location(text, amount, lex),
                              projection=bool(lex.projection.search(text)) or _increment(text, amount, lex),
                              rule=f"count:{rule or 'unattributed'}",
                              index_in_sentence=len(statements))
        statements.append(statement)
        counted_here = True

    # stance
    for kind, pattern in lex.stance:
        match = next((m for m in pattern.finditer(text) if not _inside(quotes, m.start(), m.end())), None)
        if match is None:
            continue
        exclude = [m for m in mentions if via_mention is m]
        claimants, rule = _subject(text, mentions, match.start(), match.start() + 1, quotes, state, exclude)
        if not claimants and speakers and speaker_rule in ("subject", "inverted", "pronoun", "role-of"):
            claimants, rule = speakers, "speaker"  # "Es gebe keine Bestätigung, sagte Peskow"
        if not claimants:
            agent = next((m for m in mentions if m.prep in ("von", "aus", "seitens") and not _inside(quotes, m.start)),
                         None)
            if agent:
                claimants, rule = [agent.actor], "agent"
        if not claimants:
            break
        claimants = _refine_by_colon(text, match, mentions, claimants)
        channel = rx.match(r"\s*über\s+(?:die|den|das|seine|ihre)?\s*", text[match.end():])
        stance_via = via
        if channel:
            follow = _mention_at(mentions, match.end(), match.end() + channel.end() + 40)
            if follow:
                stance_via = follow.actor
        for claimant in claimants:
            statements.append(Statement(kind, sentence, [claimant], stance_via, rule=f"stance:{rule}",
                                        index_in_sentence=len(statements)))
        if not speakers:
            speakers = claimants
        break

    if not statements and verb_used is not None and speakers and speaker_rule in ("subject", "inverted"):
        # "X erklärte, die Truppen seien entsandt worden": the speaker confirms by stating it as fact
        reported = text[verb_used.end():] if speaker_rule == "subject" else text[:verb_used.start()]
        if lex.assertion.search(reported) and not lex.assertion_blockers.search(reported):
            for claimant in speakers:
                statements.append(Statement("confirmation", sentence, [claimant], via, rule="stance:assertion",
                                            index_in_sentence=len(statements)))
    relayed = RELAYED_BY.match(text)
    if relayed and state.last_statements:
        outlet = next((m for m in mentions if _is_media(m.actor)), None)
        if outlet is not None:  # "Das meldete die Nachrichtenagentur KCNA." names the relay of the sentence before
            for previous in state.last_statements:
                if previous.via is None and all(c.name != outlet.actor.name for c in previous.claimants):
                    previous.via = outlet.actor
    said_so = SAID_SO.match(text)
    if said_so and state.last_statements and speakers and not statements:
        # "… rund 8.000 Soldaten verlegt. Das sagte Außenminister Blinken am Dienstag.": the speaker and
        # the day of the sentence before
        when = next((d for d in dates_mod.find_dates(text, lex) if d.kind not in ("now", "earlier", "same_day")), None)
        for previous in state.last_statements:
            if not previous.claimants:
                previous.claimants = list(speakers[:1])
            if when is not None and previous.date_mention is None:
                previous.date_mention, previous.window = when, dates_mod.resolve(when, state.published)
    _date_statements(statements, text, lex, quotes, clauses, verb_used, verbs, state)
    state.last_statements = statements
    if not speakers:  # a sentence sourced by "laut X" / "X zufolge" makes X the speaker to carry on
        speakers = next((st.claimants for st in statements if st.claimants and st.rule != "count:carried"), [])
    if speakers:
        state.last_speakers, state.speakers_age = speakers, 0
    state.since_count = 0 if counted_here else state.since_count + 1
    last_open = quotes and quotes[-1][1] == len(text) and text.rstrip()[-1:] not in "“”\"»«"
    state.open_quote_speakers = speakers if last_open else []
    return statements


def _increment(text: str, amount: Amount, lex: Lexicon) -> bool:
    """'2.000 weitere Soldaten', 'weitere 3.000': added to an earlier figure, not replacing it."""
    return bool(lex.increment.search(text, max(0, amount.start - 12), amount.start)
                or lex.increment.search(text, amount.end, amount.end + 12))


def _location(text: str, amount: Amount, lex: Lexicon) -> str | None:
    """The place the sentence puts the figure in: the first one named after it, else before it."""
    found = [(m.start(), name) for pattern, name in lex.places for m in pattern.finditer(text)]
    after = sorted(f for f in found if f[0] >= amount.end)
    before = sorted((f for f in found if f[0] < amount.start), reverse=True)
    return (after or before or [(0, None)])[0][1]


def _refine_by_colon(text: str, match: re.Match, mentions: list[Mention], claimants: list[ActorRef]) -> list[ActorRef]:
    """'Auch Moskau räumte die Beteiligung ein: Russlands Generalstabschef ... hatte erklärt' → the person."""
    colon = text.find(":", match.start())
    if colon < 0 or len(claimants) != 1:
        return claimants
    for mention in mentions:
        if mention.start > colon and mention.actor.type == "person" and _part_of(mention.actor.name, claimants[0].name):
            return [mention.actor]
    return claimants


def _part_of(child: str, parent: str, depth: int = 3) -> bool:
    entries = gazetteer.by_name()
    current = child
    for _ in range(depth):
        entry = entries.get(current)
        if entry is None or entry.part_of is None:
            return False
        if entry.part_of == parent:
            return True
        current = entry.part_of
    return False


def related(a: str | None, b: str | None) -> bool:
    """Same actor, or one speaks directly for the other (Singh for the Pentagon)."""
    if a is None or b is None:
        return False
    if a == b:
        return True
    entries = gazetteer.by_name()
    return (a in entries and entries[a].part_of == b) or (b in entries and entries[b].part_of == a)


# ----------------------------------------------------------------------------------------------
# dates


def _date_statements(statements: list[Statement], text: str, lex: Lexicon, quotes, clauses, verb, verbs,
                     state) -> None:
    """The statement's date: date words in the figure's own main clause, else in the clause of the
    verb that reports it, else in any main clause; 'am selben Tag' repeats the last exact day; no date
    words: the date of the previous statement by the same speaker, else the days before publication.
    Dates inside quotes or subordinate clauses describe events, not the statement."""
    if not statements:
        return
    found = [d for d in dates_mod.find_dates(text, lex) if not _inside(quotes, d.start, d.end)]
    if all(s.projection for s in statements):
        # "Anfang Februar sollen weitere folgen": a month in a projection is when troops go, not a statement
        found = [d for d in found if d.kind not in ("month", "part_of_month")]
    explicit = [d for d in found if d.kind not in ("now", "earlier", "same_day")]
    main = [d for d in explicit if not (_clause_of(clauses, d.start) or (0, 0, False))[2]]
    verb_clause = _clause_of(clauses, verb.start()) if verb is not None else None
    for statement in statements:
        anchor = statement.amount.start if statement.amount else None
        chosen = None
        own_clause = verb_clause
        reported_clause = None
        if anchor is not None:
            clause = _clause_of(clauses, anchor)
            reported = clause is not None and verb_clause is not None and clause != verb_clause \
                and lex.konjunktiv.search(text, clause[0], clause[1])
            reported_clause = clause if reported else None
            if clause and not clause[2] and not reported:
                chosen = next((d for d in main if clause[0] <= d.start < clause[1]), None)
                if chosen is None and any(clause[0] <= v.start() < clause[1] for v in verbs):
                    own_clause = clause  # "…, korrigierte die Zahl nun auf 10.000": its own verb and time
                    chosen = next((d for d in found if d.kind == "now" and clause[0] <= d.start < clause[1]), None)
        if chosen is None and own_clause is not None:
            chosen = next((d for d in explicit if own_clause[0] <= d.start < own_clause[1]), None)
        if chosen is None and anchor is not None:
            # "Anfangs hieß es, es seien 3.000, jedoch wurde die Zahl diese Woche korrigiert": the figure's
            # own time word (in its clause or the one introducing it) wins over another clause's date
            near = [c for c in clauses if c[1] <= anchor] [-1:] + [c for c in clauses if c[0] <= anchor < c[1]]
            earlier = next((d for d in found if d.kind == "earlier" and any(c[0] <= d.start < c[1] for c in near)), None)
            if earlier is not None:
                statement.date_mention = earlier
                statement.window = dates_mod.default_window(state.published) if state.published else None
                continue
        if chosen is None and main:
            chosen = next((d for d in main if not (reported_clause and reported_clause[0] <= d.start < reported_clause[1])),
                          None)
        if chosen is None:
            same = next((d for d in found if d.kind == "same_day"), None)
            if same and state.last_exact:
                statement.date_mention = same
                statement.window = state.last_exact[1]
                continue
            now = next((d for d in found if d.kind == "now" and not (_clause_of(clauses, d.start) or (0, 0, True))[2]),
                       None)
            earlier = next((d for d in found if d.kind == "earlier"), None)
            if earlier is not None:
                statement.date_mention = earlier
                statement.window = dates_mod.default_window(state.published) if state.published else None
                continue
            if now is not None:
                chosen = now
        if chosen is None:
            inherited = state.last_exact
            if inherited and statement.claimants and any(related(c.name, p.name) for c in statement.claimants
                                                          for p in inherited[2]):
                statement.date_mention, statement.window = inherited[0], inherited[1]
                continue
            statement.window = dates_mod.default_window(state.published) if state.published else None
            continue
        statement.date_mention = chosen
        statement.window = dates_mod.resolve(chosen, state.published)
    exact = next((s for s in statements if s.date_mention is not None and s.date_mention.exact_day), None)
    if exact is not None:
        state.last_exact = (exact.date_mention, exact.window, exact.claimants)


# ----------------------------------------------------------------------------------------------
# records: one claim per statement per article, revisions linked


def _records(statements: list[Statement], text: str, published: date | None) -> list[ClaimRecord]:
    records: list[ClaimRecord] = []
    keys: dict[tuple, int] = {}
    kept: list[Statement] = []
    for statement in statements:
        for claimant in statement.claimants or [None]:
            amount = statement.amount
            unit = (amount.unit or "soldiers") if amount else None
            key = (statement.kind, claimant.name if claimant else None,
                   amount.value if amount else None, amount.value_max if amount else None,
                   amount.magnitude if amount else None, unit)
            if key in keys:
                first = records[keys[key]]
                first.mentions += 1
                if statement.sentence.paragraph == kept[keys[key]].sentence.paragraph and \
                        0 <= statement.sentence.start - first.end <= 2:
                    # the next sentence says it again: the quote carries both ("wich aus. … weder … noch …")
                    first.quote = text[first.start:statement.sentence.end]
                    first.end = statement.sentence.end
                continue
            sentence = statement.sentence
            window = statement.window
            record = ClaimRecord(
                kind=statement.kind, quote=sentence.text, start=sentence.start, end=sentence.end, claimant=claimant,
                via=statement.via if statement.via and (claimant is None or statement.via.name != claimant.name)
                else None,
                value=amount.value if amount else None, value_max=amount.value_max if amount else None,
                qualifier=amount.qualifier if amount else None, magnitude=amount.magnitude if amount else None,
                unit=unit, location=statement.location, date_from=window[0] if window else None, date_to=window[1] if window else None,
                date_text=statement.date_mention.text if statement.date_mention else None,
                rule=statement.rule,
            )
            record.extra["projection"] = statement.projection
            record.extra["order"] = dates_mod.order_key(statement.date_mention, published)
            keys[key] = len(records)
            records.append(record)
            kept.append(statement)
    _link_revisions(records, kept)
    return records


def _link_revisions(records: list[ClaimRecord], statements: list[Statement]) -> None:
    """An earlier figure of the same claimant (or of the body it speaks for) replaced by a later one."""
    candidates = [i for i, r in enumerate(records)
                  if r.kind == "troop_count" and r.value is not None and r.claimant is not None
                  and not r.extra["projection"] and r.unit in ("soldiers", "special_forces")]
    for i in candidates:
        older = records[i]
        newer = [j for j in candidates if j != i
                 and related(records[j].claimant.name, older.claimant.name)
                 and records[j].extra["order"] > older.extra["order"]
                 and (records[j].value, records[j].value_max) != (older.value, older.value_max)]
        if newer:
            replacement = min(newer, key=lambda j: (records[j].extra["order"], j))
            older.status = "revised"
            older.revised_by = replacement
