"""The re module's functions over a compile cache that never evicts.

The actor gazetteer compiles several hundred alias patterns; they crowd the re module's own cache
(512 entries), so patterns written inline got compiled again and again. These functions keep every
pattern the extractor uses compiled for the life of the process.
"""

from __future__ import annotations

import re
from functools import lru_cache


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
