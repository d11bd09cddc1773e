"""``anonymize_files``: the library call behind ``masking anonymize`` (files in, files and the
mapping report out), and ``deanonymize_files`` behind ``masking deanonymize``."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Sequence

from ..files import atomic_write
from . import io
from .encrypt import decrypt_text
from .engine import Analysed, Anonymizer
from .keys import AnonymizeKey
from .report import mapping_report

REPORT_NAME = "anonymize-report.json"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _out_name(f: io.InputFile, fmt: str) -> str:
    ext = ".jsonl" if f.kind == "jsonl" else {"text": ".txt", "jsonl": ".jsonl", "pdf": ".pdf", "docx": ".docx"}[fmt]
    return f.path.stem + ext


def anonymize_files(inputs: Sequence[str | Path], out_dir: str | Path, anonymizer: Anonymizer, *,
                    fmt: str = "text", fields: Sequence[str] = ("text",)) -> dict[str, Any]:
    """Pseudonymise every input into ``out_dir`` (same stem; a JSONL input stays JSONL with its
    text fields replaced) and write the mapping report there; returns the report. In scope
    ``corpus`` every document is analysed before the first is written."""
    if fmt not in io.FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = io.collect_inputs(inputs)
    # analyse everything (the pipeline's stages), remembering which documents belong to which file
    docs: list[Analysed] = []
    plan: list[tuple[io.InputFile, list[int], list[dict] | None]] = []
    for f in files:
        if f.kind == "pdf":
            plan.append((f, [len(docs)], None))
            docs.append(anonymizer.analyse_pdf(f.path))
        elif f.kind == "text":
            plan.append((f, [len(docs)], None))
            docs.append(anonymizer.analyse_parts(f.path.name, [io.read_text(f.path)]))
        elif f.kind == "docx":  # a Word document's paragraphs; its page breaks part it
            plan.append((f, [len(docs)], None))
            docs.append(anonymizer.analyse_parts(f.path.name, io.read_docx_text(f.path).split(io.PAGE_BREAK)))
        else:
            records = io.read_jsonl(f.path, fields)
            idx = []
            for n, rec in enumerate(records):
                idx.append(len(docs))
                docs.append(anonymizer.analyse_parts(f"{f.path.name}:{n}", [rec[k] for k in io.text_fields(rec, fields)]))
            plan.append((f, idx, records))
    results = anonymizer.anonymize(docs)
    file_rows = []
    for f, idx, records in plan:
        target = out / _out_name(f, fmt)
        if records is not None:
            for rec, i in zip(records, idx):
                for k, text in zip(io.text_fields(rec, fields), results[i].parts):
                    rec[k] = text
            data = io.write_jsonl(target, records)
        elif fmt == "pdf":
            data = io.write_pdf(target, results[idx[0]].parts)
        elif fmt == "docx":
            data = io.write_docx(target, results[idx[0]].parts)
        elif fmt == "jsonl":
            rec = {"id": f.path.stem, "text": io.PAGE_BREAK.join(results[idx[0]].parts)}
            data = io.write_jsonl(target, [rec])
        else:
            data = io.write_text(target, results[idx[0]].parts)
        by_type: dict[str, int] = {}
        for i in idx:
            for t, n in results[i].counts.items():
                by_type[t] = by_type.get(t, 0) + n
        file_rows.append({"input_sha256": _file_sha(f.path), "output_sha256": _sha(data), "documents": len(idx),
                          "ocr_pages": sum(docs[i].ocr_pages for i in idx),
                          "replacements": sum(by_type.values()), "by_type": dict(sorted(by_type.items()))})
    report = mapping_report(operator=anonymizer.operator, scope=anonymizer.scope_kind,
                            key_id=anonymizer.key.key_id if anonymizer.key else None, diagnoses=anonymizer.diagnoses,
                            policy=anonymizer.masker.policy.describe(), files=file_rows, by_type=anonymizer.counts,
                            persons=anonymizer.persons)
    atomic_write(out / REPORT_NAME, json.dumps(report, indent=2, ensure_ascii=False).encode("utf-8"))
    return report


def _file_sha(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def deanonymize_files(inputs: Sequence[str | Path], out_dir: str | Path, key: AnonymizeKey,
                      fields: Sequence[str] = ("text",)) -> dict[str, Any]:
    """Decrypt the ``encrypt`` tokens of text, JSONL, PDF and DOCX files into ``out_dir`` (a PDF or
    DOCX that ``anonymize --format pdf|docx`` wrote becomes a text file of the same stem: its text as the reader
    sees it, decrypted). Every file is decrypted before any is written: a wrong key writes nothing."""
    out = Path(out_dir)
    done: list[tuple[Path, bytes]] = []
    tokens = 0
    for f in io.collect_inputs(inputs):
        if f.kind == "pdf":
            if f.path.suffix.lower() != ".pdf":
                from .errors import AnonymizeInputError

                raise AnonymizeInputError("deanonymize reads the text, JSONL or PDF output of anonymize, not images")
            text, n = decrypt_text(io.read_pdf_text(f.path), key)
            tokens += n
            done.append((out / (f.path.stem + ".txt"), text.encode("utf-8")))
            continue
        if f.kind == "docx":
            text, n = decrypt_text(io.read_docx_text(f.path), key)
            tokens += n
            done.append((out / (f.path.stem + ".txt"), text.encode("utf-8")))
            continue
        if f.kind == "jsonl":
            records = io.read_jsonl(f.path, fields)
            for rec in records:
                for k in io.text_fields(rec, fields):
                    rec[k], n = decrypt_text(rec[k], key)
                    tokens += n
            data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
        else:
            text, n = decrypt_text(io.read_text(f.path), key)
            tokens += n
            data = text.encode("utf-8")
        done.append((out / f.path.name, data))
    out.mkdir(parents=True, exist_ok=True)
    for path, data in done:
        atomic_write(path, data)
    return {"files": len(done), "decrypted": tokens, "key_id": key.key_id}
