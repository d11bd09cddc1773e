"""Warm-up (issue #14): a worker loads at start what the first document would load on first use
(masking.warmup), and the name gazetteer is built once per process however it is asked for."""

from __future__ import annotations

import sys

import pymupdf

import masking.stages.run  # noqa: F401  (the module, shadowed by the function in masking.stages)
from masking.warmup import warm_up, warm_up_pdf


def test_gazetteer_is_built_once_whatever_the_arguments() -> None:
    from recognizers.names.gazetteer import DATA_DIR, load_gazetteer

    assert load_gazetteer() is load_gazetteer(DATA_DIR, True) is load_gazetteer(data_dir=DATA_DIR)
    assert load_gazetteer(DATA_DIR, False) is not load_gazetteer()


def test_warm_up_masks_the_letter_through_the_pipeline(masker, monkeypatch) -> None:
    run_mod = sys.modules["masking.stages.run"]

    seen = []
    real = run_mod.run

    def spy(source, setup, *args, **kwargs):
        res = real(source, setup, *args, **kwargs)
        seen.append(res)
        return res

    monkeypatch.setattr(run_mod, "run", spy)
    assert warm_up(masker) is True
    (res,) = seen
    types = {d.entity_type for d in res.detections}
    assert {"PERSON", "SE_PERSONNUMMER"} <= types  # names and numbers went through detect and decide
    text = "".join(p.get_text() for p in pymupdf.open(stream=res.output, filetype="pdf"))
    assert "811218-9876" not in text and "Lindqvist" not in text
    assert pymupdf.open(stream=warm_up_pdf(), filetype="pdf").page_count == 1


def test_a_failed_warm_up_does_not_stop_the_worker(masker, monkeypatch, caplog) -> None:
    run_mod = sys.modules["masking.stages.run"]

    def broken(*args, **kwargs):
        raise RuntimeError("Karin Lindqvist")  # a message that must not reach the log

    monkeypatch.setattr(run_mod, "run", broken)
    assert warm_up(masker) is False
    assert "RuntimeError" in caplog.text and "Lindqvist" not in caplog.text
