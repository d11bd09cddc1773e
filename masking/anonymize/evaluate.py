"""``masking eval --anonymize``: pseudonymisation scored on generated documents.

For ``n`` documents of :mod:`masking.synth` (their page texts, analysed and decided by the
pipeline's stages as ``masking anonymize`` does), per operator:

* **leaks**: true values still findable in the output (the leak check of ``masking eval``:
  :func:`masking.textmatch.find_occurrences`, a name with its genitive, a short name only
  capitalised); ``--diagnoses keep`` keeps diagnoses on purpose, so they are not counted then;
* **consistency**: values written more than once in a document (the same text, any case): the
  share whose occurrences all got the same replacement (goal 1.0);
* **validity** (surrogate): surrogate identity numbers with a valid date and Luhn digit, phone
  numbers in the input's notation and area code, bank accounts with their clearing number and a
  valid check digit by its range's rule, Luhn/mod-97 identifiers, postnummer (goal 1.0);
* **names as names** (surrogate): the share of surrogate names that the project's analyzer, run
  on the pseudonymised text, finds as PERSON (the text stays natural).
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from typing import Any, Optional, Sequence

from ..entities import (
    HEALTH,
    IBAN_CODE,
    ICD10_CODE,
    PAYMENT_CARD,
    PERSON,
    PHONE_NUMBER,
    SE_BANK_ACCOUNT,
    SE_BANKGIRO,
    SE_ORGANISATIONSNUMMER,
    SE_PERSONNUMMER,
    SE_PLUSGIRO,
    SE_POSTAL_CODE,
    SE_SAMORDNINGSNUMMER,
)
from ..synth.names import fold
from ..textmatch import SqueezedText, find_occurrences, normalise_value
from . import values as v
from .engine import Anonymizer
from .keys import AnonymizeKey

_ENC_CASE = re.compile(r"^\[ENC:([A-Z0-9_]+):[kul]:")
_POSTAL = re.compile(r"\d{3} ?\d{2}(\s+\S.*)?")


def leaked(output: str, value: str, entity_type: str) -> bool:
    key = normalise_value(value)
    if not key:
        return False
    sq = SqueezedText.of(output)
    is_name = entity_type == PERSON
    return key in sq.squeezed and bool(find_occurrences(sq, key, allow_genitive=is_name,
                                                        require_capital=is_name and len(key) < 5))


def valid_surrogate(entity_type: str, original: str, fake: str) -> Optional[bool]:
    """Whether a surrogate keeps its type's rules; None for types without a checkable rule."""
    if entity_type in (SE_PERSONNUMMER, SE_SAMORDNINGSNUMMER):
        d, o = v.digits_of(fake), v.digits_of(original)
        samordning = len(o) >= 10 and int(o[-6:-4]) > 60
        return (v.pnr_valid(fake) and len(d) == len(o) and d[-2] in ("13579" if int(o[-2]) % 2 else "02468")
                and (int(d[-6:-4]) > 60) == samordning and v.pnr_key(fake) != v.pnr_key(original))
    if entity_type == PHONE_NUMBER:
        return v.phone_valid(original, fake) and v.phone_key(fake) != v.phone_key(original)
    if entity_type in (SE_BANKGIRO, SE_PLUSGIRO, PAYMENT_CARD, SE_ORGANISATIONSNUMMER):
        return v.luhn_ok(v.digits_of(fake)) if v.luhn_ok(v.digits_of(original)) else None
    if entity_type == SE_BANK_ACCOUNT:
        if not v.bank_account_valid(original):
            return None
        clearing = v.split_bank_account(original)[0]  # type: ignore[index]
        return (v.bank_account_valid(fake) and v.digits_of(fake).startswith(clearing)
                and v.digits_of(fake) != v.digits_of(original))
    if entity_type == IBAN_CODE:
        return v.iban_valid(fake) if v.iban_valid(original) else None
    if entity_type == SE_POSTAL_CODE:
        return bool(_POSTAL.fullmatch(fake.strip()))
    return None


def _rate(ok: int, n: int) -> Optional[float]:
    return round(ok / n, 4) if n else None


def evaluate_anonymize(n: int = 30, seed: int = 2026, split: str = "heldout", policy: Optional[str] = None,
                       operators: Sequence[str] = ("tag", "surrogate", "hmac", "encrypt"), diagnoses: str = "chapter",
                       masker=None) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    from ..pipeline import Masker
    from ..synth import generate_documents

    masker = masker or Masker(policy=policy)
    docs = generate_documents(n, seed, split)
    key = AnonymizeKey.from_secret(b"masking-eval-anonymize-key-000000")  # a fixed evaluation key
    base = Anonymizer(masker, operator="tag")
    t0 = time.perf_counter()
    analysed = [base.analyse_parts(d.id, list(d.pages)) for d in docs]
    analyse_s = time.perf_counter() - t0
    out: dict[str, Any] = {"documents": n, "seed": seed, "split": split, "diagnoses": diagnoses,
                           "analyse_s": round(analyse_s, 2), "operators": {}}
    for op in operators:
        a = Anonymizer(masker, operator=op, key=key, diagnoses=diagnoses, seed=seed)
        results = a.anonymize(analysed)
        leaks: dict[str, int] = defaultdict(int)
        values = 0
        cons_ok = cons_n = 0
        valid: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        names_ok = names_n = 0
        for doc, res in zip(docs, results):
            text = "\f".join(res.parts)
            for page in doc.entities:
                for e in page:
                    if diagnoses == "keep" and e.type in (ICD10_CODE, HEALTH):
                        continue
                    values += 1
                    if leaked(text, e.text, e.type):
                        leaks[e.type] += 1
            # consistency: the same value written again (any case) got the same replacement
            seen: dict[tuple[str, str], set[str]] = defaultdict(set)
            count: dict[tuple[str, str], int] = defaultdict(int)
            for t, surface, repl in res.replaced:
                k = (t, normalise_value(surface))
                # encrypt: one ciphertext per value; the case letter only says how it was written
                # (compared folded: YILDIZ is Yıldız in capitals)
                seen[k].add(fold(_ENC_CASE.sub(r"[ENC:\1:", repl)))
                count[k] += 1
            for k, reps in seen.items():
                if count[k] > 1:
                    cons_n += 1
                    cons_ok += len(reps) == 1
            if op == "surrogate":
                for t, surface, repl in res.replaced:
                    ok = valid_surrogate(t, surface, repl)
                    if ok is not None:
                        valid[t][0] += int(ok)
                        valid[t][1] += 1
                # names as names: the analyzer on the pseudonymised text
                for part, page_repl in ((p, [r for r in res.replaced if r[0] == PERSON]) for p in res.parts):
                    found = masker.analyzer.analyze(part)
                    spans = [(f.start, f.end) for f in found if f.entity_type == PERSON]
                    for _, _, repl in page_repl:
                        name = repl.rstrip("s") if repl.endswith("s") and len(repl) > 3 else repl
                        for m in re.finditer(re.escape(name), part):
                            names_n += 1
                            names_ok += any(s <= m.start() and m.end() <= e for s, e in spans)
                            break
        row: dict[str, Any] = {"values": values, "leaks": sum(leaks.values()), "leaks_by_type": dict(leaks),
                               "repeated_values": cons_n, "consistency": _rate(cons_ok, cons_n),
                               "replacements": sum(a.counts.values())}
        if op == "surrogate":
            row["validity"] = _rate(sum(x[0] for x in valid.values()), sum(x[1] for x in valid.values()))
            row["validity_by_type"] = {t: _rate(*x) for t, x in sorted(valid.items())}
            row["names_found_as_names"] = _rate(names_ok, names_n)
            row["surrogate_names"] = names_n
        out["operators"][op] = row
    return out


def format_anonymize_eval(r: dict[str, Any]) -> str:
    lines = [f"anonymize eval: {r['documents']} generated documents (seed {r['seed']}, {r['split']}), "
             f"diagnoses {r['diagnoses']}"]
    for op, row in r["operators"].items():
        line = (f"  {op:<10} leaks {row['leaks']} of {row['values']} values {row['leaks_by_type'] or ''}; "
                f"consistency {row['consistency']} ({row['repeated_values']} repeated values)")
        if op == "surrogate":
            line += (f"; validity {row['validity']} {row['validity_by_type']}; surrogate names found as names "
                     f"{row['names_found_as_names']} ({row['surrogate_names']})")
        lines.append(line)
    return "\n".join(lines)


def cmd_eval_anonymize(args) -> int:  # type: ignore[no-untyped-def]
    import json
    from pathlib import Path

    from ..errors import ExitCode

    if args.corpus:
        print("masking: eval --anonymize takes no CORPUS_DIR (documents are generated)")
        return ExitCode.usage
    result = evaluate_anonymize(n=args.n, seed=args.seed, split=args.split, policy=args.policy)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print(format_anonymize_eval(result))
    rows = result["operators"].values()
    bad = any(r["leaks"] or (r["consistency"] is not None and r["consistency"] < 1.0)
              or (r.get("validity") is not None and r["validity"] < 1.0) for r in rows)
    return ExitCode.failure if bad else ExitCode.ok
