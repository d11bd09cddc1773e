"""Dask distributed executor: a real scheduler and two worker processes on localhost; one worker
is killed in the middle of the run, and every file still ends up processed exactly once in the
output (one complete, verified output per input, all ledger rows done, no temporary files)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pymupdf
import pytest

from masking.batch import run_batch

from .conftest import make_pdf

pytest.importorskip("distributed")

PNR = "811218-9876"
N_FILES = 14


def _env():
    env = dict(os.environ)
    env.update(OMP_THREAD_LIMIT="1", OMP_NUM_THREADS="1", TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="",
               DASK_DISTRIBUTED__WORKER__DAEMON="False", PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    return env


def _wait_for(path: Path, timeout: float = 60.0) -> None:
    t0 = time.monotonic()
    while not path.exists() or not path.read_text().strip():
        if time.monotonic() - t0 > timeout:
            raise TimeoutError(f"{path.name} not written")
        time.sleep(0.1)


@pytest.fixture
def cluster(tmp_path):
    sched_file = tmp_path / "scheduler.json"
    procs = []
    env = _env()
    log = open(tmp_path / "dask.log", "w")
    try:
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
             "--no-dashboard", "--scheduler-file", str(sched_file)],
            env=env, stdout=log, stderr=subprocess.STDOUT,
        ))
        _wait_for(sched_file)
        address = json.loads(sched_file.read_text())["address"]
        workers = []
        for i in range(2):
            w = subprocess.Popen(
                [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1", "--no-nanny",
                 "--no-dashboard", "--memory-limit", "0", "--name", f"w{i}", "--host", "127.0.0.1"],
                env=env, stdout=log, stderr=subprocess.STDOUT,
            )
            procs.append(w)
            workers.append(w)
        from distributed import Client

        with Client(address, timeout=30) as c:
            c.wait_for_workers(2, timeout=60)
        yield address, workers
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                p.terminate()
        for p in procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
        log.close()


def test_killed_worker_every_file_exactly_once(tmp_path, cluster):
    address, workers = cluster
    src, out = tmp_path / "in", tmp_path / "out"
    (src / "part").mkdir(parents=True)
    for i in range(N_FILES):
        d = src / ("part" if i % 3 == 0 else "") / f"case{i:02d}.pdf"
        make_pdf([f"Ärende {i}", f"Sökande Ingrid Svensson, personnummer {PNR}", "Beslut enligt 2 kap."]).save(d)

    killed = []
    from distributed import Client

    watcher = Client(address, timeout=30, set_as_default=False)

    def on_outcome(o):
        # as soon as the first result is in, kill a worker that holds unfinished tasks
        if killed or not o.ok:
            return
        info = watcher.scheduler_info()["workers"]
        busy = {info[a]["name"]: keys for a, keys in watcher.processing().items() if keys}
        for w_name, proc in (("w0", workers[0]), ("w1", workers[1])):
            if busy.get(w_name):
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
                killed.append((w_name, len(busy[w_name])))
                return

    try:
        summary = run_batch(src, out, scheduler=address, progress=False, on_outcome=on_outcome)
    finally:
        watcher.close()
    d = summary.to_dict()
    assert killed and killed[0][1] >= 1, "no worker was killed while it held tasks"
    assert summary.ok, d
    assert d["succeeded"] == N_FILES and d["failed"] == 0 and len(summary.outcomes) == N_FILES

    inputs = sorted(str(p.relative_to(src)) for p in src.rglob("*.pdf"))
    outputs = sorted(str(p.relative_to(out)) for p in out.rglob("*.pdf"))
    assert outputs == inputs  # one output per input, no more, no less
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]  # no half files left
    for rel in outputs:  # every output complete and masked
        with pymupdf.open(out / rel) as doc:
            assert PNR not in doc[0].get_text() and "Svensson" not in doc[0].get_text()

    import sqlite3

    con = sqlite3.connect(out / ".masking-ledger.sqlite3")
    rows = con.execute("SELECT relpath, status, sha256, output_sha256 FROM masking_batch_files").fetchall()
    con.close()
    assert sorted(r[0] for r in rows) == inputs and {r[1] for r in rows} == {"done"}
    for rel, _, sha, out_sha in rows:
        import hashlib

        assert hashlib.sha256((src / rel).read_bytes()).hexdigest() == sha
        assert hashlib.sha256((out / rel).read_bytes()).hexdigest() == out_sha  # the recorded output is the file

    # the same command again does nothing: every file is done
    again = run_batch(src, out, scheduler=address, progress=False)
    assert again.ok and again.to_dict()["skipped"] == N_FILES
