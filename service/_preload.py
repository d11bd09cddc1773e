"""Imported once by the fork server that starts masking workers (see :mod:`service.pool`).

It imports the library, loads the default analyzer and masks a small letter
(:func:`masking.warmup.warm_up`, OCR off), so every worker forked from the server starts with the
model and the name gazetteers in memory (shared copy-on-write) instead of loading them again. A failure
here only costs that head start: each worker loads what it needs in :func:`service.worker.init`.
"""

try:  # pragma: no cover - runs in the fork server process
    import masking.pipeline  # noqa: F401
    import masking.review  # noqa: F401
    import masking.disclosure  # noqa: F401
    from masking.ocr import OcrSettings
    from masking.pipeline import Masker
    from masking.warmup import warm_up

    # the model, and what the first document loads (name gazetteers, lexicon): OCR off here,
    # so no OCR engine is started in this process and inherited; each worker starts its own
    # in its warm-up (service.pool.warm_worker)
    warm_up(Masker(ocr=OcrSettings(engine="none")))
except Exception:  # pragma: no cover
    pass
