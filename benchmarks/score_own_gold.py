"""Score the current extractor on the project's own gold, split by split (a script, not a test).

Three groups, each scored by building every document on its own and pooling the counts of
:func:`kg.evaluate.evaluate` over the group's documents:

* ``statutes/tune`` and ``statutes/heldout``: real statutes in ``../shared/corpus/statutes``, annotated in
  ``tests/gold/statutes/*.json`` (the field ``shared_document`` is the path relative to ``../shared``);
* ``own/heldout``: short documents written for the project, ``tests/data/heldout/*.txt`` with gold beside.

Extractor writers may look at the tune split only; the heldout figures are the check on generalisation.

Usage::

    python benchmarks/score_own_gold.py [--show]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
STATUTE_GOLD = ROOT / "tests" / "gold" / "statutes"
OWN = ROOT / "tests" / "data" / "heldout"


def gold_pairs(group: str) -> list[tuple[Path, Path]]:
    """(document, gold file) pairs of ``group`` (``statutes/tune``, ``statutes/heldout`` or ``own/heldout``)."""
    kind, split = group.split("/")
    pairs = []
    if kind == "statutes":
        for gold in sorted(STATUTE_GOLD.glob("*.json")):
            data = json.loads(gold.read_text(encoding="utf-8"))
            if data.get("split") == split:
                pairs.append((SHARED / data["shared_document"], gold))
    else:
        for gold in sorted(OWN.glob("*.json")):
            data = json.loads(gold.read_text(encoding="utf-8"))
            if data.get("split") == split:
                pairs.append((gold.parent / data["document"], gold))
    return pairs


GROUPS = ("statutes/tune", "statutes/heldout", "own/heldout")


def score(pairs: Iterable[tuple[Path, Path]], work: Path | None = None):
    """One :class:`kg.evaluate.Report` pooling the counts of every (document, gold) pair, each built alone."""
    from rdflib import Graph

    from kg.cli import main
    from kg.evaluate import Report, evaluate
    from kg.model import ENTITY_TYPES

    pooled = Report({t: _zero() for t in ENTITY_TYPES}, {})
    with tempfile.TemporaryDirectory() as tmp:
        base = work or Path(tmp)
        for i, (doc, gold) in enumerate(pairs):
            out = base / f"{i:02d}_{gold.stem}"
            if main(["build", str(doc), "--out", str(out), "-q", "--no-cache"]) != 0:
                raise SystemExit(f"kg build failed on {doc}")
            report = evaluate(Graph().parse(out / "graph.ttl"), [gold])
            _add(pooled, report, gold.stem)
    return pooled


def _zero():
    from kg.evaluate import Counts

    return Counts()


def _add(total, report, name: str) -> None:
    """Add the counts (and named misses) of ``report`` into ``total``."""
    for table_name in ("types", "predicates"):
        table, more = getattr(total, table_name), getattr(report, table_name)
        for key, c in more.items():
            t = table.setdefault(key, _zero())
            t.tp, t.fp, t.fn = t.tp + c.tp, t.fp + c.fp, t.fn + c.fn
    for key, names in report.misses.items():
        total.misses.setdefault(key, []).extend(f"{name}:{n}" for n in names)
    for key, names in report.spurious.items():
        total.spurious.setdefault(key, []).extend(f"{name}:{n}" for n in names)
    total.relation_misses.extend((f"{name}:{s}", p, o) for s, p, o in report.relation_misses)
    total.relation_spurious.extend((f"{name}:{s}", p, o) for s, p, o in report.relation_spurious)
    total.duplicates += report.duplicates
    total.date_values = (total.date_values[0] + report.date_values[0], total.date_values[1] + report.date_values[1])


def main(argv: list[str] | None = None) -> int:
    """Print core and relations F1 (and the per-type table with --show) for every group that has files."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="print the tables with misses and spurious items")
    ap.add_argument("--group", action="append", choices=GROUPS, help="score only this group (repeatable)")
    a = ap.parse_args(argv)
    from kg.evaluate import format_report

    for group in a.group or GROUPS:
        pairs = gold_pairs(group)
        missing = [str(d) for d, _ in pairs if not d.is_file()]
        if not pairs or missing:
            print(f"{group:18} skipped: {'no gold files' if not pairs else 'text not found: ' + missing[0]}")
            continue
        report = score(pairs)
        print(f"{group:18} docs={len(pairs):2}  core F1={report.figure('core'):.3f}  "
              f"relations F1={report.figure('relations'):.3f}")
        if a.show:
            print(format_report(report, show=True))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
