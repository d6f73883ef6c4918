"""Patterns that can never match are found from `re`'s parse tree and swapped for one that fails at once."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack.extract import rx
from claimtrack.extract.lexicon import load


@pytest.mark.parametrize("pattern, dead", [
    ("(?!)", True),
    (r"(?<!\w)(?:(?!))(?!\w)", True),  # an empty word list, wrapped
    (r"(?:^|\s)(?:(?!))\s+\d{1,2}\.$", True),
    (r"(?:(?!)|(?!))x", True),
    (r"a|(?!)", False),  # another branch can match
    (r"(?:(?!)|b)c", False),
    (r"(?<!\w)x", False),  # a lookbehind that is not empty
    (r"(?!x)y", False),
    ("", False),
])
def test_never_matches(pattern, dead):
    compiled = re.compile(pattern)
    assert rx.never_matches(compiled) is dead
    if dead:  # what the parse tree says, the engine agrees with
        assert all(compiled.search(text) is None for text in ("", "a", "b c", "x", " 1."))


def test_dead_patterns_are_replaced_and_live_ones_kept():
    for language in ("de", "en"):
        lex = load(language)
        patterns = [v for v in vars(lex).values() if isinstance(v, re.Pattern)]
        patterns += [v for v in lex.syntax.values() if isinstance(v, re.Pattern)]
        assert rx.NEVER_RE in patterns  # both languages leave some word lists empty
        assert not [p for p in patterns if p is not rx.NEVER_RE and rx.never_matches(p)]
    assert load("en").konjunktiv is rx.NEVER_RE and load("de").konjunktiv is not rx.NEVER_RE


def _prefiltered_patterns():
    """Every pattern the extractor leads by its first characters, with where it comes from."""
    from claimtrack.extract import actors, dates, forces

    found = []
    for language in ("de", "en"):
        for source, table in (("lexicon", load(language)), ("forces", forces.table(language))):
            for name, value in vars(table).items():
                values = value.items() if isinstance(value, dict) else [(name, value)]
                found += [(f"{language} {source} {key}", v) for key, v in values if isinstance(v, rx.Prefiltered)]
        for kind, value in dates._patterns(language).items():
            if isinstance(value, list):
                found += [(f"{language} dates {kind}", v) for v in value if isinstance(v, rx.Prefiltered)]
        head = actors._head_regex(language)
        if isinstance(head, rx.Prefiltered):
            found.append((f"{language} heads", head))
    return found


PREFILTERED = _prefiltered_patterns()
SEED_TEXT = "\n".join(p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent.parent / "seeds").iterdir())
                      if p.suffix == ".txt")


def _spans(matches):
    return [(m.span(), m.groups()) for m in matches]


def test_some_patterns_are_prefiltered():
    assert len(PREFILTERED) > 30


@pytest.mark.parametrize("name, pattern", PREFILTERED, ids=[n for n, _ in PREFILTERED])
def test_prefiltered_pattern_finds_what_the_pattern_finds(name, pattern):
    for line in SEED_TEXT.splitlines():
        assert _spans(pattern.finditer(line)) == _spans(pattern.compiled.finditer(line)), line
        for pos in (0, 1, len(line) // 2):
            assert _spans([pattern.search(line, pos)] if pattern.search(line, pos) else []) == \
                _spans([pattern.compiled.search(line, pos)] if pattern.compiled.search(line, pos) else [])


WORDS = ["laut", "Laut", "nach Angaben", "zufolge", "ZUFOLGE", "dementierte", "the", "The", "said", "denied",
         "Montag", "am Montag", "Oktober", "im Oktober", "3.000", "der Dienst", "die Behörde", "ſ", "K", "ß", "SS",
         "İ", "ı", "-", ",", ".", "\n", " ", "Reuters", "Kyiv", "hieß es", "heißt es", "weder", "noch", "bestätigt",
         "12.", "26. April", "٣", "٢٦ Oktober", "(", "Anfang"]


@given(st.lists(st.sampled_from(WORDS), max_size=14), st.integers(min_value=0, max_value=len(PREFILTERED) - 1))
@settings(max_examples=300, deadline=None)
def test_prefiltered_pattern_on_made_up_text(words, index):
    name, pattern = PREFILTERED[index]
    text = " ".join(words)
    assert _spans(pattern.finditer(text)) == _spans(pattern.compiled.finditer(text)), (name, text)


ANY_OF = [(f"{language} {name}", getattr(load(language), name)) for language in ("de", "en")
          for name in ("stance_any",)]


@pytest.mark.parametrize("name, test", ANY_OF, ids=[n for n, _ in ANY_OF])
def test_any_of_says_what_the_whole_alternation_says(name, test):
    whole = re.compile(test.pattern, re.IGNORECASE)
    assert isinstance(test, rx.AnyOf)
    for line in SEED_TEXT.splitlines():
        assert (test.search(line) is None) == (whole.search(line) is None), line


@given(st.lists(st.sampled_from(WORDS + ["nicht bestätigt", "wies zurück", "seien", "not", "confirmed", "bestätigte",
                                         "Truppen seien entsandt worden", "troops were sent", "denies"]), max_size=12),
       st.integers(min_value=0, max_value=len(ANY_OF) - 1))
@settings(max_examples=300, deadline=None)
def test_any_of_on_made_up_text(words, index):
    name, test = ANY_OF[index]
    text = " ".join(words)
    assert (test.search(text) is None) == (re.compile(test.pattern, re.IGNORECASE).search(text) is None), (name, text)


@given(st.text(alphabet="aäB1_- .,Øß3x²٣ǅ", max_size=14), st.data())
@settings(max_examples=500, deadline=None)
def test_word_start_walks_back_as_the_pattern_searched(text, data):
    from claimtrack.extract.forces import _word_start

    end = data.draw(st.integers(min_value=0, max_value=len(text)))
    lo = data.draw(st.integers(min_value=0, max_value=end))
    found = re.compile(r"[^\W\d_][\w-]*$").search(text, lo, end)
    assert _word_start(text, lo, end) == (found.start() if found else None)
