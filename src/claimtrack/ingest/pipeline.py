"""Files → decoded text + metadata → claims → one transaction per file.

Bad input never loses good input: each file is read, parsed and stored on its own, and a file that
fails is reported with its reason while the others go on. The parsing half (`prepare`) is pure and
can run in worker processes; storing happens in this process, one writer.
"""

from __future__ import annotations

import csv
import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from claimtrack import summary as summaries
from claimtrack.db import Database
from claimtrack.errors import ClaimtrackError, InputError, StorageError
from claimtrack.extract import EXTRACTOR_VERSION, extract_claims
from claimtrack.extract.records import ClaimRecord
from claimtrack.ingest.metadata import detect, parse_date
from claimtrack.ingest.read import ARTICLE_SUFFIXES, DEFAULT_MAX_SIZE, read_document
from claimtrack.store import ActorResolver, SourceInput, store_source, store_sources, stored_files, sync_gazetteer

SIDECAR = "sources.csv"
# Files stored per transaction: a kill loses at most these (the next run stores them again).
BATCH_FILES = 100
BATCH_CHARS = 2_000_000  # and at most this much text, so a batch of long articles stays small in memory
# Files that describe a folder rather than report news: skipped inside folders, read when named.
NOT_ARTICLES = frozenset({"README", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING", "NOTICE", "COPYING"})


@dataclass
class IngestOptions:
    force: bool = False
    max_size: int = DEFAULT_MAX_SIZE
    published: date | None = None
    outlet: str | None = None
    jobs: int = 1
    language: str | None = None  # None: detected per article from its function words
    follow_links: bool = False  # links inside folders may lead outside them


@dataclass
class FileOutcome:
    path: str
    status: str  # new, updated, unchanged, skipped, failed
    reason: str | None = None
    claims: int = 0
    source_id: int | None = None


@dataclass
class IngestSummary:
    outcomes: list[FileOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def read(self) -> int:
        return sum(1 for o in self.outcomes if o.status in ("new", "updated", "unchanged", "failed"))

    @property
    def claims(self) -> int:
        return sum(o.claims for o in self.outcomes if o.status in ("new", "updated"))

    @property
    def failed(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]


@dataclass
class Sidecar:
    """Metadata an analyst supplied in a sources.csv beside the articles."""

    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None


@dataclass
class Prepared:
    item: SourceInput
    claims: list[ClaimRecord]


def collect(paths: Iterable[str | Path], follow_links: bool = False) -> tuple[list[Path], list[FileOutcome]]:
    """Article files under the given paths (folders recursively), and outcomes for what is not one.

    Inside a folder a symbolic link is read only when it leads to a regular file inside that folder
    (`follow_links`: to a regular file anywhere); links to devices, FIFOs or sockets never. A file
    named on the command line is the user's choice and is read wherever it leads."""
    files: list[Path] = []
    outcomes: list[FileOutcome] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            files.append(path)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            top = os.path.realpath(path)
            for root, dirs, names in os.walk(path, onerror=lambda err: outcomes.append(
                    FileOutcome(str(err.filename), "failed", f"cannot read folder: {err.strerror}"))):
                dirs.sort()
                for name in sorted(names):
                    child = Path(root) / name
                    if name == SIDECAR:
                        continue
                    if Path(name).stem.upper() in NOT_ARTICLES:
                        outcomes.append(FileOutcome(str(child), "skipped", "a folder's README or licence, not an article"))
                        continue
                    if child.suffix.lower() not in ARTICLE_SUFFIXES:
                        outcomes.append(FileOutcome(str(child), "skipped", "not an article file (.txt, .md, "
                                                    ".html, .htm, .pdf)"))
                        continue
                    refused = _link_refused(child, top, follow_links) if child.is_symlink() else None
                    if refused:
                        outcomes.append(FileOutcome(str(child), "skipped", refused))
                    else:
                        add(child)
        elif path.exists() or path.is_symlink():
            add(path)  # named explicitly: read whatever its suffix, so the user learns what it is
        else:
            outcomes.append(FileOutcome(str(path), "failed", "no such file or folder"))
    return files, outcomes


def _link_refused(link: Path, top: str, follow_links: bool) -> str | None:
    """Why a symbolic link inside an ingested folder is not read, or None to read it."""
    target = os.path.realpath(link)
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return "a link to nothing (broken or looping)"
    if not stat.S_ISREG(mode):
        return "a link to something that is not a regular file"
    if not follow_links and os.path.commonpath([top, target]) != top:
        return f"a link to a file outside the folder ({target}; --follow-links reads it)"
    return None


def read_sidecar(folder: Path) -> dict[str, Sidecar]:
    """sources.csv (columns file, published, outlet, url, title) → by file name. Bad rows raise InputError."""
    path = folder / SIDECAR
    if not path.is_file():
        return {}
    result: dict[str, Sidecar] = {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                name = (row.get("file") or "").strip()
                if not name:
                    continue
                published = None
                if (row.get("published") or "").strip():
                    published = parse_iso_or_german(row["published"])
                    if published is None:
                        raise InputError(str(path), f"line {number}: unreadable date {row['published']!r}")
                result[name] = Sidecar(published=published, outlet=(row.get("outlet") or "").strip() or None,
                                       url=(row.get("url") or "").strip() or None,
                                       title=(row.get("title") or "").strip() or None)
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise InputError(str(path), f"cannot read: {err}") from None
    return result


def parse_iso_or_german(value: str) -> date | None:
    value = value.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        return parse_date(value)


def prepare(path: Path, options: IngestOptions, sidecar: Sidecar | None) -> Prepared:
    """Read, decode, detect metadata and extract claims: everything but the database."""
    document = read_document(path, max_size=options.max_size)
    meta = detect(document.text, options.language)
    published, origin = meta.published, "text" if meta.published else None
    outlet, title, url = meta.outlet, meta.title, None
    page = document.page  # a page's or PDF's own metadata ranks above guesses from the text
    if page is not None:
        if page.published:
            published, origin = page.published, document.encoding
        outlet, title, url = page.outlet or outlet, page.title or title, page.url
    if sidecar:
        if sidecar.published:
            published, origin = sidecar.published, "sources.csv"
        outlet = sidecar.outlet or outlet
        title = sidecar.title or title
        url = sidecar.url or url
    if options.published:
        published, origin = options.published, "option"
    if options.outlet:
        outlet = options.outlet
    claims = extract_claims(document.text, published=published, language=meta.language, boilerplate=meta.boilerplate)
    item = SourceInput(
        file_name=path.name, path=str(path), sha256=document.sha256, raw_sha256=document.raw_sha256, text=document.text,
        encoding=document.encoding, size_bytes=document.size_bytes, title=title, outlet=outlet, url=url,
        published=published, published_origin=origin, language=meta.language, extractor_version=EXTRACTOR_VERSION,
        page_starts=page.page_starts if page is not None and page.page_starts else None,
    )
    return Prepared(item, claims)


def _prepare_safely(args: tuple[Path, IngestOptions, Sidecar | None]) -> Prepared | FileOutcome:
    path, options, sidecar = args
    try:
        return prepare(path, options, sidecar)
    except InputError as err:
        return FileOutcome(str(path), "failed", err.reason)
    except Exception as err:  # noqa: BLE001 - one broken file must not stop the run
        return FileOutcome(str(path), "failed", f"internal error while reading: {type(err).__name__}: {err}")


def ingest(db: Database, paths: Iterable[str | Path], options: IngestOptions | None = None,
           on_file: Callable[[FileOutcome], None] | None = None,
           on_plan: Callable[[int], None] | None = None) -> IngestSummary:
    """Ingest files and folders; returns what happened to each file."""
    options = options or IngestOptions()
    files, outcomes = collect(paths, follow_links=options.follow_links)
    summary = IngestSummary(outcomes=list(outcomes))
    if on_plan:
        on_plan(len(files))
    for outcome in outcomes:
        if on_file:
            on_file(outcome)

    sidecars: dict[Path, dict[str, Sidecar]] = {}
    tasks = []
    for path in files:
        folder = path.parent
        if folder not in sidecars:
            try:
                sidecars[folder] = read_sidecar(folder)
            except InputError as err:
                summary.outcomes.append(FileOutcome(err.path, "failed", err.reason))
                sidecars[folder] = {}
        tasks.append((path, options, sidecars[folder].get(path.name)))

    if not options.force:
        tasks = _skip_stored(db, tasks, options, summary, on_file)
    with db.session(write=True) as session:
        sync_gazetteer(session)

    resolver: list[ActorResolver] = []  # one alias cache for the run; dropped after a failed transaction
    batch: list[Prepared] = []
    done = batch_chars = 0

    def flush() -> None:
        nonlocal done, batch_chars
        try:
            outcomes = _store_batch(db, batch, options, resolver)
        except StorageError as err:  # it would fail the same way for every file still to come
            stored = summary.count("new") + summary.count("updated")
            raise StorageError(f"{err}; stopped at {batch[0].item.path}: {stored} files stored, "
                               f"{len(tasks) - done} left for the next run") from None
        done += len(batch)
        batch.clear()
        batch_chars = 0
        for outcome in outcomes:
            summary.outcomes.append(outcome)
            if on_file:
                on_file(outcome)

    for result in _prepared(tasks, options.jobs):
        if isinstance(result, FileOutcome):
            done += 1
            summary.outcomes.append(result)
            if on_file:
                on_file(result)
            continue
        batch.append(result)
        batch_chars += len(result.item.text)
        if len(batch) >= BATCH_FILES or batch_chars >= BATCH_CHARS:
            flush()
    if batch:
        flush()
    with db.session(write=True) as session:  # who's stored rows, for every claimant the run changed
        summaries.refresh(session)
    return summary


def _skip_stored(db: Database, tasks: list, options: IngestOptions, summary: IngestSummary,
                 on_file: Callable[[FileOutcome], None] | None) -> list:
    """Files whose bytes a stored source was read from are unchanged: reported without being read
    again (a folder ingested anew costs a hash per file, not an extraction). Hashed before any lock is
    taken; a file stored by another run meanwhile is found unchanged when it is stored."""
    hashes = {}
    for task in tasks:
        digest = _file_sha256(task[0], options.max_size)
        if digest is not None:
            hashes[task[0]] = digest
    with db.session() as session:
        stored = stored_files(session, sorted(set(hashes.values())))
    remaining = []
    for task in tasks:
        known = stored.get(hashes.get(task[0], ""))
        if known is None:
            remaining.append(task)
            continue
        outcome = FileOutcome(str(task[0]), "unchanged", claims=known[1], source_id=known[0])
        summary.outcomes.append(outcome)
        if on_file:
            on_file(outcome)
    return remaining


def _file_sha256(path: Path, max_size: int) -> str | None:
    """sha256 of a regular file's bytes, or None when it is not one or cannot be read (prepare says why)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_size:
            return None
        with path.open("rb") as handle:
            return hashlib.sha256(handle.read(max_size + 1)).hexdigest()
    except OSError:
        return None


def _prepared(tasks: list, jobs: int) -> Iterator[Prepared | FileOutcome]:
    if jobs <= 1 or len(tasks) < 2 * jobs:
        yield from map(_prepare_safely, tasks)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_prepare_safely, tasks, chunksize=16)


def _store_batch(db: Database, batch: list[Prepared], options: IngestOptions,
                 cache: list[ActorResolver]) -> list[FileOutcome]:
    """Many files in one transaction (a kill loses at most this batch; the next run stores it again).
    When the batch fails for one file's sake, its files are stored one by one, so only that one fails."""
    try:
        with db.session(write=True) as session:
            resolver = _resolver(session, cache)
            results = store_sources(session, [(p.item, p.claims) for p in batch], force=options.force,
                                    resolver=resolver)
        return [FileOutcome(p.item.path, r.status, claims=r.claims, source_id=r.source_id)
                for p, r in zip(batch, results)]
    except StorageError:
        cache.clear()
        raise
    except Exception:  # noqa: BLE001 - find the file that broke it
        cache.clear()
        return [_store(db, prepared, options, cache) for prepared in batch]


def _resolver(session, cache: list[ActorResolver]) -> ActorResolver:
    if cache:
        cache[0].session = session
    else:
        cache.append(ActorResolver(session))
    return cache[0]


def _store(db: Database, prepared: Prepared, options: IngestOptions, cache: list[ActorResolver]) -> FileOutcome:
    path = prepared.item.path
    for attempt in (1, 2):
        try:
            with db.session(write=True) as session:
                result = store_source(session, prepared.item, prepared.claims, force=options.force,
                                      resolver=_resolver(session, cache))
            return FileOutcome(path, result.status, claims=result.claims, source_id=result.source_id)
        except IntegrityError as err:
            cache.clear()  # another process added the same actor or file meanwhile: look again
            if attempt == 2:
                return FileOutcome(path, "failed", f"could not store: {err.orig}")
        except StorageError:
            cache.clear()
            raise
        except ClaimtrackError as err:
            cache.clear()
            return FileOutcome(path, "failed", str(err))
        except Exception as err:  # noqa: BLE001 - report, keep the other files
            cache.clear()
            return FileOutcome(path, "failed", f"could not store: {type(err).__name__}: {err}")
    raise AssertionError("unreachable")
