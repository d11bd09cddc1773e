"""Imported by the service's fork server after :mod:`masking.preload` (the library, the default
model, a warm-up: see :func:`masking.executors.fork_server`): what the service's workers use besides
the pipeline, so that a replacement worker does not import it again."""

try:  # pragma: no cover - runs in the fork server process
    import masking.disclosure  # noqa: F401
    import masking.review  # noqa: F401
except Exception:  # pragma: no cover
    pass
else:
    from masking.preload import freeze_shared

    freeze_shared()  # what this module loaded too
