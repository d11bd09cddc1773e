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

READY = False  # True in a process where the preload went through (the fork server, its workers)

try:  # pragma: no cover - runs in the fork server process
    from masking.ocr import OcrSettings
    from masking.pipeline import Masker
    from masking.warmup import warm_up

    READY = warm_up(Masker(ocr=OcrSettings(engine="none")))
except Exception:  # pragma: no cover
    pass
