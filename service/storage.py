"""Files of uploaded documents: one directory per document id, owner-only permissions.

Layout under ``<storage_dir>/documents/<uuid>/`` (directories 0700, files 0600; the upload
itself 0400 — written once, never modified)::

    input.pdf            the upload, byte for byte
    plan.json            the masking plan (review flow; positions, types, HMACs, decisions)
    pages.json           page sizes and rotation (to draw boxes on page images)
    output.pdf           the masked, verified document
    report.json          the report (no text)
    masking-list.json    maskeringsförteckning; masking-list.pdf; decision-draft.txt
    release.json         the release record
    png/                 rendered page images (input and masked preview)

Nothing in a path comes from a client except the document id, which must be a UUID.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any, BinaryIO, Union

from masking.files import atomic_write

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")

INPUT = "input.pdf"
PLAN = "plan.json"
PAGES = "pages.json"
OUTPUT = "output.pdf"
REPORT = "report.json"
LIST_JSON = "masking-list.json"
LIST_PDF = "masking-list.pdf"
DRAFT = "decision-draft.txt"
RELEASE = "release.json"
CONTEXT = "context.json"  # each candidate's words in their line: the registrar's screen only (review page)
JOB = "job.json"  # an asynchronous job's parameters (deny-list, case reference), until it has run: another instance may resume it
META = "meta.json"  # the upload's file name and case reference, shown in the document list
PRODUCED = (OUTPUT, REPORT, LIST_JSON, LIST_PDF, DRAFT)


def is_document_id(value: str) -> bool:
    return isinstance(value, str) and _UUID.fullmatch(value) is not None


def ensure_private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


def write_private(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Atomically write ``data`` (temporary file in the same directory, then rename), private by default."""
    atomic_write(path, data, mode=mode)


def json_bytes(obj: Any) -> bytes:
    return json.dumps(obj, indent=1, ensure_ascii=False).encode("utf-8")


def write_json(path: Path, obj: Any) -> None:
    write_private(path, json_bytes(obj))


def write_products(doc_dir: Path, files: dict[str, bytes]) -> None:
    """A masking's small products (report, maskeringsförteckning, decision draft: names in
    :data:`PRODUCED`), each written atomically; what an earlier apply made from them (the list
    as PDF, masked page images) is removed."""
    for name, data in files.items():
        if name not in PRODUCED:
            raise ValueError("not a product file")
        write_private(doc_dir / name, data)
    (doc_dir / LIST_PDF).unlink(missing_ok=True)  # made on request (list_pdf)
    for png in (doc_dir / "png").glob("masked-*.png"):
        png.unlink(missing_ok=True)


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


class Storage:
    def __init__(self, root: Path) -> None:
        self.root = ensure_private_dir(Path(root))

    def path(self, doc_id: str) -> Path:
        if not is_document_id(doc_id):
            raise ValueError("not a document id")
        return self.root / doc_id

    def create(self, doc_id: str, data: bytes) -> Path:
        """A new document directory holding the upload (read-only from now on)."""
        return self.create_from(doc_id, data)[0]

    def create_from(self, doc_id: str, src: Union[bytes, BinaryIO], block: int = 1 << 20) -> tuple[Path, str, int]:
        """Like :meth:`create`, from bytes or a file read from its current position in blocks
        (an upload is never held whole in memory). Returns (directory, SHA-256, size)."""
        if isinstance(src, (bytes, bytearray)):
            src = io.BytesIO(src)
        d = self.path(doc_id)
        d.mkdir(mode=0o700)  # fails if it exists: ids are never reused
        os.chmod(d, 0o700)
        ensure_private_dir(d / "png")
        h, size = hashlib.sha256(), 0
        fd = os.open(d / INPUT, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            for chunk in iter(lambda: src.read(block), b""):
                h.update(chunk)
                size += len(chunk)
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(d / INPUT, 0o400)
        return d, h.hexdigest(), size

    def drop_outputs(self, doc_id: str) -> None:
        """Remove what ``apply`` produced (a new decision makes it stale)."""
        d = self.path(doc_id)
        for name in PRODUCED + (RELEASE,):
            (d / name).unlink(missing_ok=True)
        for png in (d / "png").glob("masked-*.png"):
            png.unlink(missing_ok=True)

    def purge(self, doc_id: str) -> bool:
        d = self.path(doc_id)
        if not d.exists():
            return False
        shutil.rmtree(d, ignore_errors=True)
        return not d.exists()
