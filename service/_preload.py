"""Imported once by the fork server that starts masking workers (see :mod:`service.pool`).

It imports the library and loads the default analyzer, so every worker forked from the server
starts with the model in memory (shared copy-on-write) instead of loading it again. A failure
here only costs that head start: each worker loads what it needs in :func:`service.worker.init`.
"""

try:  # pragma: no cover - runs in the fork server process
    import masking.pipeline  # noqa: F401
    import masking.review  # noqa: F401
    import masking.disclosure  # noqa: F401
    from masking.analyzer import get_analyzer

    get_analyzer()
except Exception:  # pragma: no cover
    pass
