"""Figures in a sentence and what they count: digits with grouping (3.000, 10 000, 10'000), German
number words (zwölftausend), ranges, qualifiers (mehr als, rund, bis zu) and vague amounts (Tausende)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import text2num

from claimtrack.extract import rx
from claimtrack.extract.lexicon import Lexicon
from claimtrack.extract.literals import alternation
from claimtrack.extract.scan import PieceScanner, TaggedPieces

DIGIT = re.compile(r"\d")
# an abbreviation with full stops ("U.S.") is one token
TOKEN = re.compile(r"[„“\"'»«’*]+|(?:[^\W\d_]\.){2,}|[^\W\d_][\w-]*|\d[\d.,'’]*|[^\s\w]")


@dataclass
class Amount:
    start: int  # offsets in the sentence
    end: int
    value: int | None
    value_max: int | None
    qualifier: str | None
    magnitude: str | None
    unit: str | None
    noun: str | None  # the counted noun, when one follows
    bare: bool  # no noun follows: a troop count only in troop context
    noun_end: int = 0  # end of the counted noun (the figure's end when there is none)


def parse_number_word(word: str, lex: Lexicon) -> int | None:
    return _parse_word(word.casefold(), lex.language)


@lru_cache(maxsize=8)
def _number_words(language: str) -> re.Pattern:
    """A run of number words: one compound word ("zwölftausenddreihundert") or several joined by
    spaces, hyphens or the joiner ("zwei und zwanzig", "ten thousand", "twenty-two")."""
    from claimtrack.extract.lexicon import load

    lex = load(language)
    word = "(?:" + alternation(_number_parts(lex), True) + ")+"
    joiner = rf"(?:[\s-]+(?:{re.escape(lex.joiner)}[\s-]+)?|{re.escape(lex.joiner)})" if lex.joiner else r"[\s-]+"
    return re.compile(rf"(?<![\w-]){word}(?:{joiner}{word})*(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _read_run(run: str, language: str) -> int | None:
    """The value of a run of number words, read by text2num (the reference reader of German and
    English number words); None when the run is not one number ("drei und vier")."""
    try:
        return text2num(run.casefold(), language)
    except ValueError:
        return None


def _word_figures(sentence: str, lex: Lexicon) -> list[tuple[int, int, int]]:
    """(start, end, value) of each spelled-out number; a run text2num cannot read as one number is
    read word by word."""
    found = []
    for match in _number_words(lex.language).finditer(sentence):
        run = match.group()
        value = _read_run(run, lex.language) if len(run.split()) > 1 or "-" in run else None
        if value is not None:
            found.append((match.start(), match.end(), value))
            continue
        for word in rx.finditer(r"[^\W\d_]+", run):
            value = _read_run(word.group(), lex.language)
            if value is None:
                value = parse_number_word(word.group(), lex)
            if value is not None:
                found.append((match.start() + word.start(), match.start() + word.end(), value))
    return found


@lru_cache(maxsize=4096)
def _parse_word(word: str, language: str) -> int | None:
    from claimtrack.extract.lexicon import load

    lex = load(language)
    return _compose(word, lex, lex.thousand, 1000, lambda part: _compose(part, lex, lex.hundred, 100,
                                                                         lambda rest: _below_hundred(rest, lex)))


def _compose(word: str, lex: Lexicon, markers: tuple, scale: int, lower) -> int | None:
    """'zwölftausenddreihundert': what stands before the marker times `scale`, plus what follows."""
    for marker in markers:
        if marker in word:
            left, right = word.split(marker, 1)
            high = lower(left) if left else 1
            low = lower(right) if right else 0
            return None if high is None or low is None else high * scale + low
    return lower(word)


def _below_hundred(word: str, lex: Lexicon) -> int | None:
    if word in lex.units:
        return lex.units[word]
    if word in lex.tens:
        return lex.tens[word]
    if lex.joiner in word:
        unit, _, ten = word.partition(lex.joiner)
        if unit in lex.units and ten in lex.tens:
            return lex.units[unit] + lex.tens[ten]
    return None


def _digits_value(text: str) -> int:
    return int(rx.sub(r"\D", "", text))


def _phrase_tokens(sentence: str, pos: int):
    """The tokens after a figure, one after the other with only spaces between, quote marks left out."""
    index = pos
    for token in TOKEN.finditer(sentence, pos):
        if index != pos and sentence[index:token.start()].strip():
            return
        if token.start() == pos and token.group() == "-":
            index = token.end()  # a hyphen joining the figure to its noun: "1,000-strong", "500-man"
            continue
        index = token.end()
        if not QUOTES.fullmatch(token.group()):
            yield token


QUOTES = re.compile(r"[„“\"'»«’*]+")


def noun_after(sentence: str, pos: int, lex: Lexicon) -> tuple[str | None, str | None, int]:
    """The head noun of the phrase after a figure → (noun, unit or 'other' or None, end offset); after
    'strong' or 'man' hyphenated to the figure the phrase goes on to the noun they describe ('the
    1,400-strong French contingent': French, so whose troops they are is read over all of it)."""
    noun, unit, end = _noun_after(sentence, pos, lex)
    if noun is not None and sentence.startswith("-", pos) and noun.casefold() in lex.hyphen_counted:
        described, described_unit, described_end = _noun_after(sentence, end, lex)
        if described is not None and described_unit != "scale":
            return noun, unit, described_end
    return noun, unit, end


def _noun_after(sentence: str, pos: int, lex: Lexicon) -> tuple[str | None, str | None, int]:
    """The head noun of the phrase after a figure → (noun, unit or 'other' or None, end offset).

    Skips quote marks, adjectives and determiners ("Tausende seiner Bürger", „10.000“ Soldaten,
    "kleine Anzahl von Nordkoreanern"); stops at punctuation or a verb-like lowercase word.
    """
    if not lex.nouns_capitalised:
        return _lowercase_noun_after(sentence, pos, lex)
    skipped = 0
    for token in _phrase_tokens(sentence, pos):
        word = token.group()
        if word[0].isupper() and word[0].isalpha():
            people = _people(sentence, token.start(), lex)
            if people:  # "12.000 Nordkoreaner": a troop count only in a troop context
                return people.group(), None, people.end()
            head = word.split("-")[-1] if "-" in word else word
            key = head.casefold()
            if key in lex.counted:
                return word, lex.counted[key], token.end()
            for suffix, unit in lex.counted_suffixes:
                if key.endswith(suffix):
                    return word, unit, token.end()
            if key in lex.scales:
                return word, "scale", token.end()
            if skipped and key in lex.time_nouns:
                return None, None, pos  # "Weitere 2.000 folgen nächste Woche": a verb, then the time
            return word, "other", token.end()
        if word.casefold() in lex.phrase_determiners or (
                word.isalpha() and lex.adjective_like.fullmatch(word)
                and word.casefold() not in lex.speech_verbs and skipped < 3
                and word.casefold() not in lex.phrase_stops) or _joins_modifiers(word, skipped, lex):
            skipped += 1
            continue
        break
    return None, None, pos


def _joins_modifiers(word: str, skipped: int, lex: Lexicon) -> bool:
    """'30.000 russische und belarussische Soldaten', '30,000 Russian and Belarusian troops': the joiner
    between two modifiers of the counted noun."""
    return 0 < skipped < 3 and word.casefold() == lex.joiner


SPACE = re.compile(r"\s+")


def _people(sentence: str, pos: int, lex: Lexicon) -> re.Match | None:
    """A country's people at pos ("Nordkoreaner"), unless the word only describes a counted noun after it
    ("Chinese peacekeepers")."""
    people = lex.demonyms.match(sentence, pos)
    if people is None:
        return None
    gap = SPACE.match(sentence, people.end())
    if gap and lex.counted_re.match(sentence, gap.end()):
        return None
    return people


NEXT_WORD = re.compile(r"\s+(\w+)")


def _lowercase_noun_after(sentence: str, pos: int, lex: Lexicon) -> tuple[str | None, str | None, int]:
    """noun_after for languages that write nouns in lower case: the first word that is a counted noun,
    a scale or another noun, past capitalised modifiers ("North Korean"), determiners and words shaped
    like adjectives ("heavily armed")."""
    skipped = 0
    for token in _phrase_tokens(sentence, pos):
        word = token.group()
        if not word[0].isalpha():
            break
        counted = lex.counted_re.match(sentence, token.start())
        if counted:
            return counted.group(), lex.counted[counted.group().casefold()], counted.end()
        people = _people(sentence, token.start(), lex)
        if people:  # "10,000 North Koreans": a troop count only in a troop context
            return people.group(), None, people.end()
        key = word.casefold()
        if key in lex.scales:
            return word, "scale", token.end()
        if skipped and key in lex.time_nouns:
            return None, None, pos  # a verb, then the time
        if key in lex.not_counted:
            return word, "other", token.end()
        if _joins_modifiers(word, skipped, lex):
            skipped += 1
            continue
        if key in lex.phrase_stops or key in lex.prepositions or key in lex.speech_verbs:
            break
        if skipped < 3 and (word[0].isupper() or key in lex.phrase_determiners or lex.modifier_like.fullmatch(word)):
            skipped += 1
            continue
        if word[0].islower():
            following = NEXT_WORD.match(sentence, token.end())
            if following and following.group(1).casefold() in lex.time_nouns:
                return None, None, pos  # "Another 2,000 arrive next week": the time after the verb, no noun
            return word, "other", token.end()
        break
    return None, None, pos


@lru_cache(maxsize=8)
def _pieces(language: str) -> PieceScanner:
    return PieceScanner(_literals(language))


@lru_cache(maxsize=8)
def _literals(language: str) -> tuple[str, ...]:
    """Lower-case pieces of which every figure, number word and vague amount of the language holds one:
    number-word parts, the letter runs of the vague patterns and the context words. A sentence with
    none of them and no digit holds no figure (most sentences), tested without any regex."""
    from claimtrack.extract.lexicon import load

    lex = load(language)
    pieces = _number_parts(lex) | set(lex.context_words) | set(lex.multipliers)
    for pattern, _, _ in lex.vague:
        pieces |= {run.casefold() for run in re.findall(r"[^\W\d_]{3,}", pattern.pattern)}
    return tuple(sorted(p.casefold() for p in pieces))


@lru_cache(maxsize=8)
def _vague_pieces(language: str) -> TaggedPieces:
    """Which vague amount patterns (by index) can match: each holds one of its letter runs in any match."""
    from claimtrack.extract.lexicon import load

    return TaggedPieces((index, [run.casefold() for run in re.findall(r"[^\W\d_]{3,}", pattern.pattern)])
                        for index, (pattern, _, _) in enumerate(load(language).vague))


@lru_cache(maxsize=8)
def _number_word_pieces(language: str) -> PieceScanner:
    """The parts _number_words is made of: a sentence with none of them holds no number word."""
    from claimtrack.extract.lexicon import load

    return PieceScanner(p.casefold() for p in _number_parts(load(language)))


def _number_parts(lex: Lexicon) -> set[str]:
    """The words spelled-out numbers are composed of."""
    return set(lex.units) | set(lex.tens) | set(lex.hundred) | set(lex.thousand)


def _lone_scale_counts(sentence: str, start: int, end: int, lex: Lexicon) -> bool:
    """'tausend' or 'hundred' on its own is the number itself when troops are counted right after it and
    no vague amount ('mehrere Tausend', 'a few hundred') takes the word."""
    _, unit, _ = noun_after(sentence, end, lex)
    if unit in (None, "other", "scale", "units"):
        return False
    return not any(m.start() < end and start < m.end() for pattern, _, _ in lex.vague
                   for m in pattern.finditer(sentence, max(0, start - 40), min(len(sentence), end + 40)))


def _may_hold_figures(sentence: str, lowered: str, lex: Lexicon) -> bool:
    return DIGIT.search(sentence) is not None or _pieces(lex.language).any(lowered)


def _multiplied(sentence: str, value: int, end: int, lex: Lexicon) -> tuple[int, int]:
    """'zwei Dutzend', 'two dozen': a figure times the multiplier word after it (value, new end)."""
    if not lex.multipliers:
        return value, end
    found = lex.multiplier.match(sentence, end)
    if found is None:
        return value, end
    return value * lex.multipliers[found.group(1).casefold()], found.end()


def find_amounts(sentence: str, lex: Lexicon) -> list[Amount]:
    """All figures in a sentence with their qualifier, range partner and counted noun."""
    found: list[Amount] = []
    lowered = sentence.casefold()
    if not _may_hold_figures(sentence, lowered, lex):
        return found
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    raw: list[tuple[int, int, int, bool]] = []  # start, end, value, is_word
    for match in lex.digits.finditer(sentence):
        if match.group(2):  # a decimal (1,2 Millionen): never a head count
            taken.append((match.start(), match.end()))
            continue
        text = match.group(1)
        after = sentence[match.end():match.end() + 3]
        if after.startswith(".") and rx.match(r"\.\s*[^\W\d_]", after) and match.end() + 1 < len(sentence.rstrip()):
            continue  # an ordinal or a date: 23. Oktober, des 11. Armeekorps
        if len(text) > 15:
            continue  # a digit string no news figure has (and int() refuses past 4,300 digits)
        value = _digits_value(text)
        if len(text) == 4 and text.isdigit() and 1900 <= value <= 2100 and lex.year_before.search(sentence, max(0, match.start() - 24), match.start()):
            noun, unit, _ = noun_after(sentence, match.end(), lex)
            if unit in (None, "other"):
                continue  # a year
        scale = lex.digit_scale.match(sentence, match.end())
        if scale:  # "30 thousand troops", "3 Tausend Soldaten"
            raw.append((match.start(), scale.end(), value * (1000 if scale.group(1).casefold() in lex.thousand else 100),
                        False))
            continue
        start, end = match.start(), match.end()
        value, end = _multiplied(sentence, value, end, lex)
        raw.append((start, end, value, False))
    if lex.multipliers and any(word in lowered for word in lex.multipliers):
        for match in lex.multiplied_alone.finditer(sentence):  # "a dozen soldiers", "half a dozen"
            raw.append((match.start(), match.end(), lex.multiplied_values[" ".join(match.group().casefold().split())],
                        True))
    for start, end, value in _word_figures(sentence, lex) if _number_word_pieces(lex.language).any(lowered) else ():
        word = sentence[start:end].casefold()
        if any(s < end and start < e for s, e, _, _ in raw):
            continue  # the scale of a figure read already: "30 thousand troops"
        times, times_end = _multiplied(sentence, value, end, lex)
        if times_end != end:  # "ein Dutzend Soldaten": the number word is no article here
            raw.append((start, times_end, times, True))
            continue
        if (word in lex.hundred or word in lex.thousand) and _lone_scale_counts(sentence, start, end, lex):
            raw.append((start, end, value, True))  # "mehr als tausend Soldaten", "a hundred troops"
            continue
        if word in lex.needs_noun or word in lex.hundred or word in lex.thousand or word == lex.joiner:
            continue  # "Tausend" alone is mostly part of a vague amount (mehrere Tausend), not 1000
        raw.append((start, end, value, True))
    raw.sort()

    used = set()
    for i, (start, end, value, is_word) in enumerate(raw):
        if i in used:
            continue
        value_max, span_end, qualifier = None, end, None
        # ranges: "zwischen A und B", "A bis B", "A–B"
        if i + 1 < len(raw):
            n_start, n_end, n_value, _ = raw[i + 1]
            gap = sentence[end:n_start]
            if lex.range_joiner.fullmatch(gap + " ") or lex.range_joiner.fullmatch(gap):
                if value < 1000 <= n_value and n_value % 1000 == 0 and value * 1000 < n_value < value * 10000:
                    value *= 1000  # "11 to 12,000", "11 bis 12.000": the thousands said once, for both
                if n_value > value:
                    value_max, span_end, qualifier = n_value, n_end, "range"
                    used.add(i + 1)
        before = sentence[max(0, start - 40):start]
        if qualifier is None:
            for pattern, name in lex.qualifiers:
                if pattern.search(before):
                    qualifier = name
                    break
        noun, unit, noun_end = noun_after(sentence, span_end, lex)
        if is_word and (unit in ("other", "scale") or (unit is None and value < 100)):
            continue  # a small spelled-out number ("drei") counts troops only with a counted noun
        if unit == "scale":
            continue
        found.append(Amount(start=start, end=span_end, value=value, value_max=value_max,
                            qualifier=qualifier or "exact", magnitude=None, unit=unit, noun=noun, bare=unit is None,
                            noun_end=max(noun_end, span_end)))
        taken.append((start, span_end))

    possible = _vague_pieces(lex.language).tags(lowered)
    for index, (pattern, magnitude, needs_noun) in enumerate(lex.vague):
        if index not in possible:
            continue  # none of the pattern's words in the sentence
        for match in pattern.finditer(sentence):
            if not free(match.start(), match.end()):
                continue
            noun, unit, noun_end = noun_after(sentence, match.end(), lex)
            if unit == "scale" or (needs_noun and unit in (None, "other")):
                continue
            taken.append((match.start(), match.end()))
            found.append(Amount(start=match.start(), end=match.end(), value=None, value_max=None,
                                qualifier="exact", magnitude=magnitude, unit=unit, noun=noun, bare=unit is None,
                                  noun_end=max(noun_end, match.end())))
    found.sort(key=lambda a: a.start)
    _share_nouns(sentence, found, lex)
    return [a for i, a in enumerate(found) if not _made_of_next(sentence, a, found[i + 1:i + 2], lex)]


def _share_nouns(sentence: str, found: list[Amount], lex: Lexicon) -> None:
    """'mehr als 500 französische und etwa 300 belgische Soldaten', '30,000 Russian and 10,000 Belarusian
    troops': a figure with its own modifiers and no noun, joined to the next figure, counts the next one's
    noun; its phrase ends before the joiner."""
    for amount, following in zip(found, found[1:]):
        if amount.noun is not None or following.noun is None or amount.value is None:
            continue
        gap = sentence[amount.end:following.start]
        joiner = rx.search(rf"\s{re.escape(lex.joiner)}\s", gap) if lex.joiner else None
        if joiner is None:
            continue
        modifiers, rest = gap[:joiner.start()].split(), gap[joiner.end():]
        if not modifiers or len(modifiers) > 2 or not all(
                lex.adjective_like.fullmatch(w) or (lex.modifier_like.fullmatch(w) if not lex.nouns_capitalised
                                                    else False) or (w[:1].isupper() and not lex.nouns_capitalised)
                for w in modifiers):
            continue
        if rest.strip() and not any(pattern.search(rest) for pattern, _ in lex.qualifiers):
            continue  # only a qualifier may stand between the joiner and the next figure
        amount.noun, amount.unit, amount.bare = following.noun, following.unit, False
        amount.noun_end = amount.end + joiner.start()


def _made_of_next(sentence: str, amount: Amount, following: list[Amount], lex: Lexicon) -> bool:
    """'drei Bataillone mit 2.400 Soldaten': the units' figure gives way to the people's."""
    if amount.unit != "units" or not following or following[0].unit in (None, "other", "units"):
        return False
    gap = lex.composition.fullmatch(sentence, amount.noun_end, following[0].start)
    return gap is not None
