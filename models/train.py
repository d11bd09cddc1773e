"""Train the project's Swedish NER pipeline ``models/sv_masking`` from scratch (``make model``).

    python models/train.py [--out models/sv_masking] [--build models/.build]

Everything is deterministic given the constants below (fixed seeds, CPU, one thread):

1. **News** (swedish-ner-corpus, Webbnyheter 2012, CC BY 4.0): the training part of
   :func:`masking.evaluate_ner.split_news` (the dev part is never seen); a further hash-chosen
   10 % of it is the validation set that picks the best checkpoint and calibrates the PER bias.
   PER, LOC and ORG are labels; MISC tokens are outside.
2. **Synthetic case pages** from :func:`masking.synth.generate_documents` with
   ``name_split="train"`` only (never the held-out names): PERSON spans -> PER, agency and
   company names -> ORG, post towns -> LOC, the name of a ``c/o`` line -> PER; everything else
   (identifiers, street addresses, dates, amounts, diagnoses, headings) is outside.
3. **Augmented copies**, spans kept exact: news sentences with their person names swapped for
   synthetic names of every origin; pages with some lines in ALL CAPS; pages typed in lower
   case; pages with OCR-like character noise; short sentences with a relation word or a field
   label before a name (``Dottern X``, ``Kontaktperson: X Y``) and surnames inside firm names.
4. ``spacy train`` with ``models/config.cfg`` (tok2vec CNN + ner + masking_lemmatizer); the
   output bias of the actions that open a PER entity is calibrated on the validation sentences
   (best PER-token F2); the result is written to ``--out`` with attribution in ``meta.json``.

Intermediate files (DocBins, checkpoints) go to ``models/.build/`` (gitignored). The options
after ``--config`` exist for experiments; ``make model`` uses the defaults.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Callable, Iterable, Sequence

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
os.environ.setdefault("OMP_NUM_THREADS", "1")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, DocBin, Span  # noqa: E402

import masking.nlp  # noqa: E402,F401  (registers the masking_lemmatizer factory)
from masking.evaluate_ner import NewsSentence, _bucket, evaluate_news, load_news_split  # noqa: E402
from masking.synth import ORIGINS, generate_documents, name_pool  # noqa: E402
from masking.synth.values import POST_TOWNS  # noqa: E402

SEED = 7  # spaCy training seed
SYNTH_SEED = 101  # synthetic training documents (evaluation uses 2026 and held-out names)
SYNTH_VALID_SEED = 102
SYNTH_DOCS = 900
SYNTH_VALID_DOCS = 12
CASE_SENTENCES = 2500  # short relation-word / field-label / firm-name sentences
NEWS_VALID_PERCENT = 10  # of the news training part, for checkpoint selection
VALID_SALT = "masking.news-valid.v1"
PER = "PER"
MISSING = "-"
LABEL_SETS = {
    "per": frozenset({PER}),
    "per-loc-org": frozenset({PER, "LOC", "ORG"}),
    "all": frozenset({PER, "LOC", "ORG", "MISC"}),
}
DEFAULT_LABELS = "per-loc-org"
MISC_AS = "O"  # news MISC (not a label): "O" (outside) or MISSING (unannotated)
NAME = "sv_masking"
VERSION = "1.0.0"

# augmentation (per news sentence with a name / per synthetic page)
NEWS_SWAP_COPIES = 2  # copies with swapped names of each news sentence that has a name
CAPS_LINES_RATE = 0.15
LOWER_PAGE_RATE = 0.08
OCR_NOISE_RATE = 0.12



# -- text-level augmentation, spans kept exact ---------------------------------------------------

# A span is (start, end, label); label MISSING marks text whose annotation is unknown.
CharSpan = tuple[int, int, str]


def rewrite(text: str, spans: Sequence[CharSpan], piece: Callable[[int, str], str]) -> tuple[str, list[CharSpan]]:
    """Replace each character ``text[i]`` by ``piece(i, ch)`` and move the spans with it."""
    out: list[str] = []
    pos = [0] * (len(text) + 1)
    n = 0
    for i, ch in enumerate(text):
        pos[i] = n
        rep = piece(i, ch)
        out.append(rep)
        n += len(rep)
    pos[len(text)] = n
    new = "".join(out)
    moved: list[CharSpan] = []
    for s, e, label in spans:
        a, b = pos[s], pos[e]
        while a < b and new[a].isspace():
            a += 1
        while b > a and new[b - 1].isspace():
            b -= 1
        if b > a:
            moved.append((a, b, label))
    return new, moved


def _same_len(fn: Callable[[str], str]) -> Callable[[int, str], str]:
    def piece(_i: int, ch: str) -> str:
        rep = fn(ch)
        return rep if len(rep) == 1 else ch

    return piece


def lower_page(text: str, spans: Sequence[CharSpan]) -> tuple[str, list[CharSpan]]:
    return rewrite(text, spans, _same_len(str.lower))


def caps_lines(text: str, spans: Sequence[CharSpan], rng: random.Random, rate: float = 0.35) -> tuple[str, list[CharSpan]]:
    """Some lines in ALL CAPS (letterheads, address blocks, signatures)."""
    caps: set[int] = set()
    start = 0
    for line in text.split("\n"):
        if rng.random() < rate:
            caps.update(range(start, start + len(line)))
        start += len(line) + 1
    upper = _same_len(str.upper)
    return rewrite(text, spans, lambda i, ch: upper(i, ch) if i in caps else ch)


_OCR_SUBS = {
    "l": ["1", "I", "|"], "I": ["l", "1"], "i": ["l", "1", "í"], "1": ["l", "I"], "O": ["0", "Q"],
    "o": ["0", "ö", "c"], "0": ["O", "o"], "e": ["c", "é"], "a": ["ä", "å", "o"], "ä": ["a", "å"],
    "å": ["a", "ä"], "ö": ["o", "ó"], "n": ["m", "ri"], "m": ["rn", "nn"], "u": ["ü", "v"],
    "S": ["5", "$"], "s": ["5"], "B": ["8", "ß"], "g": ["q", "9"], "t": ["f"], "c": ["e"],
    "r": ["n"], "h": ["b", "li"], "d": ["cl"], "-": ["—", "–", ""],
}


def ocr_noise(text: str, spans: Sequence[CharSpan], rng: random.Random, rate: float = 0.03) -> tuple[str, list[CharSpan]]:
    """OCR-like errors: confused characters, a lost or doubled space now and then."""

    def piece(_i: int, ch: str) -> str:
        r = rng.random()
        if ch == " ":
            return "" if r < rate / 4 else "  " if r < rate / 2 else ch
        if r < rate and ch in _OCR_SUBS:
            return rng.choice(_OCR_SUBS[ch])
        return ch

    return rewrite(text, spans, piece)


def _synthetic_name(rng: random.Random, n_tokens: int) -> list[str]:
    """A synthetic (training-split) name of a random origin with about ``n_tokens`` tokens."""
    names = name_pool("train")[rng.choice(ORIGINS)]
    given = rng.choice(names.first_names)
    surname = rng.choice(names.surnames)
    if n_tokens <= 1:
        return (given if rng.random() < 0.5 else surname).split()
    parts = given.split() + surname.split()
    if n_tokens >= 3 and rng.random() < 0.5:
        parts = given.split() + rng.choice(names.first_names).split() + surname.split()
    return parts


def swap_names(sentence: NewsSentence, rng: random.Random) -> NewsSentence:
    """The sentence with each PER entity replaced by a synthetic name (keeping a genitive s)."""
    tokens: list[str] = []
    tags: list[str] = []
    i = 0
    toks, tgs = sentence.tokens, sentence.tags
    while i < len(toks):
        if tgs[i] != PER:
            tokens.append(toks[i])
            tags.append(tgs[i])
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and tgs[j + 1] == PER:
            j += 1
        new = _synthetic_name(rng, j - i + 1)
        last = toks[j]
        if last.endswith("s") and len(last) > 3 and not last.endswith("ss") and rng.random() < 0.5:
            new[-1] = new[-1] if new[-1][-1:] in "sxz" else new[-1] + "s"
        tokens.extend(new)
        tags.extend([PER] * len(new))
        i = j + 1
    return NewsSentence(tuple(tokens), tuple(tags))


# -- examples ----------------------------------------------------------------------------------


class DocMaker:
    """Tokenizes text with the Swedish tokenizer and sets entities and missing spans."""

    def __init__(self) -> None:
        self.nlp = spacy.blank("sv")
        self.misaligned = 0
        self.spans = 0

    def __call__(self, text: str, spans: Iterable[CharSpan]) -> Doc:
        doc = self.nlp.make_doc(text)
        ents: list[Span] = []
        missing: list[Span] = []
        taken = [False] * len(doc)
        for s, e, label in sorted(set(spans)):
            span = doc.char_span(s, e, alignment_mode="strict")
            if label != MISSING:
                self.spans += 1
                if span is None:
                    self.misaligned += 1
            if span is None:
                span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or any(taken[span.start : span.end]):
                continue
            for i in range(span.start, span.end):
                taken[i] = True
            if label == MISSING:
                missing.append(span)
            else:
                ents.append(Span(doc, span.start, span.end, label=label))
        doc.set_ents(ents, missing=missing, default="outside")
        return doc


def news_spans(nt, labels: frozenset[str]) -> list[CharSpan]:  # type: ignore[no-untyped-def]
    """Entity spans of a news sentence: kept labels, MISC (when LOC/ORG are kept) as missing."""
    out: list[CharSpan] = []
    for a, b, lab in nt.entities:
        if lab in labels:
            out.append((a, b, lab))
        elif lab == "MISC" and len(labels) > 1 and MISC_AS == MISSING:  # unknown, not "O"
            out.append((a, b, MISSING))
    return out


def news_docs(
    make: DocMaker,
    sentences: Sequence[NewsSentence],
    rng: random.Random,
    labels: frozenset[str],
    augment: bool,
    swap_copies: int = NEWS_SWAP_COPIES,
) -> list[Doc]:
    docs: list[Doc] = []
    for s in sentences:
        variants = [s]
        if augment and PER in s.tags:
            variants += [swap_names(s, rng) for _ in range(swap_copies)]
        for v in variants:
            nt = v.to_text()
            docs.append(make(nt.text, news_spans(nt, labels)))
    return docs


_TOWNS = sorted({town for town, _ in POST_TOWNS}, key=len, reverse=True)
_TOWN_RE = re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in _TOWNS) + r")(?!\w)", re.IGNORECASE)
_POSTCODE_TOWN_RE = re.compile(r"\d{3} ?\d{2}\s+(\w[\w\- ]*\w|\w)\s*$")


def page_spans(text: str, entities, keep, labels: frozenset[str]) -> list[CharSpan]:  # type: ignore[no-untyped-def]
    """PERSON -> PER; the name in a ``c/o NAME`` address line -> PER, the rest of a street
    address outside (street names such as *Björkvägen* are not names). With LOC/ORG kept:
    agency and company names -> ORG; the post town after a postcode (the person's or the
    agency's) and any other mention of a post town -> LOC."""
    out: list[CharSpan] = [(e.start, e.end, PER) for e in entities if e.type == "PERSON"]
    busy = [False] * len(text)
    for e in entities:
        if e.type == "SE_ADDRESS":
            for i in range(e.start, e.end):
                busy[i] = True
            m = _CO_RE.match(e.text)
            if m:
                out.append((e.start + m.start(1), e.start + m.end(1), PER))
    if len(labels) == 1:
        return out
    for e in entities:
        if e.type == "SE_POSTAL_CODE":
            m = _POSTCODE_TOWN_RE.search(e.text)
            if m:
                out.append((e.start + m.start(1), e.start + m.end(1), "LOC"))
    for k in keep:
        if k.type == "AGENCY" or (k.type == "ORGANISATION" and any(c.isalpha() for c in k.text)):
            out.append((k.start, k.end, "ORG"))
        elif k.type == "AGENCY_ADDRESS":
            m = _POSTCODE_TOWN_RE.search(k.text)
            if m:
                out.append((k.start + m.start(1), k.start + m.end(1), "LOC"))
    for s, e, _ in out:
        for i in range(s, e):
            busy[i] = True
    for m in _TOWN_RE.finditer(text):
        if not any(busy[m.start() : m.end()]):
            out.append((m.start(), m.end(), "LOC"))
    return out


# Short case-file sentences the generator does not write: a capitalised relation word or a
# field label right before a name (the word is not part of the name), and person names inside
# company names (an organisation, not a person). Names come from the training split only.
_RELATION_WORDS = (
    "Dottern Sonen Sambon Maken Makan Hustrun Mannen Mamman Pappan Modern Fadern Brodern Systern "
    "Mormor Morfar Farmor Farfar Barnet Flickvännen Pojkvännen Svärmor Grannen Kollegan Vännen "
    "Handläggaren Läkaren Kuratorn Arbetsgivaren Sökanden Klienten Patienten Eleven Hyresvärden "
    "Ombudet Förvaltaren Vårdnadshavaren Sjuksköterskan Fysioterapeuten Chefen Tolken"
).split()
_FIELD_LABELS = (
    "Kontaktperson|Mottagare|Avsändare|Handläggare|Sökande|Ombud|God man|Förvaltare|Patient|Namn|"
    "Kopia till|Föredragande|Beslutande|Vårdnadshavare|Intygsutfärdare|Läkare|Till|Från|Deltagare|"
    "Närvarande|Tolk|Arbetsgivare|Referens|Ansvarig|Kontakt|Underskrift"
).split("|")
_PREDICATES = (
    "har ringt och frågat om beslutet|kommer inte på mötet i morgon|har skickat in underlagen|"
    "är sjukskriven sedan i höstas|vill ha ett nytt möte|flyttar till en ny adress i juni|"
    "går på förskola i kommunen|har fått ett eget rum|ska börja skolan efter sommaren|"
    "bor växelvis hos båda föräldrarna|har ansökt om bostadsbidrag|var med under samtalet|"
    "har lämnat ett läkarintyg|arbetar heltid som undersköterska|behöver tolk vid besöket|"
    "har inte svarat på våra brev|får ersättning från och med mars|ringer tillbaka på fredag"
).split("|")
_TRADES = "Bygg|Måleri|Städ|Transport|Elektriska|Plåt|Rör|Trädgård|Frisör|Konsult|Redovisning|VVS".split("|")
_CO_RE = re.compile(r"c/o\s+(.+\S)\s*$", re.IGNORECASE)


_TITLES = "Advokat|Advokaten|Doktor|Dr|Överläkare|Leg. psykolog|Specialistläkare|Jurist|Socialsekreterare|Rektor".split("|")
_NOT_NAMES = (
    "se ovan|saknas|ej aktuellt|enligt bilaga|samma som ovan|vakant|uppgift saknas|okänd|"
    "enligt fullmakt|ingen|inte utsedd|se nedan|ej angivet|enligt beslut"
).split("|")
_PLACE_SUFFIXES = "väg|gata|torg|plats|park|gränd|allé|stig".split("|")
_PLACE_INSTITUTIONS = "kommun|tingsrätt|sjukhus|vårdcentral|stift|hamn|kyrka|församling".split("|")
_PLACE_VERBS = (
    "Mötet hölls på|Kontoret ligger vid|Hon har flyttat till|Skolan ligger på|Besöket skedde på|"
    "Utredningen skickades till|Ärendet överlämnades till|Han hämtade ut paketet på"
).split("|")


def _field(rng: random.Random, text: str) -> str:
    return text.upper() if rng.random() < 0.2 else text


def case_sentences(n: int, rng: random.Random, labels: frozenset[str]) -> list[tuple[str, list[CharSpan]]]:
    """Short sentences of kinds that case files have and the generator does not write."""
    pool = name_pool("train")
    towns = [t for t, _ in POST_TOWNS]
    places = "LOC" in labels
    out: list[tuple[str, list[CharSpan]]] = []
    for _ in range(n):
        names = pool[rng.choice(ORIGINS)]
        first = rng.choice(names.first_names)
        surname = rng.choice(names.surnames)
        full = f"{first} {surname}"
        r = rng.random()
        if r < 0.3:  # relation word or title before a name: the word is not part of the name
            name = first if rng.random() < 0.6 else full
            head = f"{rng.choice(_RELATION_WORDS + _TITLES)} "
            if rng.random() < 0.2:
                head = f"Enligt {head[0].lower()}{head[1:]}"
            text = f"{head}{name} {rng.choice(_PREDICATES)}."
            out.append((text, [(len(head), len(head) + len(name), PER)]))
        elif r < 0.55:  # field label before a name (sometimes with a title), all caps now and then
            head = f"{rng.choice(_FIELD_LABELS)}: "
            if rng.random() < 0.2:
                head += f"{rng.choice(_TITLES)} "
            text = _field(rng, head + full)
            out.append((text, [(len(head), len(text), PER)]))
        elif r < 0.65:  # a field label before something that is not a name
            text = _field(rng, f"{rng.choice(_FIELD_LABELS)}: {rng.choice(_NOT_NAMES)}")
            out.append((text, []))
        elif r < 0.8:  # a person's name inside a firm name: an organisation
            gen = "s" if rng.random() < 0.5 and surname[-1] not in "sxz" else ""
            firm = f"{surname}{gen} {rng.choice(_TRADES)} AB"
            text = f"{firm} {rng.choice(['har betalat ut lön för mars', 'är arbetsgivare sedan 2021', 'har lämnat ett arbetsgivarintyg', 'har anställt sökanden'])}."
            out.append((text, [(0, len(firm), "ORG")] if places else []))
        else:  # a street named after a person, or a town's institution: a place, not a person
            head = f"{rng.choice(_PLACE_VERBS)} "
            if rng.random() < 0.5:
                gen = "" if full[-1] in "sxz" else "s"
                place = f"{full}{gen} {rng.choice(_PLACE_SUFFIXES)}"
                label = "LOC"
            else:
                town = rng.choice(towns)
                place = f"{town}{'' if town[-1] in 'sxz' else 's'} {rng.choice(_PLACE_INSTITUTIONS)}"
                label = "ORG"
            text = f"{head}{place}."
            out.append((text, [(len(head), len(head) + len(place), label)] if places else []))
    return out


def synth_docs(
    make: DocMaker, n: int, seed: int, rng: random.Random, labels: frozenset[str], augment: bool
) -> tuple[list[Doc], dict[str, int]]:
    docs: list[Doc] = []
    counts = {"pages": 0, "caps_lines": 0, "lower": 0, "ocr_noise": 0}
    for doc in generate_documents(n, seed, name_split="train"):
        for text, entities, keep in zip(doc.pages, doc.entities, doc.keep):
            spans = page_spans(text, entities, keep, labels)
            docs.append(make(text, spans))
            counts["pages"] += 1
            if not augment:
                continue
            if rng.random() < CAPS_LINES_RATE:
                docs.append(make(*caps_lines(text, spans, rng)))
                counts["caps_lines"] += 1
            if rng.random() < LOWER_PAGE_RATE:
                docs.append(make(*lower_page(text, spans)))
                counts["lower"] += 1
            if rng.random() < OCR_NOISE_RATE:
                docs.append(make(*ocr_noise(text, spans, rng)))
                counts["ocr_noise"] += 1
    return docs, counts


def write_docbin(docs: Sequence[Doc], path: Path) -> int:
    db = DocBin(attrs=["ENT_IOB", "ENT_TYPE"], store_user_data=False)
    for d in docs:
        db.add(d)
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return sum(len(d) for d in docs)


def news_train_valid() -> tuple[list[NewsSentence], list[NewsSentence]]:
    """The training part of the news split, cut again into training and validation sentences."""
    split = load_news_split()
    train = [s for s in split.train if _bucket(s.key, VALID_SALT) >= NEWS_VALID_PERCENT]
    valid = [s for s in split.train if _bucket(s.key, VALID_SALT) < NEWS_VALID_PERCENT]
    return train, valid


def build_data(build: Path, synth_docs_n: int, labels: frozenset[str], swap_copies: int = NEWS_SWAP_COPIES) -> dict:
    rng = random.Random(SEED)
    news_train, news_valid = news_train_valid()
    make = DocMaker()
    train = news_docs(make, news_train, rng, labels, augment=True, swap_copies=swap_copies)
    n_news = len(train)
    synth, counts = synth_docs(make, synth_docs_n, SYNTH_SEED, rng, labels, augment=True)
    train += synth
    train += [make(text, spans) for text, spans in case_sentences(CASE_SENTENCES, rng, labels)]
    rng.shuffle(train)
    valid = news_docs(make, news_valid, rng, labels, augment=False)
    valid += synth_docs(make, SYNTH_VALID_DOCS, SYNTH_VALID_SEED, rng, labels, augment=False)[0]
    stats = {
        "labels": sorted(labels),
        "news_sentences": len(news_train),
        "news_docs_with_swapped_names": n_news - len(news_train),
        "news_valid_sentences": len(news_valid),
        "synthetic_documents": synth_docs_n,
        "synthetic_pages": counts["pages"],
        "augmented_pages": {k: v for k, v in counts.items() if k != "pages"},
        "case_sentences": CASE_SENTENCES,
        "train_docs": len(train),
        "train_tokens": write_docbin(train, build / "train.spacy"),
        "valid_docs": len(valid),
        "valid_tokens": write_docbin(valid, build / "valid.spacy"),
        "spans_misaligned": make.misaligned,
        "spans": make.spans,
    }
    return stats


# -- training and packaging ---------------------------------------------------------------------


def train(build: Path, config: Path, overrides: dict) -> Path:
    from spacy.cli.train import train as spacy_train

    out = build / "output"
    if out.exists():
        shutil.rmtree(out)
    spacy_train(
        config,
        out,
        overrides={
            "paths.train": str(build / "train.spacy"),
            "paths.dev": str(build / "valid.spacy"),
            "system.seed": SEED,
            **overrides,
        },
        use_gpu=-1,
    )
    return out / "model-best"


SOURCES = [
    {
        "name": "swedish-ner-corpus (Webbnyheter 2012, Språkbanken)",
        "url": "https://github.com/klintan/swedish-ner-corpus",
        "origin": "Webbnyheter 2012 news corpus by Språkbanken, University of Gothenburg; NER tags by the "
        "swedish-ner-corpus project (commit 8795071)",
        "license": "CC BY 4.0",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "use": "training part of the project's deterministic train/dev split (masking.evaluate_ner); "
        "PER, LOC and ORG tags (MISC dropped); soft hyphens removed; copies with person names swapped",
    },
    {
        "name": "masking synthetic case-document corpus",
        "url": "masking.synth (this project)",
        "license": "AGPL-3.0-or-later",
        "use": "generated Swedish case pages with PERSON spans, training name split only, plus augmented copies",
    },
    {"name": "spaCy Swedish language data (tokenizer)", "url": "https://spacy.io", "license": "MIT"},
]


BIAS_GRID = (-2.0, -1.5, -1.0, -0.5, 0.0, 0.5)


def _f2(score: dict) -> float:
    p, r = score.get("precision") or 0.0, score.get("recall") or 0.0
    return 5 * p * r / (4 * p + r) if p + r else 0.0


def calibrate_person_bias(nlp: Language, valid: Sequence[NewsSentence]) -> dict:
    """Shift the output bias of the NER actions that open a PER entity (B-PER, U-PER) by the
    grid value with the best PER-token F2 (recall weighted 2:1) on the *validation* sentences,
    and keep it in the weights. spaCy NER has no threshold; this is its recall knob. The news
    dev split is never looked at."""
    ner = nlp.get_pipe("ner")
    upper = ner.model.get_ref("upper")
    names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
    opens = [names.index(f"{m}-{PER}") for m in ("B", "U")]
    base = upper.get_param("b").copy()
    tried = []
    for shift in BIAS_GRID:
        b = base.copy()
        b[opens] += shift
        upper.set_param("b", b)
        tokens = evaluate_news(nlp, valid, frozenset({PER}))["person_tokens"]
        tried.append((_f2(tokens), shift, tokens))
    f2, shift, tokens = max(tried, key=lambda t: (round(t[0], 6), -abs(t[1])))
    b = base.copy()
    b[opens] += shift
    upper.set_param("b", b)
    return {"per_open_bias_shift": shift, "valid_person_tokens": tokens, "valid_f2": round(f2, 4)}


def package(best: Path, out: Path, stats: dict, t0: float) -> Path:
    nlp = spacy.load(best)
    if "masking_lemmatizer" not in nlp.pipe_names:
        raise SystemExit("the trained pipeline has no masking_lemmatizer (check models/config.cfg)")
    stats = {**stats, "calibration": calibrate_person_bias(nlp, news_train_valid()[1])}
    print(json.dumps(stats["calibration"]), flush=True)
    nlp.meta.update(
        {
            "name": NAME,
            "version": VERSION,
            "description": "Swedish person-name NER for masking public-agency documents (PER is used; LOC "
            "and ORG are by-products): efficiency CNN tok2vec + transition-based NER, no static vectors, with "
            "the project's masking_lemmatizer. Trained by models/train.py (make model).",
            "author": "masking maintainers",
            "url": "",
            "license": "CC BY 4.0 (derived from swedish-ner-corpus, attribution below); code AGPL-3.0-or-later",
            "sources": SOURCES,
            "training": {**stats, "seed": SEED, "seconds": round(time.perf_counter() - t0), "cpu_count": os.cpu_count()},
        }
    )
    tmp = out.with_name(out.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    nlp.to_disk(tmp)
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=HERE / NAME)
    ap.add_argument("--build", type=Path, default=HERE / ".build")
    ap.add_argument("--config", type=Path, default=HERE / "config.cfg")
    ap.add_argument("--synth-docs", type=int, default=SYNTH_DOCS)
    ap.add_argument("--labels", choices=sorted(LABEL_SETS), default=DEFAULT_LABELS)
    ap.add_argument("--swap-copies", type=int, default=NEWS_SWAP_COPIES)
    ap.add_argument("--misc", choices=[MISSING, "O"], default=MISC_AS)
    ap.add_argument("--seed", type=int, default=SEED, help="training seed (experiments)")
    ap.add_argument("--from-best", type=Path, help="skip training: calibrate and package this checkpoint (experiments)")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="config override (experiments)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    globals()["MISC_AS"] = args.misc
    globals()["SEED"] = args.seed
    spacy.util.fix_random_seed(SEED)
    stats = build_data(args.build, args.synth_docs, LABEL_SETS[args.labels], args.swap_copies)
    print(json.dumps(stats, ensure_ascii=False), flush=True)
    overrides = {}
    for kv in args.set:
        key, _, value = kv.partition("=")
        overrides[key] = json.loads(value) if value[:1] in "0123456789-[{tf\"" else value
    best = args.from_best or train(args.build, args.config, overrides)
    out = package(best, args.out, stats, t0)
    print(f"{out} written in {time.perf_counter() - t0:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
