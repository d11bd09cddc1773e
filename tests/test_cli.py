"""The CLI contract: commands, exit codes, JSONL shapes; the input is never modified."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest

from masking.cli import main

from .conftest import make_pdf, page_text

PNR = "811218-9876"


def run(args, stdin=None, capsys=None):
    return main(args)


@pytest.fixture()
def sample_pdf(tmp_path):
    p = tmp_path / "in.pdf"
    make_pdf([f"Sökande: personnummer {PNR}", "Beslut enligt 28 kap. 1 § SFS 2010:110"]).save(p)
    return p


def test_redact_writes_verified_output_and_report(sample_pdf, tmp_path, masker):
    before = hashlib.sha256(sample_pdf.read_bytes()).hexdigest()
    out, rep = tmp_path / "out.pdf", tmp_path / "rep.json"
    assert main(["redact", str(sample_pdf), "-o", str(out), "--report", str(rep)]) == 0
    assert "9876" not in page_text(out.read_bytes())
    assert "2010:110" in page_text(out.read_bytes())
    assert json.loads(rep.read_text())["verification"]["passed"]
    assert hashlib.sha256(sample_pdf.read_bytes()).hexdigest() == before


@pytest.mark.parametrize(
    "content,code",
    [
        (b"hello, not a pdf", 10),
        (b"", 13),
        (b"%PDF-1.7\n1 0 obj garbage garbage\n%%EOF", 12),
    ],
)
def test_error_exit_codes(tmp_path, content, code, capsys, masker):
    p = tmp_path / "bad.pdf"
    p.write_bytes(content)
    assert main(["redact", str(p), "-o", str(tmp_path / "o.pdf")]) == code
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("masking: ")
    assert not (tmp_path / "o.pdf").exists()
    assert p.read_bytes() == content


def test_encrypted_pdf(tmp_path, capsys, masker):
    p = tmp_path / "enc.pdf"
    make_pdf(["hemligt"]).save(p, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="x", owner_pw="y")
    assert main(["redact", str(p), "-o", str(tmp_path / "o.pdf")]) == 11
    assert "encrypted" in capsys.readouterr().err


def test_missing_input(tmp_path, masker):
    assert main(["redact", str(tmp_path / "nope.pdf"), "-o", str(tmp_path / "o.pdf")]) == 3


def test_scanned_page_refused_with_ocr_off(tmp_path, masker, monkeypatch):
    monkeypatch.setenv("MASKING_OCR_ENGINE", "none")  # OCR on: see tests/test_ocr.py
    doc = pymupdf.open()
    page = doc.new_page()
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 100, 140), False)
    pix.set_rect(pix.irect, (200,))
    page.insert_image(page.rect, pixmap=pix)
    p = tmp_path / "scan.pdf"
    doc.save(p)
    assert main(["redact", str(p), "-o", str(tmp_path / "o.pdf")]) == 15
    assert not (tmp_path / "o.pdf").exists()


def test_analyze_jsonl_contract(capsys, monkeypatch, masker):
    import io

    lines = [
        {"id": 1, "text": f"Sökandens personnummer är {PNR}."},
        {"id": "b", "text": "Beslut enligt 2010:110 den 2024-03-15, belopp 12 345 kr."},
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(json.dumps(x) for x in lines) + "\n"))
    assert main(["analyze", "--jsonl"]) == 0
    out = [json.loads(x) for x in capsys.readouterr().out.strip().splitlines()]
    assert [o["id"] for o in out] == [1, "b"]
    ents = out[0]["entities"]
    text = lines[0]["text"]
    assert any(text[e["start"] : e["end"]] == PNR and e["type"] == "SE_PERSONNUMMER" for e in ents)
    assert set(ents[0]) == {"start", "end", "type", "score", "recognizer"}
    assert out[1]["entities"] == []


def test_analyze_text_prints_masked_text(capsys, masker):
    assert main(["analyze", f"Ring mig på 070-123 45 67 eller {PNR}"]) == 0
    out = capsys.readouterr().out
    assert "[PHONE_NUMBER]" in out and "[SE_PERSONNUMMER]" in out


def test_batch_skips_broken_files_and_keeps_paths(tmp_path, capsys, masker):
    src = tmp_path / "in"
    (src / "a" / "b").mkdir(parents=True)
    make_pdf([f"Pnr {PNR}"]).save(src / "a" / "b" / "one.pdf")
    make_pdf(["Inget personligt"]).save(src / "two.pdf")
    (src / "broken.pdf").write_bytes(b"not a pdf at all")
    out = tmp_path / "out"
    code = main(["batch", str(src), str(out), "--workers", "1", "--summary", str(tmp_path / "s.json")])
    assert code == 1  # one file failed
    assert (out / "a" / "b" / "one.pdf").exists() and (out / "two.pdf").exists()
    assert not (out / "broken.pdf").exists()
    summary = json.loads((tmp_path / "s.json").read_text())
    assert summary["succeeded"] == 2 and summary["failed"] == 1
    assert summary["failures"][0]["kind"] == "not_pdf"
    (src / "broken.pdf").unlink()
    assert main(["batch", str(src), str(out), "--workers", "2"]) == 0


def test_inspect_exit_codes(tmp_path, masker):
    good = tmp_path / "g.pdf"
    make_pdf(["Helt vanlig text utan uppgifter."]).save(good)
    assert main(["inspect", str(good)]) == 0
    bad = tmp_path / "b.pdf"
    doc = make_pdf(["Sökande Anna Andersson bor här."])
    r = doc[0].search_for("Anna Andersson")[0]
    doc[0].draw_rect(r, fill=(0, 0, 0), color=None)
    doc.save(bad)
    assert main(["inspect", str(bad)]) == 21


def test_module_entry_point(tmp_path):
    r = subprocess.run([sys.executable, "-m", "masking", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and "masking" in r.stdout


@pytest.fixture()
def audit_env(tmp_path, monkeypatch):
    url = tmp_path / "audit.sqlite3"
    monkeypatch.setenv("MASKING_AUDIT_URL", str(url))
    monkeypatch.setenv("MASKING_AUDIT_KEY", "ab" * 32)
    monkeypatch.setenv("MASKING_ACTOR", "u-7")
    return url


def _events(url):
    from masking.audit import open_audit_log

    with open_audit_log(str(url)) as log:
        assert log.verify().ok
        return [e.to_dict() for e in log.events()]


def test_redact_writes_audit_events_without_the_values(sample_pdf, tmp_path, audit_env, masker):
    out = tmp_path / "out.pdf"
    assert main(["redact", str(sample_pdf), "-o", str(out), "--role", "handlaggare"]) == 0
    events = _events(audit_env)
    assert [e["kind"] for e in events] == ["analysis", "application", "verification"]
    app = events[1]
    assert app["actor"] == "u-7" and app["role"] == "handlaggare" and app["details"]["channel"] == "cli"
    assert app["input_sha256"] == hashlib.sha256(sample_pdf.read_bytes()).hexdigest()
    assert app["output_sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert {a["type"] for a in app["areas"]} == {"SE_PERSONNUMMER"} and all(a["ground"] for a in app["areas"])
    assert events[2]["details"]["verification_passed"] is True
    assert len({e["document_id"] for e in events}) == 1
    raw = audit_env.read_bytes()
    assert PNR.encode() not in raw and PNR.replace("-", "").encode() not in raw


def test_redact_no_audit_writes_nothing(sample_pdf, tmp_path, audit_env, masker):
    assert main(["redact", str(sample_pdf), "-o", str(tmp_path / "o.pdf"), "--no-audit"]) == 0
    assert not audit_env.exists() or _events(audit_env) == []


def test_batch_writes_audit_events_per_processed_file(tmp_path, audit_env, masker):
    src = tmp_path / "in"
    src.mkdir()
    make_pdf([f"Pnr {PNR}"]).save(src / "one.pdf")
    make_pdf(["Inget personligt"]).save(src / "two.pdf")
    out = tmp_path / "out"
    assert main(["batch", str(src), str(out), "--workers", "1"]) == 0
    events = _events(audit_env)
    assert len(events) == 6 and {e["details"]["channel"] for e in events} == {"batch"}
    by_doc = {}
    for e in events:
        by_doc.setdefault(e["document_id"], []).append(e["kind"])
    assert sorted(by_doc.values()) == [["analysis", "application", "verification"]] * 2
    areas = sorted(len(e["areas"]) for e in events if e["kind"] == "application")
    assert areas[0] == 0 and areas[1] >= 1
    # a re-run skips what is done and records nothing new
    assert main(["batch", str(src), str(out), "--workers", "1"]) == 0
    assert len(_events(audit_env)) == 6
