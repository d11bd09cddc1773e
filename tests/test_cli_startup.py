"""The CLI answers --help, usage errors and a missing input without loading the NLP stack
(issue 14 item 3: a cold start that loads spaCy and presidio costs seconds and ~400 MB)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("spacy", "presidio_analyzer", "thinc", "torch")

PROBE = """
import json, sys
from masking.cli import main
code = None
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "modules": sorted(m for m in sys.modules if m.split(".")[0] in %r)}))
""" % (HEAVY + ("pymupdf", "fitz"),)


def _run(*argv: str) -> dict:
    p = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, timeout=120)
    return json.loads(p.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("argv", [["--help"], ["redact", "--help"], ["serve", "--help"], ["redact"],
                                  ["redact", "--no-such-option", "x.pdf"], ["no-such-command"]])
def test_help_and_usage_errors_load_no_heavy_library(argv) -> None:
    out = _run(*argv)
    assert out["code"] in (0, 2), out
    assert out["modules"] == [], out  # not even pymupdf


def test_a_missing_input_or_unknown_policy_is_answered_before_the_model_loads(tmp_path) -> None:
    out = _run("redact", str(tmp_path / "missing.pdf"), "-o", str(tmp_path / "out.pdf"), "--no-audit")
    assert out["code"] == 3
    assert not [m for m in out["modules"] if m.split(".")[0] in HEAVY], out
    pdf = tmp_path / "in.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    out = _run("redact", str(pdf), "-o", str(tmp_path / "out.pdf"), "--no-audit", "--policy", "no-such-policy")
    assert out["code"] == 30
    assert not [m for m in out["modules"] if m.split(".")[0] in HEAVY], out
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize("command", ["plan", "apply"])
def test_review_commands_answer_a_missing_input_before_the_model_loads(tmp_path, command) -> None:
    plan = tmp_path / "plan.json"
    if command == "plan":
        argv = ["plan", str(tmp_path / "missing.pdf"), "-o", str(plan), "--no-audit"]
    else:
        plan.write_text(json.dumps({"not": "read"}), encoding="utf-8")
        argv = ["apply", str(tmp_path / "missing.pdf"), str(plan), "-o", str(tmp_path / "out.pdf"), "--no-audit"]
    out = _run(*argv)
    assert out["code"] in (3, 25), out
    assert not [m for m in out["modules"] if m.split(".")[0] in HEAVY], out
    assert not (tmp_path / "out.pdf").exists()
