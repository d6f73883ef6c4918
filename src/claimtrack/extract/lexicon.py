"""Loads a language's data files and compiles them once: the extractor's only source of language knowledge."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claimtrack import lang

I = re.IGNORECASE


def _words(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


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
    phrase_stops: frozenset
    range_joiner: re.Pattern
    counted: dict  # lowercased noun -> unit
    counted_suffixes: tuple  # (suffix, unit)
    not_counted: frozenset
    context_words: frozenset
    casualty: re.Pattern
    projection: re.Pattern
    increment: re.Pattern
    # cues
    speech_verbs: frozenset
    speech_verb_re: re.Pattern
    pronouns: frozenset
    impersonal: re.Pattern
    source_before: re.Pattern
    source_after: re.Pattern
    national_source: re.Pattern
    relay_preps: re.Pattern
    holds: re.Pattern
    learned: re.Pattern
    citing: re.Pattern
    stance: tuple  # (kind, compiled)
    assertion: re.Pattern
    assertion_blockers: re.Pattern
    roles: frozenset
    role_re: re.Pattern
    group_re: re.Pattern
    group_determiners: frozenset
    institution_re: re.Pattern
    institution_endings: tuple  # (noun suffix, nominative adjective ending), longest first
    # dates
    months: dict
    weekdays: dict
    relative: tuple  # (compiled, rule)
    earlier: re.Pattern
    same_day: re.Pattern
    now: re.Pattern
    abbreviations: frozenset
    subordinators: frozenset
    prepositions: frozenset
    konjunktiv: re.Pattern
    places: tuple  # (compiled, name)
    syntax: dict  # name -> compiled pattern (cues.toml [syntax])
    dative_verbs: frozenset
    source_from: str
    agent_prepositions: frozenset


@cache
def load(language: str = lang.DEFAULT_LANGUAGE) -> Lexicon:
    numbers = lang.load(language, "numbers")
    cues = lang.load(language, "cues")
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
    stance = []
    for kind in ("not_confirmed", "denial", "confirmation"):
        stance.append((kind, re.compile(r"(?<!\w)(?:" + "|".join(cues["stance"][kind]) + r")", I)))
    speech = cues["speech"]["verbs"]
    return Lexicon(
        language=language,
        units=dict(words["units"]), tens=dict(words["tens"]), hundred=tuple(words["hundred"]),
        thousand=tuple(words["thousand"]), joiner=words["joiner"], needs_noun=frozenset(words["needs_noun"]),
        scales=frozenset(s.casefold() for s in words["scales"]),
        vague=tuple((re.compile(r"(?<!\w)(?:" + v["pattern"] + r")(?!\w)", I), v["magnitude"], v.get("needs_noun", False))
                    for v in numbers["vague"]),
        qualifiers=tuple((re.compile(r"(?<!\w)(?:" + q["pattern"] + r")\s*[„“\"»«']?\s*$", I), q["qualifier"])
                         for q in numbers["qualifier"]),
        phrase_determiners=frozenset(numbers["phrase"]["determiners"]),
        phrase_stops=frozenset(numbers["phrase"]["stops"]),
        range_joiner=re.compile(r"^\s*(?:" + "|".join(re.escape(j) for j in sorted(numbers["range"]["joiners"], key=len, reverse=True))
                                + r"|" + numbers["range"]["between_joiner"] + r")\s*", I),
        counted=counted, counted_suffixes=tuple(sorted(suffixes, key=lambda s: -len(s[0]))),
        not_counted=frozenset(n.casefold() for n in numbers["not_counted"]["nouns"]),
        context_words=frozenset(w.casefold() for w in numbers["context"]["words"]),
        casualty=re.compile(r"(?<!\w)(?:" + "|".join(numbers["context"]["casualty"]) + r")(?!\w)", I),
        projection=re.compile(r"(?<!\w)(?:" + "|".join(numbers["context"]["projection"]) + r")", I),
        increment=re.compile(r"(?<!\w)(?:" + "|".join(numbers["context"]["increment"]) + r")(?!\w)", I),
        speech_verbs=frozenset(v.casefold() for v in speech),
        speech_verb_re=re.compile(r"(?<!\w)(?:" + _words(speech) + r")(?!\w)", I),
        pronouns=frozenset(cues["speech"]["pronouns"]),
        impersonal=re.compile(r"(?<!\w)(?:" + "|".join(cues["speech"]["impersonal"]) + r")(?!\w)", I),
        source_before=re.compile(r"(?<!\w)(?:" + "|".join(cues["source_phrases"]["before"]) + r")(?!\w)", I),
        national_source=re.compile(r"(?<!\w)(?:nach|laut|zufolge)?\s*(?P<adj>[a-zäöüß]+?isch)(?:e|en|er|es|em)?\s+(?:"
                                   + "|".join(cues["source_phrases"]["national_nouns"]) + r")(?!\w)", I),
        source_after=re.compile(r"(?<!\w)(?:" + "|".join(cues["source_phrases"]["after"]) + r")(?!\w)", I),
        relay_preps=re.compile(r"(?<!\w)(?:" + "|".join(cues["source_phrases"]["relay_preps"]) + r")(?!\w)", I),
        holds=re.compile(r"(?<!\w)(?:" + "|".join(cues["source_phrases"]["holds"]) + r")(?!\w)", I),
        learned=re.compile(r"(?<!\w)(?:" + "|".join(cues["source_phrases"]["learned"]) + r")(?!\w)", I),
        citing=re.compile(r"(?<!\w)(?:" + "|".join(cues["source_phrases"]["citing"]) + r")(?!\w)", I),
        stance=tuple(stance),
        assertion=re.compile(r"(?<!\w)(?:" + "|".join(cues["stance"]["assertion"]) + r")(?!\w)", I),
        assertion_blockers=re.compile(r"(?<!\w)(?:" + "|".join(cues["stance"]["assertion_blockers"]) + r")(?!\w)", I),
        roles=frozenset(cues["roles"]["nouns"]),
        role_re=re.compile(r"(?<!\w)(?:" + _words(cues["roles"]["nouns"]) + r"|[A-ZÄÖÜ][\w-]*?(?:"
                           + _words(cues["roles"]["role_suffixes"]) + r")(?:s|en)?)(?!\w)"),
        group_determiners=frozenset(cues["roles"]["group_determiners"]),
        institution_re=re.compile(r"(?<![\w-])(?P<adj>[a-zäöü][a-zäöüß-]*isch)(?:e|en|er|es|em)\s+(?P<noun>(?=[A-ZÄÖÜ])(?i:[\w-]*?(?:"
                                  + _words(cues["roles"]["institutions"]) + r"))(?:s|es|n)?)(?!\w)"),
        institution_endings=tuple(sorted(cues["roles"]["institutions"].items(), key=lambda kv: -len(kv[0]))),
        # the noun ends in a group word ("Sicherheitskreise") or is one ("westliche Vertreter")
        group_re=re.compile(r"(?<![\w-])(?P<adj>[a-zäöüA-ZÄÖÜ][a-zäöüß]+e[nmrs]?)\s+(?P<noun>(?:[A-ZÄÖÜ][a-zäöüß]*(?:"
                            + "|".join(s.casefold() for s in cues["roles"]["group_suffixes"]) + r")|(?:"
                            + "|".join(s[:1].upper() + s[1:] for s in cues["roles"]["group_suffixes"]) + r")))(?!\w)"),
        months={k.casefold(): v for k, v in dates["months"].items()},
        weekdays={k.casefold(): v for k, v in dates["weekdays"].items()},
        relative=tuple((re.compile(r"(?<!\w)(?:" + r["pattern"] + r")(?!\w)", I), r["rule"]) for r in dates["relative"]),
        earlier=re.compile(r"(?<!\w)(?:" + _words(dates["earlier"]["words"]) + r")(?!\w)", I),
        same_day=re.compile(r"(?<!\w)(?:" + "|".join(dates["same_day"]["patterns"]) + r")(?!\w)", I),
        now=re.compile(r"(?<!\w)(?:" + _words(dates["now"]["words"]) + r")(?!\w)", I),
        abbreviations=frozenset(a.casefold() for a in grammar["abbreviations"]),
        subordinators=frozenset(w.casefold() for w in grammar["subordinators"]),
        prepositions=frozenset(w.casefold() for w in grammar["prepositions"]),
        konjunktiv=re.compile(r"(?<!\w)(?:" + _words(grammar["konjunktiv"]) + r")(?!\w)", I),
        syntax={name: re.compile(pattern) for name, pattern in cues["syntax"].items()},
        dative_verbs=frozenset(cues["syntax_words"]["dative_verbs"]),
        source_from=cues["syntax_words"]["source_from"],
        agent_prepositions=frozenset(cues["syntax_words"]["agent_prepositions"]),
        places=tuple((re.compile(r"(?<!\w)(?:" + p["pattern"] + r")(?!\w)", I), p["name"]) for p in places["place"]),
    )
