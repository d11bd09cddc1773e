"""Shared fixtures: one analyzer per test session (the model loads once) and PDF builders."""

from __future__ import annotations

import os

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
# The default audit store and key file live under the user's data directory: keep tests out of
# the real one.
if "MASKING_TEST_KEEP_DATA_HOME" not in os.environ:
    import atexit as _atexit
    import shutil as _shutil
    import tempfile as _tempfile

    os.environ["XDG_DATA_HOME"] = _tempfile.mkdtemp(prefix="masking-test-data-")
    _atexit.register(_shutil.rmtree, os.environ["XDG_DATA_HOME"], True)  # nothing left in /tmp

from pathlib import Path
from typing import Iterable

import pymupdf
import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def analyzer():
    from masking.analyzer import get_analyzer

    return get_analyzer()


@pytest.fixture(scope="session")
def masker(analyzer):
    from masking.pipeline import Masker

    return Masker(analyzer=analyzer)


def make_pdf(lines: Iterable[str], fontsize: float = 11, leading: float = 14, start=(72, 72)) -> pymupdf.Document:
    """A one-page PDF with each line drawn as its own text object."""
    doc = pymupdf.open()
    page = doc.new_page()
    x, y = start
    for line in lines:
        page.insert_text((x, y), line, fontsize=fontsize, fontname="helv")
        y += leading
    return doc


def page_text(data: bytes) -> str:
    doc = pymupdf.open(stream=data, filetype="pdf")
    try:
        return "\n".join(p.get_text() for p in doc)
    finally:
        doc.close()
