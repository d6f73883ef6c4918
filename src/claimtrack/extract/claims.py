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
from functools import lru_cache

from claimtrack import controls, gazetteer
from claimtrack.extract import rx
from claimtrack.extract import dates as dates_mod
from claimtrack.extract import forces as forces_mod
from claimtrack.extract.actors import (Mention, described_mentions, find_mentions, head_owner, institution_heads,
                                      TYPE_OWNER, country_named, inverted_speakers, nationality_in, office_holder,
                                      office_words, person_in_role)
from claimtrack.extract.attribution import (PHRASE_END, QUOTE_MARKS, dative_relay, inside, is_media, mention_at,
                                            phrase_objects, quote_spans, relay, segments, source_phrase,
                                            speech_verbs, subject, via_for)
from claimtrack.extract.lexicon import Lexicon, load
from claimtrack.extract.numbers import Amount, find_amounts
from claimtrack.extract.records import ActorRef, ClaimRecord
from claimtrack.extract.sentences import Sentence, split

# No sentence of news prose is longer; past this it is a table, a dump or hostile input, and the
# extractor's patterns would spend time on it for nothing.
MAX_SENTENCE = 3000
OPENS_CLAUSE = re.compile(r"[,;:\s]*(?:[a-zäöüß]+\s+){0,2}")  # a clause's start, at most two lower-case words
# a comma between digits is part of a figure ("3,000", "1,3 Millionen"), not a clause's end
CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[;:–—]|\s-\s|[„“”«»\"]")
STRENGTH_UNITS = {"soldiers", "special_forces", None}
MAX_CARRY = 2  # sentences over which the last speaker carries to reported speech
ACTING_TYPES = {"country", "government", "organisation", "agency", "group"}
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
    force: str | None = None
    rule: str = ""
    index_in_sentence: int = 0


@dataclass
class ArticleState:
    published: date | None
    last_speakers: list[ActorRef] = field(default_factory=list)
    speakers_age: int = 99
    history: list[ActorRef] = field(default_factory=list)
    short_names: dict[str, ActorRef] = field(default_factory=dict)
    described: dict[str, ActorRef] = field(default_factory=dict)  # head nouns of bodies found by description
    last_exact: tuple[dates_mod.DateMention, tuple[date, date] | None, list[ActorRef]] | None = None
    since_count: int = 99  # sentences since the last troop count
    open_quote_speakers: list[ActorRef] = field(default_factory=list)
    last_statements: list[Statement] = field(default_factory=list)
    article_force: str | None = None  # the force the article's troop nouns name most
    alliance: str | None = None  # the alliance the article names most: troops "aus Ländern wie …" are its
    last_force: str | None = None  # the force of the last figure, for "Rund 3.000 sollen bereits dort sein"
    offices: dict[str, ActorRef] = field(default_factory=dict)  # office words to whom the article named with them
    unnamed_at: int = 0  # the history's length when someone unnamed last spoke ("sagten Experten"): a
    # pronoun after it stands for no one named before it


def extract(text: str, published: date | None = None, language: str = "de", boilerplate=()) -> list[ClaimRecord]:
    """All claims of one article, in text order, with revisions linked."""
    original, text = text, controls.mask(text)  # digits inside escape sequences are no figures
    lex = load(language)
    forces = forces_mod.table(language)
    alliance = forces_mod.alliance(text, forces)
    state = ArticleState(published, article_force=forces_mod.resolve(forces_mod.article_force(text, forces), alliance),
                         alliance=alliance)
    statements: list[Statement] = []
    for sentence in split(text, lex, boilerplate):
        if sentence.heading or len(sentence.text) > MAX_SENTENCE:
            continue
        statements.extend(_sentence_statements(sentence, lex, state))
    records = _records(statements, text, published, lex)
    if original is not text:
        for record in records:  # the evidence is the article's own characters
            record.quote = original[record.start:record.end]
    return records


# ----------------------------------------------------------------------------------------------
# one sentence


def _clauses(sentence: str, quotes, lex: Lexicon) -> list[tuple[int, int, bool]]:
    """(start, end, subordinate) pieces between commas, colons and quote marks."""
    cuts = [0] + [m.start() for m in CLAUSE_BREAK.finditer(sentence)] + [len(sentence)]
    result = []
    for start, end in zip(cuts, cuts[1:]):
        piece = sentence[start:end].lstrip(",;:–—-„“”«»\" ")
        if not piece.strip():
            continue
        first = rx.match(r"[\w']+", piece)
        word = first.group().casefold() if first else ""
        subordinate = start > 0 and word in lex.subordinators or inside(quotes, start + 1, end - 1)
        result.append((start, end, subordinate))
    return result



def _clause_of(clauses, pos: int) -> tuple[int, int, bool] | None:
    for clause in clauses:
        if clause[0] <= pos < clause[1]:
            return clause
    return clauses[-1] if clauses else None


def _resolve_heads(mentions: list[Mention], state: ArticleState) -> list[Mention]:
    result = []
    for mention in mentions:
        if mention.origin == "role":
            mention.actor = office_holder(mention.office, state.published, state.offices, state.history)
            if mention.actor is None:
                continue
        if mention.origin == "role-head":
            mention.actor = person_in_role(mention.head, state.history)
            if mention.actor is None:
                continue
        if mention.actor is None:
            owners = head_owner(mention.head or "")
            # the nearest actor before it, in this sentence first ("NATO will send 700 troops, the alliance said")
            earlier = [m.actor for m in result if m.end <= mention.start]
            for actor in reversed(state.history + earlier):
                if actor.name in owners or TYPE_OWNER + actor.type in owners \
                        or (mention.origin == "anaphor" and actor.type == "country"):
                    mention.actor = actor
                    break
            if mention.actor is None:
                continue
        result.append(mention)
    return result


def _register(mentions: list[Mention], state: ArticleState, lex: Lexicon) -> None:
    for mention in mentions:
        ref = mention.actor
        state.history.append(ref)
        if mention.office and mention.origin != "role":
            state.offices.update(dict.fromkeys(office_words(mention.office), ref))
        if mention.origin == "discovered" and ref.type in ("government", "organisation"):
            # "das litauische Verteidigungsministerium", later "das Ministerium", "das Verteidigungsministerium"
            for head in institution_heads(ref.name, lex):
                state.described[head] = ref
        if ref.type == "person" and mention.origin in ("gazetteer", "discovered"):
            tokens = [t for t in rx.findall(r"[^\W\d_][\w'-]+", ref.name) if t[0].isupper()]
            if len(tokens) == 1 and mention.origin == "discovered" and len(tokens[0]) >= 4:
                state.short_names[tokens[0]] = ref  # "Machthaber Lukaschenko", later "sagte Lukaschenko"
            if len(tokens) >= 2:
                last = tokens[-1].split("-")  # "Linda Thomas-Greenfield", later "Greenfield said"
                for token in {tokens[0], tokens[-1], last[-1]}:
                    if len(token) >= 3:
                        state.short_names[token] = ref


@dataclass
class SentenceView:
    """What one sentence says about who speaks, worked out once and shared by the claim rules."""

    sentence: Sentence
    text: str
    quotes: list
    mentions: list[Mention]
    verbs: list
    speakers: list[ActorRef]
    speaker_rule: str
    verb_used: re.Match | None
    via: ActorRef | None
    via_mention: Mention | None
    cited: Mention | None
    carry: list[ActorRef]
    reported: bool
    lex: Lexicon
    sourced: list[Mention]  # the objects of source phrases ("laut Nato", "according to U.S. officials")
    clause_cache: list | None = None

    @property
    def clauses(self) -> list:
        """The sentence's clauses, cut when a rule first asks (most sentences state nothing)."""
        if self.clause_cache is None:
            self.clause_cache = _clauses(self.text, self.quotes, self.lex)
        return self.clause_cache


def _view(sentence: Sentence, lex: Lexicon, state: ArticleState) -> SentenceView:
    """Quotes, actor mentions, reporting verbs, the speaker and the relay of one sentence."""
    text = sentence.text
    quotes = quote_spans(text, bool(state.open_quote_speakers))
    mentions = _resolve_heads(find_mentions(text, lex, state.short_names), state)
    mentions = described_mentions(text, lex, state.described, mentions)
    # "Stoltenberg blickt mit Sorge auf das Manöver. Er rechnet mit …": a pronoun with no speaker yet
    # stands for the last person named
    previous_person = next((state.history[i] for i in range(len(state.history) - 1, state.unnamed_at - 1, -1)
                            if state.history[i].type == "person"), None)
    _register(mentions, state, lex)
    # a reporting verb inside an actor's name is part of the name: "United States" (states)
    verbs = [v for v in speech_verbs(text, lex, quotes) if not any(m.start <= v.start() < m.end for m in mentions)]
    named = inverted_speakers(text, verbs, mentions, lex)
    if named:
        mentions = sorted(mentions + named, key=lambda m: m.start)
        _register(named, state, lex)
    cited, relay_via, relay_rule = relay(text, mentions, lex, quotes)
    speakers, speaker_rule = ([cited.actor], relay_rule) if cited is not None else ([], "")
    via_mention = relay_via or dative_relay(text, mentions, quotes, lex)
    verb_used = None
    sourced = phrase_objects(text, mentions, lex, quotes)
    if not speakers:
        unnamed = False
        for verb in verbs:
            exclude = ([via_mention] if via_mention else []) + sourced
            speakers, speaker_rule = subject(text, mentions, verb.start(), verb.end(), quotes,
                                             state.last_speakers or ([previous_person] if previous_person else []),
                                             lex, exclude)
            if speakers:
                verb_used = verb
                break
            unnamed = unnamed or speaker_rule == "unnamed"
        if not speakers and unnamed:
            speaker_rule = "unnamed"  # "…, sagten Militärexperten": someone unnamed speaks, not the last speaker
    if not speakers:
        impersonal = list(lex.impersonal.finditer(text))  # both voices read the same impersonal reports
        place = _place_voice(text, mentions, impersonal, lex)
        document = _document_voice(text, mentions, impersonal) if place is None else None
        if place is not None:
            speakers, speaker_rule = [place], "place"  # "In Kiew hieß es, …": the capital's side speaks
        elif document is not None:
            speakers, speaker_rule = [document], "document"  # "In einem Bericht des ISW heißt es, …"
        elif _unnamed_circles(text, lex):
            speaker_rule = "unnamed"  # "…, hieß es aus Regierungskreisen": circles nobody names
    if not speakers and state.open_quote_speakers and quotes and quotes[0][0] == 0:
        speakers, speaker_rule = list(state.open_quote_speakers), "quote-continues"
    if not speakers:
        label = _colon_speaker(text, mentions)
        if label is not None:
            speakers, speaker_rule = [label], "colon"  # "Pentagon: Rund 10.000 Soldaten sind in Russland"
    if via_mention is None and speakers and verb_used is not None and speaker_rule in ("subject", "inverted"):
        speakers, via_mention, verb_used = _nested_report(text, mentions, verbs, verb_used, speakers, quotes, lex)
    if via_mention is None:
        via_mention = via_for(text, mentions, speakers, lex, quotes, verbs)
        if via_mention and speakers and via_mention.actor.name in {s.name for s in speakers}:
            via_mention = None
    return SentenceView(
        sentence=sentence, text=text, quotes=quotes, mentions=mentions, verbs=verbs,
        speakers=speakers, speaker_rule=speaker_rule, verb_used=verb_used,
        via=via_mention.actor if via_mention else None, via_mention=via_mention, cited=cited,
        carry=[] if state.speakers_age > MAX_CARRY else list(state.last_speakers),
        reported=bool(verbs) or bool(lex.konjunktiv.search(text)) or bool(lex.impersonal.search(text)), lex=lex,
        sourced=sourced,
    )


COLON_SPEAKERS = frozenset({"person", "government", "agency", "organisation", "media"})


def _colon_speaker(text: str, mentions: list[Mention]) -> ActorRef | None:
    """'Pentagon: Rund 10.000 nordkoreanische Soldaten sind in Russland.', 'Kirby: …': a body or a person
    named alone before a colon that opens the sentence says what follows (a country there is a topic:
    'Russland: …')."""
    first = mentions[0] if mentions else None
    if first is None or first.actor is None or first.actor.type not in COLON_SPEAKERS \
            or text[:first.start].strip(QUOTE_MARKS + "'") or not text[first.end:].lstrip().startswith(":"):
        return None
    return first.actor


def _nested_report(text: str, mentions: list[Mention], verbs: list, verb_used, speakers: list[ActorRef], quotes,
                   lex: Lexicon):
    """'Die „Washington Post“ berichtete, US-Beamte hätten erklärt, …', 'The Guardian reported that
    senior officials in Kyiv and Seoul said …': a medium reports what others said; they are the speakers
    and the medium relays them. (speakers, the relaying mention or None, the verb of the speakers)"""
    def speaker_of(verb, exclude=()):
        found, rule = subject(text, mentions, verb.start(), verb.end(), quotes, [], lex, list(exclude))
        return found if rule in ("subject", "inverted") else []

    media = [m for m in mentions if is_media(m.actor)]
    if is_media(speakers[0]):  # the medium's verb came first: an inner verb with someone else as subject
        for verb in verbs:
            inner = speaker_of(verb, media) if verb.start() > verb_used.end() else []
            if inner and not is_media(inner[0]):
                outlet = next((m for m in media if m.actor.name == speakers[0].name), None)
                return inner, outlet, verb
        return speakers, None, verb_used
    for verb in verbs:  # the speakers' verb: is there an earlier one of a medium?
        if verb.end() <= verb_used.start():
            outer = speaker_of(verb)
            if outer and is_media(outer[0]):
                return speakers, next((m for m in media if m.actor.name == outer[0].name), None), verb_used
    return speakers, None, verb_used


def _unnamed_circles(text: str, lex: Lexicon) -> bool:
    """'aus Regierungskreisen', 'aus gut informierten Kreisen': circles nobody names ('aus südkoreanischen
    Militärkreisen' are a country's)."""
    return any(not any(nationality_in(word) for word in match.group().split()[1:])
               for match in lex.syntax["unnamed_source"].finditer(text))


def _document_voice(text: str, mentions: list[Mention], impersonal: list[re.Match]) -> ActorRef | None:
    """'In einem Bericht des ISW heißt es, …', 'In der Erklärung des Ministeriums hieß es': an impersonal
    report in a body's text (its genitive, in the same clause before the verb) is the body's."""
    for match in impersonal:
        owner = next((m for m in reversed(mentions) if m.genitive and m.actor is not None and m.end <= match.start()
                      and not CLAUSE_BREAK.search(text, m.end, match.start())), None)
        if owner is not None:
            return owner.actor
    return None


def _place_voice(text: str, mentions: list[Mention], impersonal: list[re.Match], lex: Lexicon) -> ActorRef | None:
    """'In Kiew hieß es, …', '…, hieß es in Washington': an impersonal report placed in a country or its
    capital is that country's."""
    for match in impersonal:
        for mention in mentions:
            if mention.actor is None or mention.actor.type != "country" or mention.prep not in lex.place_voice:
                continue
            before = mention.end <= match.start() and not text[mention.end:match.start()].strip(" ,")
            after = match.end() <= mention.start and text[match.end():mention.start].strip().casefold() == mention.prep
            if before or after:
                return mention.actor
    return None


def _count_statements(view: SentenceView, lex: Lexicon, state: ArticleState) -> list[Statement]:
    """Troop counts: figures that count people under arms, each with its source."""
    text = view.text
    amounts = find_amounts(text, lex)
    if amounts and lex.casualty.search(text):
        # losses are no troop strength, but the total they are part of is ("3,000 of the 11,000 troops"); a
        # loss word is said of the figures before it in its clause and of the nearest one before it, else of
        # the next one ("some 11,000 were fighting in Kursk, adding that about 3,000 had been killed",
        # "5000 bis 25.000 ukrainische und 3000 bis 10.000 russische Soldaten würden getötet", "verlor 20.000")
        losses = set()
        for word in lex.casualty.finditer(text):
            before = [a for a in amounts if a.start < word.start()]
            if not before:
                losses.add(id(next(a for a in amounts if a.start >= word.start())))
                continue
            clause = _clause_of(view.clauses, word.start())
            losses.update(id(a) for a in before if _clause_of(view.clauses, a.start) == clause)
            losses.add(id(before[-1]))
        amounts = [a for a in amounts if id(a) not in losses
                   or lex.syntax["partitive_total"].search(text, max(0, a.start - 20), a.start)]
    if not amounts:
        return []
    # "on June 26", "Oct. 25": a day of a date is no figure
    days = dates_mod.day_spans(text, lex)
    amounts = [a for a in amounts if not any(s <= a.start < e for s, e in days)]
    context = any(not a.bare and a.unit not in ("other", None) for a in amounts) or any(
        w.casefold() in lex.context_words for w in rx.findall(r"\w+", text))
    blocked = any(a.unit == "other" for a in amounts)
    statements = []
    for amount in amounts:
        if amount.unit in ("other", "units"):
            continue  # "vier Brigaden": a count of formations, not of people
        clause = _clause_of(view.clauses, amount.start) or (0, len(text), False)
        size = lex.syntax["unit_size"].match(text, clause[0], clause[1]) if clause[0] > 0 else None
        if size is not None and amount.start < size.end():
            continue  # "einer Spezialeinheit, die mindestens 40.000 Soldaten umfasst": a unit's size
        recent = state.since_count < COUNT_CONTEXT
        fighting = amount.noun is not None and (lex.people_context.search(text) is not None
                                                or forces_mod.table(lex.language).deploy.search(text) is not None)
        if amount.bare and not ((context or recent or fighting) and not (blocked and not (context or fighting))):
            continue  # a bare figure, or a country's people, outside any troop context
        acting_force = None
        segment = next((s for s in segments(text, lex, view.quotes) if s[0] <= amount.start < s[1]), (0, len(text)))
        claimants, rule, claim_via = view.speakers, view.speaker_rule, view.via
        own = _segment_speakers(view, segment, lex, state)
        reported = view.reported
        if own:  # "…, but Ukrainian intelligence believes the real figure is closer to 30,000"
            claimants, rule, claim_via = own, "subject", None
        elif view.verb_used is not None and view.verb_used.start() >= segment[1]:
            # "Russia has deployed nearly 100,000 soldiers, but U.S. officials say …": the speaker of a later
            # part does not say the part before it
            claimants, rule, claim_via = [], "", None
            reported = any(segment[0] <= v.start() < segment[1] for v in view.verbs) \
                or lex.konjunktiv.search(text, *segment) is not None or lex.impersonal.search(text, *segment) is not None
        phrase = source_phrase(text, view.mentions, lex, segment[0], segment[1], view.quotes)
        if phrase is not None and view.verb_used is not None and view.speakers and rule == "subject" \
                and _clause_of(view.clauses, view.verb_used.start()) == clause \
                and _clause_of(view.clauses, phrase.start) != clause:
            # "Nach Angaben des Kremls sollen 13.000 Soldaten teilnehmen, Nato-Schätzungen gehen von bis zu
            # 100.000 aus": the figure's own clause has its own speaker; the phrase is another clause's
            phrase = None
        if phrase is not None and is_media(phrase.actor) and view.speakers \
                and view.speaker_rule in ("subject", "inverted") and not any(is_media(s) for s in view.speakers) \
                and view.verb_used is not None and segment[0] <= view.verb_used.start() < segment[1]:
            claim_via = phrase.actor  # "Der Agentur Yonhap zufolge geht der NIS von 12.000 aus"
        elif phrase is not None and not (view.cited is not None and rule in ("citing", "holds", "learned")):
            claimants, rule = [phrase.actor], "source-phrase"
            if claim_via and claim_via.name == phrase.actor.name:
                claim_via = None
        if phrase is None and not claimants:
            pronoun = lex.syntax["pronoun_source"].search(text, *segment)
            if pronoun is not None and not inside(view.quotes, pronoun.start()):
                # "Pistorius besuchte die Truppe. Ihm zufolge sind 1.800 Soldaten …", "According to him, …"
                person = next((a for a in reversed(state.history) if a.type == "person"), None)
                speakers = state.last_speakers or ([person] if person else [])
                if speakers:
                    claimants, rule = speakers, "pronoun"
        sources = [m for m in lex.source_before.finditer(text, *segment) if m.group().casefold() != lex.source_from]
        named_elsewhere = bool(sources) or lex.source_after.search(text, *segment)
        # the next sentence carries the speaker on, unless it tells the story's past in the indicative
        # ("Russland hatte zwischenzeitlich 40.000 Soldaten … stationiert"): the reporter's background
        background = not reported and lex.background_past.search(text) is not None
        if not claimants and not reported and not background \
                and (not named_elsewhere or _official_source(text, sources, lex)) \
                and forces_mod.table(lex.language).deploy.search(text):
            # "Belgien schickt 300 Soldaten": a country or body that sends its own troops says so itself, even
            # right after another speaker's sentence (what it had done, told in the pluperfect, is the
            # reporter's background), as a person who announces it does ("Biden will 2.000 Soldaten schicken"),
            # unless a source phrase says whose word it is ("Russland hat laut Insidern 10.000 Soldaten verlegt");
            # the nearest such actor before the figure, in a main clause ("…, dass Nordkorea Tausende
            # Soldaten geschickt hat" reports what others say)
            table = forces_mod.table(lex.language)
            actor = next((m.actor for m in reversed(view.mentions) if m.end <= amount.start and m.prep is None
                          and not m.genitive
                          and (m.actor.type in ACTING_TYPES
                               or (m.actor.type == "person" and _announces(text, m.end, amount.start, table)))
                          and not (_clause_of(view.clauses, m.start) or (0, 0, False))[2]
                          and (not lex.subject_in_clause or _sends(text, m.end, amount.start, lex))),
                         None)
            after_verb = None if actor is not None else \
                forces_mod.subject_after_verb(text, amount.start, amount.noun_end, lex)
            if after_verb is not None:  # "3.000 Soldaten hat Polen an die Grenze verlegt": the subject after the verb
                actor = next((m.actor for m in view.mentions if m.start == after_verb and m.actor.type in ACTING_TYPES
                              and not m.genitive), None)
            if actor is not None:
                claimants, rule = [actor], "actor"
                acting_force = _force_of_actor(actor, forces_mod.table(lex.language))
        if not claimants and (reported or (state.speakers_age <= 1 and not background)) and view.carry \
                and not named_elsewhere and view.speaker_rule != "unnamed":
            claimants, rule = view.carry, "carried"  # "nach Angaben des britischen Ministeriums": not the last speaker
        if not claimants and lex.impersonal.search(text) and state.last_speakers and view.speaker_rule != "unnamed":
            claimants, rule = list(state.last_speakers), "carried"
        table = forces_mod.table(lex.language)
        # "mehr als 500 französische und etwa 300 belgische Soldaten": a figure's phrase ends where the next
        # figure begins (they share the noun, not the nationality)
        phrase_end = min([amount.noun_end] + [a.start for a in amounts if amount.end <= a.start < amount.noun_end])
        found_force = forces_mod.force_of_figure(text, amount.start, phrase_end, table)
        if found_force is None and amount.noun is None:
            # "Die Zahl der russischen Soldaten bezifferte X auf 9.000": a bare figure counts the troop noun
            # named before it
            found_force = forces_mod.force_of_noun_before(text, amount.start, table)
        if found_force is None and claimants and rule in ("subject", "inverted", "role-of"):
            found_force = _speaker_sends(text, amount, claimants[0], view, table)
        # "Die USA haben rund 100.000 Soldaten in Europa, nach 80.000 vor der Invasion": a bare figure after
        # one of the same sentence counts the same force
        same_sentence = statements[-1].force if statements and amount.noun is None else None
        force = forces_mod.resolve(found_force, state.alliance) \
            or (acting_force if rule == "actor" else None) or same_sentence or _recent_force(state)
        state.last_force = force
        statements.append(Statement(
            "troop_count", view.sentence, claimants[:1] if claimants else [], claim_via, amount=amount,
            location=_location(text, amount, lex, view), force=force,
            projection=_projected(text, amount, view, lex) or _increment(text, amount, lex),
            rule=f"count:{rule or 'unattributed'}", index_in_sentence=len(statements)))
    return statements


def _speaker_sends(text: str, amount: Amount, speaker: ActorRef, view: SentenceView, table) -> str | None:
    """'Turkey said it would contribute 500 soldiers', 'Die Türkei erklärte, sie habe 2.000 Soldaten
    geschickt', '„Wir haben rund 2.500 Soldaten im Irak“, sagte Austin': a pronoun that stands for the
    speaker sends or has the troops, so they are the speaker's."""
    clause = _clause_of(view.clauses, amount.start) or (0, len(text), False)
    pronoun = table.speaker_pronoun.search(text, clause[0], amount.start)
    deploy = table.deploy.search(text, clause[0], clause[1])
    # "Pistorius kündigte an, 4.800 Soldaten nach Litauen zu schicken", "Poland pledged to send 500 troops":
    # an infinitive without a subject of its own, when nobody stands between the speaker's verb and it
    # ("forderte die Nato auf, … zu schicken" is NATO's sending)
    controlled = deploy is not None and table.infinitive.search(text, max(clause[0], deploy.start() - 6),
                                                                deploy.start()) is not None \
        and view.verb_used is not None and view.verb_used.end() <= amount.start \
        and not any(view.verb_used.end() <= m.start < amount.start for m in view.mentions)
    # "Trump announced the deployment of 5,000 troops", "Pistorius kündigte die Entsendung von 4.800
    # Soldaten an": the speaker's verb announces a deployment named as a noun (not "said the deployment of
    # 10,000 troops was an escalation": saying so is no announcing)
    noun = table.deploy_noun.search(text, max(clause[0], amount.start - 60), amount.start)
    announced = noun is not None and view.verb_used is not None and view.verb_used.end() <= noun.start() \
        and table.announce.match(text, view.verb_used.start()) is not None \
        and not any(view.verb_used.end() <= m.start < amount.start for m in view.mentions)
    if not controlled and not announced and (pronoun is None or (deploy is None and table.possession.search(
            text, pronoun.end(), amount.start) is None)):
        return None
    country = nationality_in(speaker.name.split()[0])  # "polnisches Verteidigungsministerium": Poland's
    return _force_of_actor(speaker, table) or (
        _force_of_actor(ActorRef(country.name, country.type, None, (), True), table) if country else None)


def _announces(text: str, start: int, figure: int, table) -> bool:
    """A person's announcing verb after `start` that opens before the figure: 'Biden will 2.000 Soldaten
    schicken', 'Biden ordnete die Verlegung von 3.000 Soldaten nach Polen an' (a separable verb ends after it)."""
    verb = table.announce.search(text, start)
    return verb is not None and verb.start() < figure


def _official_source(text: str, sources: list[re.Match], lex: Lexicon) -> bool:
    """'nach Angaben eines Regierungsvertreters', 'according to a defense official': the phrase cites an
    official, of the side that acts in the sentence, not an outsider ('laut Insidern')."""
    for source in sources:
        stop = PHRASE_END.search(text, source.end())
        if lex.syntax["official_source"].match(text, source.end(), stop.start() if stop else len(text)):
            return True
    return False


def _segment_speakers(view: SentenceView, segment: tuple[int, int], lex: Lexicon,
                      state: ArticleState) -> list[ActorRef]:
    """'Moskau spricht von 20.000 Soldaten, doch Kiew geht von 30.000 aus': a part of the sentence after
    'doch', 'but', 'while' with its own reporting verb and subject is that subject's, not the first verb's."""
    if view.verb_used is None or segment[0] == 0:
        return []  # the sentence's own speaker, read over the whole sentence, speaks for its first part
    mentions = [m for m in view.mentions if m.start >= segment[0]]
    for verb in view.verbs:
        if segment[0] <= verb.start() < segment[1]:
            found, rule = subject(view.text, mentions, verb.start(), verb.end(), view.quotes, state.last_speakers,
                                  lex)
            if found and rule in ("subject", "inverted", "role-of"):
                return found
    return []


def _first_person_quote_stance(view: SentenceView, pattern: re.Pattern, lex: Lexicon) -> re.Match | None:
    """'„Heute kann ich bestätigen, dass …“, sagte Rutte': a stance in the first person inside the quote of
    the speaker the sentence names outside it; '„Es gibt keine russischen Soldaten in Mali“, sagte Peskow':
    the troops' absence stated as fact is his denial in any person."""
    if not view.quotes or not view.speakers or view.speaker_rule not in ("subject", "inverted", "role-of"):
        return None
    for match in pattern.finditer(view.text):
        quote = next((q for q in view.quotes if q[0] <= match.start() < q[1]), None)
        if quote is not None and (lex.first_person.search(view.text, quote[0], match.end())
                                  or lex.negated_presence.match(view.text, match.start())) \
                and not any(quote[0] <= m.start < match.start() for m in view.mentions):
            return match
    return None


def _force_of_actor(actor: ActorRef, forces) -> str | None:
    """Whose troops an actor sends: its own, or those of the country it is part of (Macron: France)."""
    entries = gazetteer.by_name()
    current, seen = actor.name, set()
    while current and current not in seen:
        seen.add(current)
        force = forces.by_word.get(current.casefold())
        if force is not None:
            return force
        entry = entries.get(current)
        if entry is None:
            break
        force = next((forces.by_word[a.casefold()] for a in entry.aliases if a.casefold() in forces.by_word), None)
        if force is not None:
            return force
        current = entry.part_of
    if actor.type == "person" and not actor.known and actor.description:
        # "Latvian Prime Minister Evika Silina", "Polens Außenminister …": a person the gazetteer lacks is of
        # the country his description opens with
        country = country_named(rx.sub(r"['’]s$", "", actor.description.split()[0]), forces.lex)
        if country is not None:
            return _force_of_actor(ActorRef(country, "country"), forces)
    return None


def _sends(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """SVO: the actor's own deploy verb stands between it and the figure, in one clause ("Poland
    sends 300 soldiers", not "reassure NATO allies nervous about the 100,000 Russian troops")."""
    verb = forces_mod.table(lex.language).deploy.search(text, start, end)
    return verb is not None and not CLAUSE_BREAK.search(text, start, verb.start())


def _recent_force(state: ArticleState) -> str | None:
    """A figure or stance that names no force: the last figure's, a few sentences on ("Minsk bestätigte
    die Verlegung" after Belarus's figure), else the article's."""
    return (state.last_force if state.since_count < COUNT_CONTEXT else None) or state.article_force


def _stance_cues(text: str, quotes, lex: Lexicon) -> list[tuple[str, re.Pattern, re.Match | None]]:
    """(kind, pattern, its first cue outside quotes) in the order to try: the language file's order (a
    negation before the verb it negates: "bestätigte … nicht"), except that the sentence's first cue goes
    first when no cue listed before it overlaps it: "bestätigte die Ankunft, machte aber keine Angaben"
    confirms, "gab es keine Stellungnahmen zu" does not."""
    if not lex.stance_any.search(text):
        return []
    cues: list = []
    first = None  # index of the first kind, in file order, with a cue
    for kind, pattern in lex.stance:
        # after the first kind with a cue, only a cue before it can go first: search up to there
        end = len(text) if first is None else cues[first][2].start()
        match = next((m for m in pattern.finditer(text, 0, end) if not inside(quotes, m.start(), m.end())), None)
        if match is not None and first is None:
            first = len(cues)
        cues.append((kind, pattern, match))
    if first is None:
        return cues
    found = [i for i, cue in enumerate(cues) if cue[2] is not None]
    winner = min(found, key=lambda i: (cues[i][2].start(), i))
    overlapping = [i for i in found if i < winner and cues[i][2].start() < cues[winner][2].end()
                   and cues[winner][2].start() < cues[i][2].end()]
    winner = min(overlapping, default=winner)
    cues.insert(first, cues.pop(winner))
    return cues


def _stance_statements(view: SentenceView, lex: Lexicon, state: ArticleState, first: int) -> list[Statement]:
    """Confirmations, denials and 'not confirmed': the first stance cue of the sentence, one claim per actor."""
    text = view.text
    for kind, pattern, match in _stance_cues(text, view.quotes, lex):
        if match is None:
            quoted = _first_person_quote_stance(view, pattern, lex)
            if quoted is not None:
                force = forces_mod.resolve(forces_mod.force_of_stance(text, forces_mod.table(lex.language)),
                                   state.alliance) or _recent_force(state)
                return [Statement(kind, view.sentence, [claimant], view.via, rule="stance:quote", force=force,
                                  index_in_sentence=first + i) for i, claimant in enumerate(view.speakers)]
            continue
        exclude = [m for m in view.mentions if view.via_mention is m]
        clause = _clause_of(view.clauses, match.start())
        if view.speakers and view.speaker_rule in ("subject", "inverted", "pronoun", "role-of") and clause[0] > 0 \
                and OPENS_CLAUSE.fullmatch(text, clause[0], match.start()) \
                and (lex.subject_in_clause
                     or not any(match.end() <= m.start < clause[1] and m.prep is None for m in view.mentions)):
            # "…, the officials said, publicly confirming …": a cue that opens its clause (an adverb at most
            # before it) with no subject after it either (V2: "…, bestätigte das Pentagon") is the speaker's
            claimants, rule = view.speakers, "speaker"
        else:
            claimants, rule = subject(text, view.mentions, match.start(), match.start() + 1, view.quotes,
                                      state.last_speakers, lex, exclude)
        if not claimants and view.speakers and view.speaker_rule in ("subject", "inverted", "pronoun", "role-of"):
            claimants, rule = view.speakers, "speaker"  # "Es gebe keine Bestätigung, sagte Peskow"
        if not claimants:
            agent = next((m for m in view.mentions
                          if m.prep in lex.agent_prepositions and not inside(view.quotes, m.start)), None)
            if agent:
                claimants, rule = [agent.actor], "agent"
        if not claimants:
            return []
        claimants = _refine_by_colon(text, match, view.mentions, claimants)
        channel = lex.syntax["channel"].match(text[match.end():])
        stance_via = view.via
        if channel:
            follow = mention_at(view.mentions, match.end(), match.end() + channel.end() + 40)
            if follow:
                stance_via = follow.actor
        if kind == "not_confirmed" and all(is_media(c) for c in claimants) and lex.caveat.search(match.group()):
            return []  # "Reuters could not independently verify the report": the outlet's caveat, no party's stance
        force = forces_mod.resolve(forces_mod.force_of_stance(text, forces_mod.table(lex.language)),
                                   state.alliance) or _recent_force(state)
        return [Statement(kind, view.sentence, [claimant], stance_via, rule=f"stance:{rule}", force=force,
                          index_in_sentence=first + i) for i, claimant in enumerate(claimants)]
    if view.verb_used is not None and view.speakers and view.speaker_rule in ("subject", "inverted", "role-of"):
        # "X erklärte, die Truppen seien entsandt worden": the speaker confirms by stating it as fact
        before_verb = text[:view.verb_used.start()]
        reported_before = view.speaker_rule == "inverted" or (
            view.speaker_rule == "role-of" and before_verb.rstrip().endswith((",", "“", "”", "\"", "«", "»")))
        said = before_verb if reported_before else text[view.verb_used.end():]
        if lex.assertion.search(said) and not lex.assertion_blockers.search(said) and first == 0:
            force = forces_mod.resolve(forces_mod.force_of_stance(said, forces_mod.table(lex.language)),
                                       state.alliance) or _recent_force(state)
            return [Statement("confirmation", view.sentence, [claimant], view.via, rule="stance:assertion",
                              force=force, index_in_sentence=i) for i, claimant in enumerate(view.speakers)]
    return []


WEAK_COUNT_RULES = frozenset({"count:actor", "count:carried"})


def _complete_previous(view: SentenceView, lex: Lexicon, state: ArticleState, statements: list[Statement]) -> None:
    """Sentences that finish the one before: 'Das meldete die Agentur KCNA.', 'Das sagte Blinken am Dienstag.'"""
    if not state.last_statements:
        return
    if lex.syntax["relayed_by"].match(view.text):
        outlet = next((m for m in view.mentions if is_media(m.actor)), None)
        if outlet is not None:
            for previous in state.last_statements:
                if previous.via is None and all(c.name != outlet.actor.name for c in previous.claimants):
                    previous.via = outlet.actor
    if lex.syntax["said_so"].match(view.text) and view.speakers and not statements:
        when = next((d for d in dates_mod.find_dates(view.text, lex) if d.kind not in ("now", "earlier", "same_day")),
                    None)
        for previous in state.last_statements:
            if not previous.claimants or previous.rule in WEAK_COUNT_RULES:
                # "Die Bundeswehr will 5.000 Soldaten stationieren. Das kündigte Pistorius an.": the sentence
                # that names who said it outranks the sending body and the carried speaker
                previous.claimants = list(view.speakers[:1])
                if previous.via is None and view.via is not None and view.via.name != view.speakers[0].name:
                    previous.via = view.via  # "Das sagte Rutte der Agentur Reuters."
            if when is not None and previous.date_mention is None:
                previous.date_mention, previous.window = when, dates_mod.resolve(when, state.published)


def _sentence_statements(sentence: Sentence, lex: Lexicon, state: ArticleState) -> list[Statement]:
    state.speakers_age += 1
    view = _view(sentence, lex, state)
    counts = _count_statements(view, lex, state)
    statements = counts + _stance_statements(view, lex, state, len(counts))
    _complete_previous(view, lex, state, statements)
    if statements:
        _date_statements(statements, view.text, lex, view.quotes, view.clauses, view.verb_used, view.verbs, state)
    state.last_statements = statements
    speakers = view.speakers or next(
        (st.claimants for st in statements if st.claimants and st.rule != "count:carried"), [])
    if speakers:  # a sentence sourced by "laut X" / "X zufolge" makes X the speaker to carry on
        state.last_speakers, state.speakers_age = speakers, 0
    elif view.speaker_rule == "unnamed":  # "Beobachter gehen von mehr aus. Sie sprechen von …": not the last
        state.last_speakers, state.speakers_age, state.unnamed_at = [], MAX_CARRY + 1, len(state.history)
    state.since_count = 0 if counts else state.since_count + 1
    text = view.text
    last_open = view.quotes and view.quotes[-1][1] == len(text) and text.rstrip()[-1:] not in "“”\"»«"
    state.open_quote_speakers = speakers if last_open else []
    return statements


def _projected(text: str, amount: Amount, view: SentenceView, lex: Lexicon) -> bool:
    """A projection cue in the figure's own clause, or around it ('Die USA wollen 2.000 Soldaten, darunter
    Fallschirmjäger, nach Polen schicken'): not one of another clause ('More than 5,000 troops are taking part, the Pentagon said,
    adding that another 2,000 would arrive next month' plans only the 2,000)."""
    own = _clause_of(view.clauses, amount.start)
    return any(cue.start() <= amount.start < cue.end() or own in (_clause_of(view.clauses, cue.start()),
                                                                   _clause_of(view.clauses, cue.end() - 1))
               for cue in lex.projection.finditer(text))


def _increment(text: str, amount: Amount, lex: Lexicon) -> bool:
    """'2.000 weitere Soldaten', 'weitere 3.000': added to an earlier figure, not replacing it."""
    return bool(lex.increment.search(text, max(0, amount.start - 12), amount.start)
                or lex.increment.search(text, amount.end, amount.end + 12))


def _location(text: str, amount: Amount, lex: Lexicon, view: SentenceView) -> str | None:
    """The place the sentence puts the figure in: the first one named after it, else before it; not
    the seat of a body that speaks ("wie das Verteidigungsministerium in Paris mitteilte"), nor where
    someone speaks, in the reporting verb's own clause ("…, sagte Rutte in Brüssel", "…, Rutte said in
    Brussels")."""
    # not a name inside a mention ("das Verteidigungsministerium in Paris"), nor a source phrase's object
    # ("according to U.S. officials": "to U.S." is no destination)
    found = [f for f in _places(text, lex.language) if not any(m.start <= f[0] < m.end for m in view.mentions)
             and not any(m.start <= f[2] < m.end for m in view.sourced)]
    if found and (view.verbs or lex.speaking_participle.search(text)):
        own = _clause_of(view.clauses, amount.start)
        speaking = {_clause_of(view.clauses, v.start())
                    for v in (*view.verbs, *lex.speaking_participle.finditer(text))} - {own}
        found = [f for f in found if _clause_of(view.clauses, f[0]) not in speaking]
    after = sorted(f for f in found if f[0] >= amount.end)
    before = sorted((f for f in found if f[0] < amount.start), reverse=True)
    return (after or before or [(0, None, 0)])[0][1]


@lru_cache(maxsize=64)
def _places(text: str, language: str) -> tuple[tuple[int, str | None, int], ...]:
    """(start, place) of every place the sentence names, once per sentence however many figures it holds."""
    by_name, by_adjective, by_region, names = load(language).places
    # (where the phrase starts, its place, where the name starts)
    found = [(m.start(), names.get(m["name"].casefold()), m.start("name")) for m in by_name.finditer(text)]
    found += [(m.start(), names.get(m["adjective"].casefold()), m.start("adjective"))
              for m in by_adjective.finditer(text)]
    for m in by_region.finditer(text):
        index, region = next((i, g) for i, g in enumerate(m.groups(), 1) if g)
        found.append((m.start(), names.get(region.casefold(), region), m.start(index)))
    return tuple(found)


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
    found = [d for d in dates_mod.find_dates(text, lex) if not inside(quotes, d.start, d.end)]
    if all(s.projection for s in statements):
        # "Anfang Februar sollen weitere folgen": a month in a projection is when troops go, not a statement
        found = [d for d in found if d.kind not in ("month", "part_of_month")]
    explicit = [d for d in found if d.kind not in ("now", "earlier", "same_day")]
    main = [d for d in explicit if not (_clause_of(clauses, d.start) or (0, 0, False))[2]]
    verb_clause = _clause_of(clauses, verb.start()) if verb is not None else None
    # Restated history ("hatte zunächst von 3.000 gesprochen", "had said"): without a time of its own the
    # statement stays open, on or before the article's date, instead of taking the days before it.
    before = (None, state.published) if state.published else None
    default = dates_mod.default_window(state.published) if state.published else None
    pluperfect = verb_clause is not None and lex.pluperfect.search(text, verb_clause[0], verb_clause[1]) is not None
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
            # (its own clause first: "hatte zunächst von 3.000 gesprochen, korrigierte die Zahl dann auf 10.000")
            near = [c for c in clauses if c[0] <= anchor < c[1]] + [c for c in clauses if c[1] <= anchor][-1:]
            earlier = next((d for c in near for d in found if d.kind == "earlier" and c[0] <= d.start < c[1]), None)
            if earlier is not None:
                statement.date_mention = earlier
                statement.window = before if lex.restated.fullmatch(earlier.text) else default
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
                statement.window = before if lex.restated.fullmatch(earlier.text) else default
                continue
            if now is not None:
                chosen = now
        if chosen is None and pluperfect:
            statement.window = before
            continue
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


def _records(statements: list[Statement], text: str, published: date | None, lex: Lexicon) -> list[ClaimRecord]:
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
                unit=unit, location=statement.location, force=statement.force,
                projection=statement.projection, date_from=window[0] if window else None, date_to=window[1] if window else None,
                date_text=statement.date_mention.text if statement.date_mention else None,
                rule=statement.rule,
            )
            record.extra["projection"] = statement.projection
            record.extra["order"] = dates_mod.order_key(statement.date_mention, published)
            keys[key] = len(records)
            records.append(record)
            kept.append(statement)
    _link_revisions(records, kept, lex)
    _superseded_in_place(records, lex)
    return records


def _superseded_in_place(records: list[ClaimRecord], lex: Lexicon) -> None:
    """'Initially, officials estimated around 3,000 …, but the count could now be higher': a figure the
    sentence itself calls the first estimate and then sets against the present is revised, though no
    later figure replaces it; 'zunächst 3.000, jetzt aber 10.000': the first figure is revised by the
    sentence's last."""
    sentences: dict[tuple[int, int], list[int]] = {}
    for i, record in enumerate(records):
        if record.kind == "troop_count" and record.value is not None and record.claimant is not None:
            sentences.setdefault((record.start, record.end), []).append(i)
    for indexes in sentences.values():
        quote = records[indexes[0]].quote
        first = lex.restated.search(quote)
        if not first or not lex.contrast.search(quote, first.end()) or not lex.now.search(quote, first.end()):
            continue
        last = indexes[-1]
        for i in indexes if len(indexes) == 1 else indexes[:-1]:
            older = records[i]
            if older.status != "current":
                continue
            older.status = "revised"
            if i != last and related(records[last].claimant.name, older.claimant.name):
                older.revised_by = last

def _link_revisions(records: list[ClaimRecord], statements: list[Statement], lex: Lexicon) -> None:
    """An earlier figure of the same claimant (or of the body it speaks for) replaced by a later one;
    never one of two groups the text puts side by side ("they will join an earlier group of 1,700")."""
    candidates = [i for i, r in enumerate(records)
                  if r.kind == "troop_count" and r.value is not None and r.claimant is not None
                  and not r.extra["projection"] and r.unit in ("soldiers", "special_forces")]
    for i in candidates:
        older = records[i]
        newer = [j for j in candidates if j != i
                 and related(records[j].claimant.name, older.claimant.name)
                 and records[j].extra["order"] > older.extra["order"]
                 and (records[j].value, records[j].value_max) != (older.value, older.value_max)
                 and not lex.coexisting.search(older.quote) and not lex.coexisting.search(records[j].quote)]
        if newer:
            replacement = min(newer, key=lambda j: (records[j].extra["order"], j))
            older.status = "revised"
            older.revised_by = replacement
