"""masking eval --prose: false PERSON detections on prose, counted from tiny corpora written here."""

from __future__ import annotations

from pathlib import Path

from masking.evaluate_prose import evaluate_prose, format_prose_eval, read_prose, read_talbanken

CONLLU = """# newdoc id = T1
# sent_id = 1
# text = Status för arbetet.
1	Status	status	NOUN	_	_	0	root	_	_
2	för	för	ADP	_	_	3	case	_	_
3	arbetet	arbete	NOUN	_	_	1	nmod	_	SpaceAfter=No
4	.	.	PUNCT	_	_	1	punct	_	_

# sent_id = 2
# text = Handläggaren Anna Andersson ringde.
1	Handläggaren	handläggare	NOUN	_	_	4	nsubj	_	_
2	Anna	Anna	PROPN	_	_	1	appos	_	_
3	Andersson	Andersson	PROPN	_	_	2	flat	_	_
4	ringde	ringa	VERB	_	_	0	root	_	SpaceAfter=No
5	.	.	PUNCT	_	_	4	punct	_	_

"""

NEWS = "".join(
    f"Handläggaren\t0\nAnna\tPER\nAndersson\tPER\nringde\t0\n{i}\t0\ngånger\t0\n.\t0\n\n"
    f"Status\t0\növer\t0\närende\t0\n{i}\t0\n.\t0\n\n"
    for i in range(60)
)


def test_talbanken_tokens_carry_their_offsets(tmp_path: Path) -> None:
    (tmp_path / "t.conllu").write_text(CONLLU, encoding="utf-8")
    (text, toks), = read_talbanken(tmp_path)
    assert text.splitlines() == ["Status för arbetet.", "Handläggaren Anna Andersson ringde."]
    assert [text[a:b] for a, b, upos in toks if upos == "PROPN"] == ["Anna", "Andersson"]


def test_prose_files_lose_their_source_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("# source: somewhere, CC0\nRubrik\nText.\n", encoding="utf-8")
    assert read_prose(tmp_path / "a.txt") == "Rubrik\nText.\n"


def test_counts_detections_per_thousand_words(tmp_path: Path, monkeypatch) -> None:
    news = tmp_path / "news.txt"
    news.write_text(NEWS, encoding="utf-8")  # 120 distinct sentences: some fall in the dev split
    monkeypatch.setenv("MASKING_NER_CORPUS", str(news))
    prose = tmp_path / "prose"
    prose.mkdir()
    (prose / "a.txt").write_text(
        "# source: test\nStatus\nHandläggaren Anna Andersson har granskat underlaget i ärendet.\n", encoding="utf-8"
    )
    result = evaluate_prose(prose_dir=prose, sources=("news", "prose"), show=True)
    pr = result["prose"]
    assert pr["words"] == 9 and pr["person_detections"] == 1  # the name, not the heading
    assert pr["detections_per_1000_words"] == 111.111
    news_result = result["news"]
    assert news_result["sentences"] > 0 and news_result["per_tokens"] > 0
    assert news_result["false_person_detections"] == 0
    assert news_result["per_token_recall"] == 1.0 and news_result["per_entities_missed"] == 0
    report = format_prose_eval(result)
    assert "agency prose: 9 words" in report and "[[Anna Andersson]]" in report
