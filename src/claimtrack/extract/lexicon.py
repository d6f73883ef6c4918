"""Loads a language's data files and compiles them once: the extractor's only source of language knowledge."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claimtrack import lang
from claimtrack.extract.literals import alternation
from claimtrack.extract.rx import AnyOf, any_of, with_prefilters, without_dead_patterns

I = re.IGNORECASE


NEVER = "(?!)"  # the alternation of an empty list: matches nothing


def _words(words, ignorecase: bool | None = None) -> str:
    """Literal words as an alternation that prefers the longest (a prefix tree: literals.alternation;
    `ignorecase` says how the pattern it goes into compares case, None when that varies)."""
    return alternation(words, ignorecase) or NEVER


def _alt(patterns) -> str:
    """Regexes of a language file as one alternation (nothing when the list is empty)."""
    return "|".join(patterns) or NEVER


def _fill(template: str, **parts: str) -> str:
    """A regex template of the language files with its {placeholders} filled (braces of counts stay)."""
    for name, value in parts.items():
        template = template.replace("{" + name + "}", value)
    return template


def _group_names(language: str) -> str:
    """The names of the armed groups of forces.toml (no nationality adjective, no alliance: Wagner,
    Hamas), as one alternation for {groups}; short acronyms left out, since the pattern ignores case."""
    names = [n for f in lang.load(language, "forces")["force"] if not f["adjectives"] and not f.get("alliance")
             for n in f["names"] if len(n) >= 4]
    return _words(names, True)


def _endings(endings) -> str:
    return "(?:" + "|".join(re.escape(e) for e in sorted(endings, key=len, reverse=True)) + ")?" if endings else ""


def _demonyms(forces: dict, noun_endings) -> re.Pattern:
    words = [d for f in forces["force"] for d in f.get("demonyms", [])]
    return re.compile(r"(?:" + _words(words, False) + r")" + _endings(noun_endings) + r"(?![\w-])")


def name_forms(name: str, adjective_endings) -> list[str]:
    """A name and, where adjectives inflect, its form with the adjectives before the noun in -en
    ('Vereinte Nationen' -> 'Vereinten Nationen', 'Zentralafrikanische Republik' -> 'Zentralafrikanischen
    Republik')."""
    words = name.split(" ")
    if len(words) < 2 or "en" not in adjective_endings or not all(w.endswith("e") for w in words[:-1]):
        return [name]
    return [name, " ".join([w + "n" for w in words[:-1]] + words[-1:])]


def _places(table: dict, forces: dict, adjective_endings) -> tuple:
    """The place patterns with the names and adjectives of every country, and what each stands for."""
    countries = [f for f in forces["force"] if f.get("adjectives")]
    forms = [(form, f["name"]) for f in countries for n in f["names"] for form in name_forms(n, adjective_endings)]
    names = {form.casefold(): country for form, country in forms}
    names |= {a.casefold(): f["name"] for f in countries for a in f["adjectives"]}
    by_name = re.compile(_fill(table["pattern"], names=_words((form for form, _ in forms), True)), I)
    by_adjective = re.compile(_fill(table["adjective_pattern"],
                                    adjectives=_words((a for f in countries for a in f["adjectives"]), True)), I)
    # case matters here: a region's name is a capitalised word
    by_region = re.compile("|".join(f"(?:{_fill(p, region_not=_words(table['region_not'], False))})".replace(
        "?P<region>", f"?P<region{i}>") for i, p in enumerate(table["region_patterns"])))
    return by_name, by_adjective, by_region, names


def _digits(table: dict) -> re.Pattern:
    """Figures as the language writes them; a decimal part (1,2 Millionen / 1.2 million) is group 2."""
    group = "|".join(re.escape(g) for g in table["group"])
    decimal = re.escape(table["decimal"])
    # a figure hyphenated to a word is mostly no count ("F-16", "5-year"), except to the words that make
    # it one ("1,000-strong", "500-man")
    counting = "|".join(re.escape(w) for w in table.get("hyphen_counted", []))
    joined = rf"-(?!(?:{counting})(?!\w))[^\W\d]" if counting else r"-[^\W\d]"
    return re.compile(rf"(?<![\w.,'’/])(?<![^\W\d_]-)(\d{{1,3}}(?:(?:{group})\d{{3}})+|\d+)({decimal}\d+)?(?![\w'’/]|[.,]\d|{joined})")


@dataclass(frozen=True)
class Lexicon:
    language: str
    # numbers
    units: dict
    tens: dict
    hundred: tuple
    thousand: tuple
    joiner: str
    needs_noun: frozenset
    scales: frozenset
    vague: tuple  # (compiled, magnitude, needs_noun)
    qualifiers: tuple  # (compiled ending at $, qualifier)
    phrase_determiners: frozenset
    digit_scale: re.Pattern  # "thousand" after a figure multiplies it
    multiplier: re.Pattern  # "dozen" after a figure multiplies it (group 1 the word)
    multipliers: dict  # lowercased multiplier word -> factor
    multiplied_alone: re.Pattern  # "a dozen", "half a dozen": a figure without a number word
    multiplied_values: dict  # lowercased, single-spaced phrase -> value
    digits: re.Pattern  # a figure: group 1 the integer part, group 2 a decimal part
    phrase_stops: frozenset
    composition: re.Pattern  # between a count of units and the people in them: "mit"
    range_joiner: re.Pattern
    counted: dict  # lowercased noun -> unit
    demonyms: re.Pattern  # a country's people ("Nordkoreaner", "North Koreans"), matched at a word start
    counted_suffixes: tuple  # (suffix, unit)
    not_counted: frozenset
    hyphen_counted: frozenset  # hyphenated to a figure, they count people: "1,000-strong", "500-man"
    time_nouns: frozenset  # reached over other words, a time noun means the figure counts nothing named
    context_words: frozenset
    people_context: re.Pattern  # where a figure of a country's people counts troops
    casualty: re.Pattern
    projection: re.Pattern
    increment: re.Pattern
    # cues
    speech_verbs: frozenset
    phrase_words: frozenset
    speech_verb_re: re.Pattern
    pronouns: dict  # pronoun -> whom it can stand for: person, body, any
    impersonal: re.Pattern
    source_before: re.Pattern
    self_source: re.Pattern  # "nach eigenen Angaben": the subject is its own source
    source_after: re.Pattern
    national_source: re.Pattern
    holds: re.Pattern
    learned: re.Pattern
    citing: re.Pattern
    stance: tuple  # (kind, compiled)
    stance_any: AnyOf  # every kind's cues at once: no match, no stance cue in the sentence
    negated_presence: re.Pattern  # "there are no troops in …": a denial by whoever says it, quoted or not
    caveat: re.Pattern  # an outlet's 'could not independently verify': no party's stance
    assertion: re.Pattern
    assertion_blockers: re.Pattern
    role_re: re.Pattern
    group_re: re.Pattern
    group_determiners: frozenset
    group_words: tuple[str, ...]  # the words unnamed groups end in, for a quick test before group_re
    group_words_folded: frozenset  # the same, casefolded, for a word lookup
    organisation_words: tuple[str, ...]  # the kinds of bodies, for a quick test before organisation_re
    organisation_re: re.Pattern  # a noun that introduces an organisation's name, and the space after it
    organisation_nouns: str  # the alternation of those nouns (case-insensitive)
    institution_re: re.Pattern
    named_body: re.Pattern
    named_organisation: re.Pattern  # a research body by its own name ("Stockholm International Peace Research
    # Institute")
    named_organisation_gate: re.Pattern  # one of its head words
    capital_after: re.Pattern  # " in Warschau": a capital, after a body or a role
    institution_in_capital: re.Pattern  # the body before capital_after
    role_in_capital: re.Pattern  # a spokesperson before capital_after: the country speaks
    capital_names: tuple
    abroad_bodies: frozenset  # bodies a country keeps abroad (embassies): no body of the city's country
    country_bodies: frozenset  # institution nouns that stand for the country itself
    leader_governments: frozenset  # after a leader's name: his government ("Trump-Administration")
    institution_endings: tuple  # (noun suffix, nominative adjective ending), longest first
    # dates
    months: dict
    weekdays: dict
    relative: tuple  # (compiled, rule)
    relative_any: re.Pattern  # any of them: most sentences have none
    earlier: re.Pattern
    restated: re.Pattern  # the earlier words that restate history: the date stays open
    contrast: re.Pattern  # "but", "aber": what follows sets itself against what came before
    coexisting: re.Pattern  # "join an earlier group", "zusätzlich zu": two groups, not a revised figure
    same_day: re.Pattern
    now: re.Pattern
    abbreviations: frozenset
    subordinators: frozenset
    report_clause_openers: frozenset  # "wie" in "…, wie das Pentagon mitteilte"
    speaking_participle: re.Pattern  # "Speaking to reporters in Brussels, …": the speaker's place
    prepositions: frozenset
    konjunktiv: re.Pattern
    finite_auxiliary: re.Pattern  # "ist", "könnte", "could": a source phrase's object ends before it
    pluperfect: re.Pattern
    background_past: re.Pattern  # the indicative past of a sentence that reports nothing: background
    places: tuple  # (country name, adjective and region patterns, {casefolded name: the force's neutral name})
    source_noun: re.Pattern  # a noun of a source phrase, as the second part of a compound
    group_word_end: re.Pattern  # a word that ends in a word of unnamed groups: "US-Vertretern", "officials"
    closed_compound: re.Pattern | None  # a role or group word closed onto a name, found at its end
    place_voice: frozenset  # prepositions that place an impersonal report: "In Kiew hieß es"
    group_singular_end: re.Pattern  # one member of such a group ("Beamter", "official"): a source only with a country
    group_rewrites: tuple  # ((pattern, replacement) for the adjective, the same for the noun)
    adjective_endings: str  # an optional group of endings: "(?:e|en)?"
    noun_endings: str
    noun_ending_list: tuple
    genitive_exceptions: tuple  # words that end like a genitive but are none ("Kongress")
    genitive_endings: tuple
    genitive_after: tuple
    adjective_like: re.Pattern
    closed_compounds: bool
    nouns_capitalised: bool
    modifier_like: re.Pattern
    counted_re: re.Pattern  # a counted noun (of one or more words) starting at a position
    articles: frozenset
    place_nouns: frozenset  # 'Hauptstadt', 'capital': between a preposition and the place it names
    head_determiners: str
    genitive_determiners: frozenset
    genitive_links: str
    group_place: re.Pattern  # "Beamte in Kiew": between unnamed sources and their country
    group_place_adjectives: tuple  # the stems of adjectives that only rank such sources ("hochrangig")
    group_place_noun: re.Pattern  # "Beamte in ", "officials in " (matched at the end of the text before a place)
    apposition_determiners: str
    after_apposition: str
    conjunctions: str
    subject_in_clause: bool
    first_person: re.Pattern
    group_adjective_case: str
    ordinal_before: re.Pattern
    year_before: re.Pattern
    syntax: dict  # name -> compiled pattern (cues.toml [syntax])
    dative_verbs: frozenset
    source_from: str
    agent_prepositions: frozenset


@cache
def load(language: str = lang.DEFAULT_LANGUAGE) -> Lexicon:
    numbers = lang.load(language, "numbers")
    cues = lang.load(language, "cues")
    group_words = cues["roles"]["group_suffixes"] + cues["roles"]["group_singulars"]
    dates = lang.load(language, "dates")
    grammar = lang.load(language, "grammar")
    places = lang.load(language, "places")
    words = numbers["words"]
    counted = {}
    suffixes = []
    for unit, nouns in numbers["counted"].items():
        for noun in nouns:
            counted[noun.casefold()] = unit
            if len(noun) >= 5:
                suffixes.append((noun.casefold(), unit))
    # the names a country's capital or government goes by ("Moskau", "Kiew"): "das Ministerium in Moskau"
    capital_names = tuple(n for f in lang.load(language, "forces")["force"] if f.get("adjectives") for n in f["names"])
    stance_cues = {kind: cues["stance"][kind] for kind in ("not_confirmed", "denial", "confirmation")}
    stance_cues["denial"] = stance_cues["denial"] + cues["stance"]["negated_presence"]
    stance = [(kind, re.compile(r"(?<!\w)(?:" + _alt(kind_cues) + r")", I)) for kind, kind_cues in stance_cues.items()]
    speech = cues["speech"]["verbs"]
    patterns = cues["patterns"]
    # a role written in lower case in running text is capitalised before a name ("Spokesman John Kirby")
    roles = set(cues["roles"]["nouns"]) | {r[:1].upper() + r[1:] for r in cues["roles"]["nouns"]}
    nationality = _words(a for f in lang.load(language, "forces")["force"] for a in f["adjectives"])
    inflection = grammar["inflection"]
    grammar_words = grammar["words"]
    return with_prefilters(without_dead_patterns(Lexicon(
        language=language,
        units=dict(words["units"]), tens=dict(words["tens"]), hundred=tuple(words["hundred"]),
        thousand=tuple(words["thousand"]), joiner=words["joiner"], needs_noun=frozenset(words["needs_noun"]),
        scales=frozenset(s.casefold() for s in words["scales"]),
        vague=tuple((re.compile(r"(?<!\w)(?:" + v["pattern"] + r")(?!\w)", I), v["magnitude"], v.get("needs_noun", False))
                    for v in numbers["vague"]),
        qualifiers=tuple((re.compile(r"(?<!\w)(?:" + q["pattern"] + r")\s*[„“\"»«']?\s*$", I), q["qualifier"])
                         for q in numbers["qualifier"]),
        digits=_digits(numbers["digits"]),
        multiplier=re.compile(r"[\s\u00a0]+(" + _words(list(words["multipliers"]), True) + r")(?![\w-])", I),
        multipliers={w.casefold(): v for w, v in words["multipliers"].items()},
        multiplied_alone=re.compile(r"(?<![\w-])(?:" + "|".join(
            r"\s+".join(re.escape(w) for w in phrase.split()) for phrase in sorted(words["multiplied_alone"], key=len, reverse=True))
            + r")(?![\w-])" if words["multiplied_alone"] else r"(?!)", I),
        multiplied_values={" ".join(k.casefold().split()): v for k, v in words["multiplied_alone"].items()},
        digit_scale=re.compile(r"[\s\u00a0]+(" + _words(list(words["thousand"]) + list(words["hundred"]), True) + r")(?![\w-])", I),
        phrase_determiners=frozenset(numbers["phrase"]["determiners"]),
        phrase_stops=frozenset(numbers["phrase"]["stops"]),
        composition=re.compile(r"\s*(?:" + numbers["phrase"]["composition"] + r")\s+(?:\S+\s+){0,2}?", I),
        range_joiner=re.compile(r"^\s*(?:" + "|".join(re.escape(j) for j in sorted(numbers["range"]["joiners"], key=len, reverse=True))
                                + r"|" + numbers["range"]["between_joiner"] + r")\s*", I),
        demonyms=_demonyms(lang.load(language, "forces"), inflection["noun_endings"]),
        counted=counted, counted_suffixes=tuple(sorted(suffixes, key=lambda s: -len(s[0]))),
        not_counted=frozenset(n.casefold() for n in numbers["not_counted"]["nouns"]),
        hyphen_counted=frozenset(w.casefold() for w in numbers["digits"].get("hyphen_counted", [])),
        time_nouns=frozenset(n.casefold() for n in numbers["not_counted"]["time_nouns"]),
        context_words=frozenset(w.casefold() for w in numbers["context"]["words"]),
        people_context=re.compile(r"(?<!\w)(?:" + _alt(numbers["context"]["people_context"]) + r")(?!\w)", I),
        casualty=re.compile(r"(?<!\w)(?:" + _alt(numbers["context"]["casualty"]) + r")(?!\w)", I),
        projection=re.compile(r"(?<!\w)(?:" + _alt(numbers["context"]["projection"]) + r")", I),
        increment=re.compile(r"(?<!\w)(?:" + _alt(numbers["context"]["increment"]) + r")(?!\w)", I),
        speech_verbs=frozenset(v.casefold() for v in speech),
        phrase_words=frozenset(cues["speech"]["phrase_words"]),
        speech_verb_re=re.compile(r"(?<!\w)(?:" + _words(speech, True) + r")(?!\w)", I),
        pronouns={k.casefold(): v for k, v in cues["speech"]["pronouns"].items()},
        impersonal=re.compile(r"(?<!\w)(?:" + _alt(cues["speech"]["impersonal"]) + r")(?!\w)", I),
        source_before=re.compile(r"(?<!\w)(?:" + _alt(cues["source_phrases"]["before"]) + r")(?!\w)", I),
        # a body's name and a source noun in one compound: "laut Nato-Angaben", "nach US-Erkenntnissen"
        source_noun=re.compile(r"(?:" + _alt(cues["source_phrases"]["national_nouns"]) + r")$", I),
        national_source=re.compile(_fill(patterns["national_source"], nationality=nationality, nouns=_alt(cues["source_phrases"]["national_nouns"])), I),
        source_after=re.compile(r"(?<!\w)(?:" + _alt(cues["source_phrases"]["after"]) + r")(?!\w)", I),
        self_source=re.compile(r"(?<!\w)(?:" + _alt(cues["source_phrases"]["self"]) + r")(?!\w)", I),
        holds=re.compile(r"(?<!\w)(?:" + _alt(cues["source_phrases"]["holds"]) + r")(?!\w)", I),
        learned=re.compile(r"(?<!\w)(?:" + _alt(cues["source_phrases"]["learned"]) + r")(?!\w)", I),
        citing=re.compile(r"(?<!\w)(?:" + _alt(cues["source_phrases"]["citing"]) + r")(?!\w)", I),
        stance=tuple(stance),
        negated_presence=re.compile(_alt(cues["stance"]["negated_presence"]), I),
        caveat=re.compile(r"(?<!\w)(?:" + _alt(cues["stance"]["caveat"]) + ")", I),
        # a test of whether any cue occurs, not where (rx.any_of: 10.9 -> 5.5 µs a sentence over the corpus)
        stance_any=any_of([cue for kind_cues in stance_cues.values() for cue in kind_cues], r"(?<!\w)", I),
        assertion=re.compile(r"(?<!\w)(?:" + _fill(_alt(cues["stance"]["assertion"]), groups=_group_names(language))
                             + r")(?!\w)", I),
        assertion_blockers=re.compile(r"(?<!\w)(?:" + _alt(cues["stance"]["assertion_blockers"]) + r")(?!\w)", I),
        role_re=re.compile(r"(?<!\w)(?:" + _words(roles, False) + (
            r"|[A-ZÄÖÜ][\w-]*?(?:" + _words(cues["roles"]["role_suffixes"], False) + r")(?:s|en|n)?"
            if cues["roles"]["role_suffixes"] else "") + r")(?!\w)"),
        group_words=tuple(group_words), group_words_folded=frozenset(w.casefold() for w in group_words),
        organisation_words=tuple(cues["roles"]["organisation_nouns"]),
        organisation_re=re.compile(r"(?<![\w-])(?P<noun>(?i:" + _words(cues["roles"]["organisation_nouns"], True) + r"))\s+"),
        organisation_nouns="(?i:" + _words(cues["roles"]["organisation_nouns"], True) + ")",
        group_determiners=frozenset(cues["roles"]["group_determiners"]),
        institution_re=re.compile(_fill(patterns["institution"], nationality=nationality, institutions=_words(cues["roles"]["institutions"]))),
        named_body=re.compile(patterns["named_body"]),
        named_organisation=re.compile(patterns["named_organisation"]),
        named_organisation_gate=re.compile(patterns["named_organisation_gate"]),
        capital_after=re.compile(_fill(patterns["capital_after"], names=_words(capital_names))),
        institution_in_capital=re.compile(_fill(
            patterns["institution_in_capital"], institutions=_words(cues["roles"]["institutions"]))),
        role_in_capital=re.compile(patterns["role_in_capital"]),
        capital_names=capital_names,
        abroad_bodies=frozenset(b.casefold() for b in cues["roles"]["abroad_bodies"]),
        country_bodies=frozenset(b.casefold() for b in cues["roles"]["country_bodies"]),
        leader_governments=frozenset(b.casefold() for b in cues["roles"]["leader_governments"]),
        institution_endings=tuple(sorted(cues["roles"]["institutions"].items(), key=lambda kv: -len(kv[0]))),
        # the noun ends in a group word ("Sicherheitskreise") or is one ("westliche Vertreter")
        group_re=re.compile(_fill(patterns["group"], nationality=nationality,
                                  group_suffixes="|".join(x.casefold() for x in group_words),
                                  Group_suffixes="|".join(x[:1].upper() + x[1:] for x in group_words))),
        # case-sensitive: inside a word the ending is lower case, and a literal pattern is found fast
        closed_compound=re.compile(r"(?:" + _words(cues["roles"]["closed_compound_nouns"], True) + r")(?![\w-])")
        if cues["roles"]["closed_compound_nouns"] else None,
        group_word_end=re.compile(r"(?:" + _words(group_words, True) + r")" + _endings(inflection["noun_endings"]) + r"$", I),
        group_singular_end=re.compile(r"(?:" + _words(cues["roles"]["group_singulars"], True) + r")$", I),
        group_rewrites=(tuple(patterns["group_adjective_rewrite"]), tuple(patterns["group_noun_rewrite"])),
        months={k.casefold(): v for k, v in dates["months"].items()},
        weekdays={k.casefold(): v for k, v in dates["weekdays"].items()},
        relative_any=re.compile(r"(?<!\w)(?:" + _alt(re.sub(r"\(\?P<\w+>", "(?:", r["pattern"]) for r in dates["relative"]) + r")(?!\w)", I),
        relative=tuple((re.compile(r"(?<!\w)(?:" + r["pattern"] + r")(?!\w)", I), r["rule"]) for r in dates["relative"]),
        earlier=re.compile(r"(?<!\w)(?:" + _words(dates["earlier"]["words"], True) + r")(?!\w)", I),
        restated=re.compile(_words(dates["earlier"]["restated"], True), I),
        contrast=re.compile(r"(?<!\w)(?:" + _words(grammar["contrast"], True) + r")(?!\w)", I),
        coexisting=re.compile(r"(?<!\w)(?:" + _alt(grammar["coexisting"]) + r")(?!\w)", I),
        same_day=re.compile(r"(?<!\w)(?:" + _alt(dates["same_day"]["patterns"]) + r")(?!\w)", I),
        now=re.compile(r"(?<!\w)(?:" + _words(dates["now"]["words"], True) + r")(?!\w)", I),
        abbreviations=frozenset(a.casefold() for a in grammar["abbreviations"]),
        subordinators=frozenset(w.casefold() for w in grammar["subordinators"]),
        report_clause_openers=frozenset(w.casefold() for w in grammar["report_clause_openers"]),
        speaking_participle=re.compile(r"(?<!\w)(?:" + _words(grammar["speaking_participles"], True) + r")(?!\w)", I),
        prepositions=frozenset(w.casefold() for w in grammar["prepositions"]),
        konjunktiv=re.compile(r"(?<!\w)(?:" + _words(grammar["konjunktiv"], True) + r")(?!\w)", I),
        finite_auxiliary=re.compile(r"(?<!\w)(?:" + _words(grammar["finite_auxiliaries"], True) + r")(?!\w)", I),
        pluperfect=re.compile(r"(?<!\w)(?:" + _words(grammar["pluperfect"], True) + r")(?!\w)", I),
        background_past=re.compile(r"(?<!\w)(?:" + _words(grammar["background_past"], True) + r")(?!\w)", I),
        syntax={name: re.compile(pattern) for name, pattern in cues["syntax"].items()},
        dative_verbs=frozenset(cues["syntax_words"]["dative_verbs"]),
        place_voice=frozenset(cues["syntax_words"]["place_voice"]),
        source_from=cues["syntax_words"]["source_from"],
        agent_prepositions=frozenset(cues["syntax_words"]["agent_prepositions"]),
        adjective_endings=_endings(inflection["adjective_endings"]),
        noun_endings=_endings(inflection["noun_endings"]),
        noun_ending_list=tuple(sorted(inflection["noun_endings"], key=len)),
        genitive_exceptions=tuple(inflection["genitive_exceptions"]),
        genitive_endings=tuple(inflection["genitive_endings"]),
        genitive_after=tuple(inflection["genitive_after"]),
        adjective_like=re.compile(inflection["adjective_like"]),
        closed_compounds=inflection["closed_compounds"],
        nouns_capitalised=inflection["nouns_capitalised"],
        modifier_like=re.compile(inflection["modifier_like"]),
        counted_re=re.compile(r"(?:" + _words(counted, True) + r")(?![\w-])", I),
        articles=frozenset(grammar_words["articles"]),
        place_nouns=frozenset(w.casefold() for w in grammar_words["place_nouns"]),
        head_determiners=grammar_words["head_determiners"],
        genitive_determiners=frozenset(grammar_words["genitive_determiners"]),
        genitive_links=grammar_words["genitive_links"],
        apposition_determiners=grammar_words["apposition_determiners"],
        after_apposition=grammar_words["after_apposition"],
        conjunctions=grammar_words["conjunctions"],
        subject_in_clause=grammar_words["subject_in_clause"],
        first_person=re.compile(r"(?<!\w)(?:" + grammar_words["first_person"] + r")(?!\w)"),
        group_adjective_case=grammar_words["group_adjective_case"],
        group_place=re.compile(r"\s+(?:" + grammar_words["group_place"] + r")\s+"),
        group_place_adjectives=tuple(grammar_words["group_place_adjectives"]),
        group_place_noun=re.compile(r"(?<![\w-])(?:" + _words(grammar_words["group_place_nouns"], True)
                                    + r")\s+(?:" + grammar_words["group_place"] + r")\s+$", I),
        ordinal_before=re.compile(r"(?:^|\s)(?:" + grammar_words["ordinal_before"] + r")\s+\d{1,2}\.$", I),
        year_before=re.compile(r"(?:" + grammar_words["year_before"] + r")\s*$"),
        places=_places(places["place"], lang.load(language, "forces"), inflection["adjective_endings"]),
    )))
