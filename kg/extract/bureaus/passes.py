"""The bureau extractor as a registered list of named passes over one document's state (:data:`PASSES`).

Each pass reads and updates a :class:`BureauState`; :func:`extract_bureaus` runs them in order and makes
mentions of what is left. The order matters: names found later are keyed to names established by the passes
before them (short forms, self references, aliases), and later passes only add or re-key candidates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, cast

from ...model import Mention, Parsed
from ..base import ExtractContext, make_mention
from ..tokens import TokenIndex, indexed
from .generic import (
    committee_cands,
    generic_cands,
    generic_organ_cands,
    government_cands,
    local_alias_cands,
    local_department_cands,
)
from .known import (
    departments_of_document_organ,
    foreign_department,
    gazetteer_cands,
    nested_parents,
    orphan_departments,
)
from .lists import coordinated, drop_distributed, settle
from .naming import (
    departments_of_named_organs,
    resolve_places,
    sections_of,
    sibling_departments,
    standard_local_names,
)
from .references import apply_aliases, composites, group_shorts, provincial_bureau, self_cands, short_cands
from .spans import Cand, Near, Spans, dedupe, established, inside, overlaps

if TYPE_CHECKING:
    from ...gazetteer import Gazetteer


@dataclass
class BureauState:
    """What the passes share for one document: the folded text and its tokens, the gazetteer, and the
    candidates so far — by kind until the passes merge them into ``base``."""

    folded: str
    index: TokenIndex
    gaz: Gazetteer | None
    year: int | None
    gaz_cands: list[Cand] = field(default_factory=list)  # names the gazetteer knows
    governments: list[Cand] = field(default_factory=list)  # governments of named places
    generic: list[Cand] = field(default_factory=list)  # names by rule, before they are settled
    kept: list[Cand] = field(default_factory=list)  # names by rule that stand beside the gazetteer's
    statute: list[Cand] = field(default_factory=list)  # generic organs of statutes
    base: list[Cand] = field(default_factory=list)  # every candidate, once merged

    def spans(self) -> list[tuple[int, int]]:
        """The spans of the merged candidates."""
        return [(c.start, c.end) for c in self.base]


Pass = Callable[[BureauState], None]


def find_gazetteer_names(st: BureauState) -> None:
    """Names and aliases of the gazetteer and the short names of departments (rule ``bureau.gazetteer``)."""
    st.gaz_cands = gazetteer_cands(st.folded, st.gaz) if st.gaz is not None else []


def find_governments(st: BureauState) -> None:
    """Governments of named places: 江西省人民政府, 省政府 (rule ``bureau.government``)."""
    st.governments = government_cands(st.folded, st.index)


def find_generic_names(st: BureauState) -> None:
    """Names ending in a head with the left edge from the tokens (``bureau.prefixed``, ``bureau.department``),
    and party committees named alone (``bureau.committee``) where no such name starts."""
    organs = frozenset(st.folded[c.start:c.end] for c in st.gaz_cands + st.governments)
    st.generic = generic_cands(st.folded, st.index, organs)
    starts = {g.start for g in st.generic}
    st.generic += [c for c in committee_cands(st.folded, st.index) if c.start not in starts]


def find_local_departments(st: BureauState) -> None:
    """Local departments by their standard or short names (省经信厅) and national short names after a level
    (省委网信办); the committee written before such an office is part of its name."""
    localised = local_department_cands(st.folded, st.index)
    if st.gaz is not None:
        localised += local_alias_cands(st.folded, st.index, st.gaz, st.gaz_cands)
    spans = {(c.start, c.end) for c in st.generic}
    localised = [c for c in localised if (c.start, c.end) not in spans]
    longest: dict[int, int] = {}  # start → the farthest end of a local name there
    for loc in localised:
        longest[loc.start] = max(longest.get(loc.start, loc.end), loc.end)
    st.generic = [c for c in st.generic if not (st.folded[c.end - 1] == "委" and c.end < longest.get(c.start, c.end))]
    st.generic += localised


def settle_with_gazetteer(st: BureauState) -> None:
    """Names by rule against the gazetteer's: none equal to, inside or crossing one; a gazetteer name after a
    local prefix (省发展改革委) is the local organ's; governments inside a gazetteer name go."""
    st.kept, local = settle(st.folded, st.gaz, st.gaz_cands, st.generic, st.governments)
    st.gaz_cands = [g for g in st.gaz_cands if (g.start, g.end) not in local]
    gaz_index = Spans((g.start, g.end) for g in st.gaz_cands)  # built once, not per government
    st.governments = [c for c in st.governments if not overlaps((c.start, c.end), gaz_index)]


def find_statute_organs(st: BureauState) -> None:
    """Generic organs of statutes (县级以上人民政府文化行政部门, rule ``bureau.statute``): they may hold a
    gazetteer organ, never cross one; a government written inside one is no mention of its own."""
    near_gaz = Near(st.gaz_cands)
    st.statute = [c for c in generic_organ_cands(st.folded, st.index)
                  if all(c.start <= a and b <= c.end or not (c.start < b and a < c.end)
                         for a, b in ((g.start, g.end) for g in near_gaz.near(c.start, c.end)))]
    near_statute = Near(st.statute)
    st.kept = [c for c in st.kept + st.governments
               if not inside((c.start, c.end), [(s.start, s.end) for s in near_statute.near(c.start, c.end)])]


def place_departments(st: BureauState) -> None:
    """A bare department of the gazetteer glued to another organ (江西省人民政府办公厅) is that organ's; one
    whose organ the document never names keeps no gazetteer identity."""
    if st.gaz is None:
        return
    organ_at_end = {c.end: c for c in st.kept + st.gaz_cands}
    st.gaz_cands = [g for g in st.gaz_cands if not foreign_department(st.folded, st.gaz, g, organ_at_end)]
    st.gaz_cands = orphan_departments(st.folded, st.gaz, st.gaz_cands)


def merge(st: BureauState) -> None:
    """One candidate per span of the gazetteer names, the names by rule and the statute organs."""
    st.base = dedupe(st.gaz_cands + st.kept + st.statute)


def find_coordinated(st: BureauState) -> None:
    """Items listed with 、 beside a bureau that end in a bureau head (rule ``bureau.coordinated``)."""
    st.base += coordinated(st.folded, st.index, st.base)


def drop_distributive_lists(st: BureauState) -> None:
    """Nothing particular in a distributive addressee (各市、州经信局、发展改革委): the names listed go."""
    st.base = drop_distributed(st.folded, st.gaz, st.base)


def find_short_forms(st: BureauState) -> None:
    """Short forms (总局, 部党组) keyed to the organ established before (``bureau.short``), or to the organ
    whose field the document is about (``bureau.short-context``)."""
    st.base += short_cands(st.folded, st.index, st.gaz, established(st.base, st.folded), st.spans(), st.year)


def find_provincial_bureau(st: BureauState) -> None:
    """省局 in a provincial document: the province's bureau of its field (``bureau.short-context``)."""
    st.base += provincial_bureau(st.folded, established(st.base, st.folded), st.spans())


def find_self_references(st: BureauState) -> None:
    """我局, 本部, 我委 … keyed to the organ established before with the same head (``bureau.self``)."""
    st.base += self_cands(st.folded, established(st.base, st.folded), st.spans())


def resolve_aliases(st: BureauState) -> None:
    """（以下简称X） after a bureau: X elsewhere, and X办公室, take the defined name (``bureau.alias``)."""
    st.base = apply_aliases(st.folded, st.base)


def find_composites(st: BureauState) -> None:
    """X党组 and X办公室 after a bureau X (``bureau.party-group``, ``bureau.office``), a bare 党组 after them."""
    st.base += composites(st.folded, st.base)


def find_group_shorts(st: BureauState) -> None:
    """A bare 领导小组 (办公室) after a named group is that group, or its office (``bureau.short``)."""
    st.base += group_shorts(st.folded, st.base)


def name_places(st: BureauState) -> None:
    """One candidate per span; 省财政厅 keyed with the one province named (江西省财政厅), X省政府 as X省人民政府,
    local short names with their standard names (湖北省经信厅 → 湖北省经济和信息化厅)."""
    st.base = standard_local_names(st.folded, resolve_places(st.folded, dedupe(st.base)))


def key_named_departments(st: BureauState) -> None:
    """A bare department named elsewhere with its organ (公共服务司 after 文化和旅游部公共服务司) is that one."""
    st.base = departments_of_named_organs(st.folded, st.base)


def key_sibling_departments(st: BureauState) -> None:
    """A bare department listed after one named with its organ (中宣部新闻局、出版局) is of the same organ."""
    st.base = sibling_departments(st.folded, st.base)


def key_document_departments(st: BureauState) -> None:
    """A bare 司 the gazetteer does not know belongs to the national organ that opens the document."""
    if st.gaz is not None:
        st.base = departments_of_document_organ(st.folded, st.gaz, st.base)


def find_nested_parents(st: BureauState) -> None:
    """An organ, group or party committee named at the start of a longer name is a mention of its own
    (``bureau.parent``: 国务院 in 国务院办公厅)."""
    st.base += nested_parents(st.folded, st.gaz, st.base)


def find_sections(st: BureauState) -> None:
    """A 处 written after its bureau (省局宣传处) is that bureau's section (``bureau.section``)."""
    st.base += sections_of(st.folded, st.index, st.base)


#: the passes of :func:`extract_bureaus`, by name, in the order they run
PASSES: tuple[tuple[str, Pass], ...] = (
    ("gazetteer", find_gazetteer_names),
    ("governments", find_governments),
    ("generic", find_generic_names),
    ("local-departments", find_local_departments),
    ("settle", settle_with_gazetteer),
    ("statute-organs", find_statute_organs),
    ("gazetteer-departments", place_departments),
    ("merge", merge),
    ("coordinated", find_coordinated),
    ("distributive", drop_distributive_lists),
    ("short-forms", find_short_forms),
    ("provincial-bureau", find_provincial_bureau),
    ("self-references", find_self_references),
    ("aliases", resolve_aliases),
    ("composites", find_composites),
    ("group-shorts", find_group_shorts),
    ("places", name_places),
    ("named-departments", key_named_departments),
    ("sibling-departments", key_sibling_departments),
    ("document-departments", key_document_departments),
    ("nested-parents", find_nested_parents),
    ("sections", find_sections),
)


def run_passes(parsed: Parsed, ctx: ExtractContext, passes: tuple[tuple[str, Pass], ...] = PASSES) -> BureauState:
    """The state of one document after ``passes`` (all of them by default: a prefix to look at a step)."""
    folded, index = indexed(parsed)
    st = BureauState(folded, index, cast("Gazetteer | None", ctx.gazetteer), parsed.year)
    for _, run in passes:
        run(st)
    return st


def extract_bureaus(parsed: Parsed, ctx: ExtractContext) -> list[Mention]:
    """Bureau mentions: gazetteer names, generic organ and department names, short forms."""
    if not parsed.text:
        return []
    out = []
    for c in dedupe(run_passes(parsed, ctx).base):
        m = make_mention(parsed, "Bureau", c.start, c.end, c.rule, key=c.key, confidence=c.confidence)
        out.append(replace(m, info=c.info, reference=c.reference) if c.info or c.reference else m)
    return out
