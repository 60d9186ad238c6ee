"""Write the gold JSON of twelve real statutes (text in ``../shared/corpus/statutes``) from the annotations here.

The decisions (which entities, types, labels, aliases, relations) are written by hand in ``specs.py``
after reading each statute against ``../shared/gold/GUIDELINES.md``; this script only turns them into
offsets, so that no offset is typed by hand: every occurrence of each surface form is found with
``str.find`` (a shorter form inside a longer form of the same entity is one mention; a Date inside a
longer Date is not a mention of its own), and an evidence span is the sentence (or line) around an
anchor string that occurs exactly once. The repository holds no copy of any statute: the files carry
the statute's path relative to ``../shared`` under ``shared_document``. The same script writes the gold
of the project's own heldout texts (``tests/data/heldout/own_specs.py``; text and gold side by side,
``document`` the file name). Run::

    .venv/bin/python tests/gold/statutes/make_statute_gold.py [--check]
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SHARED = ROOT.parent / "shared"
OWN = ROOT / "tests" / "data" / "heldout"
_END = "。！？；"


def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    """Every (start, end) occurrence of ``needle`` in ``text``, overlapping ones included."""
    out, i = [], text.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def unique(text: str, anchor: str) -> int:
    """The start of ``anchor``, which must occur exactly once."""
    hits = find_all(text, anchor)
    if len(hits) != 1:
        raise SystemExit(f"anchor {anchor!r} occurs {len(hits)} times")
    return hits[0][0]


def sentence(text: str, pos: int) -> tuple[int, int]:
    """The sentence (up to 。！？；, never over a line break) around ``pos``."""
    start = max(text.rfind(c, 0, pos) for c in _END + "\n") + 1
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
    ends = [i for i in (text.find(c, pos) for c in _END) if 0 <= i < line_end]
    end = min(ends) + 1 if ends else line_end
    while start < end and (text[start].isspace() or text[start] == "#"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def line(text: str, pos: int) -> tuple[int, int]:
    """The line around ``pos`` without its surrounding white space."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    while start < end and (text[start].isspace() or text[start] == "#"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def mentions(text: str, entities: list[dict]) -> list[list[tuple[int, int]]]:
    """Mentions of each entity: outermost occurrences of its forms, Dates inside longer Dates dropped."""
    found = []
    for e in entities:
        occ = sorted({o for f in e["forms"] for o in find_all(text, f)})
        keep = [o for o in occ if not any(p != o and p[0] <= o[0] and o[1] <= p[1] for p in occ)]
        for a, b in itertools.pairwise(keep):
            if a[1] > b[0]:
                raise SystemExit(f"{e['label']}: overlapping occurrences {a} {b}")
        found.append(keep)
    dates = [m for e, ms in zip(entities, found, strict=True) if e["type"] == "Date" for m in ms]
    return [[m for m in ms if e["type"] != "Date" or not any(d != m and d[0] <= m[0] and m[1] <= d[1] for d in dates)]
            for e, ms in zip(entities, found, strict=True)]


def build(spec: dict, text: str) -> dict:
    """The gold JSON object of one statute spec."""
    ents = spec["entities"]
    labels = [e["label"] for e in ents]
    if len(set(labels)) != len(labels):
        raise SystemExit(f"{spec['name']}: labels are not unique")
    ids = {e["label"]: f"E{i}" for i, e in enumerate(ents, 1)}
    spans = mentions(text, ents)
    out_entities = []
    for e, ms in zip(ents, spans, strict=True):
        if not ms and not e["optional"]:
            raise SystemExit(f"{spec['name']}: {e['label']} has no mention")
        item = {"id": ids[e["label"]], "type": e["type"], "label": e["label"], "aliases": e["aliases"]}
        if e["value"] is not None:
            item["value"] = e["value"]
        item.update({"mentions": [list(m) for m in ms], "optional": e["optional"], "note": e["note"]})
        out_entities.append(item)
    relations = []
    for r in spec["relations"]:
        pos = unique(text, r["anchor"])
        ev = line(text, pos) if r["unit"] == "line" else sentence(text, pos)
        rel = {"subject": ids[r["subject"]], "predicate": r["predicate"], "object": ids[r["object"]],
               "explicit": r["explicit"], "evidence": list(ev)}
        if r["optional"]:
            rel["optional"] = True
        relations.append(rel)
    where = {"document": spec["text"]} if "text" in spec else {"shared_document": spec["document"]}
    return {**where, "split": spec["split"], "kind": spec["kind"], "sections": [], "entities": out_entities,
            "relations": relations}


def dump(gold: dict) -> str:
    """JSON text with each span on one line (stable bytes)."""
    body = json.dumps(gold, ensure_ascii=False, indent=1)
    return re.sub(r"\[\n\s+(\d+),\n\s+(\d+)\n\s+\]", r"[\1, \2]", body) + "\n"


def _load(name: str, path: Path):
    """The module at ``path`` under a name of its own (no sys.path change)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    """Write (or with ``--check`` compare) every statute gold file and the own heldout gold files."""
    stale = 0
    specs = (_load("statute_gold_specs", HERE / "specs.py").SPECS
             + _load("heldout_own_specs", OWN / "own_specs.py").OWN_SPECS)
    for spec in specs:
        path = OWN / spec["text"] if "text" in spec else SHARED / spec["document"]
        if not path.is_file():
            print(f"{path}: not found", file=sys.stderr)
            return 2
        with open(path, encoding="utf-8") as fh:
            gold = build(spec, fh.read())
        out = (OWN if "text" in spec else HERE) / f"{spec['name']}.json"
        if "--check" in argv:
            same = out.is_file() and out.read_text(encoding="utf-8") == dump(gold)
            stale += not same
            print(f"{out.name}: {'ok' if same else 'STALE'}")
        else:
            out.write_text(dump(gold), encoding="utf-8")
            print(f"{out.name}: {len(gold['entities'])} entities, {len(gold['relations'])} relations")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
