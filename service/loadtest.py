"""Load test of the HTTP service (a section of ``make bench``, not a unit test).

Starts ``masking serve`` as a separate process with the service's default settings (the
masking workers and the queue can be set), then ``--clients`` concurrent clients send
``--requests`` one-shot redactions (``POST /v1/redact``) of a 3-page text PDF between them, each
client on its own kept-alive connection. A 503 (back-pressure) is retried after its
``Retry-After``; a connection error (refused, reset, closed by the server) is counted and the
request tried again, never the run aborted. The run stops at ``--time-limit`` (requests not done
by then are counted as unfinished). Reported: answers by status, connection errors by kind,
latency per document (first try to masked PDF, retries included) p50/p95, throughput in pages/s,
the *ideal* p95 (requests x pages / throughput: every document served at that rate, the last
one done when the whole run is) and p95 against it, the peak memory of the service (HTTP
process, fork server and workers, sampled every ``--memory-interval`` seconds: sampling costs
the service CPU; PSS, and RSS summed), CPU seconds per document (HTTP process, workers, this
load generator), the service's Server-Timing phases, and whether any masked value is still in
an output. Its temporary files (storage, audit log) are removed at
the end; results go only where ``--out`` says.

    python -m service.loadtest [--requests 50] [--clients N] [--pool-workers 2] [--queue-limit N]
                               [--time-limit 600] [--memory-interval 5] [--out FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Optional


def three_page_pdf(seed: int = 2026) -> tuple[bytes, list[str]]:
    """A 3-page text PDF of synthetic case documents and the personal values in it."""
    import pymupdf

    from masking.synth import generate_documents, render_pdf

    out = pymupdf.open()
    values: set[str] = set()
    for d in generate_documents(12, seed=seed, name_split="heldout"):
        part = pymupdf.open(stream=render_pdf(d), filetype="pdf")
        take = min(part.page_count, 3 - out.page_count)
        out.insert_pdf(part, from_page=0, to_page=take - 1)
        values |= {e.text for page in d.entities[:take] for e in page}
        part.close()
        if out.page_count == 3:
            break
    data = out.tobytes(garbage=4, deflate=True)
    out.close()
    return data, sorted(values)


def _tree(root: int) -> list[int]:
    """``root`` and its descendants, from one pass over /proc (a pass reads every process's
    stat, a few ms: the memory sampler does it once a second, not on every sample)."""
    parent: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                parent[int(entry)] = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    kids: dict[int, list[int]] = {}
    for pid, ppid in parent.items():
        kids.setdefault(ppid, []).append(pid)
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        if pid not in out:
            out.append(pid)
            todo.extend(kids.get(pid, ()))
    return out


def _memory(pids: list[int]) -> tuple[int, int]:
    """(RSS, PSS) in bytes summed over ``pids``."""
    rss = pss = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as fh:
                for line in fh:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
        except OSError:
            continue
    return rss, pss


def _tree_memory(root: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes summed over ``root`` and its descendants. RSS counts pages shared by
    the forked workers (the model) once per process; PSS shares them out, so it is the real total."""
    return _memory(_tree(root))


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _tree_cpu(root: int) -> dict[int, float]:
    """CPU seconds of ``root`` and each descendant, by pid."""
    return {pid: _cpu_seconds(pid) for pid in _tree(root)}


class MemorySampler(threading.Thread):
    """Peak memory of a process tree, sampled every ``interval`` seconds; the tree itself (a
    replaced worker) is looked up again every ``tree_interval`` seconds. It runs on the cores
    the service runs on, so it is kept cheap."""

    def __init__(self, pid: int, interval: float = 0.05, tree_interval: float = 1.0) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.tree_interval = pid, interval, tree_interval
        self._stop_event = threading.Event()
        self.peak_rss = self.peak_pss = 0

    def run(self) -> None:
        pids: list[int] = []
        looked = float("-inf")
        while not self._stop_event.is_set():
            if time.monotonic() - looked >= self.tree_interval:
                pids, looked = _tree(self.pid), time.monotonic()
            rss, pss = _memory(pids)
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self._stop_event.wait(self.interval)

    def stop(self) -> tuple[int, int]:
        self._stop_event.set()
        self.join(5)
        return self.peak_rss, self.peak_pss


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pct(values: list[float], q: float) -> Optional[float]:
    if not values:
        return None
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(q * (len(values) - 1)))))
    return round(values[k], 3)


def _server_timing(header: str) -> dict[str, float]:
    """``Server-Timing: name;dur=ms, ...`` as {name: seconds}."""
    out: dict[str, float] = {}
    for item in header.split(","):
        name, _, params = item.strip().partition(";")
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "dur" and name:
                try:
                    out[name] = float(value) / 1000
                except ValueError:
                    pass
    return out


def _phase_table(results: list[dict]) -> dict[str, dict[str, float]]:
    """Per phase of the successful requests (the service's Server-Timing, and ``client``: the
    rest of the attempt as the client saw it): mean and p95 in milliseconds."""
    names: list[str] = []
    for r in results:
        names += [n for n in r.get("phases", {}) if n not in names]
    out = {}
    for n in names:
        vals = [r["phases"][n] for r in results if n in r.get("phases", {})]
        out[n] = {"mean_ms": round(1000 * statistics.mean(vals), 1), "p95_ms": round(1000 * (_pct(vals, 0.95) or 0), 1)}
    return out


def _tls_context() -> ssl.SSLContext:
    """One TLS context for every client of a run. The service is plain HTTP on 127.0.0.1, but an
    httpx client builds a context of its own (loading the CA bundle: 35 ms CPU) unless given
    one: 50 clients and the readiness polls took 4.4 s of the load generator's CPU that way,
    0.035 s per document, on the cores the service runs on."""
    return ssl.create_default_context()


async def _fire(base: str, key: str, pdf: bytes, n: int, clients: int, max_tries: int, deadline: float,
                tls: Optional[ssl.SSLContext] = None) -> list[dict]:
    """``n`` requests sent by ``clients`` concurrent clients (each its own connection, kept alive)."""
    import httpx

    tls = tls or _tls_context()

    todo: asyncio.Queue = asyncio.Queue()
    for i in range(n):
        todo.put_nowait(i)
    results: list[dict] = []
    start = asyncio.Event()

    async def one(client, i: int) -> dict:
        t0 = time.perf_counter()
        statuses: list[int] = []
        errors: list[str] = []
        attempt_s, body, phases = None, b"", {}
        for _ in range(max_tries):
            ta = time.perf_counter()
            try:
                r = await client.post("/v1/redact", files={"file": (f"doc-{i}.pdf", pdf, "application/pdf")},
                                      headers={"Authorization": f"Bearer {key}"})
            except httpx.TransportError as exc:  # refused, reset, closed mid-request: counted, tried again
                errors.append(type(exc).__name__)
                await asyncio.sleep(1)
                continue
            statuses.append(r.status_code)
            if r.status_code == 503:
                await asyncio.sleep(float(r.headers.get("retry-after", "1")))
                continue
            attempt_s, body = time.perf_counter() - ta, r.content
            phases = _server_timing(r.headers.get("server-timing", ""))
            if "total" in phases:  # what the server did not see: connection, sending, reading the answer
                phases["client"] = attempt_s - phases["total"]
            break
        return {"statuses": statuses, "errors": errors, "total_s": time.perf_counter() - t0,
                "attempt_s": attempt_s, "body": body, "done": time.perf_counter(), "phases": phases}

    async def client_loop() -> None:
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(base_url=base, timeout=600, limits=limits, verify=tls) as client:
            await start.wait()
            while True:
                try:
                    i = todo.get_nowait()
                except asyncio.QueueEmpty:
                    return
                results.append(await one(client, i))

    tasks = [asyncio.create_task(client_loop()) for _ in range(max(1, min(clients, n)))]
    start.set()
    _, pending = await asyncio.wait(tasks, timeout=max(0.0, deadline - time.perf_counter()))
    for t in pending:  # the time limit: what is still running is unfinished
        t.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    return results


def run_load_test(requests: int = 50, pool_workers: int = 2, queue_limit: Optional[int] = None,
                  clients: Optional[int] = None, time_limit_s: float = 600.0, max_tries: int = 200,
                  extra_env: Optional[dict] = None, document: Optional[tuple[bytes, list[str]]] = None,
                  memory_interval_s: float = 5.0) -> dict:
    """Run the load test; ``queue_limit`` None: the service's default. ``document``: the PDF
    and its personal values (default: :func:`three_page_pdf`). ``memory_interval_s``: how often
    the service's memory is sampled: reading a large process's smaps_rollup costs some ms of
    kernel time on the cores the service runs on and holds the process's memory map lock
    (sampled every second, the load generator took 0.049 s CPU per document and the workers
    0.262 s; never: 0.017 and 0.21): often where memory is what is measured, seldom where
    throughput and latency are. Temporary files are removed before it returns, whatever happens."""
    import httpx
    import pymupdf

    from service.db import ServiceDB
    from service.keys import create_key

    clients = requests if clients is None else clients
    t_begin = time.perf_counter()
    pdf, values = document if document is not None else three_page_pdf()
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        pages = doc.page_count
    root = Path(tempfile.mkdtemp(prefix="masking-loadtest-"))
    proc = None
    try:
        storage = root / "store"
        storage.mkdir(mode=0o700)
        db = ServiceDB(storage / "service.sqlite3")
        key, _ = create_key(db, "integration", org="loadtest", actor="loadtest")
        db.close()
        port = _free_port()
        env = dict(os.environ, MASKING_SERVICE_STORAGE_DIR=str(storage), MASKING_AUDIT_URL=str(root / "audit.sqlite3"),
                   MASKING_AUDIT_KEY="ab" * 32, MASKING_SERVICE_MAX_UPLOAD_BYTES=str(20_000_000),
                   MASKING_SERVICE_SYNC_MAX_BYTES=str(20_000_000))
        env.pop("MASKING_SERVICE_CONFIG", None)
        if queue_limit is not None:
            env["MASKING_SERVICE_QUEUE_LIMIT"] = str(queue_limit)
        env.update(extra_env or {})
        cmd = [sys.executable, "-m", "masking", "serve", "--host", "127.0.0.1", "--port", str(port),
               "--pool-workers", str(pool_workers), "--log-level", "warning"]
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        base = f"http://127.0.0.1:{port}"
        t_start = time.perf_counter()
        tls = _tls_context()
        with httpx.Client(timeout=2, verify=tls) as poll:
            while True:
                if proc.poll() is not None:
                    raise RuntimeError("the service did not start: " + (proc.stderr.read() or b"").decode()[-2000:])
                try:
                    if poll.get(base + "/ready").status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.perf_counter() - t_begin > time_limit_s:
                    raise RuntimeError(f"the service did not become ready within the time limit ({time_limit_s:g} s)")
                time.sleep(0.1)
        startup_s = time.perf_counter() - t_start
        idle_rss, idle_pss = _tree_memory(proc.pid)
        sampler = MemorySampler(proc.pid, interval=memory_interval_s)
        sampler.start()
        cpu_before, own_before = _tree_cpu(proc.pid), time.process_time()
        t0 = time.perf_counter()
        results = asyncio.run(_fire(base, key, pdf, requests, clients, max_tries, t_begin + time_limit_s, tls))
        wall = time.perf_counter() - t0
        cpu_after, own_after = _tree_cpu(proc.pid), time.process_time()
        peak_rss, peak_pss = sampler.stop()
    finally:
        if proc is not None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
            if proc.stderr is not None:
                proc.stderr.close()
        shutil.rmtree(root, ignore_errors=True)
    answers = Counter(s for r in results for s in r["statuses"])
    conn_errors = Counter(e for r in results for e in r["errors"])
    leaks = 0
    for r in results:
        if r["statuses"] and r["statuses"][-1] == 200:
            with pymupdf.open(stream=r["body"], filetype="pdf") as doc:
                text = "\n".join(p.get_text() for p in doc)
            leaks += sum(1 for v in values if len(v) >= 6 and v in text)
    ok = [r for r in results if r["statuses"] and r["statuses"][-1] == 200]
    server_errors = sum(n for s, n in answers.items() if s >= 500 and s != 503)
    # wall time of the requests proper: from the start to the last answer (not the time limit)
    span = (max(r["done"] for r in ok) - t0) if ok else wall
    throughput = pages * len(ok) / span if ok and span > 0 else None
    ideal_p95 = requests * pages / throughput if throughput else None
    p95 = _pct([r["total_s"] for r in ok], 0.95)
    return {
        "requests": requests,
        "clients": min(clients, requests),
        "pages_per_document": pages,
        "pool_workers": pool_workers,
        "queue_limit": queue_limit if queue_limit is not None else "default",
        "time_limit_s": time_limit_s,
        "completed_200": len(ok),
        "unfinished": requests - len(results),
        "answers_by_status": {str(k): v for k, v in sorted(answers.items())},
        "server_errors_other_than_503": server_errors,
        "answers_503": answers.get(503, 0),
        "connection_errors": sum(conn_errors.values()),
        "connection_errors_by_kind": dict(conn_errors),
        "latency_end_to_end_s": {"p50": _pct([r["total_s"] for r in ok], 0.5), "p95": p95,
                                 "max": _pct([r["total_s"] for r in ok], 1.0)},
        "latency_successful_attempt_s": {"p50": _pct([r["attempt_s"] for r in ok], 0.5),
                                         "p95": _pct([r["attempt_s"] for r in ok], 0.95)},
        "wall_s": round(span, 2),
        "pages_per_s": round(throughput, 2) if throughput else None,
        "ideal_p95_s": round(ideal_p95, 2) if ideal_p95 else None,
        "p95_over_ideal": round(p95 / ideal_p95, 2) if p95 and ideal_p95 else None,
        "peak_pss_mb": round(peak_pss / 2**20, 1),
        "peak_rss_sum_mb": round(peak_rss / 2**20, 1),
        "idle_pss_mb": round(idle_pss / 2**20, 1),
        "startup_s": round(startup_s, 2),
        "values_left_in_outputs": leaks,
        "phases": _phase_table(ok),
        # CPU seconds per masked document: the HTTP process, the masking workers (and fork
        # server), and this load generator (its clients and the memory sampler)
        "cpu_per_document_s": {
            "http": round((cpu_after.get(proc.pid, 0.0) - cpu_before.get(proc.pid, 0.0)) / max(1, len(ok)), 3),
            "workers": round(sum(v - cpu_before.get(pid, 0.0) for pid, v in cpu_after.items() if pid != proc.pid)
                             / max(1, len(ok)), 3),
            "load_generator": round((own_after - own_before) / max(1, len(ok)), 3),
        },
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "mean_tries": round(statistics.mean(len(r["statuses"]) + len(r["errors"]) for r in results), 2) if results else None,
    }


def batch_baseline(documents: int = 50, workers: int = 2) -> dict:
    """``masking batch --workers N`` on the same 3-page PDF (``documents`` copies, each made
    distinct by a trailing comment), audited like the service: the throughput the service is
    measured against. Its pages/s is batch's own (worker start-up included). Temporary files
    are removed."""
    pdf, _ = three_page_pdf()
    root = Path(tempfile.mkdtemp(prefix="masking-loadtest-batch-"))
    try:
        src = root / "in"
        src.mkdir()
        for i in range(documents):
            (src / f"doc-{i:03d}.pdf").write_bytes(pdf + f"\n%copy {i}\n".encode())
        env = dict(os.environ, MASKING_AUDIT_URL=str(root / "audit.sqlite3"), MASKING_AUDIT_KEY="ab" * 32)
        cmd = [sys.executable, "-m", "masking", "batch", str(src), str(root / "out"), "--workers", str(workers),
               "--summary", str(root / "summary.json")]
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - t0
        summary = json.loads((root / "summary.json").read_text(encoding="utf-8"))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return {"documents": documents, "workers": workers, "succeeded": summary.get("succeeded"),
            "pages": summary.get("pages"), "pages_per_s": summary.get("pages_per_second"), "wall_s": round(wall, 2)}


def print_result(res: dict) -> None:
    e2e, att = res["latency_end_to_end_s"], res["latency_successful_attempt_s"]
    print(f"HTTP service: {res['requests']} one-shot redactions of a 3-page text PDF from {res['clients']} concurrent "
          f"clients ({res['pool_workers']} masking workers, queue limit {res['queue_limit']}, {res['cpus']} cpu, "
          f"load average {res['load_average'][0]})")
    print(f"  completed (200)      {res['completed_200']:>8} / {res['requests']} ({res['unfinished']} unfinished "
          f"at the {res['time_limit_s']:g} s limit)")
    print(f"  answers by status    {res['answers_by_status']} (503 = back-pressure, retried after Retry-After)")
    print(f"  other 5xx            {res['server_errors_other_than_503']:>8} (goal 0)")
    print(f"  connection errors    {res['connection_errors']:>8} {res['connection_errors_by_kind'] or ''} (goal 0)")
    print(f"  latency end to end   p50 {e2e['p50']} s, p95 {e2e['p95']} s (retries included); ideal p95 "
          f"{res['ideal_p95_s']} s (requests x pages / throughput): p95 / ideal {res['p95_over_ideal']}")
    print(f"  successful attempt   p50 {att['p50']} s, p95 {att['p95']} s")
    print(f"  throughput           {res['pages_per_s']:>8} pages/s ({res['wall_s']} s wall)")
    print(f"  peak memory          {res['peak_pss_mb']:>8} MB PSS, HTTP process + fork server + workers "
          f"(idle {res['idle_pss_mb']} MB; RSS summed per process {res['peak_rss_sum_mb']} MB)")
    print(f"  values left          {res['values_left_in_outputs']:>8} (goal 0)")
    cpu = res.get("cpu_per_document_s") or {}
    if cpu:
        print(f"  CPU per document     HTTP process {cpu['http']} s, masking workers {cpu['workers']} s, "
              f"load generator {cpu['load_generator']} s")
    if res.get("phases"):
        print("  phases (Server-Timing; client = the attempt less the server's total), mean / p95 ms:")
        print("    " + ", ".join(f"{n} {v['mean_ms']:g}/{v['p95_ms']:g}" for n, v in res["phases"].items()))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="service.loadtest")
    ap.add_argument("--requests", type=int, default=50, help="one-shot redactions in all")
    ap.add_argument("--clients", type=int, help="concurrent clients sharing them (default: one per request)")
    ap.add_argument("--pool-workers", type=int, default=2)
    ap.add_argument("--queue-limit", type=int, help="default: the service's")
    ap.add_argument("--time-limit", type=float, default=600.0, help="seconds for the whole run, start-up included")
    ap.add_argument("--memory-interval", type=float, default=5.0,
                    help="seconds between samples of the service's memory (each costs the service some CPU)")
    ap.add_argument("--out", "--json", dest="out", help="write the result as JSON to this file")
    args = ap.parse_args(argv)
    res = run_load_test(args.requests, args.pool_workers, args.queue_limit, clients=args.clients,
                        time_limit_s=args.time_limit, memory_interval_s=args.memory_interval)
    print_result(res)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(res, indent=2), encoding="utf-8")
    good = (res["server_errors_other_than_503"] == 0 and res["connection_errors"] == 0
            and res["completed_200"] == res["requests"])
    return 0 if good else 1


if __name__ == "__main__":
    raise SystemExit(main())
