"""German and English articles in one knowledge base: the language of each article, one actor across
spellings, and `who` setting a German and an English report of the same figure side by side."""

import json

import pytest

from claimtrack.ingest.metadata import detect_language

ENGLISH = """Zelensky says North Korea is sending troops

KYIV, Oct 22, 2024 (Reuters) - Ukrainian President Volodymyr Zelenskiy said on Tuesday that North Korea
was preparing to send 10,000 soldiers to help Russia. The Kremlin denied the reports.
"""
GERMAN = """Selenskyj: Nordkorea schickt Soldaten

Kiew, 22.10.2024 (dpa) – Der ukrainische Präsident Wolodymyr Selenskyj sagte am Dienstag, Nordkorea bereite
die Entsendung von 10.000 Soldaten nach Russland vor. Der Kreml dementierte die Berichte.
"""


def test_language_is_told_by_function_words():
    assert detect_language(ENGLISH) == "en"
    assert detect_language(GERMAN) == "de"


@pytest.mark.parametrize("sentence, language", [
    ("Dänemark sagte am Montag, 200 dänische Soldaten seien in Lettland.", "de"),
    ("Im Osten stehen laut Kiew 3.000 Soldaten.", "de"),
    ("Denmark said on Monday that 200 Danish soldiers are in Latvia.", "en"),
    ("About 3,000 troops are at the border, officials said.", "en"),
])
def test_one_sentence_is_enough_to_tell_the_language(sentence, language):
    """Words both languages share ("in", "an", "was") tell nothing: a short German text is no English one."""
    assert detect_language(sentence) == language


def test_a_mixed_folder_ingests_in_one_run_and_who_joins_the_languages(invoke, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "de.txt").write_text(GERMAN, encoding="utf-8")
    result = invoke("ingest", folder)
    assert result.exit_code == 0, result.output
    sources = json.loads(invoke("sources", "--format", "json").stdout)
    assert {s["source"]: s["language"] for s in sources} == {"de.txt": "de", "en.txt": "en"}

    # "preparing to send" / "bereite die Entsendung vor": a forecast, shown with --all
    result = invoke("who", "--all", "--actor", "Zelensky", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["claimant"], r["figure"], r["role"], r["sources"]) for r in rows] == [
        ("Wolodymyr Selenskyj", "10,000", "forecast", 2)]

    denials = json.loads(invoke("claims", "--kind", "denial", "--format", "json").stdout)
    assert sorted(c["source"] for c in denials) == ["de.txt", "en.txt"]
    assert {c["claimant"] for c in denials} == {"Russland"}


def test_the_language_can_be_forced(invoke, tmp_path):
    path = tmp_path / "en.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    assert invoke("ingest", "--language", "fr", path).exit_code == 2
    assert invoke("ingest", "--language", "de", path).exit_code == 0
    [source] = json.loads(invoke("sources", "--format", "json").stdout)
    assert source["language"] == "de"


def test_who_on_the_seeds_and_an_english_article_of_the_same_story(invoke, tmp_path):
    from tests.conftest import SEEDS

    english = tmp_path / "en.txt"
    english.write_text(ENGLISH, encoding="utf-8")
    result = invoke("ingest", SEEDS, english)
    assert result.exit_code == 0, result.output
    rows = json.loads(invoke("who", "--all", "--actor", "Zelenskiy", "--format", "json").stdout)
    ten_thousand = [r for r in rows if r["figure"] == "10,000"]
    claims = json.loads(invoke("claims", "--actor", "Selenskyj", "--format", "json").stdout)
    sources = {c["source"] for c in claims if c["value"] == 10000}
    assert "en.txt" in sources and len(sources) >= 2  # the English report beside the German seed ones
    # one row per role: the forecast ("preparing to send") joins the English and the German report
    assert sum(r["sources"] for r in ten_thousand) == len(sources)
    assert [r["sources"] for r in ten_thousand if r["role"] == "forecast"] == [2]


def test_a_country_is_one_actor_in_both_languages(invoke, tmp_path):
    """Every country of the forces tables is one actor whatever language names it ('Dänemark', 'Denmark')."""
    (tmp_path / "de.txt").write_text("Dänemark: Lage\n\nDänemark sagte am Montag, dass die 200 dänischen Soldaten "
                                     "nun in Lettland seien und dort auch bleiben würden.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("Denmark: update\n\nDenmark said on Monday that 200 Danish soldiers are in "
                                     "Latvia.\n", encoding="utf-8")
    assert invoke("ingest", tmp_path).exit_code == 0
    claimants = {json.loads(line)["claimant"] for line in invoke("claims", "--format", "jsonl").stdout.splitlines()}
    assert len(claimants) == 1
    who = [json.loads(line) for line in invoke("who", "--format", "jsonl").stdout.splitlines()]
    assert [(r["value"], r["sources"]) for r in who] == [(200, 2)]
