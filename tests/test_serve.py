"""The knowledge base in a browser (issue #15): `claimtrack serve` runs Datasette with claimtrack's
metadata; a real headless Chromium shows the seeds' who-said-what."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


@pytest.fixture(scope="module")
def served(seeds_db, tmp_path_factory):
    pytest.importorskip("datasette", reason="claimtrack serve needs the extra claimtrack[web]")
    folder = tmp_path_factory.mktemp("served")
    db = folder / "seeds.db"
    shutil.copy(seeds_db, db)
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "claimtrack", "--db", str(db), "serve", "--port", str(port)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            _get(base + "/-/versions.json")
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError(process.stdout.read().decode())
            time.sleep(0.3)
    yield base, db
    process.terminate()
    process.wait(timeout=30)


def test_who_said_query_and_facets(served):
    base, _ = served
    rows = json.loads(_get(base + "/seeds/who_said_how_many_troops_when.json?_shape=array"))
    said = {(r["claimant"], r["figure"]) for r in rows}
    assert {("NIS", "1,500"), ("Wolodymyr Selenskyj", "10,000"), ("Lloyd Austin", "≈10,000")} <= said
    assert all(r["quote"] and r["source text"] for r in rows)  # the evidence and its source beside every claim
    claims = json.loads(_get(base + "/seeds/claims_view.json"))
    assert {"claimant", "kind", "force", "outlet"} <= set(claims["facet_results"])
    over_time = json.loads(_get(base + "/seeds/figures_of_one_claimant_over_time.json?_shape=array&claimant=NIS"))
    assert [r["figure"] for r in over_time] and all("NIS" not in r.get("figure", "") for r in over_time)
    page = _get(base + "/seeds/who_said_how_many_troops_when").decode()
    assert 'href="/seeds/source/' in page  # a link to the source text


def test_serve_is_read_only_and_local(served):
    base, db = served
    before = db.read_bytes()
    with pytest.raises(urllib.error.HTTPError):
        _get(base + "/seeds.json?sql=" + urllib.parse.quote("DELETE FROM claim"))
    assert db.read_bytes() == before
    address = base.split("//")[1].split(":")[0]
    assert address == "127.0.0.1"


def test_a_real_browser_shows_who_said_what(served, tmp_path):
    if CHROMIUM is None:
        pytest.skip("needs Chromium (Debian package chromium; .ci/run installs it)")
    base, _ = served
    url = base + "/seeds/who_said_how_many_troops_when"
    artifacts = Path(os.environ.get("CLAIMTRACK_ARTIFACTS", tmp_path))
    artifacts.mkdir(parents=True, exist_ok=True)
    screenshot = artifacts / "who-said-how-many-troops-when.png"
    common = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run(common + ["--dump-dom", url], capture_output=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    page = dom.stdout.decode()
    assert "Who said how many troops when" in page
    for claimant, figure in (("NIS", "1,500"), ("Wolodymyr Selenskyj", "10,000"), ("Lloyd Austin", "≈10,000")):
        assert claimant in page and figure in page
    shot = subprocess.run(common + ["--window-size=1400,1100", f"--screenshot={screenshot}", url],
                          capture_output=True, timeout=120)
    assert shot.returncode == 0, shot.stderr[-2000:]
    assert screenshot.stat().st_size > 10_000
    print(f"screenshot: {screenshot}")
