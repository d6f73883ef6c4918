from datetime import date

import pytest

from claimtrack.ingest.metadata import detect, parse_date
from claimtrack.ingest.read import read_document
from tests.conftest import DEV, SEEDS


@pytest.mark.parametrize(
    "text, published, outlet",
    [
        ("Titel\n\nSeoul, 25.10.2024 (dpa) – Nordkorea hat Soldaten geschickt.\n", date(2024, 10, 25), "dpa"),
        ("Titel\n\nStand: 04.11.2024 14:32 Uhr\n\nText hier.\n", date(2024, 11, 4), None),
        ("Titel\n\nVeröffentlicht am 12. November 2024\n\nText.\n\n© Nordstern Online\n", date(2024, 11, 12),
         "Nordstern Online"),
        ("Titel\n\nPubliziert: 01.11.2024, 18.05 Uhr\n\nText.\n", date(2024, 11, 1), None),
        ("Titel\nText.\nDiese Nachricht wurde am 22.10.2024 im Programm Deutschlandfunk gesendet.",
         date(2024, 10, 22), "Deutschlandfunk"),
        ("Titel\nText.\nBesuchen Sie uns auf: [example-news.de](https://www.example-news.de)", None,
         "example-news.de"),
    ],
    ids=["dateline", "stand", "veroeffentlicht", "publiziert", "broadcast", "footer"],
)
def test_detect(text, published, outlet):
    meta = detect(text)
    assert meta.published == published
    assert meta.outlet == outlet


def test_link_block_dates_are_not_the_articles():
    text = ("Titel\nErster Satz des Artikels. Zweiter Satz.\nDritter Satz.\nVierter Satz.\n"
            "28. Oktober 2024 · 20:49\nEin anderer Artikel\n27. Oktober 2024 · 19:37\nNoch einer\n")
    meta = detect(text)
    assert meta.published is None
    start = text.index("28. Oktober")
    assert (start, len(text)) in meta.boilerplate


def test_seeds_metadata():
    metas = {p.name[:3]: detect(read_document(p).text) for p in SEEDS.glob("*.txt")}
    assert metas["000"].outlet == "die-nachrichten.at" and metas["000"].published is None
    assert metas["004"].outlet == "Deutschlandfunk" and metas["004"].published == date(2024, 10, 22)
    assert metas["001"].published is None
    assert metas["003"].title is None
    assert metas["000"].title == "Nordkorea bittet Russland um Nukleartechnologie für Truppenhilfe"


def test_dev_cp1252_title():
    doc = read_document(DEV / "d08_hur_generaele.txt")
    assert doc.encoding == "cp1252"
    assert detect(doc.text).title == "Kiew: Auch nordkoreanische Generäle in Russland"


@pytest.mark.parametrize("value, expected", [("25.10.2024", date(2024, 10, 25)), ("3. März 2025", date(2025, 3, 3)),
                                             ("31.02.2024", None), ("12. Foo 2024", None)])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "text, language, published, outlet",
    [
        ("Titel\n\nWarschau/Vilnius, 3. März 2025 (AFP) – Polen und Litauen haben Soldaten verlegt.\n", "de",
         date(2025, 3, 3), "AFP"),
        ("Titel\n\nErstellt am 3.3.2025, 07:10 Uhr\n\nPolen hat Soldaten an die Grenze verlegt, sagte er.\n", "de",
         date(2025, 3, 3), None),
        ("Titel\n\nBerlin (dpa) - Die Bundeswehr verlegt 500 Soldaten nach Litauen, sagte der Minister.\n", "de",
         None, "dpa"),
        ("Titel\n\nDie Bundeswehr verlegt Soldaten nach Litauen, sagte der Minister.\n\nQuelle: Deutsche Welle\n", "de",
         None, "Deutsche Welle"),
        ("SEOUL, Oct 23, 2024 (Reuters) - South Korea said on Wednesday that the troops are in Russia.\n", "en",
         date(2024, 10, 23), "Reuters"),
        ("WASHINGTON, October 28, 2024 (AP) — The Pentagon said on Monday that the troops had been sent.\n", "en",
         date(2024, 10, 28), "AP"),
        ("Headline\n\nPublished October 30, 2024\n\nThe Pentagon said on Monday that the troops had arrived.\n", "en",
         date(2024, 10, 30), None),
        ("Headline\n\nBy Jane Doe | October 30, 2024\n\nThe Pentagon said on Monday that troops had arrived.\n", "en",
         date(2024, 10, 30), None),
        ("TALLINN, Estonia (AP) — A monitoring group says thousands of fighters have arrived in the country.\n", "en",
         None, "AP"),
        ("Headline\n\nThe ministry said the troops were on their way to the border.\n\n© 2024 The Baltic Times\n", "en",
         None, "The Baltic Times"),
        ("Headline\n\nThe ministry said the troops were on their way.\n\nA Message from The Riga Herald:\n\nDear readers,\n",
         "en", None, "The Riga Herald"),
        ("Headline\n\nBalticnewscom: The ministry said the troops were on their way to the border.\n", "en", None,
         "Balticnewscom"),
    ],
    ids=["de-multi-city-dateline", "de-erstellt", "de-agency-credit", "de-source-line", "en-reuters-dateline",
         "en-ap-dateline", "en-published", "en-byline", "en-agency-credit", "en-copyright", "en-message-from",
         "en-site-prefix"],
)
def test_detect_shapes(text, language, published, outlet):
    meta = detect(text)
    assert (meta.language, meta.published, meta.outlet) == (language, published, outlet)


def test_a_dateline_leaves_its_lead_sentence():
    text = "TALLINN, Estonia (AP) — A monitoring group says 3,500 Wagner fighters have arrived in Belarus.\n"
    meta = detect(text)
    (start, end), = meta.boilerplate
    assert text[end:].startswith("A monitoring group")


@pytest.mark.parametrize("value, language, expected", [
    ("25.10.2024", "de", date(2024, 10, 25)), ("12. November 2024", "de", date(2024, 11, 12)),
    ("Oct 23, 2024", "en", date(2024, 10, 23)), ("23 October 2024", "en", date(2024, 10, 23)),
    ("2024-10-23", "en", date(2024, 10, 23)), ("Mai 2024", "de", None), ("31.02.2024", "de", None),
])
def test_parse_date_shapes(value, language, expected):
    assert parse_date(value, language) == expected
