"""Analysis in batches (issue #14): a document's pages go through the spaCy pipeline together
(``TextAnalyzer.analyze_many``, stage *detect*), and the findings are those of one analysis per
page: the same spans, types, scores, recognizers and validation, in the same order."""

from __future__ import annotations

from masking.stages.decide import Decider
from masking.stages.detect import detect, detect_page
from masking.synth import generate_documents



def _pages(n: int) -> list[str]:
    texts = [t for d in generate_documents(n, seed=7, name_split="heldout") for t in d.pages]
    # blank pages, one with a soft hyphen and ligature (normalised, offsets mapped back), one
    # with a word hyphenated over a line end (joined by stage detect)
    return texts[:3] + ["", "   \n"] + texts[3:] + ["Sökande: Anna Anders\u00adson, ﬁlial 811218-9876",
                                                    "Handläggare Karin Lind-\nqvist, tel. 070-123 45 67"]


def test_analyze_many_equals_one_call_per_text(analyzer, monkeypatch) -> None:
    import masking.analyzer

    monkeypatch.setattr(masking.analyzer, "PIPE_BATCH", 4)
    texts = _pages(8)
    assert len(texts) > 2 * masking.analyzer.PIPE_BATCH  # several spaCy batches
    batched = list(analyzer.analyze_many(texts, min_score=0.3, exclude=("HEALTH",)))
    single = [analyzer.analyze(t, min_score=0.3, exclude=("HEALTH",)) for t in texts]
    assert len(batched) == len(texts)
    assert batched == single
    assert sum(len(f) for f in batched) > 50  # the comparison is not over empty lists
    assert batched[3] == [] and batched[4] == []
    last = texts[-1]
    assert any(last[f.start:f.end] == "070-123 45 67" for f in batched[-1])


def test_detect_batched_equals_page_by_page(masker) -> None:
    from masking.model import PageText

    pages = [PageText(number=i, width=595, height=842, rotation=0, text=t, glyphs=[], char_glyph=[-1] * len(t),
                      line_boxes=[]) for i, t in enumerate(_pages(3))]
    decider = Decider.of(masker.policy)
    batched = detect(masker.analyzer, pages, decider)
    single = [detect_page(masker.analyzer, p, decider) for p in pages]
    assert batched == single
    hyph = pages[-1]
    assert any(hyph.text[d.start:d.end] == "Karin Lind-\nqvist" for d in batched[-1])


def test_recognizers_run_in_configuration_order(analyzer) -> None:
    # Presidio's registry returned a set (memory-address order): which of two equal results was
    # kept (NER or lexicon name) changed from process to process
    names = [type(r).__name__ for r in analyzer.engine.registry.get_recognizers("sv", analyzer.entities)]
    configured = [spec.rpartition(":")[2] for spec in analyzer.config.recognizers]
    assert names == configured
    assert [type(r).__name__ for r in analyzer.engine.registry.get_recognizers("sv", ["PERSON"])] == [
        n for n in configured if n in ("SeNerPersonRecognizer", "SePersonNameRecognizer")
    ]
