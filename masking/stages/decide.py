"""Stage *decide*: the policy turns the analyzer's detections into what is masked.

This module is the only place where masking rules live: the thresholds per entity type
(mask automatically / propose for review / ignore), the allow list (the agency's own name and
addresses survive), the deny list (always masked), protected identity (nothing is released
without review) and the linking of values (every other occurrence of a masked value, and of
each part of a masked name, is masked too: the pipeline decides per value, not per occurrence).

Input: the pages' text (:class:`masking.model.PageText`) and the analyzer's detections per page
(stage *detect*). Output: :class:`masking.model.Detection` objects with ``auto`` set (``True``:
masked by the policy; ``False``: an official decides) and ``value_key`` filled in (the
normalised value that links occurrences; in memory only, never written).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Sequence

from recognizers.names.common import is_common_word, name_needs_capital, name_skip
from recognizers.names.evidence import DocumentEvidence, in_address

from ..entities import PERSON, SE_ADDRESS
from ..model import Detection, PageText
from ..policy import Policy
from ..textmatch import SqueezedText, find_occurrences, normalise_value

_PART_MIN_LEN = 2  # Vy, Li, Bo: two-letter given names are propagated too ...


def _propagatable_part(part: str) -> bool:
    """A word of a masked name that is masked wherever else it occurs (capitalised; a two-letter
    word only when it is not a Swedish function word: the part Vi of a name must not mask every
    sentence that starts with Vi). A part that is a common Swedish or English word (Vinter of
    Elsa Vinter) is masked only where it is capitalised (:func:`name_needs_capital`)."""
    if len(part) < _PART_MIN_LEN or not part[0].isupper():
        return False
    return len(part) > 2 or part.lower() not in _two_letter_stop_words()


def _part_merits(part: str, surface: str, evidence: DocumentEvidence) -> bool:
    """A part of a multi-word name value is masked on its own elsewhere only when it merits it:
    never a word the document writes in lower case (``changelog``); a common Swedish or English
    word only beside a known name that is no word or a known given name that is no English word
    (``Vinter`` of Elsa Vinter or Eva Vinter, not ``Software`` or
    ``Beskrivning`` of a phrase taken for a name); another word when every other word of the
    value is name-like (``Raouf`` of Wrya Raouf), or else when the document does not show it is
    no name (``Vue`` of ``Vue Router``, named over and over without a person's evidence)."""
    if part == surface.strip():
        return True  # the whole value: always linked (verification looks for it too)
    if evidence.written_in_lower_case(part):
        return False
    others = [w.strip(",.;:()\"'’") for w in surface.split() if w.strip(",.;:()\"'’") != part]
    if is_common_word(part):
        return any(evidence.plain_name(w) or evidence.given_name(w) for w in others)
    if others and all(evidence.name_like(w) for w in others):
        return True
    return not evidence.not_a_name(part)


_OCR_SYMBOLS = re.compile(r"(?<=[^\W\d_])[$¢£€|§]{1,2}(?=[^\W\d_])")
_OCR_LETTERS = str.maketrans({"$": "s", "§": "s", "¢": "c", "€": "e", "£": "l", "|": "l"})


def _without_ocr_symbols(key: str) -> tuple[str, ...]:
    """The keys a name word read with symbols inside it (OCR's reading of a letter: ``wi$sniewska``
    for Wiśniewska, ``kowal|czyk``) may be written with elsewhere: the symbols taken out
    (``wisniewska``) and read as the letters they look like (``wissniewska``); none when there
    are no symbols inside or too little is left."""
    if not _OCR_SYMBOLS.search(key):
        return ()
    variants = (_OCR_SYMBOLS.sub("", key), _OCR_SYMBOLS.sub(lambda m: m.group().translate(_OCR_LETTERS), key))
    return tuple(v for v in dict.fromkeys(variants) if len(v) >= 4)


@functools.lru_cache(maxsize=1)
def _two_letter_stop_words() -> frozenset[str]:
    # imported here, not at the top: importing spaCy takes 1.5 s (measured), and the decide stage
    # is also loaded where no model runs (applying a reviewed plan, the CLI's usage answers)
    from spacy.lang.sv.stop_words import STOP_WORDS

    return frozenset(w for w in STOP_WORDS if len(w) <= 2) | {"ut", "in", "nu", "ja", "ok", "är", "se", "ta", "tv", "ab", "hb", "kb", "pm"}


_STREET_GAP = frozenset(" \t\u00a0,")


def _not_after_a_street(
    text: str, allowed: list[tuple[int, int]], dets: Sequence[Detection]
) -> list[tuple[int, int]]:
    """The allowed intervals (an agency's name or postal address) less those that continue a
    person's street address on its line (``Storgatan 24 851 82 Sundsvall``: a street found and
    not itself allowed, then only spaces or a comma before the agency's postal code): there the
    code and town are that person's address, not the agency's letterhead."""
    streets = [
        d for d in dets
        if d.entity_type == SE_ADDRESS and not any(s <= d.start and d.end <= e for s, e in allowed)
    ]
    if not streets:
        return allowed
    return [
        (s, e) for s, e in allowed
        if not any(d.end <= s and set(text[d.end : s]) <= _STREET_GAP for d in streets)
    ]


# Scanned pages: OCR misreads a letter or two of a name now and then ("Ivrki" or "IvrK" for
# "Jyrki"), and exact matching does not find that occurrence of a masked name. Right beside a
# masked name on an OCR'd page (the word before it, on its line or at the end of the line above,
# or the word after it), a capitalised word that is no common word and reads as a word of a
# masked name once OCR's look-alikes are folded (:data:`_OCR_FOLD`), within one edit (two for
# seven letters or more), is that word.
_OCR_FOLD = (("rn", "m"), ("vv", "w"), ("j", "i"), ("l", "i"), ("1", "i"), ("|", "i"), ("!", "i"),
             ("y", "v"), ("0", "o"), ("5", "s"), ("8", "b"), ("å", "a"), ("ä", "a"), ("ö", "o"),
             ("é", "e"), ("ü", "u"))  # fmt: skip
_NEIGHBOUR_MIN_LEN = 3


def _ocr_fold(word: str) -> str:
    w = word.lower()
    for a, b in _OCR_FOLD:
        w = w.replace(a, b)
    return w


def _edits_at_most(a: str, b: str, k: int) -> bool:
    """Levenshtein distance of ``a`` and ``b`` at most ``k`` (short words: the full table)."""
    if abs(len(a) - len(b)) > k:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1] <= k


def _neighbour_words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The word right before [start, end) (across at most one line break) and right after it on
    its line, as spans with trailing punctuation left out."""
    out = []
    i = start
    while i > 0 and text[i - 1] in " \t\u00a0":
        i -= 1
    if i > 0 and text[i - 1] == "\n":
        i -= 1
        while i > 0 and text[i - 1] in " \t\u00a0":
            i -= 1
    j = i
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    if j < i:
        out.append((j, i))
    k = end
    while k < len(text) and text[k] in " \t\u00a0":
        k += 1
    m = k
    while m < len(text) and not text[m].isspace():
        m += 1
    if k < m:
        out.append((k, m))
    trimmed = []
    for s, e in out:
        while e > s and text[e - 1] in ",.;:)'\"’":
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass(frozen=True)
class Decider:
    """A policy's rules, prepared once (the matching keys of its lists are not recomputed per
    page). Build it with :meth:`of`; :meth:`decide` is the stage."""

    policy: Policy
    allow_keys: frozenset[str] = field(default_factory=frozenset)
    deny_keys: tuple[str, ...] = ()

    @classmethod
    def of(cls, policy: Policy) -> "Decider":
        return cls(
            policy=policy,
            allow_keys=frozenset(k for k in map(normalise_value, policy.allow_list) if k),
            deny_keys=tuple(dict.fromkeys(k for k in map(normalise_value, policy.deny_list) if k)),
        )

    # -- what the analyzer needs to look for ---------------------------------------------------
    @property
    def min_score(self) -> float:
        """The lowest score any rule proposes: the analyzer drops findings below it."""
        return self.policy.min_threshold()

    @property
    def excluded_types(self) -> frozenset[str]:
        """Entity types the policy never masks nor proposes: the analyzer need not report them."""
        return self.policy.ignored_types()

    # -- the rule for one detection ------------------------------------------------------------
    def classify(self, entity_type: str, score: float) -> str:
        """``auto`` (masked by the policy), ``review`` (an official decides) or ``ignore``."""
        rule = self.policy.rule(entity_type)
        if rule.action == "mask" and score >= rule.threshold:
            return "auto"
        if rule.action == "ignore" or score < rule.review_threshold:
            return "ignore"
        return "review"

    def should_mask(self, entity_type: str, score: float) -> bool:
        """Whether the policy masks a detection of this type and score without review."""
        return self.classify(entity_type, score) == "auto"

    # -- the stage -----------------------------------------------------------------------------
    def decide(
        self,
        pages: Sequence[PageText],
        found: Sequence[Sequence[Detection]],
        *,
        include_review: bool = False,
        deny_list: Sequence[str] = (),
    ) -> list[Detection]:
        """Detections to mask: allow/deny lists, thresholds, then every occurrence.

        ``found[i]`` holds the analyzer's detections on ``pages[i]``. With ``include_review`` the
        result also holds candidates an official must decide on: scores between the review
        threshold and the masking threshold, types whose action is ``review``, and everything
        when the policy is for a protected identity. Those carry ``auto=False``. ``deny_list``
        adds terms for this document (e.g. a protected person's name given by the case system)
        to the policy's own deny list.
        """
        policy = self.policy
        deny_keys = tuple(dict.fromkeys(self.deny_keys + tuple(k for k in map(normalise_value, deny_list) if k)))
        squeezed = [SqueezedText.of(p.text) for p in pages]
        kept: list[Detection] = []
        for page, sq, dets in zip(pages, squeezed, found):
            listed = self._allowed_intervals(sq)
            allowed = _not_after_a_street(page.text, listed, dets)
            persons = [iv for iv in listed if iv not in allowed]  # an allowed address, a person's here
            for det in list(dets) + self._deny_detections(page, sq, deny_keys):
                det.value_key = normalise_value(page.text[det.start : det.end])
                if det.source != "deny_list":
                    if any(s <= det.start and det.end <= e for s, e in allowed):
                        continue
                    if det.value_key in self.allow_keys and not any(
                        s <= det.start and det.end <= e for s, e in persons
                    ):
                        continue
                    kind = self.classify(det.entity_type, det.score)
                    if kind == "ignore" or (kind == "review" and not include_review):
                        continue
                    det.auto = kind == "auto"
                if policy.protected_identity:
                    det.auto = False  # protected identity: nothing is released without review
                kept.append(det)
        named: list[list[tuple[int, int]]] = [[] for _ in pages]
        for det in kept:
            if det.entity_type == PERSON and 0 <= det.page < len(pages):
                named[det.page].append((det.start, det.end))
        evidence = DocumentEvidence([p.text for p in pages], named=named)
        kept = self._names_judged(pages, squeezed, kept, evidence, include_review)
        return self.propagate(pages, squeezed, kept, evidence)

    @staticmethod
    def _names_judged(
        pages: Sequence[PageText],
        squeezed: Sequence[SqueezedText],
        kept: list[Detection],
        evidence: DocumentEvidence,
        include_review: bool,
    ) -> list[Detection]:
        """A person-name value that the whole document shows is no name is proposed, not masked:
        one word that is written in lower case elsewhere or recurs without any name evidence
        (:class:`recognizers.names.evidence.DocumentEvidence`), a value of several words with a
        common word in it and no name-only word that recurs without any name evidence, or a
        value of several words, none of them a known name, that is written in lower case
        elsewhere (``vue-router`` for ``Vue Router``). A lower-case occurrence that is itself found as a name (``hej wrya``)
        or stands in an address does not count."""
        named: dict[int, list[tuple[int, int]]] = {}
        for det in kept:
            if det.entity_type == PERSON:
                named.setdefault(det.page, []).append((det.start, det.end))

        def lower_case_elsewhere(key: str, surface: str) -> bool:
            words = [w.strip(",.;:()\"'’") for w in surface.split()]
            if any(evidence.plain_name(w) for w in words) or all(is_common_word(w) for w in words if w):
                return False
            for page, sq in zip(pages, squeezed):
                if key not in sq.squeezed:
                    continue
                for s, e in find_occurrences(sq, key):
                    found = page.text[s:e]
                    if found != found.lower() or any(_overlaps((s, e), t) for t in named.get(page.number, [])):
                        continue
                    if not in_address(page.text, s, e):
                        return True
            return False

        verdict: dict[str, bool] = {}
        out = []
        for det in kept:
            if det.entity_type == PERSON and det.source == "analyzer" and det.auto and det.value_key:
                if det.value_key not in verdict:
                    surface = pages[det.page].text[det.start : det.end]
                    one_word = len(surface.split()) == 1
                    verdict[det.value_key] = (
                        evidence.not_a_name(surface) if one_word else evidence.phrase_not_a_name(surface)
                    ) or lower_case_elsewhere(det.value_key, surface)
                if verdict[det.value_key]:
                    if not include_review:
                        continue
                    det.auto = False
            out.append(det)
        return out

    def _allowed_intervals(self, sq: SqueezedText) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for key in self.allow_keys:
            if key in sq.squeezed:
                spans.extend(find_occurrences(sq, key))
        return spans

    def _deny_detections(self, page: PageText, sq: SqueezedText, keys: Sequence[str]) -> list[Detection]:
        out = []
        for key in keys:
            if key not in sq.squeezed:
                continue
            for s, e in find_occurrences(sq, key, allow_genitive=True):
                out.append(
                    Detection(PERSON, page.number, s, e, 1.0, "deny_list", "unchecked", "deny list", source="deny_list")
                )
        return out

    def propagate(
        self,
        pages: Sequence[PageText],
        squeezed: Sequence[SqueezedText],
        kept: list[Detection],
        evidence: DocumentEvidence | None = None,
    ) -> list[Detection]:
        """Mask every other occurrence of each detected value (and of each part of a name); a
        person-name value that is short or made of common Swedish or English words only where it
        is capitalised (never ``artificiell`` in running text because a heading ``Artificiell
        Intelligens`` was taken for a name): the rule verification applies too. A part of a name
        spreads only when it merits it: not a common Swedish or English word (``Software`` of a
        title taken for a name, ``Vinter`` of Elsa Vinter), not a word the document shows is no
        name (``evidence``)."""
        evidence = evidence or DocumentEvidence([p.text for p in pages])
        keys: dict[str, tuple[Detection, bool]] = {}
        # automatic detections first: a value found once with certainty is masked everywhere
        for det in sorted(kept, key=lambda d: not d.auto):
            if not det.value_key:
                continue
            keys.setdefault(det.value_key, (det, False))
            if det.entity_type == PERSON:
                surface = pages[det.page].text[det.start : det.end]
                for part in surface.replace("\n", " ").split():
                    part = part.strip(",.;:()\"'’")
                    if part.endswith(("'s", "’s")):
                        part = part[:-2]
                    if _propagatable_part(part) and _part_merits(part, surface, evidence):
                        keys.setdefault(normalise_value(part), (det, True))
                        # Wi$Sniewska read once, WiSniewska or Wisniewska elsewhere
                        for repaired in _without_ocr_symbols(normalise_value(part)):
                            keys.setdefault(repaired, (det, True))
        if not self.policy.protected_identity:  # the same value, masked for certain elsewhere
            for det in kept:
                if not det.auto and det.value_key in keys and keys[det.value_key][0].auto:
                    det.auto = True
        by_page: dict[int, list[tuple[int, int]]] = {}
        written: dict[str, list[str]] = {}  # how each value is written where it was found
        for det in kept:
            by_page.setdefault(det.page, []).append((det.start, det.end))
            written.setdefault(det.value_key, []).append(pages[det.page].text[det.start : det.end])
        out = list(kept)
        for page, sq in zip(pages, squeezed):
            taken = by_page.setdefault(page.number, [])
            for key, (origin, is_part) in keys.items():
                if key not in sq.squeezed:
                    continue
                is_name = origin.entity_type == PERSON
                # the rules verification applies (MaskedValue.require_capital, MaskedValue.skip)
                require_cap = is_name and name_needs_capital(key, written.get(key, [key]))
                skip = name_skip(key) if is_name else None
                for s, e in find_occurrences(sq, key, allow_genitive=is_name, require_capital=require_cap, skip=skip):
                    if any(_overlaps((s, e), t) for t in taken):
                        continue
                    taken.append((s, e))
                    out.append(
                        Detection(
                            entity_type=origin.entity_type,
                            page=page.number,
                            start=s,
                            end=e,
                            score=origin.score if not is_part else min(origin.score, 0.8),
                            recognizer="propagation",
                            validation=origin.validation,
                            explanation="another occurrence of a masked value"
                            + (" (part of a name)" if is_part else ""),
                            source="propagated",
                            value_key=key,
                            auto=origin.auto,
                        )
                    )
        out.extend(self._ocr_name_neighbours(pages, keys, out, by_page, evidence))
        out.sort(key=lambda d: (d.page, d.start))
        return out

    @staticmethod
    def _ocr_name_neighbours(
        pages: Sequence[PageText],
        keys: dict[str, tuple[Detection, bool]],
        found: list[Detection],
        taken: dict[int, list[tuple[int, int]]],
        evidence: DocumentEvidence,
    ) -> list[Detection]:
        """Words beside a masked name on an OCR'd page that OCR misread from a word of a masked
        name (:data:`_OCR_FOLD`)."""
        from ..ocr.pages import OcrPageText

        if not any(isinstance(p, OcrPageText) for p in pages):
            return []
        parts: dict[str, tuple[Detection, str]] = {}
        for key, (origin, _) in keys.items():
            if origin.entity_type != PERSON:
                continue
            for word in key.split():
                if len(word) >= _NEIGHBOUR_MIN_LEN + 1 and word.isalpha():
                    parts.setdefault(_ocr_fold(word), (origin, word))
        if not parts:
            return []
        extra: list[Detection] = []
        for det in [d for d in found if d.entity_type == PERSON]:
            if not 0 <= det.page < len(pages) or not isinstance(pages[det.page], OcrPageText):
                continue
            text = pages[det.page].text
            spans = taken.setdefault(det.page, [])
            for s, e in _neighbour_words(text, det.start, det.end):
                word = text[s:e]
                if (
                    len(word) < _NEIGHBOUR_MIN_LEN
                    or not word[0].isupper()
                    or not all(c.isalpha() or c in "|!10" for c in word)
                    or is_common_word(word)
                    or any(_overlaps((s, e), t) for t in spans)
                ):
                    continue
                folded = _ocr_fold(word)
                hit = next(
                    (
                        v
                        for f, v in parts.items()
                        if _edits_at_most(folded, f, 2 if len(f) >= 7 else 1) and normalise_value(word) != v[1]
                    ),
                    None,
                )
                if hit is None or evidence.not_a_name(word):
                    continue
                origin = hit[0]
                spans.append((s, e))
                extra.append(
                    Detection(
                        entity_type=PERSON,
                        page=det.page,
                        start=s,
                        end=e,
                        score=min(origin.score, 0.6),
                        recognizer="propagation",
                        validation=origin.validation,
                        explanation="an OCR misreading of a masked name beside a masked name",
                        source="propagated",
                        value_key=normalise_value(word),
                        auto=origin.auto,
                    )
                )
        return extra


def decide(
    policy: Policy | Decider,
    pages: Sequence[PageText],
    found: Sequence[Sequence[Detection]],
    *,
    include_review: bool = False,
    deny_list: Sequence[str] = (),
) -> list[Detection]:
    """The stage as a function: :meth:`Decider.decide` with ``policy``'s rules."""
    decider = policy if isinstance(policy, Decider) else Decider.of(policy)
    return decider.decide(pages, found, include_review=include_review, deny_list=deny_list)
