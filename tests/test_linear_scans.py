"""The linear (bisection, prefix-maximum) forms of the passes over a long document give what the plain
all-pairs loops gave.

Each plain function here is the specification: the algorithm the pass used before it was made linear
(issue 14, "one long document is quadratic"), compared with the new one on random spans.
"""

from __future__ import annotations

import itertools
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import bureaus, projects
from kg.model import Mention, Section, Sentence
from kg.relations import _starting_in
from kg.sections import _first_sentences, _outer
from kg.structure import split_heading_sentences


def _spans(max_size: int = 40) -> st.SearchStrategy[list[tuple[int, int]]]:
    """Spans ``(start, end)`` with ``start <= end`` on a short line, so they nest, touch and repeat often."""
    pair = st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda p: (p[0], p[0] + p[1]))
    return st.lists(pair, max_size=max_size)


def _mention(s: int, e: int, kind: str = "Bureau") -> Mention:
    return Mention(kind, s, e, "x" * (e - s), "x", "test")


# --- sections -----------------------------------------------------------------------------------

def _outer_plain(ms):
    return [m for m in ms if not any(o.start <= m.start and m.end <= o.end and (o.start, o.end) != (m.start, m.end)
                                     for o in ms)]


@settings(max_examples=300, deadline=None)
@given(_spans())
def test_outer_is_the_all_pairs_filter(spans):
    ms = [_mention(s, e) for s, e in spans]
    assert _outer(ms) == _outer_plain(ms)


def _sentences(cuts: list[int]) -> tuple[Sentence, ...]:
    points = sorted(set(cuts))
    return tuple(Sentence(i, a, b, "s") for i, (a, b) in enumerate(itertools.pairwise(points)))


def _first_sentences_plain(sentences, body: int, end: int, n: int):
    out = []
    for s in sentences:
        if s.start >= body and s.start < end:
            out.append(s)
            if len(out) == n:
                break
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 80), max_size=30), st.integers(0, 90), st.integers(0, 90), st.integers(0, 20),
       st.booleans(), st.integers(1, 4))
def test_first_sentences_is_the_scan(cuts, start, length, heading, headed, n):
    sentences = _sentences(cuts)
    end = start + length
    heading_end = min(end, start + heading) if headed else 0
    sec = Section(0, "h" if headed else "", start if headed else 0, heading_end, start, end)
    parsed = SimpleNamespace(sentences=sentences)
    body = heading_end if headed else start
    assert _first_sentences(parsed, sec, n) == _first_sentences_plain(sentences, body, end, n)


# --- structure ----------------------------------------------------------------------------------

def _split_plain(sentences, sections, text):
    from kg.structure import _add

    cuts = {sec.heading_end for sec in sections if sec.heading and sec.heading_end}
    starts = {sec.heading_start for sec in sections if sec.heading}
    out = []
    for s in sentences:
        pieces = [s.start] + sorted(c for c in cuts | starts if s.start < c < s.end) + [s.end]
        for a, b in itertools.pairwise(pieces):
            _add(out, text, a, b)
    return tuple(out)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="甲乙。 \n", min_size=1, max_size=80), st.lists(st.integers(0, 80), max_size=20),
       _spans(12), st.lists(st.booleans(), min_size=12, max_size=12))
def test_split_heading_sentences_is_the_filter(text, cuts, heads, headed):
    sentences = _sentences([c % (len(text) + 1) for c in cuts])
    sections = [Section(i, "h" if h else "", s, e, s, e + 5)
                for i, ((s, e), h) in enumerate(zip(heads, headed, strict=False))]
    assert split_heading_sentences(sentences, sections, text) == _split_plain(sentences, sections, text)


# --- bureaus ------------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(_spans(), _spans(10))
def test_span_index_overlaps_as_the_scan(taken, queries):
    index = bureaus._Spans(taken)
    for q in queries:
        assert bureaus._overlaps(q, index) == bureaus._overlaps(q, list(taken))
        assert index.overlaps(*q) == any(q[0] < b and a < q[1] for a, b in taken)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.sampled_from(["甲局", "乙部", "丙办公室", "丁委"])), max_size=20),
       st.integers(-2, 55))
def test_names_before_is_the_prefix(pairs, pos):
    established = sorted(pairs)
    plain = [name for p, name in established if p < pos]
    view = bureaus._NamesBefore(established, pos)
    assert len(view) == len(plain)
    assert list(reversed(view)) == plain[::-1]
    assert [view[i] for i in range(len(view))] == plain
    assert view[:] == plain


# --- projects -----------------------------------------------------------------------------------

def _dedupe_plain(cands):
    kept = []
    for c in sorted(set(cands), key=lambda c: (-(c.end - c.start), -c.confidence, c.start, c.rule)):
        if all(c.end <= k.start or k.end <= c.start for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: (c.start, c.end))


@settings(max_examples=300, deadline=None)
@given(_spans(), st.lists(st.sampled_from([0.6, 0.7, 0.9]), min_size=40, max_size=40),
       st.lists(st.sampled_from(["a", "b"]), min_size=40, max_size=40))
def test_project_dedupe_is_the_all_pairs_loop(spans, confs, rules):
    cands = [projects._Cand(s, e, r, c) for (s, e), c, r in zip(spans, confs, rules, strict=False)]
    assert projects._dedupe(cands) == _dedupe_plain(cands)


# --- relations ----------------------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8), st.sampled_from(["Law", "Project", "Date"])),
                max_size=30), st.integers(0, 70), st.integers(0, 20))
def test_starting_in_is_the_filter(raw, lo, width):
    ms = sorted((_mention(s, s + n, t) for s, n, t in raw), key=lambda m: (m.start, m.end, m.type))
    by_type: dict[str, list[Mention]] = {}
    for m in ms:
        by_type.setdefault(m.type, []).append(m)
    doc = SimpleNamespace(by_type=by_type, _starts={t: [m.start for m in v] for t, v in by_type.items()})
    hi = lo + width
    plain = [m for t in ("Project", "Law") for m in by_type.get(t, []) if lo <= m.start < hi]
    assert _starting_in(doc, ("Project", "Law"), lo, hi) == plain


# --- organizations ------------------------------------------------------------------------------

def _chains_plain(cands):
    from kg.extract.organizations import _Cand

    out = []
    for c in cands:
        if any(o.start == c.start and o.end > c.end for o in cands):
            c = _Cand(c.start, c.end, "org.parent", c.confidence, c.key)
        out.append(c)
    return out


@settings(max_examples=300, deadline=None)
@given(_spans())
def test_org_chains_is_the_all_pairs_loop(spans):
    from kg.extract.organizations import _Cand, _chains

    cands = [_Cand(s, e, "org.suffix", 0.8) for s, e in spans]
    assert _chains(cands) == _chains_plain(cands)


@settings(max_examples=300, deadline=None)
@given(_spans(), _spans(10))
def test_near_holds_every_span_meeting_or_holding_in_list_order(spans, queries):
    items = [SimpleNamespace(start=s, end=e) for s, e in spans]
    index = bureaus._Near(items)
    for s, e in queries:
        near = index.near(s, e)
        meeting = [x for x in items if (x.start < e and s < x.end) or (x.start <= s and e <= x.end)]
        assert all(any(x is y for y in near) for x in meeting)
        positions = [next(i for i, y in enumerate(items) if y is x) for x in near]
        assert positions == sorted(positions)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="各市州局，。；：（\n 、甲", max_size=40), st.integers(0, 45))
def test_distributive_with_breaks_is_the_backward_search(text, start):
    start = min(start, len(text))
    breaks = bureaus._clause_breaks(text)
    assert bureaus._distributive(text, start, breaks) == bureaus._distributive(text, start)
