"""Reading ahead: a page's recognition on a thread of its own while the caller finishes the page
before it.

The engine's recognition of a page is most of the time a scanned page costs, and both built-in
engines leave Python's GIL free while they work (the C API through :mod:`ctypes`, the program
as a subprocess). So :func:`.pages.ocr_document` hands each page image to this thread as soon
as it is rendered and, meanwhile, finishes the page before it on its own thread (ruling lines,
ink read again, the page text: PyMuPDF, numpy and Python) and renders the next. On two cores
the recognition of page n+1 and the rest of page n run at the same time, and the words of every
page are exactly those of a recognition in the calling thread.

One thread per process, made anew in a forked child (threads do not survive a fork), with its
own engine (:func:`.engine.get_engine` keeps one per thread: the caller's engine reads the
unread ink and the masked areas meanwhile). The caller renders a page only once the page two
before it is finished, so at most two page images wait here or are being finished.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Optional

from .engine import OcrWord, get_engine

_lock = threading.Lock()
_pool: Optional[tuple[int, ThreadPoolExecutor]] = None


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _lock:
        if _pool is None or _pool[0] != os.getpid():
            _pool = (os.getpid(), ThreadPoolExecutor(max_workers=1, thread_name_prefix="masking-ocr"))
        return _pool[1]


def _recognize(engine_name: Optional[str], image, dpi: int) -> list[OcrWord]:
    return get_engine(engine_name).recognize(image, dpi)


def recognize_ahead(engine_name: Optional[str], image, dpi: int) -> "Future[list[OcrWord]]":
    """The words of ``image`` (as ``engine.recognize(image, dpi)``), recognised on the OCR
    thread by its engine called ``engine_name``. The caller keeps ``image`` until the result is
    taken."""
    return _executor().submit(_recognize, engine_name, image, dpi)
