"""Every language file has the keys the extractor reads, no more: lang/<code>/ files share one set of
keys (a language is added by writing the same files), and every key is read somewhere in the code, so a
misspelt or dead key fails here instead of being silently ignored."""

import tomllib
from importlib import resources

import pytest

from claimtrack import lang

# tables whose keys are data (words, names, numbers), not names the code reads
DATA_TABLES = {("numbers", "words", "units"), ("numbers", "words", "tens"), ("numbers", "counted"),
               ("numbers", "words", "multipliers"), ("numbers", "words", "multiplied_alone"),
               ("dates", "months"), ("dates", "weekdays"), ("dates", "parts_of_month"),
               ("cues", "roles", "institutions"), ("cues", "speech", "pronouns"), ("cues", "syntax")}


def _key_paths(name: str, table: dict, prefix=()) -> set[tuple]:
    paths = set()
    for key, value in table.items():
        path = prefix + (key,)
        paths.add(path)
        if (name,) + path in DATA_TABLES:
            continue
        if isinstance(value, dict):
            paths |= _key_paths(name, value, path)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for item in value:  # an array of tables: [[vague]], [[force]]
                paths |= _key_paths(name, item, path)
    return paths


def _files(language: str) -> dict[str, dict]:
    root = resources.files("claimtrack.lang").joinpath(language)
    return {p.name.removesuffix(".toml"): tomllib.loads(p.read_text(encoding="utf-8"))
            for p in root.iterdir() if p.name.endswith(".toml")}


LANGUAGES = lang.languages()


def test_there_is_more_than_one_language():
    assert {"de", "en"} <= set(LANGUAGES)


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != lang.DEFAULT_LANGUAGE])
def test_every_language_has_the_same_files_and_keys(language):
    reference, other = _files(lang.DEFAULT_LANGUAGE), _files(language)
    assert sorted(other) == sorted(reference)
    for name in reference:
        assert _key_paths(name, other[name]) == _key_paths(name, reference[name]), f"{language}/{name}.toml"


class _Recording(dict):
    """A table that notes which of its keys are read (iterating it reads them all)."""

    def __init__(self, data, path, seen):
        super().__init__({k: _wrap(v, path + (k,), seen) for k, v in data.items()})
        self._path, self._seen = path, seen

    def __getitem__(self, key):
        self._seen.add(self._path + (key,))
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._seen.add(self._path + (key,))
        return super().get(key, default)

    def items(self):
        self._seen.update(self._path + (k,) for k in self.keys())
        return super().items()

    def values(self):
        return [v for _, v in self.items()]

    def __iter__(self):
        self._seen.update(self._path + (k,) for k in self.keys())
        return super().__iter__()


def _wrap(value, path, seen):
    if isinstance(value, dict):
        return _Recording(value, path, seen)
    if isinstance(value, list):
        return [_wrap(v, path, seen) for v in value]
    return value


SAMPLES = {"de": "Titel\n\nBerlin, 3. März 2025 (dpa) – Polen schickt laut Verteidigungsministerium rund 1.200 Soldaten "
                 "nach Litauen, sagte der Sprecher am Montag. Moskau dementierte.\n",
           "en": "Headline\n\nWARSAW, March 3, 2025 (Reuters) - Poland is sending about 1,200 soldiers to Lithuania, a "
                 "ministry spokesman said on Monday. Moscow denied it.\n"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_key_is_read_by_the_code(language, monkeypatch):
    """Load the language with tables that note what is read, run an article through it, and find the keys
    no code read."""
    from claimtrack import gazetteer
    from claimtrack.extract import actors, dates, forces, lexicon, numbers
    from claimtrack.extract import extract_claims
    from claimtrack.ingest import metadata

    caches = [lang.load, lexicon.load, forces.table, dates._patterns, metadata._patterns, gazetteer.entries,
              gazetteer.by_name, gazetteer.by_nationality, gazetteer.role_holders, actors._alias_inflection, actors._compiled,
              actors._head_regex, actors._people_patterns, actors._role_pieces, actors._nationality_pieces, numbers._number_words, numbers._literals, numbers._vague_pieces]
    seen: set = set()
    plain_load = lang.load.__wrapped__

    def recording_load(code, name):
        table = plain_load(code, name)
        return _Recording(table, (code, name), seen) if code == language else table

    for cache in caches:
        cache.cache_clear()
    monkeypatch.setattr(lang, "load", recording_load)
    try:
        meta = metadata.detect(SAMPLES.get(language, SAMPLES["en"]), language)
        extract_claims(SAMPLES.get(language, SAMPLES["en"]), published=meta.published, language=language,
                       boilerplate=meta.boilerplate)
    finally:
        monkeypatch.undo()
        for cache in caches:
            cache.cache_clear()
    dead = []
    for name, table in _files(language).items():
        for path in sorted(_key_paths(name, table)):
            parent = (name,) + path[:-1]
            if parent in DATA_TABLES or any(parent[:i] in DATA_TABLES for i in range(1, len(parent))):
                continue
            if (language, name) + path not in seen:
                dead.append(f"{name}.toml: {'.'.join(path)}")
    assert not dead, f"keys no code reads: {dead}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_file_loads_into_a_lexicon(language):
    from claimtrack.extract import forces
    from claimtrack.extract.lexicon import load

    assert load(language).language == language
    assert forces.table(language).by_word


def test_every_office_has_a_body_and_terms_that_do_not_overlap():
    """A bare office word names the holder of the day, else the body: so every holder needs a first day and
    a body that exists, one office word has one holder at a time, and no office word is anyone's name."""
    from claimtrack import gazetteer

    names = {gazetteer.normalise(a) for e in gazetteer.entries() for a in (e.name, *e.aliases)}
    for role, holders in gazetteer.role_holders().items():
        assert role not in names, f"«{role}» is an office and a name"
        for holder in holders:
            assert holder.in_office[0] is not None and holder.part_of in gazetteer.by_name(), holder.name
        terms = sorted(h.in_office for h in holders)
        for (_, end), (start, _) in zip(terms, terms[1:]):
            assert end is not None and end <= start, f"«{role}»: two holders at once"
