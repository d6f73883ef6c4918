"""The re module's functions over a compile cache that never evicts, and ways to search less.

The actor gazetteer compiles several hundred alias patterns; they crowd the re module's own cache
(512 entries), so patterns written inline got compiled again and again. These functions keep every
pattern the extractor uses compiled for the life of the process. The rest of the module spares `re`
positions it would try in vain: patterns that can never match (NEVER_RE), patterns led by the characters
their matches start with (prefiltered), and tests of whether any of many cues occurs (any_of).
"""

from __future__ import annotations

import dataclasses
import sys
import re
from functools import lru_cache

try:  # the parser of `re`, to see which patterns can never match
    from re import _constants as _sre, _parser as _sre_parse  # Python 3.11+
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre
    import sre_parse as _sre_parse


@lru_cache(maxsize=None)
def compiled(pattern: str, flags: int = 0) -> re.Pattern:
    return re.compile(pattern, flags)


def search(pattern: str, string: str, flags: int = 0):
    return compiled(pattern, flags).search(string)


def match(pattern: str, string: str, flags: int = 0):
    return compiled(pattern, flags).match(string)


def fullmatch(pattern: str, string: str, flags: int = 0):
    return compiled(pattern, flags).fullmatch(string)


def sub(pattern: str, repl, string: str, flags: int = 0) -> str:
    return compiled(pattern, flags).sub(repl, string)


def findall(pattern: str, string: str, flags: int = 0) -> list:
    return compiled(pattern, flags).findall(string)


def finditer(pattern: str, string: str, flags: int = 0):
    return compiled(pattern, flags).finditer(string)


def split(pattern: str, string: str, flags: int = 0) -> list:
    return compiled(pattern, flags).split(string)


NEVER_RE = re.compile(r"\A(?!)")  # fails at once: "(?!)" alone is tried at every position of a sentence


def never_matches(pattern: re.Pattern) -> bool:
    """True for a pattern that can match nothing: a sequence with "(?!)" in it (a language's empty word
    list, wrapped: '(?<!\\w)(?:(?!))(?!\\w)')."""
    def dead(items) -> bool:
        for op, av in items:
            if op is _sre.ASSERT_NOT and av[0] == 1 and not list(av[1]):
                return True
            if op is _sre.SUBPATTERN and dead(av[-1]):
                return True
            if op is _sre.BRANCH and all(dead(branch) for branch in av[1]):
                return True
        return False
    return "(?!)" in pattern.pattern and dead(_sre_parse.parse(pattern.pattern, pattern.flags))


def _is_pattern(value) -> bool:
    """A compiled pattern, or one wrapped (benchmarks.regex_calls times them in a wrapper)."""
    return isinstance(value, re.Pattern) or (
        not isinstance(value, Prefiltered) and isinstance(getattr(value, "pattern", None), str)
        and hasattr(value, "finditer"))


def without_dead_patterns(table):
    """A frozen dataclass of compiled patterns with those that can never match replaced by NEVER_RE
    (also inside dict fields): `re` would try each at every position of every sentence it is given."""
    changes = {}
    for field in dataclasses.fields(table):
        value = getattr(table, field.name)
        if _is_pattern(value) and never_matches(value):
            changes[field.name] = NEVER_RE
        elif isinstance(value, dict) and any(_is_pattern(v) for v in value.values()):
            changes[field.name] = {k: NEVER_RE if _is_pattern(v) and never_matches(v) else v
                                   for k, v in value.items()}
    return dataclasses.replace(table, **changes) if changes else table


# ----------------------------------------------------------------------------------------------
# Patterns led by where they can start. Under IGNORECASE, or behind a leading lookbehind, `re` has no
# first character to skip ahead by and tries such a pattern at every position of a sentence (most calls
# find nothing). When every match must start with one of a few characters, the search goes first to
# those characters with a case-sensitive class, which `re` scans for in a tight loop, and the pattern
# itself is checked there inside a lookahead; the match is then taken with the pattern as it is.

try:
    from re._casefix import _EXTRA_CASES  # Python 3.11+: characters IGNORECASE also folds together
except ImportError:  # pragma: no cover
    _EXTRA_CASES = {}

_ZERO_WIDTH = {_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT}
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT)}
LEAD_LIMIT = 10  # lower-case ASCII letters a lead may hold; beyond that, candidates are everywhere


def _first(items) -> set[str] | None:
    """The characters a match of the sequence `items` can start with; None when that cannot be told (a
    class of categories, a negated class, a sequence that can match empty)."""
    items = list(items)
    for index, (op, av) in enumerate(items):
        if op in _ZERO_WIDTH:
            continue  # lookarounds and anchors consume nothing: the next element starts the match
        if op is _sre.LITERAL:
            return {chr(av)}
        if op is _sre.IN:
            chars = set()
            for item_op, item in av:
                if item_op is _sre.LITERAL:
                    chars.add(chr(item))
                elif item_op is _sre.RANGE and item[1] - item[0] < 64:
                    chars.update(chr(c) for c in range(item[0], item[1] + 1))
                elif item_op is _sre.CATEGORY and item is _sre.CATEGORY_DIGIT:
                    chars.add(r"\d")  # a class item as it is written: every digit \d takes
                else:
                    return None
            return chars
        if op is _sre.BRANCH:
            chars = set()
            for branch in av[1]:
                found = _first(branch)
                if found is None:
                    return None
                chars |= found
            return chars
        if op is _sre.SUBPATTERN:
            return _first(av[-1])
        if op in _REPEATS:
            inner = _first(av[2])
            if inner is None or av[0] >= 1:
                return inner
            rest = _first(items[index + 1:])  # "(?:am\s+)?Montag": the optional part or what follows
            return None if rest is None else inner | rest
        return None
    return None  # the sequence can match empty


def _case_variants(chars: set[str]) -> set[str]:
    """Every character IGNORECASE matches to one of `chars` (a superset is safe: more candidates)."""
    found = set()
    for char in chars:
        if len(char) > 1:  # a class item ("\\d"): it has no case
            found.add(char)
            continue
        for variant in (char, char.lower(), char.upper(), char.casefold()):
            if len(variant) == 1:
                found.add(variant)
                found.update(chr(c) for c in _EXTRA_CASES.get(ord(variant.lower()), ()))
    return found


class Prefiltered:
    """A compiled pattern searched first for the characters its matches start with (see above); every
    other attribute and method is the pattern's own, and what it returns are the pattern's matches."""

    __slots__ = ("compiled", "_lead")

    def __init__(self, compiled: re.Pattern, lead: re.Pattern):
        self.compiled, self._lead = compiled, lead

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        found = self._lead.search(string, pos, endpos)
        while found is not None:
            match = self.compiled.match(string, found.start(), endpos)
            if match is not None:
                return match
            found = self._lead.search(string, found.start() + 1, endpos)  # cannot happen: the lead checked it
        return None

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        while True:
            match = self.search(string, pos, endpos)
            if match is None:
                return
            yield match
            pos = match.end() if match.end() > match.start() else match.end() + 1

    def __getattr__(self, name: str):
        return getattr(self.compiled, name)


def prefiltered(compiled: re.Pattern):
    """The pattern led by its first characters when that pays: `re` would otherwise try it everywhere
    (IGNORECASE, or a leading lookbehind) and its matches start with few letters."""
    if isinstance(compiled, Prefiltered) or compiled is NEVER_RE or not _is_pattern(compiled):
        return compiled
    try:
        tree = _sre_parse.parse(compiled.pattern, compiled.flags)
    except re.error:  # pragma: no cover - it compiled once already
        return compiled
    items = list(tree)
    leads_blind = bool(compiled.flags & re.IGNORECASE) or (items and items[0][0] in _ZERO_WIDTH)
    first = _first(items) if leads_blind else None
    if not first:
        return compiled
    chars = _case_variants(first)
    if len(chars & set("abcdefghijklmnopqrstuvwxyz")) > LEAD_LIMIT:
        return compiled
    flags = compiled.flags & ~re.IGNORECASE
    body = compiled.pattern
    inline = "" if not compiled.flags & re.IGNORECASE else "(?i:"
    try:
        lead = re.compile("[" + "".join(c if len(c) > 1 else re.escape(c) for c in sorted(chars)) + "]"
                          + rf"(?<=(?={inline}{body}{')' if inline else ''})[\s\S])", flags)
    except re.error:  # global inline flags ("(?i)…") cannot stand inside a group: left as it is
        return compiled
    return Prefiltered(compiled, lead)


def with_prefilters(table):
    """A frozen dataclass of compiled patterns with each that pays led by its first characters (also
    inside dict fields)."""
    changes = {}
    for field in dataclasses.fields(table):
        value = getattr(table, field.name)
        if _is_pattern(value):
            lead = prefiltered(value)
            if lead is not value:
                changes[field.name] = lead
        elif isinstance(value, dict) and any(_is_pattern(v) for v in value.values()):
            changes[field.name] = {k: prefiltered(v) if _is_pattern(v) else v for k, v in value.items()}
    return dataclasses.replace(table, **changes) if changes else table


class AnyOf:
    """Whether any of several patterns occurs in a text: a test before the patterns themselves ("no stance
    cue in the sentence"). `search` returns a match of one of them, not necessarily the leftmost."""

    __slots__ = ("parts", "pattern")

    def __init__(self, parts, pattern: str):
        self.parts, self.pattern = tuple(parts), pattern

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        for part in self.parts:
            found = part.search(string, pos, endpos)
            if found is not None:
                return found
        return None


def any_of(fragments, prefix: str, flags: int = 0, suffix: str = "", letters: int = 4) -> AnyOf:
    """A test for any of the regex fragments between `prefix` ("(?<!\\w)") and `suffix`: one alternation
    would hold too many first letters to be led by them, so the fragments are grouped by their first
    characters into alternations of at most `letters` lower-case letters (4 measured best for the stance
    cues: 8.0 -> 5.5 µs a sentence, against 6.1 with 10), each prefiltered; fragments whose first
    characters cannot be told form one plain alternation."""
    groups: list[tuple[set, list]] = []
    unknown = []
    ascii_lower = set("abcdefghijklmnopqrstuvwxyz")
    for fragment in fragments:
        first = _first(list(_sre_parse.parse(f"{prefix}(?:{fragment})", flags)))
        if first is None:
            unknown.append(fragment)
            continue
        lead = _case_variants(first) & ascii_lower
        group = next((g for g in groups if len(g[0] | lead) <= letters), None)
        if group is None:
            groups.append((set(lead), [fragment]))
        else:
            group[0].update(lead)
            group[1].append(fragment)
    alternations = [fragments_of for _, fragments_of in groups] + ([unknown] if unknown else [])
    parts = [prefiltered(re.compile(f"{prefix}(?:{'|'.join(f'(?:{f})' for f in part)}){suffix}", flags))
             for part in alternations]
    whole = "|".join(f"(?:{f})" for f in fragments) or "(?!)"  # no fragments: nothing occurs
    return AnyOf(parts, f"{prefix}(?:{whole}){suffix}")
