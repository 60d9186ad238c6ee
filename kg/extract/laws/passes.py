"""The Law extractor as a registered, named list of passes over one document's :class:`LawState`.

:data:`PASSES` runs in order: each pass reads what the passes before it left in the state and adds
spans, keys or labels; the last one turns the spans into mentions. Rules are named in the mentions
(``law.title``, ``law.after-verb`` …); the module docstring of :mod:`kg.extract.laws` describes them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from ...model import Mention, Parsed
from ...textfold import fold
from ..base import ExtractContext, make_mention
from . import forms, lines, running
from .state import Found, LawState, mask
from .titles import classify_titles
from .vocab import join, patterns, words

__all__ = ["PASSES", "extract_laws"]

#: how a clause starts and a running-text name never does (the last net under the rules).
_CLAUSE_START = re.compile(rf"^(?:{join(patterns('names', 'clause_starts'))})")
#: kinds of law, not instruments: 依照诉讼法有关规定, 违反国际法, 不符合上位法规定.
_LAW_KINDS = frozenset(words("instruments", "law_kinds"))
#: unmarked plan names in running text: in a statute (numbered articles) these name kinds of plan the
#: statute requires (应当编制X规划), not instruments; a statute cites its instruments in 《》.
_UNMARKED_RULES = ("law.after-verb", "law.list-item")
_PLAN_KIND = re.compile(rf"(?:{join(words('instruments', 'plan_kinds'))})$")
_ARTICLE_LINES = re.compile(r"^\s*第[一二三四五六七八九十百零〇]+条", re.MULTILINE)
#: rules whose labels are taken from the text as printed (they match on the folded text).
_PRINTED_RULES = ("law.plan-period", "law.after-verb", "law.list-item", "law.guanyu-text")


def titles_pass(st: LawState) -> None:
    """Classify the 《》/〈〉 titles, again with the short forms declared in 《》 as Laws (以下简称《方案》)."""
    st.titles = classify_titles(st.folded)
    aliases = forms.alias_titles(st.folded, st.titles)
    if aliases:
        st.titles = classify_titles(st.folded, frozenset(aliases))


def title_mentions(st: LawState) -> None:
    """A span for every Law title (``law.title``, ``law.title-note`` with a revision note, ``law.nested-title``)."""
    for t in st.titles:
        if t.kind != "Law":
            continue
        label = st.text[t.start + 1:t.end - 1]
        if t.note_end > t.end:
            st.found.append(Found(t.start, t.note_end, label + st.text[t.end:t.note_end], "law.title-note", key=label))
        else:
            st.found.append(Found(t.start, t.end, label, "law.nested-title" if t.nested else "law.title",
                                  confidence=t.confidence))


def title_lines(st: LawState) -> None:
    """Lines that are an instrument's name and the document's own instrument (``law.own-title``).

    A title line holding a 《》 title (关于印发《X》的通知) stays; one that is a 《》 title goes.
    """
    spans = [(t.start, t.end) for t in st.titles]
    kept = [f for f in lines.line_titles(st.text, st.folded)
            if not any(s < f.end and f.start < e and not (f.start < s and e < f.end) for s, e in spans)]
    own = lines.own_title(st.text, st.folded, st.parsed.doc.title)
    if own is not None:
        kept = [f for f in kept if (f.start, f.end) != (own.start, own.end)] + [own]
    st.lines = kept
    st.found.extend(kept)


def issued_pass(st: LawState) -> None:
    """What the notices among the Law titles and title lines issue (关于印发X的通知 → X)."""
    bounds = [(t.start + 1, t.end - 1) for t in st.titles if t.kind == "Law" and not t.nested]
    st.found.extend(forms.issued(st.text, st.folded, bounds + [(f.start, f.end) for f in st.lines]))


def running_names_pass(st: LawState) -> None:
    """Blank titles and title lines, then find plans and instruments named in running text."""
    st.masked = mask(st.folded, [(t.start, t.end) for t in st.titles] + [(f.start, f.end) for f in st.lines])
    st.found.extend(running.running_names(st.masked, st.found))


def guanyu_pass(st: LawState) -> None:
    """关于…的X named in running text with its issuer, and what such a notice issues."""
    guanyu = [g for g in running.running_guanyu(st.masked)
              if not any(f.start <= g.start and g.end <= f.end for f in st.found)]
    st.found.extend(guanyu)
    st.found.extend(i for i in forms.issued(st.text, st.folded, [(g.start, g.end) for g in guanyu])
                    if not any(f.start <= i.start and i.end <= f.end and f.rule != "law.guanyu-text" for f in st.found))


def statutes_pass(st: LawState) -> None:
    """Statutes X法 in running text and every repeat of a statute name."""
    st.found.extend(running.statutes(st.masked, st.found))


def printed_labels(st: LawState) -> None:
    """Labels of running-text spans as printed (the rules matched on the folded text)."""
    for f in st.found:
        if f.rule.startswith("law.statute") or f.rule in _PRINTED_RULES:
            f.label = st.text[f.start:f.end]


def short_forms_pass(st: LawState) -> None:
    """Short forms declared with 以下简称/简称 carry the full title as their key."""
    forms.short_forms(st.text, st.folded, st.found)


def own_tail_pass(st: LawState) -> None:
    """The document's own instrument called by its head after a verb (制定试点方案)."""
    st.found.extend(forms.own_tail_forms(st.text, st.masked, st.found))


def title_repeats_pass(st: LawState) -> None:
    """A titled instrument named again without its marks, notes or leading place name."""
    st.found.extend(forms.title_repeats(st.text, st.masked, st.found))


def amended_names_pass(st: LawState) -> None:
    """X修正案 names the statute X (``law.amended-name``)."""
    st.found.extend(forms.amended_names(st.text, st.folded, st.found))


def dated_keys_pass(st: LawState) -> None:
    """A generic 关于… title on a dated header line is keyed with its issuer and year."""
    lines.dated_generic_keys(st.text, st.found)


def national_plans_pass(st: LawState) -> None:
    """A bare “N五”规划 is keyed as the national plan the document names."""
    forms.national_plan_keys(st.found)


def abbreviations_pass(st: LawState) -> None:
    """A running-text name made only of one titled instrument's characters is keyed as that instrument."""
    forms.abbreviation_keys(st.found)


def _not_instrument(f: Found, statute: bool) -> bool:
    """Whether a running-text span is a clause (对…, 第N条…), a kind of law, or a kind of plan a statute requires."""
    if f.rule in forms.TITLED_RULES or f.rule == "law.own-title":
        return False
    label = fold(f.label)
    return bool(_CLAUSE_START.match(label) or label in _LAW_KINDS
                or (statute and f.rule in _UNMARKED_RULES and _PLAN_KIND.search(f.label)))


def mentions_pass(st: LawState) -> None:
    """One mention per distinct span, in text order, without the spans that name no instrument."""
    out: dict[tuple[int, int], Mention] = {}
    statute = sum(1 for _ in itertools.islice(_ARTICLE_LINES.finditer(st.folded), 3)) >= 3
    for f in sorted(st.found, key=lambda f: (f.start, f.end)):
        if _not_instrument(f, statute):
            continue
        if (f.start, f.end) not in out:
            out[(f.start, f.end)] = make_mention(st.parsed, "Law", f.start, f.end, f.rule, label=f.label, key=f.key,
                                                 confidence=f.confidence)
    st.mentions = list(out.values())


#: the passes of the Law extractor, run in this order over one document's state.
PASSES: tuple[tuple[str, Callable[[LawState], None]], ...] = (
    ("titles", titles_pass),
    ("title-mentions", title_mentions),
    ("title-lines", title_lines),
    ("issued", issued_pass),
    ("running-names", running_names_pass),
    ("guanyu", guanyu_pass),
    ("statutes", statutes_pass),
    ("printed-labels", printed_labels),
    ("short-forms", short_forms_pass),
    ("own-tail-forms", own_tail_pass),
    ("title-repeats", title_repeats_pass),
    ("amended-names", amended_names_pass),
    ("dated-keys", dated_keys_pass),
    ("national-plans", national_plans_pass),
    ("abbreviations", abbreviations_pass),
    ("mentions", mentions_pass),
)


def extract_laws(parsed: Parsed, ctx: ExtractContext) -> list[Mention]:
    """Law mentions of one document: the :data:`PASSES` in order (see :mod:`kg.extract.laws` for the rules)."""
    st = LawState.of(parsed)
    for _name, run in PASSES:
        run(st)
    return st.mentions
