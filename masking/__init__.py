"""masking: governed masking and true redaction of Swedish public-agency documents.

Library entry points::

    from masking import Masker
    result = Masker(policy="general").mask_file("in.pdf", "out.pdf", report_path="report.json")
"""

from __future__ import annotations

import os as _os

_os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
# One BLAS thread per process: the NER's matrix products run through numpy's BLAS (see
# masking.nlp.load_pipeline), and the parallelism of this product is its processes (batch and
# service workers, one per core); a BLAS thread pool per worker would only compete for the cores.
# Set before numpy is first imported (the library's own import of numpy comes after this line).
_os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

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
