"""Importing many documents fast, in bounded memory (``jixiao import``; issue 11).

Files stream through three steps: the storing process hashes each file and skips the ones already
stored (by sha256: an interrupted import is simply run again); worker processes read, parse and
review the rest and turn each document into plain rows with its search words
(:func:`jixiao.store.bulk_rows.prepare_rows`); the storing process writes the rows of a batch of
whole documents in one transaction (:mod:`jixiao.store.bulk`). At most ``4 × jobs`` files are in
the workers at once and a batch holds at most :data:`BATCH_PROJECTS` projects, so memory is bounded
by the largest single document, never by the corpus.

What is stored is what :func:`jixiao.services.import_file` stores for each file, one after the
other: the same rows, findings, search entries and audit rows; only ids may differ on PostgreSQL.
"""

from __future__ import annotations

import gc
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context
from pathlib import Path

from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from jixiao.cores import available_cores
from jixiao.readers.base import UnreadableInput
from jixiao.services import ImportOutcome, read_document, review_document
from jixiao.store import search_words
from jixiao.store.bulk import stored_counts, write_documents
from jixiao.store.bulk_rows import ImportItem, PreparedDocument, prepare_rows
from jixiao.store.repository import find_by_sha256, sha256_file

#: a batch (one transaction) is written once it holds this many projects …
BATCH_PROJECTS = 2_000
#: … or this many documents
BATCH_DOCUMENTS = 50

Item = ImportItem | PreparedDocument | ImportOutcome

#: the cyclic garbage collector's thresholds while importing (Python's default: 700, 10, 10). A
#: document makes hundreds of thousands of objects and leaves no cycles behind, but at the default
#: the collector ran every 700 allocations and, every hundred runs, walked every live object — the
#: parser's, the review's and jieba's caches included: a fifth of a worker's CPU (issue 11)
GC_THRESHOLDS = (200_000, 50, 100)

__all__ = ["BATCH_PROJECTS", "ImportItem", "ImportOutcome", "PreparedDocument", "import_paths",
           "prepare_file", "prepare_rows", "prepared_files", "store_documents"]


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the body with :data:`GC_THRESHOLDS`, the previous thresholds restored afterwards."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _stored(session: Session, source: str, sha256: str) -> ImportOutcome | None:
    existing = find_by_sha256(session, sha256)
    if existing is None:
        return None
    return ImportOutcome(source, existing.id, False, *stored_counts(session, existing.id))


def interrupted(exc: BaseException) -> bool:
    """Whether ``exc`` was raised while a KeyboardInterrupt was being handled."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, KeyboardInterrupt):
            return True
        seen = seen.__context__
    return False


def _write_one(session: Session, doc: PreparedDocument, username: str) -> ImportOutcome:
    """Store one document in its own transaction; a failure is its outcome, as in ``import_file``."""
    try:
        [doc_id] = write_documents(session, [doc], username)
        session.commit()
    except SQLAlchemyError as exc:  # e.g. text PostgreSQL cannot hold (NUL characters)
        if interrupted(exc):
            raise KeyboardInterrupt from exc
        session.rollback()
        stored = find_by_sha256(session, doc.sha256) if isinstance(exc, IntegrityError) else None
        if stored is not None:  # another import stored the same bytes meanwhile
            return ImportOutcome(doc.source, stored.id, False, stored_counts(session, stored.id)[0], 0)
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        return ImportOutcome(doc.source, error=f"{doc.source}: could not be stored: {reason}")
    return ImportOutcome(doc.source, doc_id, True, len(doc.projects), len(doc.findings))


def _flush(session: Session, batch: list[PreparedDocument | ImportOutcome],
           username: str) -> list[ImportOutcome]:
    """Write the new documents of ``batch`` in one transaction; outcomes in ``batch`` order."""
    outcomes: list[ImportOutcome | None] = []
    new: list[PreparedDocument] = []
    first: dict[str, int] = {}  # sha256 -> index in ``new`` (the same bytes twice in one batch)
    for item in batch:
        if isinstance(item, ImportOutcome):
            outcomes.append(item)
        elif item.sha256 in first or (stored := _stored(session, item.source, item.sha256)) is None:
            outcomes.append(None)
            first.setdefault(item.sha256, len(new))
            new.append(item)
        else:
            outcomes.append(stored)
    written: list[ImportOutcome] = []
    unique = [d for i, d in enumerate(new) if first[d.sha256] == i]
    if unique:
        try:
            ids = write_documents(session, unique, username)
            session.commit()
            written = [ImportOutcome(d.source, i, True, len(d.projects), len(d.findings))
                       for d, i in zip(unique, ids, strict=True)]
        except SQLAlchemyError as exc:  # find the culprit: each document on its own
            if interrupted(exc):  # Ctrl-C during a COPY surfaces as the cancelled statement's error
                raise KeyboardInterrupt from exc
            session.rollback()
            written = [_write_one(session, d, username) for d in unique]
    done = {d.sha256: (d, o) for d, o in zip(unique, written, strict=True)}
    pending = iter(new)
    out: list[ImportOutcome] = []
    for outcome in outcomes:
        if outcome is not None:
            out.append(outcome)
            continue
        doc = next(pending)
        first_copy, result = done[doc.sha256]
        if doc is first_copy:
            out.append(result)
        elif result.document_id is None:  # the first copy failed: this one fails the same way
            error = (result.error or "").replace(result.path, doc.source, 1)
            out.append(ImportOutcome(doc.source, error=error))
        else:
            out.append(ImportOutcome(doc.source, result.document_id, False, result.projects, result.findings))
    return out


def store_documents(session: Session, items: Iterable[Item], *, status: str = "draft",
                    username: str = "system",
                    batch_projects: int = BATCH_PROJECTS) -> Iterator[ImportOutcome]:
    """Store documents in bulk, yielding one outcome per item, in order, as each batch commits.

    ``items`` are :class:`ImportItem` (document, findings, sha256, source name), rows already
    prepared by :func:`prepare_rows` (with the same ``status``), or ready outcomes (errors, files
    skipped), which pass through in their place. A document whose sha256 is stored already is not
    stored again. Each batch of whole documents is one transaction; a batch that fails is written
    again document by document, so one bad document fails alone (its outcome has ``error``).
    On PostgreSQL the common words' bitmaps then take the new projects in (``search_words.catch_up``).
    """
    batch: list[PreparedDocument | ImportOutcome] = []
    projects = 0
    # a batch is ~100,000 tuples of strings, none in a cycle; preparing in-process (jobs=1) runs
    # inside this loop too
    with fewer_collections():
        for item in items:
            if isinstance(item, ImportItem):
                item = prepare_rows(item, status)
            batch.append(item)
            if isinstance(item, PreparedDocument):
                projects += len(item.projects)
            if projects >= batch_projects or len(batch) >= BATCH_DOCUMENTS:
                yield from _flush(session, batch, username)
                batch, projects = [], 0
        if batch:
            yield from _flush(session, batch, username)
    if session.get_bind().dialect.name == "postgresql":  # the new projects into the words' bitmaps
        search_words.catch_up(session)
        session.commit()


# --- files -> prepared rows, in worker processes --------------------------------------------------


def prepare_file(path: str, sha256: str, status: str = "draft") -> PreparedDocument | ImportOutcome:
    """Read, parse and review one file into rows (run in a worker); unreadable input is an outcome."""
    try:
        doc = read_document(path)
    except UnreadableInput as exc:  # unrecognised too: an empty document is never stored
        return ImportOutcome(path, error=str(exc))
    findings = review_document(doc).findings  # rows straight from the findings, no JSON dicts
    return prepare_rows(ImportItem(doc, [], sha256, path), status, reviewed=findings)


def _worker_init(language: str) -> None:
    from jixiao.i18n import set_language

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the storing process decides what an interrupt does
    set_language(language)
    gc.freeze()  # what the fork inherited is never walked again (nor its pages copied by the walk)
    gc.set_threshold(*GC_THRESHOLDS)


def _planned(session: Session, paths: Sequence[Path]) -> Iterator[tuple[str, str] | ImportOutcome]:
    for path in paths:
        try:
            sha = sha256_file(path)
        except OSError as exc:
            yield ImportOutcome(str(path), error=f"{path}: {exc.strerror or exc}")
            continue
        stored = _stored(session, str(path), sha)
        session.commit()  # end the read: a long-open read transaction holds the SQLite WAL back
        yield stored if stored is not None else (str(path), sha)


def prepared_files(session: Session, paths: Sequence[Path], *, jobs: int | None = None,
                   status: str = "draft") -> Generator[PreparedDocument | ImportOutcome, None, None]:
    """Each file of ``paths`` prepared for :func:`store_documents`, in order; files already stored are
    outcomes at once. ``jobs`` worker processes (default: the usable cores; 1 prepares in-process)."""
    jobs = min(jobs or available_cores(), len(paths))
    if jobs <= 1:
        for plan in _planned(session, paths):
            yield plan if isinstance(plan, ImportOutcome) else prepare_file(*plan, status)
        return
    from jixiao.i18n import current_language

    pool = ProcessPoolExecutor(jobs, mp_context=get_context("fork"), initializer=_worker_init,
                               initargs=(current_language(),))
    window: deque[Future[PreparedDocument | ImportOutcome] | ImportOutcome] = deque()
    running = 0
    try:
        for plan in _planned(session, paths):
            if isinstance(plan, ImportOutcome):
                window.append(plan)
            else:
                window.append(pool.submit(prepare_file, *plan, status))
                running += 1
            while window and (running >= 4 * jobs or isinstance(window[0], ImportOutcome)):
                head = window.popleft()
                if isinstance(head, Future):
                    running -= 1
                    yield head.result()
                else:
                    yield head
        while window:
            head = window.popleft()
            yield head.result() if isinstance(head, Future) else head
    except BaseException:  # Ctrl-C, or the caller stopped early: do not wait for the documents in hand
        for process in list(pool._processes.values()):  # the executor has no terminate()
            process.terminate()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def import_paths(session: Session, paths: Sequence[Path], *, jobs: int | None = None, status: str = "draft",
                 username: str = "system", batch_projects: int = BATCH_PROJECTS,
                 on_outcome: Callable[[ImportOutcome], None] | None = None,
                 ) -> Generator[ImportOutcome, None, None]:
    """Parse, review and store every file of ``paths`` (``jixiao import``): what
    :func:`jixiao.services.import_file` stores for each, in bulk, with ``jobs`` worker processes."""
    work = prepared_files(session, paths, jobs=jobs, status=status)
    try:  # closed at once when the caller stops early (Ctrl-C): the workers are shut down
        for outcome in store_documents(session, work, status=status, username=username,
                                       batch_projects=batch_projects):
            if on_outcome is not None:
                on_outcome(outcome)
            yield outcome
    finally:
        work.close()
