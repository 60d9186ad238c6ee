"""Resolution: repeated mentions become one entity.

Within a document, mentions of one type are grouped by their canonical key
(the extractor's ``key`` hint, e.g. the gazetteer's full name for an alias or
the ISO value of a date; otherwise the normalised label). Short forms that
only make sense once a full name is established (总局 after
国家新闻出版广电总局) carry the full name as their key. Variants that differ
only by a trailing revision note — 著作权法 / 著作权法（第三次修订） — share an
entity; an ordinal is part of the name (补充规定（四） and 补充规定（七） are two), and
中华人民共和国刑法 and 刑法 are one. A generic title's key may carry its issuer and year
(``关于修改部分地方性法规的决定@某省人民代表大会常务委员会@2031``, see
:func:`kg.extract.laws.own_title_key`): the label shows the title alone. Across documents,
entities with the same key are merged (:func:`merge_entities`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .extract.base import strip_enclosing
from .extract.laws import KEY_QUALIFIER
from .ids import entity_key, normalize_key
from .model import Entity, Mention

#: a trailing revision or trial note; an ordinal (（二）, (3)) is part of the name: 规定（一） and 规定（二） are two.
_TRAILING_NOTE = re.compile(r"(?:[（(](?![一二三四五六七八九十百]{1,4}[）)]|\d{1,2}[）)])[^（）()]{1,12}[）)]"
                            r"|(?<=[\u4e00-\u9fff])\d{4}\s*[-—–~～至]\s*\d{4}年?)$")
#: the state's name before a statute: 中华人民共和国著作权法 and 著作权法 are one law.
_STATE_PREFIX = re.compile(r"^(?:中华人民共和国|中華人民共和國)"
                           r"(?=[^（）()]{1,}(?:法典?|条例|修正案)(?:[（(][^（）()]*[）)])?$)")


@lru_cache(maxsize=1 << 16)
def base_name(label: str) -> str:
    """A label without a trailing bracketed revision or trial note (（第三次修订）, （试行）) or year
    span (纲要2015—2020), and a statute without the state's name before it (中华人民共和国X法 → X法,
    中华人民共和国刑法修正案（九） → 刑法修正案（九）). An ordinal stays (补充规定（四）); an issuer and year
    qualifying a generic title (``X@issuer@year``, :data:`kg.extract.laws.KEY_QUALIFIER`) stay."""
    head, sep, qualifier = label.partition(KEY_QUALIFIER)
    s = _TRAILING_NOTE.sub("", head).strip() or head
    return (_STATE_PREFIX.sub("", s) or s) + sep + qualifier


def unqualified(name: str) -> str:
    """A resolution key without its issuer and year qualifier: the name to show."""
    return name.partition(KEY_QUALIFIER)[0]


def canonical_of(m: Mention) -> str:
    """The name a mention is grouped under."""
    if m.type == "Date":
        return m.value or m.label
    return base_name(m.key or m.label)


def _pick_label(type_: str, mentions: Sequence[Mention], canonical: str) -> str:
    if type_ == "Date":
        return max(mentions, key=lambda m: (_date_explicitness(m.label), len(m.label), -m.start)).label
    if type_ != "Project" and any(m.key for m in mentions):
        # the key's own name, in its fullest form without a note (中华人民共和国X法 rather than X法)
        name = unqualified(canonical)
        forms = {unqualified(m.key) for m in mentions if m.key} | {m.label for m in mentions}
        full = [f for f in forms if base_name(f) == name and not _TRAILING_NOTE.search(f)]
        return max(full, key=lambda f: (len(f), f)) if full else name
    # a Project's key is a normalised grouping form (kg.extract.project_rules.project_key), not a name
    labels = [m.label for m in mentions]
    # the fullest name used in the text (without a trailing revision note), first seen on ties
    first = _first_index(labels)
    return max(labels, key=lambda s: (len(base_name(s)), -first[s]))


def _first_index(labels: Sequence[str]) -> dict[str, int]:
    """``labels.index`` of every label, in one pass."""
    first: dict[str, int] = {}
    for i, s in enumerate(labels):
        first.setdefault(s, i)
    return first


@lru_cache(maxsize=1 << 12)
def _date_explicitness(label: str) -> int:
    score = len(re.findall(r"\d", label))
    score += 3 * label.count("年") + 2 * label.count("月") + 2 * label.count("日")
    if re.match(r"“?(?:十[一二三四五六七八九]?|[一二三四五六七八九])五(?!年)", label):
        score += 20  # a named plan period (十三五) is the name of its span, not 2016-2020年
    return score


def resolve_document(mentions: Iterable[Mention]) -> list[Entity]:
    """Group one document's mentions into entities, sorted by key."""
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[(m.type, normalize_key(canonical_of(m)))].append(m)
    entities = []
    for (type_, _), ms in groups.items():
        ms = sorted(ms, key=lambda m: (m.doc_id, m.start, m.end))
        canonical = canonical_of(ms[0])
        label = _pick_label(type_, ms, canonical)
        if type_ == "Date" and ms[0].value:
            key = f"Date:{ms[0].value}"
        else:
            key = entity_key(type_, base_name(canonical) if type_ != "Date" else canonical)
        names = [m for m in ms if not m.reference]  # an anaphor (该局) refers to the entity but is not its name
        surfaces = {m.text if type_ == "Date" else strip_enclosing(m.text) for m in names}
        alts = sorted(({m.label for m in names} | surfaces) - {label, ""})
        info = tuple(sorted({i for m in ms for i in m.info}))
        entities.append(Entity(key=key, type=type_, label=label, alt_labels=tuple(alts), mentions=tuple(ms),
                               value=ms[0].value if type_ == "Date" else "", info=info))
    return sorted(entities, key=lambda e: e.key)


def merge_entities(per_document: Iterable[Sequence[Entity]]) -> list[Entity]:
    """Merge entities of several documents that share a key (one entity, mentions in many documents)."""
    by_key: dict[str, list[Entity]] = defaultdict(list)
    for ents in per_document:
        for e in ents:
            by_key[e.key].append(e)
    merged = []
    for key in sorted(by_key):
        es = by_key[key]
        if len(es) == 1:
            merged.append(es[0])
            continue
        first = es[0]
        mentions = tuple(sorted((m for e in es for m in e.mentions), key=lambda m: (m.doc_id, m.start, m.end)))
        labels = [e.label for e in es]
        index = _first_index(labels)
        label = first.label if first.type == "Date" else max(labels, key=lambda s: (len(s), -index[s]))
        if first.type == "Date":
            label = max(labels, key=lambda s: (_date_explicitness(s), len(s), -index[s]))
        alts = sorted(({a for e in es for a in e.alt_labels} | set(labels)) - {label})
        info = tuple(sorted({i for e in es for i in e.info}))
        merged.append(Entity(key=key, type=first.type, label=label, alt_labels=tuple(alts), mentions=mentions,
                             value=first.value, english=next((e.english for e in es if e.english), ""), info=info))
    return merged
