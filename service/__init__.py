"""HTTP service and review web page over the masking library (FastAPI).

    masking keys create --role integration --org my-agency     # prints a key once
    masking serve --host 127.0.0.1 --port 8000                  # uvicorn

``service.app.create_app(settings)`` builds the application; see the README's "HTTP service"
section for configuration, endpoints and roles.
"""

from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str):  # keep `import service` cheap (the CLI imports it for its parsers)
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(name)
