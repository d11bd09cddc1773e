"""Load test of the HTTP service (a section of ``make bench``, not a unit test).

Starts ``masking serve`` as a separate process (2 masking workers by default, the machine's
cores), then sends N concurrent one-shot redactions (``POST /v1/redact``) of a 3-page text PDF.
A client that gets 503 (the deliberate back-pressure) waits ``Retry-After`` and tries again;
every other answer ends its request. Reported: answers by status (no 5xx but 503 is the goal),
end-to-end latency per document (first try to masked PDF, retries included) p50/p95, the
latency of the successful attempts alone, throughput, the peak resident memory of the service
(HTTP process, fork server and workers, sampled every 50 ms; PSS, and RSS summed), and whether any masked value
is still in an output.

    python -m service.loadtest [--requests 50] [--pool-workers 2] [--queue-limit 8] [--json FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
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


def _children(pid: int) -> list[int]:
    kids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                kids.append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    return kids


def _tree_memory(root: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes summed over ``root`` and its descendants. RSS counts pages shared by
    the forked workers (the model) once per process; PSS shares them out, so it is the real total."""
    rss = pss = 0
    todo, seen = [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as fh:
                for line in fh:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
        except OSError:
            continue
        todo.extend(_children(pid))
    return rss, pss


class MemorySampler(threading.Thread):
    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self._stop_event = pid, interval, threading.Event()
        self.peak_rss = self.peak_pss = 0

    def run(self) -> None:
        while not self._stop_event.is_set():
            rss, pss = _tree_memory(self.pid)
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


async def _fire(base: str, key: str, pdf: bytes, n: int, max_tries: int) -> list[dict]:
    import httpx

    limits = httpx.Limits(max_connections=n, max_keepalive_connections=n)
    async with httpx.AsyncClient(base_url=base, timeout=600, limits=limits) as client:
        start = asyncio.Event()

        async def one(i: int) -> dict:
            await start.wait()
            t0 = time.perf_counter()
            statuses, attempt_s = [], None
            body = b""
            for _ in range(max_tries):
                ta = time.perf_counter()
                r = await client.post("/v1/redact", files={"file": (f"doc-{i}.pdf", pdf, "application/pdf")},
                                      headers={"Authorization": f"Bearer {key}"})
                statuses.append(r.status_code)
                if r.status_code == 503:
                    await asyncio.sleep(float(r.headers.get("retry-after", "1")))
                    continue
                attempt_s = time.perf_counter() - ta
                body = r.content
                break
            return {"statuses": statuses, "total_s": time.perf_counter() - t0, "attempt_s": attempt_s,
                    "body": body}

        tasks = [asyncio.create_task(one(i)) for i in range(n)]
        start.set()
        return await asyncio.gather(*tasks)


def run_load_test(requests: int = 50, pool_workers: int = 2, queue_limit: int = 8, retry_after_s: int = 1,
                  max_tries: int = 200) -> dict:
    import httpx
    import pymupdf

    from service.db import ServiceDB
    from service.keys import create_key

    pdf, values = three_page_pdf()
    root = Path(tempfile.mkdtemp(prefix="masking-loadtest-"))
    storage = root / "store"
    storage.mkdir(mode=0o700)
    db = ServiceDB(storage / "service.sqlite3")
    key, _ = create_key(db, "integration", org="loadtest", actor="loadtest")
    db.close()
    port = _free_port()
    env = dict(os.environ, MASKING_SERVICE_STORAGE_DIR=str(storage), MASKING_AUDIT_URL=str(root / "audit.sqlite3"),
               MASKING_AUDIT_KEY="ab" * 32, MASKING_SERVICE_QUEUE_LIMIT=str(queue_limit),
               MASKING_SERVICE_RETRY_AFTER_S=str(retry_after_s), MASKING_SERVICE_MAX_UPLOAD_BYTES=str(20_000_000),
               MASKING_SERVICE_SYNC_MAX_BYTES=str(20_000_000))
    cmd = [sys.executable, "-m", "masking", "serve", "--host", "127.0.0.1", "--port", str(port),
           "--pool-workers", str(pool_workers), "--log-level", "warning"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        t_start = time.perf_counter()
        while True:
            if proc.poll() is not None:
                raise RuntimeError("the service did not start: " + (proc.stderr.read() or b"").decode()[-2000:])
            try:
                if httpx.get(base + "/ready", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.perf_counter() - t_start > 300:
                raise RuntimeError("the service did not become ready in 300 s")
            time.sleep(0.1)
        startup_s = time.perf_counter() - t_start
        idle_rss, idle_pss = _tree_memory(proc.pid)
        sampler = MemorySampler(proc.pid)
        sampler.start()
        t0 = time.perf_counter()
        results = asyncio.run(_fire(base, key, pdf, requests, max_tries))
        wall = time.perf_counter() - t0
        peak_rss, peak_pss = sampler.stop()
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
    answers = Counter(s for r in results for s in r["statuses"])
    final = Counter(r["statuses"][-1] for r in results)
    leaks = 0
    for r in results:
        if r["statuses"][-1] == 200:
            with pymupdf.open(stream=r["body"], filetype="pdf") as doc:
                text = "\n".join(p.get_text() for p in doc)
            leaks += sum(1 for v in values if len(v) >= 6 and v in text)
    ok = [r for r in results if r["statuses"][-1] == 200]
    server_errors = sum(n for s, n in answers.items() if s >= 500 and s != 503)
    return {
        "requests": requests,
        "pages_per_document": 3,
        "pool_workers": pool_workers,
        "queue_limit": queue_limit,
        "retry_after_s": retry_after_s,
        "completed_200": final.get(200, 0),
        "answers_by_status": {str(k): v for k, v in sorted(answers.items())},
        "server_errors_other_than_503": server_errors,
        "deliberate_503": answers.get(503, 0),
        "latency_end_to_end_s": {"p50": _pct([r["total_s"] for r in ok], 0.5),
                                 "p95": _pct([r["total_s"] for r in ok], 0.95),
                                 "max": _pct([r["total_s"] for r in ok], 1.0)},
        "latency_successful_attempt_s": {"p50": _pct([r["attempt_s"] for r in ok], 0.5),
                                         "p95": _pct([r["attempt_s"] for r in ok], 0.95)},
        "wall_s": round(wall, 2),
        "pages_per_s": round(3 * len(ok) / wall, 2) if wall else None,
        "peak_pss_mb": round(peak_pss / 2**20, 1),
        "peak_rss_sum_mb": round(peak_rss / 2**20, 1),
        "idle_pss_mb": round(idle_pss / 2**20, 1),
        "startup_s": round(startup_s, 2),
        "values_left_in_outputs": leaks,
        "cpus": os.cpu_count(),
        "mean_tries": round(statistics.mean(len(r["statuses"]) for r in results), 2),
    }


def print_result(res: dict) -> None:
    e2e, att = res["latency_end_to_end_s"], res["latency_successful_attempt_s"]
    print(f"HTTP service: {res['requests']} concurrent one-shot redactions of a 3-page text PDF "
          f"({res['pool_workers']} masking workers, queue limit {res['queue_limit']}, {res['cpus']} cpu)")
    print(f"  completed (200)      {res['completed_200']:>8} / {res['requests']}")
    print(f"  answers by status    {res['answers_by_status']} (503 = deliberate back-pressure, retried)")
    print(f"  other 5xx            {res['server_errors_other_than_503']:>8} (goal 0)")
    print(f"  latency end to end   p50 {e2e['p50']} s, p95 {e2e['p95']} s (retries included)")
    print(f"  successful attempt   p50 {att['p50']} s, p95 {att['p95']} s")
    print(f"  throughput           {res['pages_per_s']:>8} pages/s ({res['wall_s']} s wall)")
    print(f"  peak memory          {res['peak_pss_mb']:>8} MB PSS, HTTP process + fork server + workers "
          f"(idle {res['idle_pss_mb']} MB; RSS summed per process {res['peak_rss_sum_mb']} MB)")
    print(f"  values left          {res['values_left_in_outputs']:>8} (goal 0)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="service.loadtest")
    ap.add_argument("--requests", type=int, default=50)
    ap.add_argument("--pool-workers", type=int, default=2)
    ap.add_argument("--queue-limit", type=int, default=8)
    ap.add_argument("--retry-after", type=int, default=1)
    ap.add_argument("--json", default=".bench/service_load.json")
    args = ap.parse_args(argv)
    res = run_load_test(args.requests, args.pool_workers, args.queue_limit, args.retry_after)
    print_result(res)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(res, indent=2), encoding="utf-8")
    return 0 if res["server_errors_other_than_503"] == 0 and res["completed_200"] == res["requests"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
