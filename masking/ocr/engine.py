"""The OCR engine interface and the registry of engines by name.

An engine turns one page image into words with boxes. Everything after that (page text, glyph
map, detection, redaction, verification) is engine-independent, so another engine is added by
registering a factory::

    from masking.ocr import register_engine
    register_engine("my-engine", lambda: MyEngine())

and selected with ``MASKING_OCR_ENGINE=my-engine`` (or ``OcrSettings(engine="my-engine")``).
``MASKING_OCR_ENGINE=none`` switches OCR off: pages that need it are refused (exit 15), as
before OCR existed.

Engines are created lazily, once per process and thread (a worker process loads the language
model once and reuses it for every page), and must be usable from one thread at a time. A page's
recognition runs on the OCR thread of :mod:`.ahead` (its own engine), while the calling thread
works on the page before it with its own.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Callable, Optional, Protocol, runtime_checkable

from ..errors import OcrUnavailableError

ENGINE_ENV = "MASKING_OCR_ENGINE"
DEFAULT_ENGINE = "tesseract"
DISABLED = ("none", "off", "0", "false", "no")


@dataclass(frozen=True)
class OcrWord:
    """One recognised word in pixel coordinates of the image it was read from.

    ``box`` is ``(x0, y0, x1, y1)`` in pixels (origin top-left); ``confidence`` is 0..100;
    ``block``/``line`` identify the text line the word belongs to (unique per image), so words
    can be grouped into lines in reading order.
    """

    text: str
    box: tuple[float, float, float, float]
    confidence: float
    block: int
    line: int


@runtime_checkable
class OcrEngine(Protocol):
    """What the pipeline needs from an OCR engine."""

    name: str
    version: str  # engine and language-data version, written to reports

    def recognize(self, image, dpi: int, *, sparse: bool = False) -> list[OcrWord]:
        """Words in ``image`` (a :class:`pymupdf.Pixmap`, 1 or 3 channels, no alpha).

        ``dpi`` is the image's resolution. ``sparse`` asks for isolated text anywhere in the
        image (used to check masked areas) rather than page layout analysis.
        """
        ...


_FACTORIES: dict[str, Callable[[], OcrEngine]] = {}
# how often each name was registered: a thread's cached engine made from an older factory is
# made anew (every thread keeps its own engines, the OCR thread of .ahead among them)
_GENERATION: dict[str, int] = {}
_local = threading.local()


def register_engine(name: str, factory: Callable[[], OcrEngine]) -> None:
    """Make an engine available under ``name`` (replaces an earlier one of that name, in every
    thread)."""
    key = name.lower()
    _FACTORIES[key] = factory
    _GENERATION[key] = _GENERATION.get(key, 0) + 1


def register_builtin(name: str, factory: Callable[[], OcrEngine]) -> None:
    """Register an engine that ships with the package, unless one of that name is registered."""
    _FACTORIES.setdefault(name.lower(), factory)


def engine_names() -> list[str]:
    return sorted(_FACTORIES)


def configured_engine_name(name: str | None = None) -> str:
    """The engine name to use: the argument, else ``MASKING_OCR_ENGINE``, else the default."""
    return (name or os.environ.get(ENGINE_ENV) or DEFAULT_ENGINE).strip().lower()


def ocr_disabled(name: str | None = None) -> bool:
    return configured_engine_name(name) in DISABLED


def get_engine(name: str | None = None) -> OcrEngine:
    """The engine called ``name`` for this process and thread (created on first use).

    Raises :class:`OcrUnavailableError` if no such engine is registered or it cannot start
    (program or language data missing).
    """
    key = configured_engine_name(name)
    if key in DISABLED:
        raise OcrUnavailableError("OCR is switched off (MASKING_OCR_ENGINE=none)")
    cache: Optional[dict[str, tuple[int, OcrEngine]]] = getattr(_local, "engines", None)
    if cache is None:
        cache = _local.engines = {}
    generation = _GENERATION.get(key, 0)
    hit = cache.get(key)
    if hit is not None and hit[0] == generation:
        return hit[1]
    factory = _FACTORIES.get(key)
    if factory is None:
        raise OcrUnavailableError(f"unknown OCR engine {key!r}; available: {', '.join(sorted(_FACTORIES))}")
    engine = factory()
    cache[key] = (generation, engine)
    return engine
