"""The stages a document passes through, and the one entry point :func:`run` (ARCHITECTURE.md).

intake → read → detect → decide → redact → verify → record; each stage module says what it
takes and returns.
"""

from .intake import Source
from .record import Recorder
from .run import Proposal, Result, Setup, run

__all__ = ["Proposal", "Recorder", "Result", "Setup", "Source", "run"]
