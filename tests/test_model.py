"""The shipped Swedish NER pipeline (models/sv_masking) and the news split of masking.evaluate_ner."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from masking.evaluate_ner import (
    NerCorpusNotFoundError,
    NewsSentence,
    corpus_path,
    read_news_corpus,
    split_news,
)

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "sv_masking"
HAVE_CORPUS = corpus_path().is_file()
needs_corpus = pytest.mark.skipif(
    not HAVE_CORPUS, reason=f"news NER corpus absent ({corpus_path()}; set MASKING_NER_CORPUS)"
)


@pytest.fixture(scope="module")
def nlp():
    from masking.nlp import load_pipeline

    return load_pipeline(MODEL)


def test_loads_by_path_offline_with_components_and_labels(monkeypatch):
    from masking.nlp import load_pipeline

    def blocked(*a, **k):
        raise OSError("network disabled in test")

    monkeypatch.setattr(socket.socket, "connect", blocked)
    monkeypatch.setattr(socket, "create_connection", blocked)
    nlp = load_pipeline(MODEL)
    assert nlp.pipe_names == ["tok2vec", "ner", "masking_lemmatizer"]
    assert sorted(nlp.get_pipe("ner").labels) == ["LOC", "ORG", "PER"]  # only PER is mapped (PERSON)
    assert nlp.config["components"]["masking_lemmatizer"]["use_lookup"] is False
    assert nlp.vocab.vectors.shape[0] == 0  # no static vectors


def test_analyzer_runs_the_model_by_path(monkeypatch):
    from masking.analyzer import AnalyzerConfig, TextAnalyzer

    monkeypatch.setenv("MASKING_MODEL_PATH", str(MODEL))
    analyzer = TextAnalyzer(AnalyzerConfig.load(ROOT / "masking" / "config" / "analyzer.yaml"))
    assert analyzer.has_ner and analyzer.model_name == "sv_masking"
    text = "Handläggaren har talat med Zhyar Qadirzada om ansökan."
    raw = analyzer.analyze_raw(text)
    start = text.index("Zhyar")
    assert any(f.recognizer == "spacy_ner" and f.entity_type == "PERSON" and f.start <= start < f.end for f in raw)


def test_meta_attributes_every_data_source():
    meta = json.loads((MODEL / "meta.json").read_text("utf-8"))
    text = json.dumps(meta["sources"], ensure_ascii=False)
    assert "klintan/swedish-ner-corpus" in text and "Språkbanken" in text and "Webbnyheter 2012" in text
    assert "CC BY 4.0" in text and "CC BY 4.0" in meta["license"]
    assert "masking.synth" in text


@pytest.mark.parametrize(
    "text, name",
    [
        ("Vi har räknat med Karin Lindqvists inkomst för hela året.", "Karin Lindqvists"),
        ("Handläggaren ringde upp Abdirahman Warsame Hirsi på måndagen.", "Abdirahman Warsame Hirsi"),
        ("Beslutet har fattats av Nguyen Thi Lan efter utredning.", "Nguyen Thi Lan"),
    ],
)
def test_finds_person_names(nlp, text, name):
    doc = nlp(text)
    start = text.index(name)
    found = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PER"]
    assert any(s <= start and start + len(name) <= e for s, e in found), found
    assert doc[0].lemma_ == doc[0].lower_  # masking_lemmatizer ran


_LAYOUT_TEXT = (
    "Beslut\n\nSökande:\tÅsa ÖBERG-Lind\nAdress: Storgatan 3, 123 45 Ängby\n"
    "Tel. 070-123 45 67 kl. 9–12 , t.ex. via e-post\n \n\t Handläggare: Per Ek\xa0(ombud)  \n"
)


def test_tokens_match_spacys_own_tokenizer_without_the_whitespace_rules(nlp):
    import spacy

    reference = spacy.blank("sv").tokenizer  # spaCy's Swedish tokenizer with all its special cases
    assert "\n" in reference.rules and "\n" not in nlp.tokenizer.rules
    assert "\xa0" in nlp.tokenizer.rules  # a rule that sets more than ORTH (NORM) stays
    for text in (_LAYOUT_TEXT, _LAYOUT_TEXT * 3, "\n", "\t\n", ""):
        for _ in range(2):  # the second time from the tokenizer's cache
            got = [(t.text, t.whitespace_, t.norm_, t.shape_) for t in nlp.tokenizer(text)]
            assert got == [(t.text, t.whitespace_, t.norm_, t.shape_) for t in reference(text)]


def test_lemmas_are_the_lower_case_forms(nlp):
    doc = nlp(_LAYOUT_TEXT)
    assert [t.lemma_ for t in doc] == [t.text.lower() for t in doc]
    assert "öberg-lind" in [t.lemma_ for t in doc]
    assert list(nlp("")) == []


def test_layers_use_numpy_blas_with_the_same_entities_and_scores(nlp):
    import numpy
    import spacy

    nodes = [n for _, c in nlp.pipeline if getattr(c, "model", None) is not None for n in c.model.walk()]
    assert nodes and all(getattr(n.ops, "use_blis", True) is False for n in nodes)
    reference = spacy.load(MODEL)  # thinc's default ops (BLIS kernels)
    texts = [_LAYOUT_TEXT, "Handläggare Mirela Kovačević ringde Ahmed Yusuf Warsame den 3 mars.",
             "Karin Ek och Per-Olof Lindqvist (ombud) bor på Storgatan 3."]
    for doc, ref in zip(nlp.pipe(texts), reference.pipe(texts)):
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [
            (e.start_char, e.end_char, e.label_) for e in ref.ents]
        assert numpy.allclose(doc.tensor, ref.tensor, atol=1e-5)


def test_no_person_in_plain_official_text(nlp):
    doc = nlp("Försäkringskassan har beslutat att du får sjukpenning från och med den 3 mars 2025.")
    assert [e.text for e in doc.ents if e.label_ == "PER"] == []


def _sentences():
    return [NewsSentence((f"ord{i}", "och", f"Namn{i % 7}"), ("O", "O", "PER")) for i in range(400)]


def test_news_split_is_deterministic_and_disjoint():
    a = split_news(_sentences())
    b = split_news(list(reversed(_sentences())))
    assert {s.key for s in a.dev} == {s.key for s in b.dev}
    assert not {s.key for s in a.dev} & {s.key for s in a.train}
    assert len(a.dev) + len(a.train) == 400 and 20 < len(a.dev) < 110


def test_reader_handles_the_corpus_quirks(tmp_path):
    f = tmp_path / "c.txt"
    f.write_text("Anna\tPER\nAndersson    PER\n\u00adsäger\t0\n,\t0\nbn\n\nI\t0\nLund\tLOC\n", encoding="utf-8")
    s = read_news_corpus(f)
    assert [x.tokens for x in s] == [("Anna", "Andersson", "säger", ",", "bn"), ("I", "Lund")]
    nt = s[0].to_text()
    assert nt.text == "Anna Andersson säger, bn"
    assert nt.entities == ((0, 14, "PER"),)
    with pytest.raises(NerCorpusNotFoundError):
        read_news_corpus(tmp_path / "missing.txt")


@needs_corpus
def test_real_news_split_is_disjoint_and_stable():
    sents = read_news_corpus()
    split = split_news(sents)
    dev, train = {s.key for s in split.dev}, {s.key for s in split.train}
    assert not dev & train
    assert 0.12 < len(split.dev) / len(sents) < 0.18
    assert split_news(sents).dev == split.dev
    assert not any("\u00ad" in t for s in sents for t in s.tokens)


@needs_corpus
def test_eval_ner_cli_prints_json(capsys):
    from masking.cli import main

    assert main(["eval", "--ner", "--model", str(MODEL), "--n", "2", "--json", "-"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["model"]["person_labels"] == ["PER"]
    assert r["news_dev"]["person_tokens"]["gold"] > 300
    assert r["synthetic"]["person"]["gold"] > 0 and r["speed"]["words_per_second"] > 0
    lay = r["news_dev_layered"]
    assert lay["threshold"] == 0.4 and lay["person_tokens"]["gold"] == r["news_dev"]["person_tokens"]["gold"]


def test_layered_news_counting_uses_the_threshold():
    from masking.analyzer import Finding
    from masking.evaluate_ner import evaluate_news_layered

    class Fake:
        def analyze(self, text, min_score=0.0):
            # "Anna" at 0.9, "Berg" at 0.3, "Lund" (not a person in gold) at 0.8
            found = [Finding(0, 4, "PERSON", 0.9, "x"), Finding(5, 9, "PERSON", 0.3, "x"), Finding(14, 18, "PERSON", 0.8, "x")]
            return [f for f in found if f.score >= min_score]

    sent = NewsSentence(("Anna", "Berg", "bor", "Lund"), ("PER", "PER", "O", "O"))
    assert sent.to_text().text == "Anna Berg bor Lund"
    r = evaluate_news_layered(Fake(), [sent], threshold=0.4)["person_tokens"]
    assert (r["gold"], r["recall"], r["precision"]) == (2, 0.5, 0.5)
    r = evaluate_news_layered(Fake(), [sent], threshold=0.25)["person_tokens"]
    assert (r["recall"], r["precision"]) == (1.0, pytest.approx(2 / 3, abs=1e-3))
