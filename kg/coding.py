"""Hand-coding a sample of the graph, and the reliability figures social scientists report from it.

:func:`sample_rows` draws a stratified sample (entities by type, relations by
predicate, with a fixed seed) into a coding sheet with an empty ``judgement``
column; coders fill it with one of :data:`JUDGEMENTS`. :func:`agreement` reads
one or more filled sheets and reports precision per stratum with a 95 % Wilson
score interval, Cohen's kappa for two sheets and Krippendorff's alpha
(nominal, from the ``krippendorff`` package) for more.
"""

from __future__ import annotations

import csv
import io
import math
import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import InputError

JUDGEMENTS = ("correct", "wrong_type", "wrong_span", "not_entity")
SHEET_COLUMNS = ("item", "kind", "stratum", "iri", "label", "type", "predicate", "object_iri", "object_label", "rule",
                 "confidence", "inferred", "document", "sentence", "judgement", "note")
#: z of a two-sided 95 % interval.
Z95 = 1.959963984540054


# --------------------------------------------------------------------------- sampling

def _population(collector) -> dict[tuple[str, str], list[dict[str, str]]]:
    """Every codable item by stratum: ("entity", type) and ("relation", predicate)."""
    labels = {k: min(v) for k, v in collector.labels.items() if v}
    strata: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for iri in sorted(collector.types):
        ms = sorted(set(collector.mentions_of.get(iri, ())),
                    key=lambda m: (collector.m_doc.get(m, ""), collector.m_start.get(m, 0), m))
        if not ms:
            continue
        m = ms[0]
        t = collector.types[iri]
        strata[("entity", t)].append({"item": "E " + iri, "kind": "entity", "stratum": t, "iri": iri,
                                      "label": labels.get(iri, ""), "type": t, "rule": collector.rule_of.get(m, ""),
                                      "document": collector.m_doc.get(m, ""),
                                      "sentence": collector.m_sentence.get(m, "")})
    for st in collector.statements():
        strata[("relation", st["p"])].append({
            "item": "R " + st["iri"], "kind": "relation", "stratum": st["p"], "iri": st["s"],
            "label": labels.get(st["s"], ""), "type": collector.types.get(st["s"], ""), "predicate": st["p"],
            "object_iri": st["o"], "object_label": labels.get(st["o"], ""), "rule": st["rule"],
            "confidence": "" if st["confidence"] is None else f"{st['confidence']:.2f}",
            "inferred": "true" if st["inferred"] else "false", "document": st["document"],
            "sentence": st["sentence"]})
    return dict(sorted(strata.items()))


def allocate(sizes: Sequence[int], n: int) -> list[int]:
    """Items drawn per stratum: proportional to size (largest remainders), at least one from each stratum
    while ``n`` allows, never more than a stratum holds.

    Examples
    --------
    >>> allocate([90, 9, 1], 10)
    [7, 2, 1]
    >>> allocate([3, 2], 100)
    [3, 2]
    """
    total = sum(sizes)
    n = min(n, total)
    if n == 0:
        return [0] * len(sizes)
    take = [0] * len(sizes)
    order = sorted(range(len(sizes)), key=lambda i: (-sizes[i], i))
    for i in order:  # one each first, largest strata first
        if sum(take) < n and sizes[i] > 0:
            take[i] = 1
    left = n - sum(take)
    if left > 0:
        spare = [sizes[i] - take[i] for i in range(len(sizes))]
        quota = [left * s / max(sum(spare), 1) for s in spare]
        extra = [min(int(q), spare[i]) for i, q in enumerate(quota)]
        rest = left - sum(extra)
        for i in sorted(range(len(sizes)), key=lambda i: (-(quota[i] - int(quota[i])), i)):
            if rest <= 0:
                break
            if extra[i] < spare[i]:
                extra[i] += 1
                rest -= 1
        take = [t + e for t, e in zip(take, extra, strict=True)]
    return take


def sample_rows(collector, *, n: int = 100, seed: int = 1) -> list[dict[str, str]]:
    """A stratified random sample of ``n`` items (entities by type, relations by predicate), sorted by stratum."""
    strata = _population(collector)
    keys = list(strata)
    counts = allocate([len(strata[k]) for k in keys], n)
    rng = random.Random(seed)
    out: list[dict[str, str]] = []
    for k, c in zip(keys, counts, strict=True):
        picked = rng.sample(strata[k], c)
        out.extend(sorted(picked, key=lambda r: r["item"]))
    return out


def sample_csv(collector, *, n: int = 100, seed: int = 1, bom: bool = False) -> str:
    """The coding sheet as CSV text (``judgement`` and ``note`` left empty)."""
    from .export_csv import write_rows

    text = write_rows(SHEET_COLUMNS, ([r.get(c, "") for c in SHEET_COLUMNS] for r in sample_rows(collector, n=n,
                                                                                                   seed=seed)))
    return "\ufeff" + text if bom else text


# --------------------------------------------------------------------------- statistics

def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95 % by default); (0, 1) when ``n`` is 0.

    Examples
    --------
    >>> [round(x, 4) for x in wilson(8, 10)]
    [0.4902, 0.9433]
    """
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float:
    """Cohen's kappa of two coders' labels for the same items (1.0 when both agree on one category).

    Examples
    --------
    >>> cohen_kappa(["y", "y", "n", "n"], ["y", "n", "n", "n"])
    0.5
    """
    if len(a) != len(b) or not a:
        raise ValueError("kappa needs two equally long, non-empty lists")
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    if expected == 1.0:
        return 1.0
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(sheets: Sequence[Sequence[str | None]]) -> float:
    """Krippendorff's alpha (nominal) of several coders (rows) over items (columns; ``None``: not coded),
    computed by the ``krippendorff`` package."""
    import krippendorff
    import numpy as np

    cats = {c: i for i, c in enumerate(JUDGEMENTS)}
    data = np.array([[np.nan if v is None else cats[v] for v in row] for row in sheets], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


# --------------------------------------------------------------------------- reading sheets

def read_sheet(path: str | Path) -> dict[str, tuple[str, str]]:
    """item → (stratum, judgement) of a coding sheet; items left uncoded are left out."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"coding sheet not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read coding sheet {path}: {exc}") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("item", "stratum", "judgement") if c not in (reader.fieldnames or ())]
    if missing:
        raise InputError(f"{path}: no column {', '.join(missing)} (is it a sheet from kg sample?)")
    out: dict[str, tuple[str, str]] = {}
    for line, row in enumerate(reader, start=2):
        j = (row.get("judgement") or "").strip().lower()
        if not j:
            continue
        if j not in JUDGEMENTS:
            raise InputError(f"{path}, line {line}: judgement {j!r} is not one of {', '.join(JUDGEMENTS)}")
        out[row["item"]] = ((row.get("stratum") or "").strip(), j)
    return out


def agreement(paths: Sequence[str | Path]) -> dict[str, object]:
    """Precision per stratum (majority judgement of each item; ties go to the first sheet), with Wilson
    intervals; Cohen's ``kappa`` (two sheets, items both coded) or Krippendorff's ``alpha`` (three or more)."""
    sheets = [read_sheet(p) for p in paths]
    items = sorted(set().union(*sheets))
    if not items:
        raise InputError("no coded item: fill the 'judgement' column with " + ", ".join(JUDGEMENTS))
    verdict: dict[str, tuple[str, str]] = {}
    for item in items:
        votes = [s[item] for s in sheets if item in s]
        counts = Counter(j for _, j in votes)
        best = max(counts.values())
        judgement = next(j for _, j in votes if counts[j] == best)
        verdict[item] = (votes[0][0], judgement)
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for stratum, j in verdict.values():
        per[stratum][0] += j == "correct"
        per[stratum][1] += 1
    def row(ok: int, n: int) -> dict[str, object]:
        low, high = wilson(ok, n)
        return {"correct": ok, "n": n, "precision": round(ok / n, 4) if n else None, "low": round(low, 4),
                "high": round(high, 4)}

    report: dict[str, Any] = {
        "sheets": len(sheets), "items": len(items),
        "precision": {k: row(*v) for k, v in sorted(per.items())},
        "overall": row(sum(v[0] for v in per.values()), sum(v[1] for v in per.values())),
        "judgements": dict(sorted(Counter(j for _, j in verdict.values()).items())),
        "kappa": None, "alpha": None,
    }
    if len(sheets) == 2:
        both = [i for i in items if i in sheets[0] and i in sheets[1]]
        report["paired"] = len(both)
        if both:
            report["kappa"] = round(cohen_kappa([sheets[0][i][1] for i in both], [sheets[1][i][1] for i in both]), 4)
    elif len(sheets) > 2:
        alpha = krippendorff_alpha([[s[i][1] if i in s else None for i in items] for s in sheets])
        report["alpha"] = None if math.isnan(alpha) else round(alpha, 4)
    return report


def format_agreement(report: dict[str, Any]) -> str:
    """The report as a plain-text table."""
    lines = [f"{report['items']} coded item(s) from {report['sheets']} sheet(s)", "",
             f"{'stratum':<22} {'n':>5} {'correct':>8} {'precision':>10}  95% Wilson interval"]
    rows = dict(report["precision"])
    rows["(all)"] = report["overall"]
    for k, r in rows.items():
        p = "" if r["precision"] is None else f"{r['precision']:.3f}"
        lines.append(f"{k:<22} {r['n']:>5} {r['correct']:>8} {p:>10}  [{r['low']:.3f}, {r['high']:.3f}]")
    lines.append("")
    if report.get("kappa") is not None:
        lines.append(f"Cohen's kappa (2 coders, {report.get('paired')} items coded by both): {report['kappa']:.3f}")
    if report.get("alpha") is not None:
        lines.append(f"Krippendorff's alpha (nominal, {report['sheets']} coders): {report['alpha']:.3f}")
    return "\n".join(lines) + "\n"
