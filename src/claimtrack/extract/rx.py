"""The re module's functions over a compile cache that never evicts.

The actor gazetteer compiles several hundred alias patterns; they crowd the re module's own cache
(512 entries), so patterns written inline got compiled again and again. These functions keep every
pattern the extractor uses compiled for the life of the process.
"""

from __future__ import annotations

import dataclasses
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


def without_dead_patterns(table):
    """A frozen dataclass of compiled patterns with those that can never match replaced by NEVER_RE
    (also inside dict fields): `re` would try each at every position of every sentence it is given."""
    changes = {}
    for field in dataclasses.fields(table):
        value = getattr(table, field.name)
        if isinstance(value, re.Pattern) and never_matches(value):
            changes[field.name] = NEVER_RE
        elif isinstance(value, dict) and any(isinstance(v, re.Pattern) for v in value.values()):
            changes[field.name] = {k: NEVER_RE if isinstance(v, re.Pattern) and never_matches(v) else v
                                   for k, v in value.items()}
    return dataclasses.replace(table, **changes) if changes else table
