"""Where batch tasks run: a local process pool (default) or a Dask distributed cluster.

Both executors take the same picklable task objects and the same module-level worker function
(:func:`masking.batch.process_file`), and report back to the coordinating process, which alone
writes the ledger and the progress bar. At most ``window`` tasks are in flight at once, so an
archive of a million files is never submitted (or held) all at once.

Exactly-once output, also when a worker dies mid-task: a task writes its output under a
temporary name in the output directory and renames it into place (atomic on one file system),
so an output is either complete or absent; a task run twice (Dask re-runs the tasks of a lost
worker on another one; the local pool re-submits after a crashed process) writes the same path
again, so there is still one output per input. The ledger is updated only from the result the
coordinator receives, and temporary files left by a killed worker are swept at the end of the
batch.

* :class:`LocalExecutor`: ``workers <= 1`` runs in this process; otherwise a
  :class:`~concurrent.futures.ProcessPoolExecutor` whose workers load the analyzer once. With
  ``preload`` (batch: :data:`PRELOAD`) the workers are forked from one server process that has
  loaded the model before (:func:`fork_server`, as the service's workers are): N workers pay the
  start-up once and share its memory, and the server starts loading as soon as
  :meth:`LocalExecutor.start` is called, while the coordinator plans. If a worker process dies (a
  crash in native code), the pool is rebuilt (forked again from the same server) and the
  unfinished tasks are submitted again; a task is given up after :data:`MAX_ATTEMPTS` runs that
  ended in a crash.
* :class:`DaskExecutor`: ``--scheduler tcp://host:8786``. Workers must have ``masking``
  installed, see the input and output directories at the same paths (shared storage), and should
  run one thread each (``dask worker --nthreads 1``): Tesseract and the analyzer are CPU-bound
  and hold one model per thread. Dask re-runs the tasks of a worker that dies; a task that kills
  workers repeatedly (``distributed.scheduler.allowed-failures``) comes back as failed.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterator, Optional, Protocol, Sequence

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3

PRELOAD = "masking.preload"  # imports the library and loads the default model (in the fork server only)


def fork_server(preload: Sequence[str] = (PRELOAD,)) -> Any:
    """The ``forkserver`` multiprocessing context whose server imports ``preload`` (module names,
    in order) once, before it forks the first worker: every worker starts with what they loaded,
    shared copy-on-write. The service's pool and the batch's local pool both start their workers
    here. There is one fork server per process: the first start fixes its preload list (a later
    caller's workers still work, loading what they need themselves)."""
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(list(preload))
    return ctx


def start_fork_server() -> bool:
    """Start the fork server now (it loads its preload in the background) rather than when the
    first worker is needed, so that loading overlaps with what the caller does meanwhile. True
    when this call started it (it was not running)."""
    from multiprocessing import forkserver

    server = forkserver._forkserver  # CPython's one server per process (3.11 to 3.14)
    was_running = server._forkserver_pid is not None
    forkserver.ensure_running()
    return not was_running


def stop_fork_server() -> None:
    """Stop the fork server and wait for it (its workers have ended): its memory (the model) is
    freed, and its CPU time and its workers' count as this process's children's."""
    from multiprocessing import forkserver

    forkserver._forkserver._stop()


OnStart = Callable[[Any], None]
OnDone = Callable[[Any, Any], None]  # (task, result or BaseException)


class Executor(Protocol):
    name: str

    def start(self) -> None:
        """Begin starting the workers, if that can overlap with the caller's own work."""
        ...

    def run(self, fn: Callable[[Any], Any], tasks: Sequence[Any], on_start: OnStart, on_done: OnDone,
            fn_many: Optional[Callable[[Iterator[Any]], Iterator[Any]]] = None) -> None:
        """Run ``fn(task)`` for every task; ``on_done`` gets each result or the exception.
        ``fn_many``: the same for an iterator of tasks, one result each in order (a run of
        documents, :func:`masking.batch.process_files`), used where one worker takes a run of
        tasks."""
        ...


class LocalExecutor:
    def __init__(
        self,
        workers: int = 1,
        initializer: Optional[Callable[..., None]] = None,
        initargs: tuple = (),
        window: int = 0,
        preload: Sequence[str] = (),
    ) -> None:
        self.workers = max(1, workers)
        self.initializer = initializer
        self.initargs = initargs
        self.window = window or 4 * self.workers
        self.name = f"local ({self.workers} process{'es' if self.workers > 1 else ''})"
        # several workers: forked from a server that loaded ``preload`` once (none: the default context)
        self._context = fork_server(preload) if preload and self.workers > 1 else None
        self._own_server = False  # this executor started the fork server: it stops it after run()

    def start(self) -> None:
        """Begin loading what the workers share (the fork server's preload) in the background;
        :meth:`run` does it otherwise. Nothing to do for one worker (it runs in this process)."""
        if self._context is not None:
            self._own_server = start_fork_server() or self._own_server

    def run(self, fn, tasks, on_start, on_done, fn_many=None) -> None:
        if self.workers <= 1:
            if self.initializer:
                self.initializer(*self.initargs)
            if fn_many is not None:
                tasks = self._run_many(fn_many, tasks, on_start, on_done)
            for t in tasks:
                on_start(t)
                try:
                    res = fn(t)
                except Exception as exc:  # noqa: BLE001 - reported per task
                    res = exc
                on_done(t, res)
            return
        self.start()
        try:
            self._run_pool(fn, tasks, on_start, on_done)
        finally:
            if self._own_server:  # a server another caller uses (the service's) is left running
                self._own_server = False
                stop_fork_server()

    @staticmethod
    def _run_many(fn_many, tasks, on_start, on_done) -> list:
        """The tasks as one run in this process: ``fn_many(iterator of tasks)`` gives one result
        per task, in order, consuming the tasks as it goes (``on_start`` is called as each is
        taken). Should it raise, the tasks taken and not done get the exception, and the tasks
        not yet taken are returned, to be run one by one."""
        rest = iter(tasks)
        taken: deque = deque()

        def feed():
            for t in rest:
                on_start(t)
                taken.append(t)
                yield t

        try:
            for res in fn_many(feed()):
                on_done(taken.popleft(), res)
        except Exception as exc:  # noqa: BLE001 - a bug in the run: reported per task
            while taken:
                on_done(taken.popleft(), exc)
        return list(rest)

    def _run_pool(self, fn, tasks, on_start, on_done) -> None:
        pending = deque(tasks)
        # Tasks in flight when a worker died: any of them may be the cause, so each runs again
        # alone, and only a crash while it runs alone counts against it (a file that happened to
        # share the pool with a crashing one is not failed for that file's crashes).
        suspects: deque = deque()
        crashes: dict[int, int] = {}
        while pending or suspects:
            pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=self._context, initializer=self.initializer,
                                       initargs=self.initargs)
            inflight: dict[Future, Any] = {}
            alone: set[Future] = set()  # the future of a suspect running alone
            broken = False
            try:
                while pending or suspects or inflight:
                    while not broken:
                        suspect = bool(suspects or alone)
                        if suspect:  # a suspect runs with nothing beside it
                            if inflight:
                                break
                            t = suspects.popleft()
                        elif pending and len(inflight) < self.window:
                            t = pending.popleft()
                        else:
                            break
                        on_start(t)
                        fut = pool.submit(fn, t)
                        inflight[fut] = t
                        if suspect:
                            alone.add(fut)
                    if not inflight:
                        break
                    done, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
                    for fut in done:
                        t = inflight.pop(fut)
                        ran_alone = fut in alone
                        alone.discard(fut)
                        try:
                            on_done(t, fut.result())
                        except BrokenProcessPool as exc:
                            broken = True
                            if not ran_alone:
                                suspects.append(t)
                                continue
                            n = crashes[id(t)] = crashes.get(id(t), 0) + 1
                            if n >= MAX_ATTEMPTS:
                                on_done(t, exc)
                            else:
                                suspects.appendleft(t)
                        except Exception as exc:  # noqa: BLE001
                            on_done(t, exc)
                    if broken and not inflight:
                        break
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
            if broken:
                log.warning("a worker process died; restarting the pool for %d remaining file(s)", len(pending) + len(suspects))


class DaskExecutor:
    def __init__(self, address: str, window: int = 0, timeout: float = 30.0) -> None:
        self.address = address
        self.window = window
        self.timeout = timeout
        self.name = f"dask ({address})"

    def start(self) -> None:
        """Nothing to start: the cluster's workers are running already."""

    def run(self, fn, tasks, on_start, on_done, fn_many=None) -> None:  # one task per Dask task: no runs
        try:
            from distributed import Client, as_completed
        except ImportError:  # pragma: no cover - a dependency
            from .errors import ConfigError

            raise ConfigError("the Dask executor needs the 'distributed' package") from None
        from .errors import ConfigError

        try:
            client = Client(self.address, timeout=self.timeout, set_as_default=False)
        except Exception as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {self.address} ({type(exc).__name__})") from None
        try:
            nworkers = max(1, len(client.scheduler_info().get("workers", {})))
            window = self.window or max(8, 4 * nworkers)
            pending = deque(tasks)
            by_key: dict[str, Any] = {}
            ac = as_completed(loop=client.loop)

            def submit_one() -> None:
                t = pending.popleft()
                on_start(t)
                fut = client.submit(fn, t, pure=False)
                by_key[fut.key] = t
                ac.add(fut)

            while pending and len(by_key) < window:
                submit_one()
            for fut in ac:
                t = by_key.pop(fut.key)
                try:
                    res = fut.result()
                except Exception as exc:  # noqa: BLE001 - e.g. KilledWorker after repeated deaths
                    res = exc
                fut.release()
                on_done(t, res)
                while pending and len(by_key) < window:
                    submit_one()
        finally:
            client.close()
