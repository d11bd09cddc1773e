"""A bounded pool of masking worker processes with back-pressure, time limits and restarts.

Masking runs outside the HTTP process: a document that crashes MuPDF, or a job that runs past
its time limit, costs one worker process, which is killed and replaced; the service and the
other jobs go on. Each worker is a long-lived process (one masking model per process) that
takes one task at a time over a pipe.

* **Back-pressure by waiting**: at most ``queue_limit`` tasks are admitted (running + waiting
  for a worker, first come first served). A task that finds every worker busy waits (on the event
  loop, blocking nothing) up to ``queue_wait_s`` for one; a task beyond ``queue_limit``, or one
  that waited that long, is refused with :class:`Overloaded` (HTTP 503) and a ``Retry-After``
  computed by :meth:`WorkerPool.retry_after` from the queue and the measured task durations —
  never a fixed guess — so that no client needs to guess when to come back.
* **Time limit**: a task that has not answered within its timeout is abandoned, its worker
  killed and replaced (:class:`JobTimeout`, HTTP 504).
* **Crash**: a worker that dies mid-task (segfault, OOM kill, ``os._exit``) is replaced and
  the task fails with :class:`WorkerCrashed`; a worker found dead before it got the task is
  replaced and the task goes to the new one.

Workers are started from a fork server that has already imported the masking library and
loaded the default model (:func:`masking.executors.fork_server`: ``masking.preload``, then
``service._preload``; batch workers start the same way), so a replacement is ready in
milliseconds and shares the model's memory with its siblings until written to.
"""

from __future__ import annotations

import asyncio
import collections
import importlib
import itertools
import logging
import math
import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from masking.executors import PRELOAD, fork_server

from . import worker

log = logging.getLogger("service.pool")

_PRELOAD = [PRELOAD, "service._preload"]


class PoolError(Exception):
    kind = "pool"


class Overloaded(PoolError):
    kind = "overloaded"

    def __init__(self, retry_after: int) -> None:
        super().__init__("the service is busy: too many documents in progress; retry later")
        self.retry_after = retry_after


class JobTimeout(PoolError):
    kind = "timeout"

    def __init__(self, seconds: float) -> None:
        super().__init__(f"processing took longer than the limit of {seconds:g} s and was stopped")


class WorkerCrashed(PoolError):
    kind = "worker_crashed"

    def __init__(self) -> None:
        super().__init__("the worker processing this document stopped unexpectedly; the service is unaffected")


class WorkerInitFailed(PoolError):
    kind = "worker_init"

    def __init__(self, detail: str) -> None:
        super().__init__(f"a masking worker could not start: {detail}")


class TaskFailed(PoolError):
    """A task raised an unexpected exception (a bug); only its type name crosses the pipe."""

    kind = "internal"

    def __init__(self, type_name: str) -> None:
        super().__init__(f"internal error in a masking worker ({type_name})")
        self.type_name = type_name


class PoolClosed(PoolError):
    kind = "closed"

    def __init__(self) -> None:
        super().__init__("the service is shutting down")


# --- the worker process ------------------------------------------------------------------------


def warm_worker() -> int:  # pragma: no cover - runs in the child process
    """A worker's readiness (:func:`service.worker.ping`: its maskers loaded), then a small
    letter masked end to end (:func:`masking.warmup.warm_up`), so what is loaded on first use
    (its OCR engine, first-call allocations) is not paid by the first request it serves."""
    from masking.warmup import warm_up

    pid = worker.ping()
    warm_up(worker._masker(next(iter(worker._config["policies"]))))
    return pid


_WARM_UP_TASKS = ("ping", "warm_worker")  # their time is not a task duration (Retry-After)


def _worker_main(conn, config: dict) -> None:  # pragma: no cover - runs in the child process
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    from masking.errors import MaskingError

    try:
        worker.init(config)
        conn.send(("ready", os.getpid()))
    except MaskingError as exc:
        conn.send(("init_failed", exc.message))
        return
    except Exception as exc:  # no document is involved yet: the traceback is safe to show
        logging.getLogger("service.worker").exception("masking worker could not start")
        conn.send(("init_failed", type(exc).__name__))
        return
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        t_start = time.monotonic()  # CLOCK_MONOTONIC is one clock for every process: phases (Server-Timing)
        task_id, task, kwargs = msg  # task: a module-level function, pickled by its qualified name
        name = getattr(task, "__name__", "?")
        try:
            reply = (task_id, "ok", task(**kwargs))
        except MaskingError as exc:
            reply = (task_id, "masking", (type(exc).__module__, type(exc).__name__, exc.message,
                                          list(getattr(exc, "findings", None) or [])))
        except Exception as exc:  # never the message: it could quote document content
            logging.getLogger("service.worker").error("task %s failed: %s", name, type(exc).__name__)
            reply = (task_id, "error", type(exc).__name__)
        try:
            conn.send(reply + ((t_start, time.monotonic()),))
        except (EOFError, OSError):
            return
        except Exception as exc:  # an unpicklable result
            conn.send((task_id, "error", type(exc).__name__))


def _phases(timing: dict, t0: float, acquired: float, worker: Optional[tuple], end: float) -> None:
    """:meth:`WorkerPool.run`'s phases (seconds) from its monotonic time stamps."""
    timing["queue"] = acquired - t0
    if worker is not None:
        start, stop = worker
        timing["dispatch"], timing["task"], timing["reply"] = start - acquired, stop - start, end - stop
    else:
        timing["task"] = end - acquired


def _rebuild_masking_error(payload: tuple) -> Exception:
    module, name, message, findings = payload
    from masking import errors

    cls = getattr(importlib.import_module(module), name, None) if module.startswith(("masking", "service")) else None
    if not (isinstance(cls, type) and issubclass(cls, errors.MaskingError)):
        cls = errors.MaskingError
    if issubclass(cls, errors.VerificationError):
        return cls(message, findings=findings)
    try:
        return cls(message)
    except TypeError:
        return errors.MaskingError(message)


# --- the pool ----------------------------------------------------------------------------------


@dataclass
class _Worker:
    process: Any
    conn: Any
    ready: bool = False
    tasks: int = 0
    started: float = field(default_factory=time.monotonic)


_POOL_WAIT = object()  # run(wait_s=...): the pool's queue_wait_s


class Ticket:
    """An admitted task's place in the pool (released exactly once)."""

    def __init__(self, pool: "WorkerPool") -> None:
        self._pool = pool
        self._released = False

    def release(self) -> None:
        if not self._released:
            self._released = True
            self._pool._inflight -= 1


def _outcome(status: str, payload: Any, limit: float) -> Any:
    """A task's result from a worker's (status, payload) answer, or the error it stands for."""
    if status == "ok":
        return payload
    if status == "masking":
        raise _rebuild_masking_error(payload)
    if status == "timeout":
        raise JobTimeout(limit)
    if status == "crashed":
        raise WorkerCrashed()
    if status == "init_failed":
        raise WorkerInitFailed(str(payload))
    raise TaskFailed(str(payload))


class WorkerPool:
    def __init__(
        self,
        size: int,
        queue_limit: int,
        timeout_s: float,
        worker_config: dict,
        *,
        queue_wait_s: float = 60.0,
        retry_after_max_s: int = 60,
        initial_task_s: float = 2.0,
        start_timeout_s: float = 300.0,
        on_restart: Optional[Callable[[str], None]] = None,
    ) -> None:
        self.size = max(1, int(size))
        self.queue_limit = max(self.size, int(queue_limit))
        self.timeout_s = float(timeout_s)
        self.queue_wait_s = float(queue_wait_s)
        self.retry_after_max_s = max(1, int(retry_after_max_s))
        # moving average of task durations (seconds in a worker), the prior until one is measured
        self.task_s = float(initial_task_s)
        self.measured = 0
        self._promised: collections.deque = collections.deque()  # when refused clients come back
        self._clock = time.monotonic
        self.start_timeout_s = float(start_timeout_s)
        self.worker_config = dict(worker_config)
        self.on_restart = on_restart
        self._ctx = fork_server(_PRELOAD)
        self._inflight = 0
        self._ids = itertools.count(1)
        self._idle: Optional[asyncio.Queue] = None
        self._workers: list[_Worker] = []
        self._lock = threading.Lock()
        self._executor: Optional[ThreadPoolExecutor] = None
        self._closed = False
        self.ready = False
        self.init_error: Optional[str] = None
        self.restarts = 0

    # -- lifecycle ----------------------------------------------------------------------------
    async def start(self, warm: bool = True) -> None:
        self._idle = asyncio.Queue()
        self._executor = ThreadPoolExecutor(max_workers=self.size, thread_name_prefix="masking-pool")
        loop = asyncio.get_running_loop()
        workers = await loop.run_in_executor(self._executor, lambda: [self._spawn() for _ in range(self.size)])
        for w in workers:
            self._idle.put_nowait(w)
        if warm:
            await self.warm_up()

    async def warm_up(self) -> None:
        """Wait until every worker has loaded the model and masked a small letter (readiness)."""
        try:
            await asyncio.gather(*(self.run(warm_worker, {}, ticket=self._admit(force=True)) for _ in range(self.size)))
            self.ready = True
        except PoolError as exc:
            self.init_error = str(exc)
            log.error("masking workers did not start: %s", exc)

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe(duplex=True)
        proc = self._ctx.Process(target=_worker_main, args=(child, self.worker_config), daemon=True,
                                 name="masking-worker")
        proc.start()
        child.close()
        w = _Worker(proc, parent)
        with self._lock:
            self._workers.append(w)
        return w

    def _discard(self, w: _Worker, reason: str) -> _Worker:
        """Kill ``w`` and start its replacement (in a pool thread)."""
        try:
            if w.process.is_alive():
                w.process.kill()
            w.process.join(5)
        except Exception:  # pragma: no cover - best effort
            pass
        try:
            w.conn.close()
        except Exception:  # pragma: no cover
            pass
        with self._lock:
            if w in self._workers:
                self._workers.remove(w)
        if self._closed:  # shutting down: no replacement
            return w
        self.restarts += 1
        log.warning("masking worker replaced (%s)", reason)
        if self.on_restart is not None:
            try:
                self.on_restart(reason)
            except Exception:  # pragma: no cover
                pass
        return self._spawn()

    async def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._workers)
        for w in workers:
            try:
                w.conn.send(None)
            except Exception:
                pass

        def join_all() -> None:
            deadline = time.monotonic() + 5
            for w in workers:
                w.process.join(max(0.0, deadline - time.monotonic()))
                if w.process.is_alive():
                    w.process.kill()
                    w.process.join(2)

        try:
            await asyncio.get_running_loop().run_in_executor(self._executor, join_all)
        except RuntimeError:  # no new threads at interpreter exit: join here
            join_all()
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)

    # -- admission ----------------------------------------------------------------------------
    @property
    def load(self) -> int:
        """Tasks admitted and not finished (running + waiting for a worker)."""
        return self._inflight

    @property
    def saturated(self) -> bool:
        return self._inflight >= self.queue_limit

    EMA_WEIGHT = 0.2  # of the newest task in the moving average (about the last 10 tasks count)

    def observe(self, seconds: float) -> None:
        """A task's duration in a worker (from hand-over to answer), into the moving average."""
        seconds = max(0.0, float(seconds))
        if self.measured == 0:
            self.task_s = seconds
        else:
            self.task_s += self.EMA_WEIGHT * (seconds - self.task_s)
        self.measured += 1

    def retry_after(self) -> int:
        """Seconds after which a task refused now can expect a place: the work ahead of it (tasks
        waiting for a worker, plus clients already told to come back before then, plus itself)
        done by ``size`` workers at the measured mean task duration; at least 1, at most
        ``retry_after_max_s`` (the service keeps connections alive longer than that). Each
        answer is counted as a promise, so that clients refused together come back one after
        the other instead of all at once."""
        now = self._clock()
        while self._promised and self._promised[0] <= now:
            self._promised.popleft()
        waiting = max(0, self._inflight - self.size)
        ahead = waiting + len(self._promised) + 1
        seconds = max(1, min(self.retry_after_max_s, math.ceil(ahead * self.task_s / self.size)))
        if self._promised and now + seconds < self._promised[-1]:  # keep the deque sorted
            seconds = max(seconds, min(self.retry_after_max_s, math.ceil(self._promised[-1] - now)))
        self._promised.append(now + seconds)
        return seconds

    def _admit(self, force: bool = False) -> Ticket:
        if self._closed:
            raise PoolClosed()
        if not force and self._inflight >= self.queue_limit:
            raise Overloaded(self.retry_after())
        self._inflight += 1
        return Ticket(self)

    def admit(self) -> Ticket:
        """Reserve a place now (raises :class:`Overloaded`), to run the task later (async jobs)."""
        return self._admit()

    # -- running ------------------------------------------------------------------------------
    async def run(self, task: Callable[..., Any], kwargs: dict, *, timeout: Optional[float] = None,
                  ticket: Optional[Ticket] = None, wait_s: Any = _POOL_WAIT, timing: Optional[dict] = None) -> Any:
        """Run ``task(**kwargs)`` in a worker. ``task`` is a module-level function (a task in
        :mod:`service.worker`, or a test's): it crosses the pipe by its qualified name.

        While every worker is busy the task waits for one up to ``wait_s`` seconds (default the
        pool's ``queue_wait_s``; None: as long as it takes, for accepted asynchronous jobs),
        then :class:`Overloaded` with a computed Retry-After. ``timing``, if given, gets the
        phases in seconds: ``queue`` (waiting for a worker), ``dispatch`` (hand-over until the
        worker starts the task), ``task`` (in the worker), ``reply`` (the answer back to the caller)."""
        assert self._executor is not None, "pool not started"
        t0 = time.monotonic()
        ticket, worker = await self._acquire(task, ticket, wait_s)
        t_acquired = time.monotonic()
        if self._closed:
            self._idle.put_nowait(worker)
            ticket.release()
            raise PoolClosed()
        msg = (next(self._ids), task, kwargs)
        loop = asyncio.get_running_loop()
        stamps: dict = {}
        fut = loop.run_in_executor(self._executor, self._call, worker, msg, timeout or self.timeout_s, stamps)

        def done(f: "asyncio.Future") -> None:  # runs even if the awaiting request was cancelled
            w = worker
            if not f.cancelled() and f.exception() is None:
                w = f.result()[0]
            self._idle.put_nowait(w)
            ticket.release()

        fut.add_done_callback(done)
        w, status, payload = await asyncio.shield(fut)
        if timing is not None:
            _phases(timing, t0, t_acquired, stamps.get("worker"), time.monotonic())
        return _outcome(status, payload, timeout or self.timeout_s)

    async def _acquire(self, task: Callable[..., Any], ticket: Optional[Ticket], wait_s: Any
                       ) -> tuple[Ticket, Any]:
        """Admission for :meth:`run`: ``task`` must be a module-level function; the request's
        ticket (taken here if not given) and the next idle worker slot, waited for up to
        ``wait_s`` (the pool's ``queue_wait_s`` by default), else :class:`Overloaded`. The ticket
        is released on every way out but success."""
        if not callable(task) or "<" in getattr(task, "__qualname__", "<"):  # no name, lambda or local function
            if ticket is not None:
                ticket.release()
            raise TypeError("a task is a module-level function")
        ticket = ticket or self._admit()
        assert self._idle is not None, "pool not started"
        wait = self.queue_wait_s if wait_s is _POOL_WAIT else wait_s
        try:
            slot = await self._next_worker(wait)
        except BaseException:
            ticket.release()
            raise
        if slot is None:  # waited ``wait`` seconds: 503, come back when the queue has worked off
            ticket.release()
            raise Overloaded(self.retry_after())
        return ticket, slot

    async def _next_worker(self, wait: Optional[float]) -> Optional[_Worker]:
        """The next idle worker (waiters are served in arrival order), or None after ``wait``
        seconds. Not ``asyncio.wait_for``: before Python 3.12 it can drop a worker taken just as
        the time runs out."""
        assert self._idle is not None
        if wait is None:
            return await self._idle.get()
        getter = asyncio.ensure_future(self._idle.get())
        try:
            await asyncio.wait({getter}, timeout=max(0.0, float(wait)))
        except BaseException:  # the request was cancelled while it waited
            if getter.done() and not getter.cancelled():
                self._idle.put_nowait(getter.result())
            else:
                getter.cancel()
            raise
        if getter.done():
            return getter.result()
        getter.cancel()  # Queue.get leaves the worker in the queue, for the next waiter, when cancelled
        return None

    def _call(self, w: _Worker, msg: tuple, timeout: float, stamps: Optional[dict] = None) -> tuple[_Worker, str, Any]:
        """In a pool thread: hand ``msg`` to ``w`` and wait for the answer. Never raises.
        ``stamps["worker"]``: when the worker started and ended the task (monotonic clock)."""
        for attempt in (1, 2):
            sent = False
            try:
                if not w.ready:
                    if not w.conn.poll(self.start_timeout_s):
                        return self._discard(w, "start timeout"), "init_failed", "start timeout"
                    first = w.conn.recv()
                    if first[0] != "ready":
                        return self._discard(w, "init failed"), "init_failed", first[1]
                    w.ready = True
                w.conn.send(msg)
                sent = True
                w.tasks += 1
                t0 = time.monotonic()
                if not w.conn.poll(timeout):
                    self.observe(time.monotonic() - t0)  # a task that timed out took at least this long
                    return self._discard(w, "timeout"), "timeout", None
                reply = w.conn.recv()
                if stamps is not None and len(reply) > 3:
                    stamps["worker"] = reply[3]
                if getattr(msg[1], "__name__", "") not in _WARM_UP_TASKS:  # they include loading the model
                    self.observe(time.monotonic() - t0)
                return w, reply[1], reply[2]
            except (EOFError, OSError):
                w = self._discard(w, "crashed")
                if sent or attempt == 2:
                    return w, "crashed", None
                # it died while idle: give the task to its replacement
            except Exception as exc:  # e.g. arguments that cannot be pickled: a bug, not a crash
                if sent:
                    w = self._discard(w, "protocol error")
                return w, "error", type(exc).__name__
        return w, "crashed", None  # pragma: no cover

    def pids(self) -> list[int]:
        with self._lock:
            return [w.process.pid for w in self._workers if w.process.pid]
