"""Tesseract engines: in-process through the C API (default) and through the ``tesseract`` program.

Both use the Debian packages ``tesseract-ocr`` and ``tesseract-ocr-swe`` (installed by
``make install``) and read words, boxes and confidences from **one** recognition call in TSV
form. Both hold Tesseract to one thread (``OMP_THREAD_LIMIT=1``): parallelism comes from
worker processes, and OpenMP threads on top of that only oversubscribe the cores.

* ``tesseract-api`` loads ``libtesseract.so.5`` with :mod:`ctypes` and keeps the language model
  loaded for the life of the worker: no process start and no model load per page, and the page
  pixels are passed by pointer (no image file is written). Small images (masked areas being
  verified) then cost milliseconds instead of a process start.
* ``tesseract-cli`` runs ``tesseract - - tsv`` with the page as a PNM on stdin; it needs only the
  program and is the fallback when the library cannot be loaded.
* ``tesseract`` (the default name) is the API engine when the library loads, else the CLI one.

Configuration: ``MASKING_OCR_LANG`` (default ``swe``), ``TESSDATA_PREFIX`` (default: Tesseract's
compiled-in path, ``/usr/share/tesseract-ocr/5/tessdata`` on Debian), ``MASKING_OCR_TIMEOUT``
(seconds per CLI call, default 300).
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import hashlib
import logging
import os
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..errors import OcrError, OcrUnavailableError
from .engine import OcrWord, register_builtin

log = logging.getLogger(__name__)

LANG_ENV = "MASKING_OCR_LANG"
DEFAULT_LANG = "swe"
PSM_AUTO = 3  # automatic page segmentation, no orientation detection
PSM_SPARSE = 11  # as much text as possible, in no particular order
_DEBIAN_TESSDATA = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata")


def _one_thread() -> None:
    """Tesseract's LSTM uses OpenMP: one thread per worker (set before the library loads)."""
    if not os.environ.get("MASKING_OCR_THREADS"):
        os.environ["OMP_THREAD_LIMIT"] = "1"


def ocr_language() -> str:
    return os.environ.get(LANG_ENV, DEFAULT_LANG).strip() or DEFAULT_LANG


def tessdata_dir() -> Optional[Path]:
    env = os.environ.get("TESSDATA_PREFIX")
    for cand in ([env] if env else []) + list(_DEBIAN_TESSDATA):
        p = Path(cand)
        if p.is_dir():
            return p
    return None


@lru_cache(maxsize=8)
def language_data_id(lang: str) -> str:
    """``lang@sha256-prefix`` of each traineddata file in ``lang`` (``swe+eng``), for reports."""
    base = tessdata_dir()
    parts = []
    for code in lang.split("+"):
        f = base / f"{code}.traineddata" if base else None
        if f is None or not f.is_file():
            parts.append(f"{code}@missing")
            continue
        h = hashlib.sha256(f.read_bytes()).hexdigest()[:12]
        parts.append(f"{code}@{h}")
    return "+".join(parts)


def parse_tsv(tsv: str, min_conf: float = -1.0) -> list[OcrWord]:
    """Words (TSV level 5) with text, pixel box, confidence and a unique line id."""
    words: list[OcrWord] = []
    lines: dict[tuple[int, int, int, int], int] = {}
    for row in tsv.splitlines()[1:] if tsv.startswith("level") else tsv.splitlines():
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = cols[11].strip()
        if not text:
            continue
        try:
            page, block, par, line = int(cols[1]), int(cols[2]), int(cols[3]), int(cols[4])
            left, top, width, height = (float(c) for c in cols[6:10])
            conf = float(cols[10])
        except ValueError:
            continue
        if conf < min_conf:
            continue
        key = (page, block, par, line)
        line_id = lines.setdefault(key, len(lines))
        words.append(OcrWord(text, (left, top, left + width, top + height), conf, block, line_id))
    return words


def _grey_or_rgb(image):
    """A pixmap Tesseract accepts: 1 (grey) or 3 (RGB) channels, no alpha."""
    import pymupdf

    if image.alpha:
        image = pymupdf.Pixmap(image, 0)
    if image.n not in (1, 3):
        image = pymupdf.Pixmap(pymupdf.csRGB, image)
    return image


class TesseractApiEngine:
    """Tesseract in this process through its C API (one model load per worker)."""

    def __init__(self, lang: Optional[str] = None) -> None:
        _one_thread()
        self.lang = lang or ocr_language()
        path = ctypes.util.find_library("tesseract") or "libtesseract.so.5"
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            raise OcrUnavailableError("the Tesseract library (libtesseract) is not installed") from None
        self._lib = lib
        lib.TessVersion.restype = ctypes.c_char_p
        lib.TessBaseAPICreate.restype = ctypes.c_void_p
        lib.TessBaseAPIInit3.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
        lib.TessBaseAPIInit3.restype = ctypes.c_int
        lib.TessBaseAPISetImage.argtypes = [
            ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int,
        ]
        lib.TessBaseAPISetSourceResolution.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib.TessBaseAPISetPageSegMode.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib.TessBaseAPIRecognize.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        lib.TessBaseAPIRecognize.restype = ctypes.c_int
        lib.TessBaseAPIGetTsvText.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib.TessBaseAPIGetTsvText.restype = ctypes.c_void_p
        lib.TessDeleteText.argtypes = [ctypes.c_void_p]
        lib.TessBaseAPISetVariable.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
        lib.TessBaseAPIClear.argtypes = [ctypes.c_void_p]
        lib.TessBaseAPIEnd.argtypes = [ctypes.c_void_p]
        lib.TessBaseAPIDelete.argtypes = [ctypes.c_void_p]
        self._omp = None
        try:  # if OpenMP was loaded before OMP_THREAD_LIMIT was set, limit this thread directly
            omp = ctypes.CDLL(ctypes.util.find_library("gomp") or "libgomp.so.1")
            omp.omp_set_num_threads.argtypes = [ctypes.c_int]
            self._omp = omp
        except OSError:
            pass
        datapath = tessdata_dir()
        handle = lib.TessBaseAPICreate()
        rc = lib.TessBaseAPIInit3(handle, str(datapath).encode() if datapath else None, self.lang.encode())
        if rc != 0:
            lib.TessBaseAPIDelete(handle)
            raise OcrUnavailableError(
                f"Tesseract language data {self.lang!r} is not installed (apt-get install tesseract-ocr-swe)"
            )
        lib.TessBaseAPISetVariable(handle, b"debug_file", os.devnull.encode())  # no chatter on stderr
        self._handle = handle
        self.name = "tesseract-api"
        self.version = f"tesseract {lib.TessVersion().decode()} {language_data_id(self.lang)}"
        atexit.register(self.close)

    def close(self) -> None:
        handle, self._handle = getattr(self, "_handle", None), None
        if handle:
            self._lib.TessBaseAPIEnd(handle)
            self._lib.TessBaseAPIDelete(handle)

    def recognize(self, image, dpi: int, *, sparse: bool = False) -> list[OcrWord]:
        if not self._handle:
            raise OcrError("the OCR engine was closed")
        image = _grey_or_rgb(image)
        if image.width < 3 or image.height < 3:
            return []
        lib, h = self._lib, self._handle
        if self._omp is not None:
            self._omp.omp_set_num_threads(1)
        lib.TessBaseAPISetPageSegMode(h, PSM_SPARSE if sparse else PSM_AUTO)
        lib.TessBaseAPISetImage(h, image.samples_ptr, image.width, image.height, image.n, image.stride)
        lib.TessBaseAPISetSourceResolution(h, int(dpi))
        if lib.TessBaseAPIRecognize(h, None) != 0:
            lib.TessBaseAPIClear(h)
            raise OcrError("Tesseract could not recognise the page image")
        ptr = lib.TessBaseAPIGetTsvText(h, 0)
        try:
            tsv = ctypes.string_at(ptr).decode("utf-8", "replace") if ptr else ""
        finally:
            if ptr:
                lib.TessDeleteText(ptr)
            lib.TessBaseAPIClear(h)
        return parse_tsv(tsv)


class TesseractCliEngine:
    """The ``tesseract`` program, one process per image (TSV on stdout)."""

    def __init__(self, lang: Optional[str] = None) -> None:
        _one_thread()
        self.lang = lang or ocr_language()
        exe = shutil.which("tesseract")
        if not exe:
            raise OcrUnavailableError("the tesseract program is not installed (apt-get install tesseract-ocr)")
        self.exe = exe
        base = tessdata_dir()
        for code in self.lang.split("+"):
            if base is None or not (base / f"{code}.traineddata").is_file():
                raise OcrUnavailableError(
                    f"Tesseract language data {code!r} is not installed (apt-get install tesseract-ocr-{code})"
                )
        try:
            out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30)
            first = (out.stdout or out.stderr).splitlines()[0].strip()
        except (OSError, subprocess.SubprocessError, IndexError):
            first = "tesseract"
        self.name = "tesseract-cli"
        self.version = f"{first} {language_data_id(self.lang)}"
        self.timeout = float(os.environ.get("MASKING_OCR_TIMEOUT", "300"))

    def recognize(self, image, dpi: int, *, sparse: bool = False) -> list[OcrWord]:
        image = _grey_or_rgb(image)
        if image.width < 3 or image.height < 3:
            return []
        cmd = [self.exe, "-", "-", "-l", self.lang, "--dpi", str(int(dpi)),
               "--psm", str(PSM_SPARSE if sparse else PSM_AUTO), "tsv"]
        env = dict(os.environ)
        env.setdefault("OMP_THREAD_LIMIT", "1")
        try:
            proc = subprocess.run(cmd, input=image.tobytes("pnm"), capture_output=True, timeout=self.timeout, env=env)
        except subprocess.TimeoutExpired:
            raise OcrError(f"Tesseract took longer than {self.timeout:.0f} s on a page") from None
        except OSError as exc:
            raise OcrError(f"Tesseract could not be started ({type(exc).__name__})") from None
        if proc.returncode != 0:
            raise OcrError(f"Tesseract failed on a page (exit {proc.returncode})")
        return parse_tsv(proc.stdout.decode("utf-8", "replace"))


def default_engine():
    """The in-process engine when ``libtesseract`` loads, else the program."""
    try:
        return TesseractApiEngine()
    except OcrUnavailableError as exc:
        if "language data" in exc.message:
            raise
        log.info("libtesseract not loadable; using the tesseract program")
        return TesseractCliEngine()


register_builtin("tesseract", default_engine)
register_builtin("tesseract-api", TesseractApiEngine)
register_builtin("tesseract-cli", TesseractCliEngine)
