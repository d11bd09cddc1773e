"""``masking plan|decide|plan-show|apply`` from the command line, with the audit log."""

from __future__ import annotations

import json

import pytest

from masking.cli import main

from .conftest import make_pdf, page_text

PNR = "19811218-9876"


@pytest.fixture()
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("MASKING_AUDIT_URL", str(tmp_path / "audit.sqlite3"))
    monkeypatch.setenv("MASKING_AUDIT_KEY", "cd" * 32)
    monkeypatch.setenv("MASKING_ACTOR", "u-42")
    src = tmp_path / "in.pdf"
    src.write_bytes(make_pdf([f"Sökande: Anna Svensson, {PNR}.", "Se 1234-123 456 7 ovan."]).tobytes())
    return tmp_path, src


def test_plan_decide_apply_release(env, capsys) -> None:
    tmp, src = env
    plan = tmp / "plan.json"
    assert main(["plan", str(src), "-o", str(plan)]) == 0
    data = json.loads(plan.read_text())
    assert "Svensson" not in plan.read_text() and data["counts"]["blocking"] == 1
    out = tmp / "out.pdf"
    assert main(["apply", str(src), str(plan), "-o", str(out)]) == 24  # pending review
    assert not out.exists()
    assert main(["decide", str(plan), "--reject", "c9999", "--reason", "x"]) == 25
    pending = [c["id"] for c in data["candidates"] if c["status"] == "pending" and not c["auto"]]
    assert main(["decide", str(plan), "--reject", *pending]) == 25  # a reason is required
    assert main(["decide", str(plan), "--reject", *pending, "--reason", "Myndighetens referens"]) == 0
    assert main(["decide", str(plan), "--add-text", "Sökande", "--input", str(src)]) == 0
    assert main(["plan-show", str(plan)]) == 0
    assert "REVIEW" in capsys.readouterr().out
    listing, draft = tmp / "list.json", tmp / "draft.txt"
    rc = main(["apply", str(src), str(plan), "-o", str(out), "--list", str(listing), "--list-pdf",
               "--decision-draft", str(draft), "--release"])
    assert rc == 0
    text = page_text(out.read_bytes())
    assert PNR not in text and "Svensson" not in text and "Sökande" not in text
    assert "1234-123 456 7" in text and "Maskeringsförteckning" in text
    assert json.loads(listing.read_text())["count"] >= 3
    assert "kammarrätten" in draft.read_text()
    assert main(["audit", "verify"]) == 0
    export = tmp / "events.jsonl"
    assert main(["audit", "export", "-o", str(export)]) == 0
    kinds = [json.loads(line)["kind"] for line in export.read_text().splitlines()]
    assert kinds[:2] == ["upload", "analysis"] and kinds[-1] == "release" and kinds.count("decision") == 2
    assert "Svensson" not in export.read_text() and "Myndighetens referens" not in export.read_text()


def test_plan_for_another_file_is_refused(env) -> None:
    tmp, src = env
    plan = tmp / "plan.json"
    assert main(["plan", str(src), "-o", str(plan), "--no-audit"]) == 0
    other = tmp / "other.pdf"
    other.write_bytes(make_pdf(["Ett annat brev."]).tobytes())
    assert main(["apply", str(other), str(plan), "-o", str(tmp / "o.pdf"), "--no-audit"]) == 25


def test_drawn_box_undone_from_the_command_line(env) -> None:
    tmp, src = env
    plan = tmp / "plan.json"
    assert main(["plan", str(src), "-o", str(plan)]) == 0
    assert main(["decide", str(plan), "--accept-pending"]) == 0
    assert main(["decide", str(plan), "--add-box", "1", "60", "80", "200", "95"]) == 0
    assert [m["id"] for m in json.loads(plan.read_text())["manual_areas"]] == ["m0001"]
    assert main(["decide", str(plan), "--delete", "c0001"]) == 25  # a proposal: reject it instead
    assert main(["decide", str(plan), "--delete", "m0001"]) == 0
    data = json.loads(plan.read_text())
    assert data["manual_areas"] == [] and data["history"][-1]["action"] == "delete"
    assert main(["audit", "verify"]) == 0
