"""Consistency checks for gold annotation files (format: ``../shared/gold/GUIDELINES.md``).

``check(gold_path, text_path)`` returns a list of problems (empty when the file is sound):
mention spans that do not spell the entity's label or an alias (or cut through 《》/“” pairs),
occurrences of a name that no mention covers, sections that do not tile the text, relations to
unknown ids or of the wrong types, evidence spans that name neither end of their relation.
Run as a script to check files by hand::

    python tests/gold/check_gold.py tests/gold/sample.json kg/data/sample.txt
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

TYPES = ("Bureau", "Law", "Project", "Date", "Organization", "Work", "Event")
# predicate -> (allowed subject types, allowed object types)
PREDICATES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "responsibleFor": (("Bureau",), ("Project", "Law")),
    "effectiveDate": (("Law",), ("Date",)),
    "period": (("Project", "Law"), ("Date",)),
    "subOrganizationOf": (("Bureau",), ("Bureau",)),
    "organizes": (("Bureau",), ("Event", "Project")),
}
ISO_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")
_MARKS = re.compile(r"[《》〈〉“”\"'‘’「」『』\s]")
_DASHES = re.compile(r"[—–―‒－~～]")


def norm(name: str) -> str:
    """A name as the scorer compares it: NFKC, one kind of dash, no quote or title marks."""
    s = unicodedata.normalize("NFKC", name)
    return _MARKS.sub("", _DASHES.sub("-", s))


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


_PAIRS = {"《": "》", "“": "”", "〈": "〉", "「": "」", "『": "』"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}


def _balanced(span_text: str) -> bool:
    """Title and quote marks inside a mention pair up (a span may not cut through 《…》 or “…”)."""
    stack: list[str] = []
    for ch in span_text:
        if ch in _PAIRS:
            stack.append(ch)
        elif ch in _CLOSERS and (not stack or stack.pop() != _CLOSERS[ch]):
            return False
    return not stack


def _is_span(value: object, length: int) -> bool:
    return (isinstance(value, (list, tuple)) and len(value) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in value)
            and 0 <= value[0] < value[1] <= length)


def _inside(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _entity_fields(e: dict, where: str, problems: list[str]) -> tuple[str, list[str]]:
    """The label and aliases of entity ``e`` (empty when malformed), its field problems appended to ``problems``."""
    if e.get("type") not in TYPES:
        problems.append(f"{where}: unknown type {e.get('type')!r}")
    label, aliases = e.get("label"), e.get("aliases", [])
    if not isinstance(label, str) or not norm(label):
        problems.append(f"{where}: empty label")
        label = ""
    if not isinstance(aliases, list) or not all(isinstance(a, str) and norm(a) for a in aliases):
        problems.append(f"{where}: aliases must be a list of non-empty strings")
        aliases = []
    if not isinstance(e.get("optional", False), bool):
        problems.append(f"{where}: optional must be true or false")
    if not isinstance(e.get("note", ""), str):
        problems.append(f"{where}: note must be a string")
    if e.get("type") == "Date" and not ISO_VALUE.match(str(e.get("value", ""))):
        problems.append(f"{where}: Date value {e.get('value')!r} is not ISO 8601")
    return label, aliases


def _entity_mentions(e: dict, text: str, where: str, names: set[str], problems: list[str]) -> list[tuple[int, int]]:
    """The well-formed mention spans of entity ``e``, the problems of its mentions appended to ``problems``."""
    good: list[tuple[int, int]] = []
    for m in e.get("mentions", []):
        if not _is_span(m, len(text)):
            problems.append(f"{where}: mention {m!r} is not a span inside the text")
            continue
        span = (m[0], m[1])
        if span in good:
            problems.append(f"{where}: mention {list(span)} listed twice")
        elif norm(text[span[0]:span[1]]) not in names:
            problems.append(f"{where}: mention {list(span)} reads {text[span[0]:span[1]]!r}, "
                            "neither the label nor an alias")
        elif text[span[0]:span[1]] != text[span[0]:span[1]].strip():
            problems.append(f"{where}: mention {list(span)} starts or ends with white space")
        elif not _balanced(text[span[0]:span[1]]):
            problems.append(f"{where}: mention {list(span)} reads {text[span[0]:span[1]]!r}, "
                            "which cuts through a pair of 《》 or “” marks")
        good.append(span)
    return good


def _check_entities(gold: dict, text: str, problems: list[str]
                    ) -> tuple[dict[str, dict], dict[str, list[tuple[int, int]]]]:
    """The entities of ``gold`` by id and their mention spans, their problems appended to ``problems``."""
    entities: dict[str, dict] = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    for e in gold["entities"]:
        eid = e.get("id")
        where = f"entity {eid} ({e.get('label')})"
        if not isinstance(eid, str) or eid in entities:
            problems.append(f"{where}: missing or duplicate id")
            continue
        entities[eid] = e
        label, aliases = _entity_fields(e, where, problems)
        names = {norm(label)} | {norm(a) for a in aliases}
        good = _entity_mentions(e, text, where, names, problems)
        spans[eid] = good
        if not good and not e.get("optional", False):
            problems.append(f"{where}: required entity without mentions")
    return entities, spans


def _check_shared_names(entities: dict[str, dict], problems: list[str]) -> None:
    """Entities of one type sharing a name, and Dates sharing a value."""
    seen_names: dict[tuple[str, str], str] = {}
    seen_values: dict[str, str] = {}
    for eid, e in entities.items():
        for nm in sorted({norm(e.get("label", ""))} | {norm(a) for a in e.get("aliases", [])}):
            other = seen_names.setdefault((e.get("type"), nm), eid)
            if other != eid:
                problems.append(f"entities {other} and {eid} share the {e.get('type')} name {nm!r}")
        if e.get("type") == "Date" and e.get("value"):
            other = seen_values.setdefault(e["value"], eid)
            if other != eid:
                problems.append(f"Dates {other} and {eid} share the value {e['value']!r}")


def _check_coverage(entities: dict[str, dict], spans: dict[str, list[tuple[int, int]]], text: str,
                    problems: list[str]) -> None:
    """Occurrences of a label or alias not covered by a mention of its entity, and mentions cut short of a label."""
    date_spans = [(eid, s) for eid, e in entities.items() if e.get("type") == "Date" for s in spans[eid]]
    for eid, e in entities.items():
        forms = {e.get("label", "")} | set(e.get("aliases", []))
        for form in sorted(f for f in forms if isinstance(f, str) and len(f) >= 2):
            for occ in _occurrences(text, form):
                if form == e.get("label"):
                    for s in spans[eid]:
                        if _inside(s, occ) and s != occ:
                            problems.append(f"entity {eid} ({form}): mention {list(s)} is cut short of "
                                            f"the label at {list(occ)}")
                if any(_overlap(occ, s) for s in spans[eid]):
                    continue
                if e.get("type") == "Date" and any(o != eid and _inside(occ, s) and s != occ
                                                   for o, s in date_spans):
                    continue
                problems.append(f"entity {eid} ({e.get('label')}): {form!r} at {list(occ)} "
                                "is not covered by a mention")


def _check_sections(sections: list[dict], entities: dict[str, dict], spans: dict[str, list[tuple[int, int]]],
                    text: str, problems: list[str]) -> None:
    """Sections (sorted by start) that are not consecutive spans opening on their heading, with a Bureau owner."""
    section_ids: set[str] = set()
    for i, s in enumerate(sections):
        where = f"section {s.get('id')} ({s.get('heading')})"
        if s.get("id") in section_ids:
            problems.append(f"{where}: duplicate id")
        section_ids.add(s.get("id"))
        start, end = s.get("start"), s.get("end")
        if not _is_span([start, end], len(text)):
            problems.append(f"{where}: [{start}, {end}] is not a span inside the text")
            continue
        heading = s.get("heading", "")
        if not heading or text[start:start + len(heading)] != heading:
            problems.append(f"{where}: text at {start} is {text[start:start + 12]!r}, not the heading")
        if i + 1 < len(sections) and sections[i + 1].get("start") != end:
            problems.append(f"{where}: ends at {end} but the next section starts at "
                            f"{sections[i + 1].get('start')}")
        if i + 1 == len(sections) and end != len(text):
            problems.append(f"{where}: the last section ends at {end}, the text at {len(text)}")
        bureau = entities.get(s.get("bureau"))
        if bureau is None or bureau.get("type") != "Bureau":
            problems.append(f"{where}: bureau {s.get('bureau')!r} is not a Bureau entity")
            continue
        named = any(start <= m[0] and m[1] <= end for m in spans[s["bureau"]])
        if s.get("bureau_explicit") is not named:
            problems.append(f"{where}: bureau_explicit is {s.get('bureau_explicit')!r} but the bureau is "
                            f"{'' if named else 'not '}named in the section")


def _check_evidence(r: dict, where: str, entities: dict[str, dict], spans: dict[str, list[tuple[int, int]]],
                    sections: list[dict], text: str, problems: list[str]) -> None:
    """The evidence span of relation ``r``: one line naming its subject or object; ``explicit`` as its section says."""
    subj, pred, obj = r.get("subject"), r.get("predicate"), r.get("object")
    ev = r.get("evidence")
    if not _is_span(ev, len(text)):
        problems.append(f"{where}: evidence {ev!r} is not a span inside the text")
        return
    ev_span = (ev[0], ev[1])
    if "\n" in text[ev_span[0]:ev_span[1]].rstrip("\n"):
        problems.append(f"{where}: evidence {list(ev_span)} runs over a line break")
    if not any(_inside(m, ev_span) for eid in (subj, obj) for m in spans[eid]):
        problems.append(f"{where}: evidence {list(ev_span)} names neither "
                        f"{entities[subj].get('label')} nor {entities[obj].get('label')}")
    if pred in ("responsibleFor", "organizes"):
        home = [s for s in sections if s.get("start", 0) <= ev_span[0] < s.get("end", 0)]
        if home:
            sec = home[0]
            named = any(sec["start"] <= m[0] and m[1] <= sec["end"] for m in spans[subj])
            if r.get("explicit") is not named:
                problems.append(f"{where}: explicit is {r.get('explicit')!r} but the subject is "
                                f"{'' if named else 'not '}named in section {sec.get('id')}")


def _check_relations(relations: list[dict], entities: dict[str, dict], spans: dict[str, list[tuple[int, int]]],
                     sections: list[dict], text: str, problems: list[str]) -> None:
    """Relations with unknown entities or predicates, repeated, of the wrong types, or with bad evidence."""
    seen_rel: set[tuple[str, str, str]] = set()
    for r in relations:
        subj, pred, obj = r.get("subject"), r.get("predicate"), r.get("object")
        where = f"relation {subj} {pred} {obj}"
        if subj not in entities or obj not in entities:
            problems.append(f"{where}: unknown entity id")
            continue
        if pred not in PREDICATES:
            problems.append(f"{where}: unknown predicate")
            continue
        if (subj, pred, obj) in seen_rel:
            problems.append(f"{where}: listed twice")
        seen_rel.add((subj, pred, obj))
        s_types, o_types = PREDICATES[pred]
        if entities[subj].get("type") not in s_types or entities[obj].get("type") not in o_types:
            problems.append(f"{where}: {entities[subj].get('type')} -> {entities[obj].get('type')} "
                            f"does not fit {pred}")
        if not isinstance(r.get("explicit"), bool):
            problems.append(f"{where}: explicit must be true or false")
        _check_evidence(r, where, entities, spans, sections, text, problems)


def check_data(gold: dict, text: str, document: str | None = None, complete: bool = True) -> list[str]:
    """Problems of one gold annotation ``gold`` of ``text``.

    ``complete`` also demands that every occurrence of a label or alias in the text overlaps
    a mention of its entity (a Date inside a longer Date mention is exempt: 2023年 in 2023年3月1日),
    and that no mention is a piece of an occurrence of its own label.
    """
    problems: list[str] = []
    for key in ("document", "sections", "entities", "relations"):
        if key not in gold:
            problems.append(f"missing top-level key {key!r}")
    if problems:
        return problems
    if document is not None and gold["document"] != document:
        problems.append(f"document is {gold['document']!r}, text file is {document!r}")
    entities, spans = _check_entities(gold, text, problems)
    _check_shared_names(entities, problems)
    if complete:
        _check_coverage(entities, spans, text, problems)
    sections = sorted(gold["sections"], key=lambda s: s.get("start", -1))
    _check_sections(sections, entities, spans, text, problems)
    _check_relations(gold["relations"], entities, spans, sections, text, problems)
    return problems


def check(gold_path: str | Path, text_path: str | Path, complete: bool = True) -> list[str]:
    """Problems of the gold file ``gold_path`` against the document ``text_path``."""
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    with open(text_path, encoding="utf-8") as fh:
        text = fh.read()
    return check_data(gold, text, document=Path(text_path).name, complete=complete)


def locate_text(gold_path: str | Path) -> Path:
    """The document a gold file describes: beside it, else in the package's ``kg/data``."""
    gold_path = Path(gold_path)
    name = json.loads(gold_path.read_text(encoding="utf-8"))["document"]
    beside = gold_path.parent / name
    if beside.is_file():
        return beside
    return Path(__file__).resolve().parents[2] / "kg" / "data" / name


if __name__ == "__main__":  # pragma: no cover - manual use
    args = [a for a in sys.argv[1:] if a != "--partial"]
    gold_arg = args[0]
    text_arg = args[1] if len(args) > 1 else locate_text(gold_arg)
    found = check(gold_arg, text_arg, complete="--partial" not in sys.argv)
    print("\n".join(found) or "ok")
    sys.exit(1 if found else 0)
