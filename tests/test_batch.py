"""Batch at archive scale: ledger, resume and skip, crash safety, dry run, image inputs."""

from __future__ import annotations

import importlib
import os
import sqlite3
import uuid

import pymupdf
import pytest

from masking.batch import FileOutcome, output_relpaths, run_batch
from masking.cli import main
from masking.executors import MAX_ATTEMPTS, LocalExecutor
from masking.ledger import DEFAULT_NAME, LedgerRow, open_ledger

from .conftest import make_pdf

PNR = "811218-9876"
NAME = "Petronella Wåhlin"


def _inputs(src, n=3):
    (src / "sub").mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = (src / "sub" if i % 2 else src) / f"doc{i}.pdf"
        make_pdf([f"Sökande {NAME}", f"Personnummer {PNR}", f"Dokument {i}"]).save(p)
        paths.append(p)
    return paths


def _ledger_rows(out):
    con = sqlite3.connect(out / DEFAULT_NAME)
    try:
        return con.execute("SELECT relpath, status, attempts, sha256, error_kind FROM masking_batch_files").fetchall()
    finally:
        con.close()


def test_ledger_resume_skips_done_and_redoes_changed(tmp_path, masker):
    src, out = tmp_path / "in", tmp_path / "out"
    paths = _inputs(src)
    s1 = run_batch(src, out, workers=1, progress=False)
    assert s1.ok and s1.to_dict()["succeeded"] == 3 and s1.to_dict()["skipped"] == 0
    rows = _ledger_rows(out)
    assert len(rows) == 3 and {r[1] for r in rows} == {"done"} and all(len(r[3]) == 64 for r in rows)
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*.pdf")}

    s2 = run_batch(src, out, workers=1, progress=False)  # the same command again: nothing to do
    d2 = s2.to_dict()
    assert s2.ok and d2["skipped"] == 3 and d2["pages"] == 0
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.pdf")} == mtimes

    make_pdf([f"Sökande {NAME}", "Ändrat innehåll"]).save(paths[0])  # new content: done again
    (out / "sub" / "doc1.pdf").unlink()  # output gone: done again
    s3 = run_batch(src, out, workers=1, progress=False)
    redone = sorted(o.relpath for o in s3.outcomes if not o.skipped)
    assert redone == ["doc0.pdf", os.path.join("sub", "doc1.pdf")]
    assert {r[0]: r[2] for r in _ledger_rows(out)}["doc0.pdf"] == 2  # attempts counted


def test_ledger_holds_no_personal_data(tmp_path, masker):
    src, out = tmp_path / "in", tmp_path / "out"
    _inputs(src, 2)
    (src / "broken.pdf").write_bytes(b"%PDF-1.7 garbage that is not a document " + NAME.encode())
    summary = run_batch(src, out, workers=1, progress=False)
    assert not summary.ok
    kinds = {r[0]: (r[1], r[4]) for r in _ledger_rows(out)}
    assert kinds["broken.pdf"] == ("failed", "corrupt")
    blob = b"".join(p.read_bytes() for p in out.iterdir() if p.name.startswith(DEFAULT_NAME))
    for value in (PNR, PNR.replace("-", ""), NAME, "Wåhlin", "Petronella"):
        assert value.encode() not in blob


def test_crash_leftovers_are_recovered(tmp_path, masker):
    """A previous run died mid-file: row left 'running', a temp file in the output."""
    src, out = tmp_path / "in", tmp_path / "out"
    _inputs(src, 2)
    out.mkdir()
    job = str(out.resolve())
    with open_ledger(None, out) as led:
        led.plan(LedgerRow(job, "doc0.pdf", sha256="0" * 64, output_relpath="doc0.pdf"))
        led.start(job, "doc0.pdf")
    (out / ".masking-abc123.tmp").write_bytes(b"%PDF-1.7 half a file")
    summary = run_batch(src, out, workers=1, progress=False)
    assert summary.ok and not list(out.rglob(".masking-*.tmp"))
    rows = {r[0]: r for r in _ledger_rows(out)}
    assert rows["doc0.pdf"][1] == "done" and rows["doc0.pdf"][2] == 2


def test_dry_run_changes_nothing(tmp_path, capsys, masker):
    src, out = tmp_path / "in", tmp_path / "out"
    _inputs(src, 3)
    assert main(["batch", str(src), str(out), "--dry-run"]) == 0
    assert "3 to process" in capsys.readouterr().err
    assert not out.exists()
    assert main(["batch", str(src), str(out), "--workers", "1"]) == 0
    capsys.readouterr()
    assert main(["batch", str(src), str(out), "--dry-run"]) == 0
    err = capsys.readouterr().err
    assert "0 to process" in err and "3 already done" in err


def test_image_inputs_get_pdf_outputs(tmp_path, masker):
    import pymupdf

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    doc = make_pdf([f"Sökande {NAME}", f"Personnummer {PNR}"])
    png = doc[0].get_pixmap(dpi=200).tobytes("png")
    (src / "scan.png").write_bytes(png)
    (src / "twin.png").write_bytes(png)
    doc.save(src / "twin.pdf")
    summary = run_batch(src, out, workers=1, progress=False)
    assert summary.ok, summary.to_dict()
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["scan.pdf", "twin.pdf", "twin.png.pdf"]
    with pymupdf.open(out / "scan.pdf") as o:
        assert "Wåhlin" not in o[0].get_text()
    assert output_relpaths(["a/x.TIF", "a/x.pdf", "b.jpeg"]) == {"a/x.TIF": "a/x.TIF.pdf", "a/x.pdf": "a/x.pdf", "b.jpeg": "b.pdf"}


def _crash_on_poison(task):
    if task == "poison":
        os._exit(3)  # a worker process dying in native code
    return FileOutcome(task, True, pages=1)


@pytest.mark.parametrize("preload", [(), ("json",)])  # workers forked from this process, or from a fork server
def test_local_pool_survives_a_dying_worker(preload):
    results = {}
    LocalExecutor(workers=2, preload=preload).run(
        _crash_on_poison, ["a", "b", "poison", "c", "d"], lambda t: None, lambda t, r: results.__setitem__(t, r)
    )
    assert set(results) == {"a", "b", "poison", "c", "d"}
    assert all(isinstance(results[t], FileOutcome) and results[t].ok for t in "abcd")
    assert isinstance(results["poison"], BaseException)  # given up after MAX_ATTEMPTS crashes
    assert MAX_ATTEMPTS >= 2


def _parent_pid(task):
    return os.getppid()


def test_local_pool_with_preload_forks_its_workers_from_one_server():
    """With a preload the workers are not forked from the coordinator but from one server (which
    loaded the model once, for all of them); a server this pool started is stopped after it."""
    from multiprocessing import forkserver

    was_running = forkserver._forkserver._forkserver_pid is not None
    parents = {}
    LocalExecutor(workers=2, preload=("json",)).run(
        _parent_pid, list(range(6)), lambda t: None, lambda t, r: parents.__setitem__(t, r)
    )
    assert len(parents) == 6 and len(set(parents.values())) == 1
    assert os.getpid() not in parents.values()
    assert (forkserver._forkserver._forkserver_pid is not None) == was_running


def _frozen(task):
    import gc

    import masking.preload

    return masking.preload.READY, gc.get_freeze_count()


def test_workers_from_the_preloading_server_share_its_objects_frozen():
    """The fork server that loaded the model froze what it loaded (gc.freeze), so the workers'
    collections never touch, and so never copy, the shared model's memory pages."""
    answers = {}
    LocalExecutor(workers=2, preload=("masking.preload",)).run(
        _frozen, [1, 2], lambda t: None, lambda t, r: answers.__setitem__(t, r)
    )
    assert len(answers) == 2
    for ready, frozen in answers.values():
        assert ready is True and frozen > 100_000  # the model, gazetteers, lexicon: many objects


@pytest.mark.skipif(os.environ.get("MASKING_SKIP_PG") == "1", reason="MASKING_SKIP_PG=1")
def test_postgresql_ledger(tmp_path, masker):
    url = os.environ.get("MASKING_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
    schema = "ledger_" + uuid.uuid4().hex[:10]
    src, out = tmp_path / "in", tmp_path / "out"
    _inputs(src, 2)
    ledger = f"{url}?schema={schema}"
    assert main(["batch", str(src), str(out), "--workers", "1", "--ledger", ledger]) == 0
    assert main(["batch", str(src), str(out), "--workers", "1", "--ledger", ledger, "--summary", str(tmp_path / "s.json")]) == 0
    import json

    assert json.loads((tmp_path / "s.json").read_text())["skipped"] == 2
    import psycopg

    with psycopg.connect(url, autocommit=True) as con:
        rows = con.execute(f'SELECT status, attempts FROM "{schema}".masking_batch_files').fetchall()
        con.execute(f'DROP SCHEMA "{schema}" CASCADE')
    assert rows == [("done", 1), ("done", 1)]


def _scanned_inputs(src):
    """Three scanned documents (one of two pages) and a broken file between them, by name."""
    from masking.synth.scan import render_scanned_pdf

    from .test_ocr import STYLE, text_pdf

    src.mkdir(parents=True, exist_ok=True)
    (src / "a.pdf").write_bytes(render_scanned_pdf(text_pdf(), seed=3, style=STYLE)[0])
    (src / "b.pdf").write_bytes(b"%PDF-1.7 not a document")
    (src / "c.pdf").write_bytes(render_scanned_pdf(text_pdf(pages=2), seed=5, style=STYLE)[0])
    (src / "d.pdf").write_bytes(render_scanned_pdf(text_pdf(), seed=7, style=STYLE)[0])


def test_a_worker_masks_its_files_as_a_run_each_as_it_would_alone(tmp_path, masker, monkeypatch):
    """One worker's files go through one run of documents (the next one's OCR under way while
    this one is finished); each file's output, report, audit record and error are what it gets
    masked alone, and the broken file in the middle fails alone."""
    import json

    stages_run = importlib.import_module("masking.stages.run")
    from masking.audit.events import AutomaticMasking
    from masking.errors import MaskingError

    src, out = tmp_path / "in", tmp_path / "out"
    _scanned_inputs(src)
    events = []
    real_start = stages_run.start
    monkeypatch.setattr(stages_run, "start", lambda source, *a, **k: events.append(("start", source.name))
                        or real_start(source, *a, **k))
    outcomes = []
    summary = run_batch(src, out, workers=1, reports=True, progress=False,
                        on_outcome=lambda o: outcomes.append(o) or events.append(("done", o.relpath)))
    # read ahead: each file is started before the one before it is done (the broken b fails on
    # being started, and c begins once b's error is given)
    assert events == [("start", "a.pdf"), ("start", "b.pdf"), ("done", "a.pdf"), ("done", "b.pdf"),
                      ("start", "c.pdf"), ("start", "d.pdf"), ("done", "c.pdf"), ("done", "d.pdf")]
    assert [(o.relpath, o.ok) for o in outcomes] == [("a.pdf", True), ("b.pdf", False), ("c.pdf", True), ("d.pdf", True)]
    assert not summary.ok and [f["file"] for f in summary.to_dict()["failures"]] == ["b.pdf"]
    rows = {r[0]: r[1:] for r in _ledger_rows(out)}
    assert {k: v[0] for k, v in rows.items()} == {"a.pdf": "done", "b.pdf": "failed", "c.pdf": "done", "d.pdf": "done"}

    alone_dir = tmp_path / "alone"
    for o in outcomes:
        alone_out = alone_dir / o.relpath
        if not o.ok:  # the error run() gives this file alone
            with pytest.raises(MaskingError) as exc:
                stages_run.run(src / o.relpath, masker, sink=alone_out)
            assert (o.error_kind, o.error, o.exit_code) == (exc.value.kind, exc.value.message, int(exc.value.exit_code))
            assert not (out / o.relpath).exists() and not alone_out.exists()
            continue
        alone = masker.mask_file(src / o.relpath, alone_out, report_path=str(alone_out) + ".report.json")
        assert (o.pages, o.masked_areas) == (alone.report["input"]["pages"], len(alone.areas))
        assert isinstance(o.audit, AutomaticMasking) and o.audit.ocr_used
        assert o.audit.areas == AutomaticMasking.from_result(alone).areas
        assert o.audit.input_sha256 == alone.report["input"]["sha256"] == o.sha256
        assert o.output_sha256 == json.loads((out / (o.relpath + ".report.json")).read_text())["output"]["sha256"]
        mine = json.loads((out / (o.relpath + ".report.json")).read_text())
        theirs = json.loads((alone_dir / (o.relpath + ".report.json")).read_text())
        assert mine["masked_areas"] == theirs["masked_areas"] and mine["masked_areas"]
        assert mine["summary"] == theirs["summary"] and mine["input"] == theirs["input"]
        with pymupdf.open(out / o.relpath) as a, pymupdf.open(alone_dir / o.relpath) as b:
            assert [p.get_text() for p in a] == [p.get_text() for p in b]
            assert PNR not in "".join(p.get_text() for p in a)
    assert outcomes[2].pages == 2


def test_a_document_failing_mid_run_fails_alone(tmp_path, masker, monkeypatch):
    """A document whose masking raises (here: a bug in detection on one file) is reported
    as it is alone (an internal error, by class name only); the files after it are masked."""
    stages_run = importlib.import_module("masking.stages.run")

    src, out = tmp_path / "in", tmp_path / "out"
    _inputs(src, n=3)
    real_detect = stages_run.detect

    def detect(analyzer, pages, *a, **k):
        if any("Dokument 2" in p.text for p in pages):
            raise RuntimeError("boom")
        return real_detect(analyzer, pages, *a, **k)

    monkeypatch.setattr(stages_run, "detect", detect)
    summary = run_batch(src, out, workers=1, progress=False)
    got = {o.relpath: (o.ok, o.error_kind, o.error, o.exit_code) for o in summary.outcomes}
    assert got == {"doc0.pdf": (True, "", "", 0), "doc2.pdf": (False, "internal", "RuntimeError", 1),
                   "sub/doc1.pdf": (True, "", "", 0)}
    assert (out / "doc0.pdf").is_file() and (out / "sub/doc1.pdf").is_file() and not (out / "doc2.pdf").exists()
