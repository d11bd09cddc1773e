"""``masking eval``: score masking against annotated documents (synthetic ground truth).

For each document ``NAME.pdf`` with ``NAME.truth.json`` (see :mod:`masking.synth`), the PDF is
masked with the full pipeline and scored:

* **recall per entity type** (and per name-origin group for PERSON): a true entity counts as
  found when every one of its characters in the input's text layer lies inside a masked span;
* **precision per predicted type**: masked spans that overlap some true entity;
* **word precision**: masked words that belong to a true entity, over all masked words;
* **over-masking of non-personal data** (dates, amounts, dnr, SFS, agencies …);
* **leaks**: true values still extractable from the *output* (same matching as verification).

Two generators feed it (``generator``): ``"own"`` (:mod:`masking.synth`, the corpus the project
was built with) and ``"independent"`` (:mod:`masking.indep`, written apart from the recognizers,
for measuring only). Independent documents carry each value's written ``form`` and ``ctx``, so
the result also gives recall per form and the misses and leaks grouped by class.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Optional

import pymupdf

from .entities import ADDRESS_TYPES, HEALTH_TYPES, PERSON, STRUCTURED_IDENTIFIERS
from .errors import MaskingError
from .pdf import extract_page_text
from .pipeline import Masker
from .textmatch import SqueezedText, find_occurrences, normalise_value


def _covered(mask: list[bool], start: int, end: int, text: str) -> bool:
    return all(mask[i] for i in range(start, end) if not text[i].isspace() and text[i] not in "-‐")


def _locate(sq: SqueezedText, text: str, etype: str, nth: int) -> Optional[tuple[int, int]]:
    key = normalise_value(text)
    occ = find_occurrences(sq, key, allow_genitive=etype == PERSON)
    if not occ:
        occ = find_occurrences(sq, key)
    if not occ:
        return None
    return occ[min(nth, len(occ) - 1)]


class _Counter:
    def __init__(self) -> None:
        self.tp = 0
        self.n = 0

    def add(self, ok: bool) -> None:
        self.n += 1
        self.tp += int(ok)

    def rate(self) -> Optional[float]:
        return round(self.tp / self.n, 4) if self.n else None


def evaluate_document(masker: Masker, pdf_bytes: bytes, truth: dict, acc: dict) -> None:
    result = masker.mask_bytes(pdf_bytes, name=truth.get("id", "doc"))
    doc = pymupdf.open(stream=pdf_bytes, filetype="pdf")
    out = pymupdf.open(stream=result.output, filetype="pdf")
    try:
        # the pipeline's own view of the input text (same extraction as masking)
        from .pdf import prepare_for_redaction

        prepare_for_redaction(doc)
        for pno, tpage in enumerate(truth["pages"]):
            if pno >= doc.page_count:
                break
            pt = extract_page_text(doc[pno])
            text = pt.text
            mask = [False] * len(text)
            dets = [d for d in result.detections if d.page == pno]
            for d in dets:
                for i in range(d.start, min(d.end, len(text))):
                    mask[i] = True
            sq = SqueezedText.of(text)
            truth_spans: list[tuple[int, int, str]] = []
            seen: dict[tuple[str, str], int] = defaultdict(int)
            for ent in sorted(tpage["entities"], key=lambda e: e["start"]):
                k = (ent["type"], normalise_value(ent["text"]))
                span = _locate(sq, ent["text"], ent["type"], seen[k])
                seen[k] += 1
                ok = span is not None and _covered(mask, span[0], span[1], text)
                if span is not None:
                    truth_spans.append((span[0], span[1], ent["type"]))
                # every other occurrence of a true value is personal data too (for precision)
                for s2, e2 in find_occurrences(sq, k[1], allow_genitive=ent["type"] == PERSON):
                    truth_spans.append((s2, e2, ent["type"]))
                acc["recall"][ent["type"]].add(ok)
                if ent["type"] == PERSON:
                    acc["person_origin"][ent.get("origin") or "unknown"].add(ok)
                    acc["person_form"]["lower" if ent["text"].islower() else "upper" if ent["text"].isupper() else "title"].add(ok)
                if not ok:
                    acc["misses"][ent["type"]] += 1
                _by_class(acc, truth, ent, ok)
            for keep in tpage.get("keep", []):
                kspan = _locate(sq, keep["text"], keep["type"], 0)
                if kspan is not None:
                    hit = any(mask[i] for i in range(kspan[0], kspan[1]))
                    acc["keep"][keep["type"]].add(not hit)
            for d in dets:
                ok = any(d.start < e and s < d.end for s, e, _ in truth_spans)
                acc["precision"][d.entity_type].add(ok)
            # word precision: whitespace tokens with any masked character
            i = 0
            n = len(text)
            while i < n:
                if text[i].isspace():
                    i += 1
                    continue
                j = i
                while j < n and not text[j].isspace():
                    j += 1
                if any(mask[i:j]):
                    ok = any(i < e and s < j for s, e, _ in truth_spans)
                    acc["words"].add(ok)
                i = j
            # leaks: true values still extractable from the output page
            if pno < out.page_count:
                osq = SqueezedText.of(extract_page_text(out[pno]).text)
                for ent in tpage["entities"]:
                    key = normalise_value(ent["text"])
                    is_name = ent["type"] == PERSON
                    if key in osq.squeezed and find_occurrences(
                        osq, key, allow_genitive=is_name, require_capital=is_name and len(key) < 5
                    ):
                        acc["leaks"] += 1
                        acc["leaks_by_type"][ent["type"]] += 1
                        if ent.get("form"):
                            acc["leak_classes"][_class_key(truth, ent)] += 1
        for value in truth.get("metadata_values", []):
            key = normalise_value(value)
            meta = " ".join(str(v) for v in (out.metadata or {}).values() if v) + " " + " ".join(
                str(t[1]) for t in out.get_toc()
            )
            if key and key in normalise_value(meta):
                acc["leaks"] += 1
                acc["leaks_by_type"]["metadata"] += 1
        acc["pages"] += doc.page_count
    finally:
        doc.close()
        out.close()


def _class_key(truth: dict, ent: dict) -> str:
    """A miss class: type, written form (without the letter case), context and document kind."""
    form = ent.get("form") or ""
    return f"{ent['type']} | {form} | {ent.get('ctx') or '-'} | {truth.get('kind') or '-'}"


def _by_class(acc: dict, truth: dict, ent: dict, ok: bool) -> None:
    form = ent.get("form")
    if not form:  # the own generator's truth has no written forms
        return
    acc["form"][form].add(ok)
    if not ok:
        acc["miss_classes"][_class_key(truth, ent)] += 1


def _form_table(forms: dict) -> dict[str, dict]:
    return {k: {"n": v.n, "recall": v.rate()} for k, v in sorted(forms.items())}


def _group(acc_recall: dict, types) -> Optional[float]:
    tp = sum(acc_recall[t].tp for t in types if t in acc_recall)
    n = sum(acc_recall[t].n for t in types if t in acc_recall)
    return round(tp / n, 4) if n else None


def evaluate_corpus(
    corpus: Optional[Path],
    n: int = 100,
    seed: int = 2026,
    split: str = "heldout",
    policy: Optional[str] = None,
    out_dir: Optional[Path] = None,
    masker: Optional[Masker] = None,
    generator: str = "own",
) -> dict[str, Any]:
    """Score a corpus directory, or ``n`` documents generated by ``generator`` (own | independent)."""
    masker = masker or Masker(policy=policy)
    tmp = None
    if corpus is None:
        tmp = tempfile.TemporaryDirectory(prefix="masking-eval-")
        corpus = Path(tmp.name)
        if generator == "independent":
            from .indep import write_corpus as write_indep

            write_indep(corpus, n=n, seed=seed)
        elif generator == "own":
            from .synth import write_corpus

            write_corpus(corpus, n=n, seed=seed, name_split=split)
        else:
            raise ValueError(f"unknown generator {generator!r}")
    acc: dict[str, Any] = {
        "recall": defaultdict(_Counter),
        "precision": defaultdict(_Counter),
        "person_origin": defaultdict(_Counter),
        "person_form": defaultdict(_Counter),
        "keep": defaultdict(_Counter),
        "words": _Counter(),
        "misses": defaultdict(int),
        "leaks": 0,
        "leaks_by_type": defaultdict(int),
        "pages": 0,
        "form": defaultdict(_Counter),
        "miss_classes": defaultdict(int),
        "leak_classes": defaultdict(int),
    }
    failures: list[dict] = []
    t0 = time.perf_counter()
    truths = sorted(corpus.glob("*.truth.json"))
    for tpath in truths:
        pdf = tpath.with_name(tpath.name[: -len(".truth.json")] + ".pdf")
        truth = json.loads(tpath.read_text(encoding="utf-8"))
        try:
            evaluate_document(masker, pdf.read_bytes(), truth, acc)
        except MaskingError as exc:
            failures.append({"document": pdf.name, "kind": exc.kind, "error": exc.message})
    seconds = time.perf_counter() - t0
    if tmp is not None:
        tmp.cleanup()
    recall = acc["recall"]
    origins = {k: v.rate() for k, v in sorted(acc["person_origin"].items())}
    nordic = origins.get("nordic")
    non_nordic_tp = sum(v.tp for k, v in acc["person_origin"].items() if k not in ("nordic", "unknown"))
    non_nordic_n = sum(v.n for k, v in acc["person_origin"].items() if k not in ("nordic", "unknown"))
    return {
        "generator": generator if tmp is not None else "corpus",
        "documents": len(truths),
        "pages": acc["pages"],
        "seconds": round(seconds, 2),
        "policy": masker.policy.describe(),
        "model": {"name": masker.analyzer.model_name, "version": masker.analyzer.model_version},
        "recall": {k: v.rate() for k, v in sorted(recall.items())},
        "support": {k: v.n for k, v in sorted(recall.items())},
        "recall_groups": {
            "structured_identifiers": _group(recall, STRUCTURED_IDENTIFIERS),
            "addresses": _group(recall, ADDRESS_TYPES),
            "names": _group(recall, {PERSON}),
            "health": _group(recall, HEALTH_TYPES),
        },
        "person_recall_by_origin": origins,
        "person_recall_nordic": nordic,
        "person_recall_non_nordic": round(non_nordic_tp / non_nordic_n, 4) if non_nordic_n else None,
        "person_recall_by_form": {k: v.rate() for k, v in sorted(acc["person_form"].items())},
        "precision": {k: v.rate() for k, v in sorted(acc["precision"].items())},
        "word_precision": acc["words"].rate(),
        "non_personal_kept": {k: v.rate() for k, v in sorted(acc["keep"].items())},
        "misses": dict(sorted(acc["misses"].items())),
        "leaks": acc["leaks"],
        "leaks_by_type": dict(acc["leaks_by_type"]),
        "failures": failures,
        "recall_by_form": _form_table(acc["form"]),
        "miss_classes": dict(sorted(acc["miss_classes"].items(), key=lambda kv: (-kv[1], kv[0]))),
        "leak_classes": dict(sorted(acc["leak_classes"].items(), key=lambda kv: (-kv[1], kv[0]))),
    }


def format_eval(r: dict[str, Any]) -> str:
    lines = [
        f"documents {r['documents']}, pages {r['pages']}, {r['seconds']} s; model {r['model']['name']} {r['model']['version']}; policy {r['policy']['name']}",
        "",
        f"{'type':<24}{'support':>8}{'recall':>9}{'precision':>11}",
    ]
    for t in sorted(set(r["recall"]) | set(r["precision"])):
        rec = r["recall"].get(t)
        prec = r["precision"].get(t)
        lines.append(
            f"{t:<24}{r['support'].get(t, 0):>8}{'' if rec is None else f'{rec:.4f}':>9}{'' if prec is None else f'{prec:.4f}':>11}"
        )
    g = r["recall_groups"]
    lines += [
        "",
        f"recall: structured identifiers {g['structured_identifiers']}, addresses {g['addresses']}, names {g['names']}, "
        f"health {g.get('health')}",
        f"names by origin: {r['person_recall_by_origin']}",
        f"names nordic {r['person_recall_nordic']} vs non-nordic {r['person_recall_non_nordic']}; by form {r['person_recall_by_form']}",
        f"word precision {r['word_precision']}",
        f"non-personal data kept: {r['non_personal_kept']}",
        f"leaks {r['leaks']} {r['leaks_by_type'] or ''}",
        f"failed documents {len(r['failures'])}",
    ]
    for f in r["failures"][:10]:
        lines.append(f"  {f['document']}: {f['kind']}: {f['error']}")
    lines += _format_classes(r)
    return "\n".join(lines)


def _format_classes(r: dict[str, Any], top: int = 25) -> list[str]:
    out: list[str] = []
    if r.get("miss_classes"):
        out += ["", f"misses by class (type | written form | context | document kind), top {top}:"]
        out += [f"  {v:>4}  {k}" for k, v in list(r["miss_classes"].items())[:top]]
    if r.get("leak_classes"):
        out += ["", "readable values by class:"]
        out += [f"  {v:>4}  {k}" for k, v in list(r["leak_classes"].items())[:top]]
    return out


_SIDE_ROWS = (
    ("documents", lambda r: r["documents"]),
    ("recall: structured identifiers", lambda r: r["recall_groups"].get("structured_identifiers")),
    ("recall: health (words + ICD-10)", lambda r: r["recall_groups"].get("health")),
    ("recall: addresses", lambda r: r["recall_groups"].get("addresses")),
    ("recall: names", lambda r: r["recall_groups"].get("names")),
    ("names: nordic / non-nordic", lambda r: f"{r.get('person_recall_nordic')} / {r.get('person_recall_non_nordic')}"
     if "person_recall_nordic" in r else None),
    ("word precision", lambda r: r.get("word_precision")),
    ("area precision (scans)", lambda r: r.get("area_precision")),
    ("readable values (leaks)", lambda r: r["leaks"]),
    ("documents withheld (failed)", lambda r: len(r["failures"])),
)


def format_side_by_side(results: dict[str, dict[str, Any]]) -> str:
    """The headline numbers of several runs (e.g. own and independent generator) in columns."""
    names = list(results)
    width = max(14, *(len(n) + 2 for n in names))
    lines = [f"{'':<34}" + "".join(f"{n:>{width}}" for n in names)]
    for label, get in _SIDE_ROWS:
        vals = []
        for n in names:
            try:
                v = get(results[n])
            except (KeyError, TypeError):
                v = None
            vals.append("-" if v is None else str(v))
        lines.append(f"{label:<34}" + "".join(f"{v:>{width}}" for v in vals))
    types = sorted(set().union(*(r["recall"] for r in results.values())))
    lines += ["", f"{'recall by type':<34}" + "".join(f"{n:>{width}}" for n in names)]
    for t in types:
        cells = []
        for n in names:
            rec = results[n]["recall"].get(t)
            sup = results[n]["support"].get(t, 0)
            cells.append("-" if rec is None else f"{rec:.4f} ({sup})")
        lines.append(f"{t:<34}" + "".join(f"{c:>{width}}" for c in cells))
    return "\n".join(lines)


# -- scanned documents ---------------------------------------------------------------------------
def _covered_fraction(box, masked) -> float:
    from .model import box_area, box_intersection

    area = box_area(box)
    if area <= 0:
        return 1.0
    return min(1.0, sum(box_intersection(box, m) for m in masked) / area)


def _shrink(b, f: float = 0.2):
    w, h = b[2] - b[0], b[3] - b[1]
    return (b[0] + f * w, b[1] + f * h, b[2] - f * w, b[3] - f * h)


def evaluate_scanned(
    n: int = 40,
    seed: int = 2026,
    split: str = "heldout",
    policy: Optional[str] = None,
    masker: Optional[Masker] = None,
    style=None,
    out_dir: Optional[Path] = None,
    generator: str = "own",
) -> dict[str, Any]:
    """Score masking of *scanned* synthetic documents (``masking eval --scanned``).

    Each generated document is rendered to a noisy, slightly skewed, blurred 200-dpi image PDF
    (:func:`masking.synth.scan.render_scanned_pdf`) and masked by the full pipeline (OCR,
    detection, pixel redaction, verification). Scoring is geometric, so OCR errors count
    against recall exactly when they cost a redaction: a true entity is found when every one of
    its characters — located in the original text PDF and carried onto the scan by the known
    skew — is at least 90 % covered by masked areas (the inner 60 % of each character box).
    **Readable leaks**: the output pages are rendered and OCR'd again (table borders read as
    characters taken out and dropped text read again, as when reading a page), and each true
    value looked for in that text and in the output's text layer (same matching as
    verification).
    """
    from .ocr import get_engine, normalise_ocr_text
    from .ocr.pages import render_for_ocr
    from .ocr.rules import strip_rule_glyphs
    from .ocr.unread import reread_unread_ink
    from .synth.scan import ScanStyle, render_scanned_pdf, scan_matrix

    if generator == "independent":
        from .indep import generate_documents as indep_documents
        from .indep import render_pdf

        def generate_documents(n: int, seed: int, name_split: str) -> list:
            return indep_documents(n, seed)
    elif generator == "own":
        from .synth import generate_documents, render_pdf
    else:
        raise ValueError(f"unknown generator {generator!r}")

    masker = masker or Masker(policy=policy)
    style = style or ScanStyle()
    engine = get_engine(masker.ocr.engine)
    recall: dict[str, _Counter] = defaultdict(_Counter)
    area_precision = _Counter()
    leaks: dict[str, int] = defaultdict(int)
    misses: dict[str, int] = defaultdict(int)
    cls: dict[str, Any] = {"form": defaultdict(_Counter), "miss_classes": defaultdict(int),
                           "leak_classes": defaultdict(int)}
    failures: list[dict] = []
    pages_total = 0
    t0 = time.perf_counter()
    docs = generate_documents(n, seed, name_split=split)
    for doc in docs:
        pdf = render_pdf(doc)
        scan, skews = render_scanned_pdf(pdf, seed=seed, style=style)
        if out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
            (out_dir / f"{doc.id}.scan.pdf").write_bytes(scan)
        try:
            result = masker.mask_bytes(scan, name=doc.id)
        except MaskingError as exc:
            failures.append({"document": doc.id, "kind": exc.kind, "error": exc.message})
            continue
        if out_dir is not None:
            (out_dir / f"{doc.id}.masked.pdf").write_bytes(result.output)
        src = pymupdf.open(stream=pdf, filetype="pdf")
        out = pymupdf.open(stream=result.output, filetype="pdf")
        truth = doc.truth()
        try:
            for pno, tpage in enumerate(truth["pages"]):
                pages_total += 1
                page = src[pno]
                m = scan_matrix(page.rect, skews[pno])
                pt = extract_page_text(page)
                sq = SqueezedText.of(pt.text)
                masked = [a.box for a in result.areas if a.page == pno]

                def scan_boxes(s: int, e: int) -> list:
                    return [tuple(pymupdf.Rect(g.box) * m) for g in pt.glyphs_for_span(s, e)]

                truth_boxes: list = []
                seen: dict[tuple[str, str], int] = defaultdict(int)
                for ent in sorted(tpage["entities"], key=lambda e: e["start"]):
                    k = (ent["type"], normalise_value(ent["text"]))
                    span = _locate(sq, ent["text"], ent["type"], seen[k])
                    seen[k] += 1
                    ok = False
                    if span is not None:
                        boxes = scan_boxes(*span)
                        ok = bool(boxes) and all(_covered_fraction(_shrink(b), masked) >= 0.9 for b in boxes)
                    recall[ent["type"]].add(ok)
                    if not ok:
                        misses[ent["type"]] += 1
                    _by_class(cls, truth, ent, ok)
                    for s2, e2 in find_occurrences(sq, k[1], allow_genitive=ent["type"] == PERSON):
                        truth_boxes.extend(scan_boxes(s2, e2))
                for a in masked:
                    area_precision.add(any(_covered_fraction(_shrink(b), [a]) > 0.3 for b in truth_boxes))
                # readable leaks: OCR of the rendered output page, and its text layer
                if pno < out.page_count:
                    rendered = render_for_ocr(out[pno], masker.ocr.resolution, deskew=True)
                    words = strip_rule_glyphs(engine.recognize(rendered.pixmap, rendered.dpi), rendered.pixmap)
                    words = reread_unread_ink(words, rendered.pixmap, rendered.dpi, engine)
                    ocr_text = " ".join(" ".join(w.text for w in words).split())
                    texts = [ocr_text, normalise_ocr_text(ocr_text), extract_page_text(out[pno]).text]
                    sqs = [SqueezedText.of(t) for t in texts]
                    for ent in tpage["entities"]:
                        key = normalise_value(ent["text"])
                        is_name = ent["type"] == PERSON
                        if any(
                            key in s.squeezed
                            and find_occurrences(s, key, allow_genitive=is_name, require_capital=is_name and len(key) < 5)
                            for s in sqs
                        ):
                            leaks[ent["type"]] += 1
                            if ent.get("form"):
                                cls["leak_classes"][_class_key(truth, ent)] += 1
        finally:
            src.close()
            out.close()
    seconds = time.perf_counter() - t0
    return {
        "generator": generator,
        "documents": len(docs),
        "pages": pages_total,
        "seconds": round(seconds, 2),
        "scan": {"dpi": style.dpi, "noise": style.noise, "blur": style.blur, "max_skew_deg": style.max_skew_deg},
        "ocr": {"engine": engine.name, "version": engine.version, "dpi": masker.ocr.fixed_resolution or "auto"},
        "policy": masker.policy.describe(),
        "recall": {k: v.rate() for k, v in sorted(recall.items())},
        "support": {k: v.n for k, v in sorted(recall.items())},
        "recall_groups": {
            "personnummer": _group(recall, {"SE_PERSONNUMMER", "SE_SAMORDNINGSNUMMER"}),
            "structured_identifiers": _group(recall, STRUCTURED_IDENTIFIERS),
            "addresses": _group(recall, ADDRESS_TYPES),
            "names": _group(recall, {PERSON}),
            "health": _group(recall, HEALTH_TYPES),
        },
        "area_precision": area_precision.rate(),
        "misses": dict(sorted(misses.items())),
        "leaks": sum(leaks.values()),
        "leaks_by_type": dict(sorted(leaks.items())),
        "failures": failures,
        "recall_by_form": _form_table(cls["form"]),
        "miss_classes": dict(sorted(cls["miss_classes"].items(), key=lambda kv: (-kv[1], kv[0]))),
        "leak_classes": dict(sorted(cls["leak_classes"].items(), key=lambda kv: (-kv[1], kv[0]))),
    }


def format_scanned_eval(r: dict[str, Any]) -> str:
    g = r["recall_groups"]
    lines = [
        f"scanned documents {r['documents']}, pages {r['pages']}, {r['seconds']} s; "
        f"scan {r['scan']['dpi']} dpi noise {r['scan']['noise']} blur {r['scan']['blur']} skew ±{r['scan']['max_skew_deg']}°; "
        f"OCR {r['ocr']['version']} at {r['ocr']['dpi']} dpi; policy {r['policy']['name']}",
        "",
        f"{'type':<24}{'support':>8}{'recall':>9}",
    ]
    for t, rec in r["recall"].items():
        lines.append(f"{t:<24}{r['support'][t]:>8}{'' if rec is None else f'{rec:.4f}':>9}")
    lines += [
        "",
        f"recall: personnummer {g['personnummer']} (goal >= 0.98), names {g['names']} (>= 0.95), "
        f"addresses {g['addresses']} (>= 0.95), structured identifiers {g['structured_identifiers']}, health {g.get('health')}",
        f"area precision {r['area_precision']}",
        f"readable leaks {r['leaks']} {r['leaks_by_type'] or ''} (goal 0)",
        f"failed documents {len(r['failures'])}",
    ]
    for f in r["failures"][:10]:
        lines.append(f"  {f['document']}: {f['kind']}: {f['error']}")
    lines += _format_classes(r)
    return "\n".join(lines)
