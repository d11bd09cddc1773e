"""masking anonymize: the four operators through presidio-anonymizer, consistency within the
scope, zero leaks, keyed pseudonyms across documents and runs, the encrypt round trip only with
the key, and the CLI on PDF, text and JSONL."""

from __future__ import annotations

import json
import re

import pytest
from presidio_anonymizer import AnonymizerEngine

from masking.anonymize import AnonymizeKey, Anonymizer, decrypt_text
from masking.anonymize.errors import DeanonymizeError
from masking.anonymize.values import digits_of, phone_valid, pnr_valid
from masking.synth import generate_document
from masking.synth.render import render_pdf
from masking.textmatch import SqueezedText, find_occurrences, normalise_value

TEXT = (
    "Anna Svensson (811218-9876) ringde från 070-123 45 67. Annas bil står på Storgatan 12, "
    "123 45 Stockholm. ANNA SVENSSON har diagnos F32.1. Handläggare Lars Berg mejlade "
    "anna.svensson@gmail.com. Anna Svenssons hund heter Sixten."
)
ORIGINALS = ["Anna Svensson", "811218-9876", "070-123 45 67", "Storgatan 12", "123 45", "F32.1", "Lars Berg",
             "anna.svensson@gmail.com"]
KEY = AnonymizeKey.from_secret(b"k" * 32)
OTHER_KEY = AnonymizeKey.from_secret(b"j" * 32)


def leaked(output: str, value: str, is_name: bool) -> bool:
    """The leak check of masking eval: the value still findable in the output."""
    key = normalise_value(value)
    sq = SqueezedText.of(output)
    return bool(key in sq.squeezed and find_occurrences(sq, key, allow_genitive=is_name,
                                                        require_capital=is_name and len(key) < 5))


@pytest.fixture(scope="module")
def analysed(masker):
    return Anonymizer(masker).analyse_parts("t", [TEXT])


def run(masker, analysed, operator, **kw):
    a = Anonymizer(masker, operator=operator, key=kw.pop("key", KEY), seed=kw.pop("seed", 7), **kw)
    return a, a.anonymize([analysed])[0].parts[0]


@pytest.mark.parametrize("operator", ["tag", "surrogate", "hmac", "encrypt"])
def test_no_original_value_remains(masker, analysed, operator) -> None:
    a, out = run(masker, analysed, operator)
    assert isinstance(a.engine, AnonymizerEngine)  # presidio-anonymizer does the replacing
    for v in ORIGINALS:
        assert not leaked(out, v, v[0].isupper() and " " in v), (operator, v)
    assert "Anna" not in out and "Svensson" not in out.replace("svensson", "")


def test_tag_numbers_values_consistently(masker, analysed) -> None:
    _, out = run(masker, analysed, "tag")
    assert out.startswith("[PERSON_1] ([PNR_1]) ringde från [TELEFON_1]. [PERSON_1]:s bil")
    assert "[PERSON_1] har diagnos" in out  # ANNA SVENSSON is the same person
    assert "Handläggare [PERSON_2]" in out and "[PERSON_1]:s hund" in out


def test_surrogate_is_consistent_inflected_and_valid(masker, analysed) -> None:
    _, out = run(masker, analysed, "surrogate")
    m = re.match(r"(\w+) (\w+) \((\d{6}-\d{4})\) ringde från (\S+ \S+ \S+)\. (\w+) bil", out)
    assert m, out
    first, last, pnr, phone, genitive = m.groups()
    assert genitive == first + "s"  # Annas → Karins
    assert f"{first.upper()} {last.upper()} har diagnos F00–F99" in out  # capitals, ICD-10 chapter
    assert f"{first} {last}s hund" in out or f"{first} {last} hund" in out
    assert f"{first.lower()}.{last.lower()}@gmail.com".replace("å", "a") in out or "@gmail.com" in out
    from masking.anonymize.names import FEMALE, lookup

    assert lookup(first).gender == FEMALE  # Anna is a woman's name: so is the surrogate
    assert pnr_valid(pnr) and pnr != "811218-9876" and pnr[:1] == "8"  # 1980s
    assert int(digits_of(pnr)[8]) % 2 == 1  # the gender digit keeps its parity
    assert phone_valid("070-123 45 67", phone) and phone != "070-123 45 67"


def test_surrogate_samordningsnummer_and_century(masker) -> None:
    a = Anonymizer(masker, operator="surrogate", seed=3)
    out = a.anonymize_text("Sökande: Eva Lind, 19811278-9862, och Eva Lind igen.")
    pnr = re.search(r"\d{8}-\d{4}", out).group()
    assert pnr.startswith("198") and int(pnr[6:8]) > 60 and pnr_valid(pnr) and pnr != "19811278-9862"
    assert out.count(out.split(",")[0].split(": ")[1]) == 2  # the name twice, the same surrogate


def test_hmac_same_value_same_pseudonym_across_documents_and_runs(masker) -> None:
    docs = ["Anna Svensson, 811218-9876, ringde.", "Brev till Anna Svensson (811218-9876) i dag."]
    outs = [Anonymizer(masker, operator="hmac", key=KEY).anonymize_text(d) for d in docs]
    pnr = re.findall(r"\[PNR_[0-9a-f]{12}\]", outs[0] + outs[1])
    person = re.findall(r"\[PERSON_[0-9a-f]{12}\]", outs[0] + outs[1])
    assert len(pnr) == 2 and pnr[0] == pnr[1]
    assert len(person) == 2 and person[0] == person[1]
    again = Anonymizer(masker, operator="hmac", key=KEY).anonymize_text(docs[0])
    assert again == outs[0]  # another run, the same key
    other = Anonymizer(masker, operator="hmac", key=OTHER_KEY).anonymize_text(docs[0])
    assert other != outs[0] and "811218" not in other


def test_encrypt_round_trip_only_with_the_key(masker, analysed) -> None:
    _, out = run(masker, analysed, "encrypt")
    assert out.count("[ENC:") >= 8
    back, n = decrypt_text(out, KEY)
    assert back == TEXT and n >= 8
    with pytest.raises(DeanonymizeError):
        decrypt_text(out, OTHER_KEY)
    # the same value, also in capitals or the genitive, is one token
    tokens = re.findall(r"\[ENC:PERSON:[kul]:([^\]]+)\]", out)
    assert len(set(tokens)) < len(tokens)


def test_corpus_scope_tags_across_documents(masker) -> None:
    a = Anonymizer(masker, operator="tag", scope="corpus")
    docs = [a.analyse_parts("1", ["Karl Berg ringde."]), a.analyse_parts("2", ["Eva Lind och Karl Berg."])]
    out = [d.parts[0] for d in a.anonymize(docs)]
    assert out == ["[PERSON_1] ringde.", "[PERSON_2] och [PERSON_1]."]


def _truth_values(doc) -> list[tuple[str, str]]:
    return [(e.text, e.type) for page in doc.entities for e in page]


def test_cli_pdf_text_jsonl_all_operators(masker, tmp_path, monkeypatch) -> None:
    from masking.anonymize.keys import create_key_file
    from masking.cli import main

    doc = generate_document(0, seed=11, name_split="heldout")
    (tmp_path / "doc.pdf").write_bytes(render_pdf(doc))
    (tmp_path / "note.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "rows.jsonl").write_text(json.dumps({"id": 1, "body": TEXT}) + "\n", encoding="utf-8")
    key = tmp_path / "k.key"
    create_key_file(key)
    monkeypatch.setenv("MASKING_AUDIT_URL", str(tmp_path / "audit.sqlite3"))
    for op in ("tag", "surrogate", "hmac", "encrypt"):
        out = tmp_path / op
        rc = main(["anonymize", str(tmp_path / "doc.pdf"), str(tmp_path / "note.txt"), str(tmp_path / "rows.jsonl"),
                   "-o", str(out), "--operator", op, "--key-file", str(key), "--text-field", "body"])
        assert rc == 0
        pdf_text = (out / "doc.txt").read_text(encoding="utf-8")
        for value, etype in _truth_values(doc):
            assert not leaked(pdf_text, value, etype == "PERSON"), (op, etype)
        for text in ((out / "note.txt").read_text(encoding="utf-8"),
                     json.loads((out / "rows.jsonl").read_text(encoding="utf-8"))["body"]):
            for v in ORIGINALS:
                assert not leaked(text, v, " " in v), (op, v)
        report = (out / "anonymize-report.json").read_text(encoding="utf-8")
        assert json.loads(report)["operator"] == op
        for v in ORIGINALS + [v for v, _ in _truth_values(doc)]:
            assert normalise_value(v) not in normalise_value(report)
    # decrypt: an authorised role gets the exact text back; others are refused
    assert main(["deanonymize", str(tmp_path / "encrypt" / "note.txt"), "-o", str(tmp_path / "back"),
                 "--key-file", str(key)]) == 0
    assert (tmp_path / "back" / "note.txt").read_text(encoding="utf-8") == TEXT
    assert main(["deanonymize", str(tmp_path / "encrypt" / "note.txt"), "-o", str(tmp_path / "back2"),
                 "--key-file", str(key), "--role", "reviewer"]) != 0
    assert not (tmp_path / "back2").exists()
    # the audit log: one event per run, types and counts, never a value
    from masking.audit import open_audit_log

    with open_audit_log(str(tmp_path / "audit.sqlite3")) as log:
        events = [e for e in log.events() if e.kind in ("anonymization", "deanonymization")]
    assert [e.kind for e in events] == ["anonymization"] * 4 + ["deanonymization"] * 2
    # the refused role's attempt is recorded too
    assert [(e.role, e.details.get("outcome")) for e in events[4:]] == [("registrar", "full"), ("reviewer", "refused")]
    dump = json.dumps([e.to_dict() for e in events], ensure_ascii=False)
    assert events[0].details["by_type"]["PERSON"] > 0
    for v in ORIGINALS:
        assert normalise_value(v) not in normalise_value(dump)


def test_pdf_output_is_a_new_text_pdf(masker, tmp_path) -> None:
    import pymupdf

    from masking.anonymize.run import anonymize_files

    (tmp_path / "in.txt").write_text(TEXT, encoding="utf-8")
    anonymize_files([tmp_path / "in.txt"], tmp_path / "out", Anonymizer(masker, operator="tag"), fmt="pdf")
    with pymupdf.open(tmp_path / "out" / "in.pdf") as d:
        text = "".join(p.get_text() for p in d)
    assert "[PERSON_1]" in text and "Anna" not in text and "811218" not in text


def test_evaluation_on_generated_documents(masker) -> None:
    """masking eval --anonymize on a few generated documents: no leaks, consistency 1.0,
    surrogate validity 1.0, and the analyzer still finds the surrogate names as names."""
    from masking.anonymize.evaluate import evaluate_anonymize

    r = evaluate_anonymize(n=6, seed=2026, masker=masker)
    for op, row in r["operators"].items():
        assert row["leaks"] == 0, (op, row["leaks_by_type"])
        assert row["repeated_values"] > 5 and row["consistency"] == 1.0, op
    sur = r["operators"]["surrogate"]
    assert sur["validity"] == 1.0 and sur["validity_by_type"].get("SE_PERSONNUMMER") == 1.0
    assert sur["surrogate_names"] > 30 and sur["names_found_as_names"] >= 0.95


def test_name_order_parts_and_century_stay_consistent(masker) -> None:
    text = "Sökande: Svensson, Anna (19811218-9876). Anna Svensson har personnummer 811218-9876. Svensson ringde."
    tag = Anonymizer(masker, operator="tag").anonymize_text(text)
    assert tag == "Sökande: [PERSON_1] ([PNR_1]). [PERSON_1] har personnummer [PNR_1]. [PERSON_1] ringde."
    sur = Anonymizer(masker, operator="surrogate", seed=5).anonymize_text(text)
    m = re.match(r"Sökande: (\w+), (\w+) \((\d{8}-\d{4})\)\. (\w+) (\w+) har personnummer (\d{6}-\d{4})\. (\w+) ringde\.", sur)
    assert m, sur
    last, first, long_pnr, first2, last2, short_pnr, last3 = m.groups()
    assert (first, last) == (first2, last2) and last3 == last and "Anna" not in sur
    assert long_pnr[2:] == short_pnr and long_pnr.startswith("198") and pnr_valid(short_pnr)


def test_scanned_pdf_is_read_by_ocr(masker, tmp_path) -> None:
    """A scan (no text layer) is OCR'd as masking redact reads it, then pseudonymised."""
    import pymupdf

    from masking.synth.scan import ScanStyle, render_scanned_pdf

    doc = pymupdf.open()
    page = doc.new_page(width=360, height=150)
    for i, line in enumerate(["Beslut om bostadsbidrag", "Sökande: Anna Andersson", "Personnummer: 811218-9876",
                              "Anna Andersson har rätt till bidrag."]):
        page.insert_text((24, 30 + 18 * i), line, fontsize=11, fontname="helv")
    scan, _ = render_scanned_pdf(doc.tobytes(), seed=3, style=ScanStyle(dpi=200, noise=8.0, blur=0.5,
                                                                         max_skew_deg=0.8, speckles=40))
    (tmp_path / "scan.pdf").write_bytes(scan)
    a = Anonymizer(masker, operator="tag")
    analysed = a.analyse_pdf(tmp_path / "scan.pdf")
    assert analysed.ocr_pages == 1
    out = a.anonymize([analysed])[0].parts[0]
    assert "[PERSON_1]" in out and "[PNR_1]" in out and "bostadsbidrag" in out
    for v in ("Anna Andersson", "811218-9876"):
        assert not leaked(out, v, v[0].isalpha())


def test_hmac_defaults_to_the_audit_key(masker, tmp_path, monkeypatch) -> None:
    from masking.audit.keys import AuditKey
    from masking.cli import main

    secret = bytes(range(32))
    monkeypatch.setenv("MASKING_AUDIT_KEY", secret.hex())
    monkeypatch.setenv("MASKING_AUDIT_URL", str(tmp_path / "audit.sqlite3"))
    (tmp_path / "a.txt").write_text("Anna Svensson ringde.", encoding="utf-8")
    outs = []
    for run_no in range(2):
        assert main(["anonymize", str(tmp_path / "a.txt"), "-o", str(tmp_path / f"o{run_no}"), "--operator", "hmac"]) == 0
        outs.append((tmp_path / f"o{run_no}" / "a.txt").read_text(encoding="utf-8"))
        report = json.loads((tmp_path / f"o{run_no}" / "anonymize-report.json").read_text(encoding="utf-8"))
        assert report["key_id"] == AuditKey(secret).key_id
    assert outs[0] == outs[1] and re.fullmatch(r"\[PERSON_[0-9a-f]{12}\] ringde\.", outs[0])
    assert main(["anonymize", str(tmp_path / "a.txt"), "-o", str(tmp_path / "e"), "--operator", "encrypt"]) == 2


def test_deanonymize_reads_the_pdf_output(masker, tmp_path, monkeypatch) -> None:
    """anonymize --format pdf with encrypt, then deanonymize on the PDF: every value comes back
    exactly, also from a token the writer broke over a line; another key gives nothing."""
    import pymupdf

    from masking.anonymize.io import read_pdf_text, text_pdf
    from masking.anonymize.keys import create_key_file
    from masking.cli import main

    long_text = TEXT + " Adressen är Långa Kungsgatans östra förlängning 123, lägenhet 1101, 123 45 Stockholm."
    (tmp_path / "in.txt").write_text(long_text, encoding="utf-8")
    key = tmp_path / "k.key"
    create_key_file(key)
    monkeypatch.setenv("MASKING_AUDIT_URL", str(tmp_path / "audit.sqlite3"))
    assert main(["anonymize", str(tmp_path / "in.txt"), "-o", str(tmp_path / "enc"), "--operator", "encrypt",
                 "--key-file", str(key), "--format", "pdf"]) == 0
    assert main(["deanonymize", str(tmp_path / "enc" / "in.pdf"), "-o", str(tmp_path / "back"),
                 "--key-file", str(key)]) == 0
    back = (tmp_path / "back" / "in.txt").read_text(encoding="utf-8")
    assert "[ENC:" not in back and " ".join(back.split()) == " ".join(long_text.split())
    other = tmp_path / "other.key"
    create_key_file(other)
    assert main(["deanonymize", str(tmp_path / "enc" / "in.pdf"), "-o", str(tmp_path / "back2"),
                 "--key-file", str(other)]) != 0
    assert not (tmp_path / "back2").exists()
    from masking.audit import open_audit_log

    with open_audit_log(str(tmp_path / "audit.sqlite3")) as log:  # the wrong key's attempt is audited
        outcomes = [e.details.get("outcome") for e in log.events() if e.kind == "deanonymization"]
    assert outcomes == ["full", "refused"]
    # a token longer than a line, broken by the writer, is joined again by the reader
    token = "[ENC:SE_ADDRESS:k:" + "A" * 150 + "==]"
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(text_pdf([f"Bor på {token}, sedan 2019.\nNästa rad."]))
    back = read_pdf_text(pdf)
    assert token in back and " ".join(back.split()) == f"Bor på {token}, sedan 2019. Nästa rad."
    with pymupdf.open(pdf) as d:  # every line is drawn inside the page (nothing clipped)
        page = d[0]
        assert all(page.rect.contains(pymupdf.Rect(b[:4])) for b in page.get_text("blocks"))


def test_deanonymize_roles_are_configurable(tmp_path, monkeypatch) -> None:
    from masking.anonymize.keys import create_key_file
    from masking.cli import main

    key = tmp_path / "k.key"
    create_key_file(key)
    (tmp_path / "in.txt").write_text("ingen token här", encoding="utf-8")
    monkeypatch.setenv("MASKING_AUDIT_URL", str(tmp_path / "audit.sqlite3"))
    monkeypatch.setenv("MASKING_DEANONYMIZE_ROLES", "dataskyddsombud, arkivarie")
    args = [str(tmp_path / "in.txt"), "--key-file", str(key)]
    assert main(["deanonymize", *args, "-o", str(tmp_path / "a"), "--role", "registrar"]) != 0  # no longer listed
    assert not (tmp_path / "a").exists()
    assert main(["deanonymize", *args, "-o", str(tmp_path / "b"), "--role", "arkivarie"]) == 0
    monkeypatch.setenv("MASKING_DEANONYMIZE_ROLES", " ")  # blank: the default roles
    assert main(["deanonymize", *args, "-o", str(tmp_path / "c"), "--role", "registrar"]) == 0
    assert main(["deanonymize", *args, "-o", str(tmp_path / "d"), "--role", "reviewer"]) != 0
    from masking.audit import open_audit_log

    with open_audit_log(str(tmp_path / "audit.sqlite3")) as log:
        seen = [(e.role, e.details.get("outcome")) for e in log.events() if e.kind == "deanonymization"]
    assert seen == [("registrar", "refused"), ("arkivarie", "full"), ("registrar", "full"), ("reviewer", "refused")]


def test_docx_out_and_in_round_trip(masker, tmp_path, monkeypatch) -> None:
    """--format docx writes a Word document of the pseudonymised text (no input value in any of
    its parts, no author of its own), a DOCX input is read by its paragraphs, and deanonymize
    brings every encrypted value back from the DOCX."""
    import zipfile

    from masking.anonymize.io import docx_bytes, read_docx_text
    from masking.anonymize.keys import create_key_file
    from masking.cli import main

    monkeypatch.setenv("MASKING_AUDIT_URL", str(tmp_path / "audit.sqlite3"))
    (tmp_path / "in.txt").write_text(TEXT, encoding="utf-8")
    assert main(["anonymize", str(tmp_path / "in.txt"), "-o", str(tmp_path / "tag"), "--format", "docx"]) == 0
    out = tmp_path / "tag" / "in.docx"
    with zipfile.ZipFile(out) as z:  # every XML part of the package, not only the body
        blob = b"".join(z.read(n) for n in z.namelist()).decode("utf-8", "replace")
    for value in ("Anna", "Svensson", "811218"):
        assert value not in blob
    assert "[PERSON_1]" in read_docx_text(out) and "python-docx" not in blob
    # a DOCX input: its parts (page breaks) and lines survive, its values are replaced
    src = tmp_path / "src.docx"
    src.write_bytes(docx_bytes([TEXT, "Andra sidan.\nAnna Svensson igen."]))
    assert read_docx_text(src) == TEXT + "\fAndra sidan.\nAnna Svensson igen."
    assert main(["anonymize", str(src), "-o", str(tmp_path / "fromdocx")]) == 0
    text = (tmp_path / "fromdocx" / "src.txt").read_text(encoding="utf-8")
    assert "Anna" not in text and "Andra sidan." in text and "\f" in text
    # encrypt to DOCX, then back with the key
    key = tmp_path / "k.key"
    create_key_file(key)
    assert main(["anonymize", str(tmp_path / "in.txt"), "-o", str(tmp_path / "enc"), "--operator", "encrypt",
                 "--key-file", str(key), "--format", "docx"]) == 0
    assert main(["deanonymize", str(tmp_path / "enc" / "in.docx"), "-o", str(tmp_path / "back"),
                 "--key-file", str(key)]) == 0
    assert (tmp_path / "back" / "in.txt").read_text(encoding="utf-8") == TEXT


def test_pdf_writer_cuts_a_long_word_only_inside_a_token() -> None:
    """A word wider than the line is cut inside its token, where the reader joins it again; a cut
    right after a token's ']' (before '.') read back as a line break, about 1 run in 50."""
    import base64
    import random

    from masking.anonymize.io import _cut_inside_token, read_pdf_text, text_pdf

    word = "[ENC:SE_ADDRESS:k:AAAA]."
    assert _cut_inside_token(word, len(word) - 1) == len(word) - 2  # not between ']' and '.'
    assert _cut_inside_token("(" + word, 1) == 1  # no room inside: the line's cut stands
    rng = random.Random(7)
    base = "Anna bor på {} och {}. Hon ringde {} i dag, sedan skrev {}."
    for _ in range(40):
        toks = ["[ENC:SE_ADDRESS:k:" + base64.urlsafe_b64encode(rng.randbytes(rng.choice([32, 48, 64, 80]))).decode() + "]"
                for _ in range(4)]
        text = base.format(*toks)
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as d:
            pdf = Path(d) / "t.pdf"
            pdf.write_bytes(text_pdf([text]))
            assert " ".join(read_pdf_text(pdf).split()) == text


@pytest.mark.parametrize("name, data", [("latin1.txt", "Anna Öberg ringde".encode("latin-1")),
                                        ("latin1.jsonl", '{"text": "Anna Öberg"}\n'.encode("latin-1"))])
def test_an_input_that_is_not_utf8_is_a_one_line_input_error(tmp_path, capsys, name, data) -> None:
    from masking.cli import main

    (tmp_path / name).write_bytes(data)
    assert main(["anonymize", str(tmp_path / name), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"masking: {name}: not UTF-8 text" and "Anna" not in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())  # nothing written
