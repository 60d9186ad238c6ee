"""Corrections that survive rebuilds, a user gazetteer, and the review list of what to check first.

A corrections file is a CSV with the header ``action,target,value,object,note``:

==============  =========================================================
``drop``        remove the entity ``target`` (and its relations)
``retype``      give ``target`` the type ``value`` (Bureau, Law, …)
``rename``      label ``target`` ``value``; the old label is kept as an altLabel
``merge``       merge ``target`` into ``value`` (its names become altLabels)
``add_relation``   add ``target`` –``value``→ ``object`` (``value`` a predicate)
``drop_relation``  remove every ``target`` –``value``→ ``object`` statement
==============  =========================================================

``target``, ``value`` (for merge) and ``object`` name an entity by its label,
an altLabel or its IRI. :func:`apply_corrections` applies the file to the
merged corpus before RDF is written, in file order, and returns which lines
applied and which no longer match anything (*stale*: reported, never ignored
silently). The same corpus and file give the same result every time.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import InputError
from .gazetteer import Gazetteer, parse_gazetteer
from .ids import entity_ref, normalize_key
from .model import ENTITY_TYPES, PREDICATES, Corpus, Entity, Evidence, Relation

HEADER = ("action", "target", "value", "object", "note")
ACTIONS = ("drop", "retype", "rename", "merge", "add_relation", "drop_relation")
#: The rule of statements a correction adds.
RULE = "correction"


#: (document id, mention start) → (sentence start, end, text), as :attr:`kg.model.Corpus.sentence_of`
_Sentences = Mapping[tuple[str, int], tuple[int, int, str]]


@dataclass(frozen=True)
class Correction:
    """One line of a corrections file."""

    line: int
    action: str
    target: str
    value: str = ""
    object: str = ""
    note: str = ""

    def describe(self) -> str:
        """The line as a short human description."""
        parts = [self.action, self.target] + [p for p in (self.value, self.object) if p]
        return f"line {self.line}: " + " ".join(parts)


@dataclass(frozen=True)
class Outcome:
    """What applying a corrections file did: applied lines and stale lines (with the reason)."""

    applied: tuple[Correction, ...]
    stale: tuple[tuple[Correction, str], ...]

    def record(self) -> list[dict[str, str]]:
        """The applied corrections as plain records (for the build's provenance)."""
        return [{"rule": RULE, "line": str(c.line), "action": c.action, "target": c.target, "value": c.value,
                 "object": c.object, "note": c.note} for c in self.applied]


def parse_corrections(text: str, where: str = "corrections") -> list[Correction]:
    """Read corrections CSV text (raises :class:`InputError` naming the line for a bad one).

    Examples
    --------
    >>> parse_corrections("action,target,value,object,note\\nrename,财务司,财务与审计司,,新名称\\n")
    [Correction(line=2, action='rename', target='财务司', value='财务与审计司', object='', note='新名称')]
    """
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows or tuple(c.strip() for c in rows[0]) != HEADER:
        raise InputError(f"{where}: the first line must be the header {','.join(HEADER)}")
    out = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) > len(HEADER):
            raise InputError(f"{where}, line {n}: {len(row)} fields, expected at most {len(HEADER)}")
        action, target, value, obj, note = ([c.strip() for c in row] + [""] * 5)[:5]
        c = Correction(n, action, target, value, obj, note)
        problem = _check(c)
        if problem:
            raise InputError(f"{where}, line {n}: {problem}")
        out.append(c)
    return out


def _check(c: Correction) -> str:
    if c.action not in ACTIONS:
        return f"unknown action {c.action!r} (one of {', '.join(ACTIONS)})"
    if not c.target:
        return "no target"
    if c.action in ("retype", "rename", "merge", "add_relation", "drop_relation") and not c.value:
        return f"{c.action} needs a value"
    if c.action == "retype" and c.value not in ENTITY_TYPES:
        return f"unknown type {c.value!r} (one of {', '.join(ENTITY_TYPES)})"
    if c.action in ("add_relation", "drop_relation"):
        if c.value not in PREDICATES:
            return f"unknown predicate {c.value!r} (one of {', '.join(PREDICATES)})"
        if not c.object:
            return f"{c.action} needs an object"
    return ""


def read_corrections(path: str | Path) -> list[Correction]:
    """Read a corrections file (UTF-8, with or without a BOM)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"corrections file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read corrections file {path}: {exc}") from None
    return parse_corrections(text, str(path))


# --------------------------------------------------------------------------- applying


class _State:
    """The entities and relations being corrected (by key), with look-ups by IRI and name."""

    def __init__(self, entities: Sequence[Entity], relations: Sequence[Relation]) -> None:
        self.entities: dict[str, Entity] = {e.key: e for e in entities}
        self.relations: list[Relation] = list(relations)
        self.moves: dict[str, str] = {}  # old key → the key it was merged or retyped into

    def find(self, name: str) -> tuple[str | None, str]:
        """The key of the entity ``name`` names (IRI, label, then altLabel), or None and why."""
        for key in self.entities:
            if entity_ref(key) == name:
                return key, ""
        for field in ("label", "alt"):
            want = normalize_key(name)
            hits = sorted(k for k, e in self.entities.items()
                          if (field == "label" and normalize_key(e.label) == want)
                          or (field == "alt" and any(normalize_key(a) == want for a in e.alt_labels)))
            if len(hits) == 1:
                return hits[0], ""
            if len(hits) > 1:
                return None, f"{name!r} names {len(hits)} entities; use an IRI: " + ", ".join(
                    entity_ref(k) for k in hits)
        return None, f"no entity named {name!r}"

    def rekey(self, old: str, new: str) -> None:
        """Point every relation at ``new`` instead of ``old``; drop self-links and duplicates."""
        self.moves[old] = new
        out, seen = [], set()
        for r in self.relations:
            r = replace(r, subject=new if r.subject == old else r.subject, object=new if r.object == old else r.object)
            ident = (r.subject, r.predicate, r.object, r.evidence, r.rule)
            if r.subject == r.object or ident in seen:
                continue
            seen.add(ident)
            out.append(r)
        self.relations = out


def _merge_into(a: Entity, b: Entity) -> Entity:
    """``b`` with ``a``'s names (as altLabels) and mentions."""
    alts = [x for x in dict.fromkeys((*b.alt_labels, a.label, *a.alt_labels)) if x != b.label]
    mentions = tuple(sorted(set(b.mentions) | {replace(m, type=b.type) for m in a.mentions},
                            key=lambda m: (m.doc_id, m.start, m.end, m.rule)))
    return replace(b, alt_labels=tuple(alts), mentions=mentions, english=b.english or a.english)


def _apply_one(state: _State, c: Correction, sentence_of: _Sentences) -> str:
    """Apply one correction; the empty string when it applied, else why it is stale."""
    key, why = state.find(c.target)
    if key is None:
        return why
    e = state.entities[key]
    if c.action == "drop":
        del state.entities[key]
        state.relations = [r for r in state.relations if key not in (r.subject, r.object)]
    elif c.action == "rename":
        if e.label == c.value:
            return f"{c.target!r} is already labelled {c.value!r}"
        alts = tuple(x for x in dict.fromkeys((*e.alt_labels, e.label)) if x != c.value)
        state.entities[key] = replace(e, label=c.value, alt_labels=alts)
    elif c.action == "retype":
        if e.type == c.value:
            return f"{c.target!r} is already a {c.value}"
        new_key = c.value + ":" + key.partition(":")[2]
        moved = replace(e, key=new_key, type=c.value, mentions=tuple(replace(m, type=c.value) for m in e.mentions))
        del state.entities[key]
        if new_key in state.entities:
            moved = _merge_into(moved, state.entities[new_key])
        state.entities[new_key] = moved
        state.rekey(key, new_key)
    elif c.action == "merge":
        into, why = state.find(c.value)
        if into is None:
            return why
        if into == key:
            return f"{c.target!r} and {c.value!r} are one entity already"
        state.entities[into] = _merge_into(e, state.entities[into])
        del state.entities[key]
        state.rekey(key, into)
    else:
        obj, why = state.find(c.object)
        if obj is None:
            return why
        if c.action == "drop_relation":
            before = len(state.relations)
            state.relations = [r for r in state.relations
                               if (r.subject, r.predicate, r.object) != (key, c.value, obj)]
            if len(state.relations) == before:
                return f"no {c.value} relation from {c.target!r} to {c.object!r}"
        else:
            if any((r.subject, r.predicate, r.object) == (key, c.value, obj) for r in state.relations):
                return f"{c.target!r} {c.value} {c.object!r} is in the graph already"
            state.relations.append(Relation(key, c.value, obj, RULE, _evidence(e, state.entities[obj], sentence_of)))
    return ""


def _evidence(subject: Entity, obj: Entity, sentence_of: _Sentences) -> Evidence:
    """Where an added link is anchored: a sentence naming both ends, else the subject's first name."""
    names = [m for m in subject.mentions if not m.reference] or list(subject.mentions)
    spans = {(m.doc_id, sentence_of.get((m.doc_id, m.start))) for m in obj.mentions}
    for m in sorted(names, key=lambda m: (m.doc_id, m.start)):
        sent = sentence_of.get((m.doc_id, m.start))
        if sent is not None and (m.doc_id, sent) in spans:
            return Evidence(m.doc_id, sent[0], sent[1], sent[2])
    if not names:
        raise InputError(f"cannot add a relation from {subject.label!r}: it has no mention to anchor it to")
    m = min(names, key=lambda m: (m.doc_id, m.start))
    sent = sentence_of.get((m.doc_id, m.start))
    return Evidence(m.doc_id, m.start, m.end, sent[2] if sent else m.text)


def apply_corrections(corpus: Corpus, corrections: Iterable[Correction]) -> tuple[Corpus, Outcome]:
    """The corpus with ``corrections`` applied (in order), and the :class:`Outcome`.

    Entities keep their order by key; relations are re-sorted as
    :func:`kg.pipeline.merge_results` sorts them. A document whose instrument
    was dropped loses it; one that was merged or retyped points to the new key.
    """
    state = _State(corpus.entities, corpus.relations)
    applied, stale = [], []
    for c in corrections:
        why = _apply_one(state, c, corpus.sentence_of)
        if why:
            stale.append((c, why))
        else:
            applied.append(c)
    renamed = state.moves
    entities = tuple(sorted(state.entities.values(), key=lambda e: e.key))
    relations = tuple(sorted(set(state.relations), key=lambda r: (r.subject, r.predicate, r.object, r.evidence.doc_id,
                                                                  r.evidence.start, r.rule)))

    def fix(key: str) -> str:
        seen = set()
        while key in renamed and key not in seen:
            seen.add(key)
            key = renamed[key]
        return key if key in state.entities else ""

    docs = tuple(replace(d, instrument=fix(d.instrument) if d.instrument else "",
                         owners=tuple((i, fix(k)) for i, k in d.owners if fix(k))) for d in corpus.documents)
    out = replace(corpus, documents=docs, entities=entities, relations=relations)
    return out, Outcome(tuple(applied), tuple(stale))


def corrections_record(path: str | Path, outcome: Outcome) -> dict[str, object]:
    """What the build's provenance records of a corrections file: its name and the applied lines."""
    return {"file": Path(path).name, "applied": outcome.record(),
            "stale": [{"line": str(c.line), "reason": why} for c, why in outcome.stale]}


# --------------------------------------------------------------------------- user gazetteer


def _default_gazetteer_data() -> dict[str, Any]:
    """The packaged gazetteer's decoded JSON (package data, else the source checkout's file)."""
    from importlib import resources

    res = resources.files("kg.ontology") / "gazetteer" / "bureaus.json"
    try:
        text = res.read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, NotADirectoryError):
        text = (Path(__file__).resolve().parent.parent / "ontology" / "gazetteer" / "bureaus.json").read_text(
            encoding="utf-8")
    return json.loads(text)


def load_user_gazetteer(path: str | Path) -> Gazetteer:
    """The packaged gazetteer plus the institutions of ``path`` (same format as ontology/gazetteer/bureaus.json).

    A user institution may name a packaged one as its parent; a name listed in both, or a surface that
    names two institutions, is an error naming the file.
    """
    try:
        user = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"gazetteer not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read gazetteer {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    if not isinstance(user, dict) or not isinstance(user.get("institutions"), list):
        raise InputError(f"{path}: expected an object with 'sources' and 'institutions' (see ontology/gazetteer)")
    base = _default_gazetteer_data()
    user_sources: dict[str, Any] = user["sources"] if isinstance(user.get("sources"), dict) else {}
    clash = sorted(set(user_sources) & set(base["sources"]))
    if any(user_sources[k] != base["sources"][k] for k in clash):
        raise InputError(f"{path}: source id(s) {', '.join(clash)} already used by the packaged gazetteer")
    merged = {"sources": {**base["sources"], **user_sources},
              "institutions": base["institutions"] + user["institutions"]}
    return parse_gazetteer(merged, str(path))


# --------------------------------------------------------------------------- review list

REVIEW_COLUMNS = ("priority", "reason", "kind", "iri", "label", "type", "predicate", "object_iri", "object_label",
                  "confidence", "document", "sentence", "action", "target", "value", "object", "note")
#: Statements below this confidence are listed for review.
LOW_CONFIDENCE = 0.7


def review_rows(collector, *, low_confidence: float = LOW_CONFIDENCE) -> list[dict[str, str]]:
    """Candidates a person should check first, most doubtful first: inferred links, low-confidence links,
    singleton entities (one mention, no link) and near-duplicate names of one type. The ``action`` …
    ``note`` columns are left for the reviewer (the file can be cut down into a corrections file)."""
    labels = {k: min(v) for k, v in collector.labels.items() if v}
    types = collector.types
    rows: list[dict[str, str]] = []
    linked: set[str] = set()
    for st in collector.statements():
        linked.update((st["s"], st["o"]))
        conf = st["confidence"]
        reasons = []
        if st["inferred"]:
            reasons.append("inferred")
        if conf is not None and conf < low_confidence:
            reasons.append(f"confidence {conf:.2f} < {low_confidence}")
        if reasons:
            rows.append({"priority": "1" if st["inferred"] else "2", "reason": "; ".join(reasons), "kind": "relation",
                         "iri": st["s"], "label": labels.get(st["s"], ""), "type": types.get(st["s"], ""),
                         "predicate": st["p"], "object_iri": st["o"], "object_label": labels.get(st["o"], ""),
                         "confidence": "" if conf is None else f"{conf:.2f}", "document": st["document"],
                         "sentence": st["sentence"]})
    for iri in sorted(types):
        mentions = set(collector.mentions_of.get(iri, ()))
        if len(mentions) <= 1 and iri not in linked and types[iri] != "Date":
            m = next(iter(mentions), "")
            rows.append({"priority": "3", "reason": "singleton: one mention, no link", "kind": "entity", "iri": iri,
                         "label": labels.get(iri, ""), "type": types[iri], "document": collector.m_doc.get(m, ""),
                         "sentence": collector.m_sentence.get(m, "")})
    for a, b in _near_duplicates(labels, types):
        la, lb = labels[a], labels[b]
        rows.append({"priority": "2", "reason": f"near-duplicate names: {la} / {lb}", "kind": "entity",
                     "iri": a, "label": la, "type": types[a], "object_iri": b, "object_label": lb,
                     "action": "merge", "target": a, "value": b})
    rows.sort(key=lambda r: (r["priority"], r["kind"], r.get("iri", ""), r.get("predicate", ""),
                             r.get("object_iri", ""), r.get("document", ""), r.get("reason", "")))
    return rows


_FORM_DROP = str.maketrans("", "", "《》〈〉“”‘’\"'「」『』（）() 　·・")
#: Prefixes a name may be cited with or without (中华人民共和国著作权法 / 著作权法).
_OPTIONAL_PREFIXES = ("中华人民共和国", "国家")


def _form(label: str) -> str:
    """A name without quotes, brackets, spaces and an optional national prefix."""
    s = label.translate(_FORM_DROP)
    for p in _OPTIONAL_PREFIXES:
        if s.startswith(p) and len(s) > len(p) + 1:
            return s[len(p):]
    return s


#: Characters a name is written with or without (发展和改革委员会 / 发展改革委员会, 县、区 / 县区).
_CONNECTIVES = frozenset("和与及、暨的")


def _one_connective(a: str, b: str) -> bool:
    """``a`` and ``b`` differ only by one connective (和, 与, 及, 、, 暨, 的) added or dropped."""
    if abs(len(a) - len(b)) != 1:
        return False
    long, short = (a, b) if len(a) > len(b) else (b, a)
    i = 0
    while i < len(short) and long[i] == short[i]:
        i += 1
    return long[i] in _CONNECTIVES and long[i + 1:] == short[i:]


def _near_duplicates(labels: dict[str, str], types: dict[str, str], min_length: int = 4,
                     block_limit: int = 2000) -> list[tuple[str, str]]:
    """Pairs of one type whose names are one name written two ways: equal once quotes, brackets, spaces and an
    optional national prefix are dropped (《著作权法》 / 中华人民共和国著作权法), or apart by one connective
    (发展和改革委员会 / 发展改革委员会). Compared within blocks of names sharing their first two or last two
    characters. Names one character apart otherwise are usually different bodies (林业/渔业, 市/省)."""
    blocks: dict[tuple[str, str, str], list[str]] = {}
    forms: dict[str, str] = {}
    for iri in sorted(types):
        form = _form(labels.get(iri, ""))
        if types[iri] == "Date" or len(form) < min_length:
            continue
        forms[iri] = form
        blocks.setdefault((types[iri], "head", form[:2]), []).append(iri)
        blocks.setdefault((types[iri], "tail", form[-2:]), []).append(iri)
    pairs: set[tuple[str, str]] = set()
    for members in blocks.values():
        if len(members) > block_limit:
            continue
        for i, a in enumerate(members):
            fa = forms[a]
            for b in members[i + 1:]:
                fb = forms[b]
                if abs(len(fa) - len(fb)) <= 1 and (fa == fb or _one_connective(fa, fb)):
                    pairs.add((min(a, b), max(a, b)))
    return sorted(pairs)


def review_csv(collector, *, bom: bool = False, **kwargs) -> str:
    """:func:`review_rows` as CSV text (cells by the project's rule, :func:`kg.export_csv.write_rows`)."""
    from .export_csv import write_rows

    rows = ([r.get(c, "") for c in REVIEW_COLUMNS] for r in review_rows(collector, **kwargs))
    text = write_rows(REVIEW_COLUMNS, rows)
    return "\ufeff" + text if bom else text
