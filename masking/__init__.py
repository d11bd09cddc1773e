"""masking: governed masking and true redaction of Swedish public-agency documents.

Library entry points::

    from masking import Masker
    result = Masker(policy="general").mask_file("in.pdf", "out.pdf", report_path="report.json")
"""

from __future__ import annotations

import os as _os

_os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

__version__ = "0.1.0"

__all__ = ["Masker", "__version__", "analyze_text", "inspect_pdf"]


def __getattr__(name: str):  # lazy imports keep `import masking` cheap
    if name == "Masker":
        from .pipeline import Masker

        return Masker
    if name == "analyze_text":
        from .api import analyze_text

        return analyze_text
    if name == "inspect_pdf":
        from .inspect import inspect_pdf

        return inspect_pdf
    raise AttributeError(name)
