"""Per-language data files (TOML): cue verbs, counted nouns, number words, dates, metadata patterns.

Code stays language-neutral; adding a language means adding `lang/<code>/*.toml`.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

DEFAULT_LANGUAGE = "de"


@cache
def load(language: str, name: str) -> dict:
    """One data file of one language, parsed once per process."""
    resource = resources.files("claimtrack.lang").joinpath(language, f"{name}.toml")
    if not resource.is_file():
        raise FileNotFoundError(f"no language data {language}/{name}.toml")
    return tomllib.loads(resource.read_text(encoding="utf-8"))


@cache
def languages() -> tuple[str, ...]:
    root = resources.files("claimtrack.lang")
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_")))
