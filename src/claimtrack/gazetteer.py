"""The actor gazetteer (`actors.toml`) and the one name normalisation everything shares."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from importlib import resources

_DASHES = re.compile(r"[\u2010-\u2015\-]")
_QUOTES = re.compile(r"[\"'„“”‚‘’»«*]")
_SPACE = re.compile(r"\s+")


def normalise(name: str) -> str:
    """Casefold, NFKC, hyphens as spaces, no quotes, single spaces: how aliases are compared."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = _QUOTES.sub("", _DASHES.sub(" ", text))
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    type: str
    description: str | None
    aliases: tuple[str, ...]  # without the canonical name
    heads: tuple[str, ...] = ()
    part_of: str | None = None
    speaks_for: str | None = None
    nationality: str | None = None  # adjective stem: "südkoreanisch" for Südkorea
    nationalities: tuple[str, ...] = ()  # its adjectives in every language: "südkoreanisch", "South Korean"
    # every alias as actors.toml writes it, also those that normalise alike ("Nato" beside "NATO"): the
    # text is matched by these (an acronym only in its own case), the Alias table keeps the aliases
    spellings: tuple[str, ...] = ()
    # a person's offices as running text names them without the name ("der Nato-Generalsekretär", "the
    # Pentagon chief"), and the term they hold them in (first day, last day; None: open)
    roles: tuple[str, ...] = ()
    in_office: tuple[date | None, date | None] = (None, None)

    def holds_office_on(self, day: date | None) -> bool:
        start, end = self.in_office
        return day is not None and (start is None or start <= day) and (end is None or day < end)


def _day(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


@cache
def _raw() -> dict:
    """actors.toml, read once for the entries and the type heads."""
    return tomllib.loads(resources.files("claimtrack").joinpath("actors.toml").read_text(encoding="utf-8"))


@cache
def entries() -> tuple[GazetteerEntry, ...]:
    raw = _raw()
    result, owners = [], {}
    for item in raw.get("actor", []):
        seen = {normalise(item["name"])}
        aliases = []
        spellings = list(dict.fromkeys(a for a in item.get("aliases", []) if a != item["name"]))
        for alias in item.get("aliases", []):
            key = normalise(alias)
            if key in seen:
                continue
            seen.add(key)
            aliases.append(alias)
        for key in seen:
            if key in owners:
                raise ValueError(f"actors.toml: «{key}» is listed for {owners[key]} and {item['name']}")
            owners[key] = item["name"]
        result.append(GazetteerEntry(
            name=item["name"], type=item["type"], description=item.get("description"),
            aliases=tuple(aliases), heads=tuple(item.get("heads", [])),
            part_of=item.get("part_of"), speaks_for=item.get("speaks_for"), nationality=item.get("nationality"),
            spellings=tuple(spellings), roles=tuple(item.get("roles", [])),
            in_office=tuple(_day(v) for v in item.get("in_office", ["", ""])),
        ))
    return tuple(_with_force_countries(result, owners))


@cache
def role_holders() -> dict[str, tuple[GazetteerEntry, ...]]:
    """Every office word (normalised) to the people who held it, the most recent term first: an office
    changes hands, so the word names a person only within a term, or in an article that named him."""
    found: dict[str, list[GazetteerEntry]] = {}
    for entry in entries():
        for role in entry.roles:
            holders = found.setdefault(normalise(role), [])
            if entry not in holders:  # "NATO-Generalsekretär" and "Nato-Generalsekretär" are one office
                holders.append(entry)
    latest_first = lambda e: e.in_office[0] or date.min  # noqa: E731
    return {role: tuple(sorted(holders, key=latest_first, reverse=True)) for role, holders in found.items()}


@cache
def type_heads() -> dict[str, str]:
    """Head nouns that refer back to the last actor of a type ("the newspaper" -> media), from actors.toml."""
    return {head: kind for kind, heads in _raw().get("type_heads", {}).items() for head in heads}


def _with_force_countries(result: list[GazetteerEntry], owners: dict[str, str]) -> list[GazetteerEntry]:
    """Every country and group of the forces tables (lang/<code>/forces.toml) is a known actor too:
    its names join an entry that already holds one of them, or make a new one. actors.toml wins
    wherever both name the same thing."""
    from claimtrack import lang

    by_name = {entry.name: i for i, entry in enumerate(result)}
    by_force: dict[str, str] = {}  # a force's language-neutral name ("Denmark") → its actor: one per country
    for language in lang.languages():
        try:
            table = lang.load(language, "forces")
        except FileNotFoundError:
            continue
        for force in table.get("force", []):
            names = force["names"]
            owner = next((owners[normalise(n)] for n in names if normalise(n) in owners), None) \
                or by_force.get(force["name"])
            fresh = [n for n in names if normalise(n) not in owners]
            nationality = force["adjectives"][0] if force.get("adjectives") else None
            if owner is None:
                entry = GazetteerEntry(name=names[0], type="country" if force.get("adjectives") else "group",
                                       description=force["name"], aliases=tuple(fresh[1:]), nationality=nationality,
                                       nationalities=tuple(force.get("adjectives", [])))
                by_name[entry.name] = len(result)
                result.append(entry)
                owner, fresh = entry.name, fresh[1:]
            else:
                old = result[by_name[owner]]
                own = old.type == "country"
                result[by_name[owner]] = replace(
                    old, aliases=old.aliases + tuple(fresh),
                    nationality=old.nationality or (nationality if own else None),
                    nationalities=old.nationalities + (tuple(a for a in force.get("adjectives", [])
                                                             if a not in old.nationalities) if own else ()))
            by_force.setdefault(force["name"], owner)
            for n in fresh + [names[0]]:
                owners.setdefault(normalise(n), owner)
    return result


@cache
def by_name() -> dict[str, GazetteerEntry]:
    return {entry.name: entry for entry in entries()}


@cache
def by_nationality() -> dict[str, GazetteerEntry]:
    """The country behind a nationality adjective stem ("belarussisch" → Belarus); the first entry wins."""
    result: dict[str, GazetteerEntry] = {}
    for entry in entries():
        for adjective in entry.nationalities:
            result.setdefault(adjective.casefold(), entry)
    return result
