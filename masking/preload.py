"""Imported once by the fork server that starts masking worker processes (batch workers,
:class:`masking.executors.LocalExecutor`; the service's workers, :mod:`service.pool`).

It imports the library, loads the default analyzer and masks a small letter
(:func:`masking.warmup.warm_up`, OCR off), so every worker forked from the server starts with the
model, the name gazetteers and the lexicon in memory (shared copy-on-write) instead of loading
them again: N workers pay the start-up once. OCR is off here, so no OCR engine is started in the
server and inherited; each worker starts its own (the service's in its warm-up, a batch worker's
on its first scanned page). A failure here only costs that head start: each worker then loads
what it needs itself (:data:`READY` stays False).

Never import this module for anything else: importing it loads the model.
"""

import gc


def freeze_shared() -> None:
    """Move every object loaded so far out of the garbage collector's reach (:func:`gc.freeze`):
    a worker forked from this server then never has the collector walk, and so write to, the
    model's and the gazetteers' objects, whose memory pages stay shared instead of being copied
    into each worker (copy-on-write) at its first collections."""
    gc.collect()
    gc.freeze()


READY = False  # True in a process where the preload went through (the fork server, its workers)

try:  # pragma: no cover - runs in the fork server process
    from masking.ocr import OcrSettings
    from masking.pipeline import Masker
    from masking.warmup import warm_up

    READY = warm_up(Masker(ocr=OcrSettings(engine="none")))
except Exception:  # pragma: no cover
    pass
freeze_shared()
