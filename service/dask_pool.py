"""Masking tasks on the Dask cluster that batch jobs use (setting ``scheduler``), instead of
the service's own worker processes.

:class:`DaskPool` keeps :class:`service.pool.WorkerPool`'s admission, back-pressure and
``Retry-After`` (``queue_limit`` tasks admitted per instance, ``pool_workers`` of them sent to
the cluster at once, the rest waiting up to ``queue_wait_s``) and replaces the processes with
``client.submit``: any Dask worker may run a document that any service instance accepted.
Workers must have ``masking`` installed, see the storage directory at the same path, and should
run one thread each (``dask worker --nthreads 1``). The audit key is not sent: a worker takes it
from its own environment (``MASKING_AUDIT_KEY`` / ``MASKING_AUDIT_KEY_FILE``) or key file.

Limits of the cluster path: a task past ``job_timeout_s`` is answered 504 but Dask cannot stop
it in its worker; a worker that dies is replaced by the cluster's operator, and Dask re-runs
its tasks elsewhere (a document that kills workers comes back after
``distributed.scheduler.allowed-failures`` deaths as :class:`WorkerCrashed`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Callable, Optional

from masking.errors import ConfigError

from . import worker
from .pool import (
    _POOL_WAIT,
    _WARM_UP_TASKS,
    PoolClosed,
    PoolError,
    Ticket,
    WorkerInitFailed,
    WorkerPool,
    _outcome,
    _phases,
    warm_worker,
)

log = logging.getLogger("service.pool")


class DaskPool(WorkerPool):
    def __init__(self, address: str, size: int, queue_limit: int, timeout_s: float, worker_config: dict, *,
                 connect_timeout_s: float = 30.0, **kwargs: Any) -> None:
        super().__init__(size, queue_limit, timeout_s, worker_config, **kwargs)
        self.address = address
        self.connect_timeout_s = float(connect_timeout_s)
        self.worker_config = {k: v for k, v in self.worker_config.items() if k != "audit_key"}
        self._client: Any = None
        self._cluster_ok = True  # workers were seen by the last look (see _watch)
        self._watcher: Optional[asyncio.Task] = None

    WATCH_INTERVAL_S = 5.0

    @property
    def ready(self) -> bool:  # type: ignore[override]
        """Warmed up, and the cluster had workers when last looked at (``/ready`` is 503 while
        it has none: a task sent now would only wait)."""
        return self._warmed and self._cluster_ok

    @ready.setter
    def ready(self, value: bool) -> None:
        self._warmed = bool(value)

    async def _watch(self) -> None:
        while not self._closed:
            await asyncio.sleep(self.WATCH_INTERVAL_S)
            client = self._client
            if client is None:
                return
            try:
                info = await asyncio.wait_for(asyncio.to_thread(client.scheduler_info, n_workers=1),  # one is enough
                                              self.WATCH_INTERVAL_S * 2)
                ok = bool(info.get("workers"))
            except Exception:  # noqa: BLE001 - the scheduler does not answer
                ok = False
            if ok != self._cluster_ok:
                log.warning("the Dask cluster %s", "has workers again" if ok else "has no workers or does not answer")
            self._cluster_ok = ok

    # -- lifecycle ----------------------------------------------------------------------------
    async def start(self, warm: bool = True) -> None:
        try:
            from distributed import Client
        except ImportError:  # pragma: no cover - a dependency
            raise ConfigError("masking on a Dask cluster needs the 'distributed' package") from None
        self._idle = asyncio.Queue()
        for slot in range(self.size):  # tasks of this instance on the cluster at once
            self._idle.put_nowait(slot)
        try:
            self._client = await asyncio.to_thread(Client, self.address, timeout=self.connect_timeout_s,
                                                   set_as_default=False)
        except Exception as exc:
            raise ConfigError(f"cannot reach the Dask scheduler ({type(exc).__name__})") from None
        self._watcher = asyncio.create_task(self._watch())
        if warm:
            await self.warm_up()

    async def warm_up(self) -> None:
        """Ready when at least one Dask worker is there and every worker has loaded the model and
        masked a small letter (:func:`service.pool.warm_worker`)."""
        def warm() -> None:
            self._client.wait_for_workers(1, timeout=self.start_timeout_s)
            addresses = list(self._client.scheduler_info().get("workers", {}))
            futures = [self._client.submit(worker.dask_task, self.worker_config, warm_worker, {}, pure=False,
                                           workers=[a], allow_other_workers=False) for a in addresses]
            for f in futures:
                status, payload = f.result(timeout=self.start_timeout_s)
                if status != "ok":
                    raise WorkerInitFailed(str(payload))

        try:
            await asyncio.to_thread(warm)
            self.ready = True
        except PoolError as exc:
            self.init_error = str(exc)
        except Exception as exc:  # noqa: BLE001 - no worker came, the scheduler went away
            self.init_error = f"the Dask cluster is not usable ({type(exc).__name__})"
        if self.init_error:
            log.error("masking on the Dask cluster cannot start: %s", self.init_error)

    async def close(self) -> None:
        self._closed = True
        if self._watcher is not None:
            self._watcher.cancel()
        if self._client is not None:
            client, self._client = self._client, None
            await asyncio.to_thread(client.close)

    def pids(self) -> list[int]:
        return []

    # -- running ------------------------------------------------------------------------------
    async def run(self, task: Callable[..., Any], kwargs: dict, *, timeout: Optional[float] = None,
                  ticket: Optional[Ticket] = None, wait_s: Any = _POOL_WAIT, timing: Optional[dict] = None) -> Any:
        t0 = time.monotonic()
        ticket, slot = await self._acquire(task, ticket, wait_s)
        t_acquired = time.monotonic()
        limit = timeout or self.timeout_s
        try:
            if self._closed or self._client is None:
                raise PoolClosed()
            status, payload = await asyncio.to_thread(self._call, task, kwargs, limit)
        finally:
            self._idle.put_nowait(slot)
            ticket.release()
        if timing is not None:  # the cluster's hand-over is not split out: all of it is "task"
            _phases(timing, t0, t_acquired, None, time.monotonic())
        return _outcome(status, payload, limit)

    def _call(self, task: Callable[..., Any], kwargs: dict, limit: float) -> tuple[str, Any]:
        """In a thread: submit, wait up to ``limit`` seconds. Never raises."""
        from distributed import KilledWorker

        client = self._client
        if client is None:
            return "error", "PoolClosed"
        t0 = time.monotonic()
        fut = None
        try:
            fut = client.submit(worker.dask_task, self.worker_config, task, kwargs, pure=False)
            status, payload = fut.result(timeout=limit)
        except KilledWorker:
            self.restarts += 1
            if self.on_restart is not None:
                self.on_restart("crashed")
            return "crashed", None
        except (TimeoutError, asyncio.TimeoutError):
            self.observe(time.monotonic() - t0)
            if fut is not None:
                fut.cancel()
            return "timeout", None
        except Exception as exc:  # noqa: BLE001 - the scheduler went away, a task could not be sent
            return "error", type(exc).__name__
        finally:
            if fut is not None:
                fut.release()
        if getattr(task, "__name__", "") not in _WARM_UP_TASKS:
            self.observe(time.monotonic() - t0)
        return status, payload
