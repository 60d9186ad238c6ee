"""The registered linking passes, run in order over one document's :class:`~kg.relations.doc.LinkState`.

Order matters: ``document_issues`` and ``launch_notice`` read the issuers ``title_issuer`` found, and
``nested_project`` extends the responsibleFor links found before it. :func:`find_relations` runs
:data:`PASSES` and keeps one relation per (subject, predicate, object, rule).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from ..extract.base import ExtractContext
from ..gazetteer import Gazetteer
from ..law_links import law_links
from ..model import Entity, Parsed, Relation
from ..sections import SectionOwner, section_owners
from . import dates, issuers, organs, subject, units
from .doc import Doc, LinkState


@dataclass(frozen=True)
class LinkPass:
    """One named linking pass: the predicates it gives and the function that appends them to the state."""

    name: str
    predicates: tuple[str, ...]
    run: Callable[[LinkState], None]

    @property
    def doc(self) -> str:
        """The first line of the pass function's docstring (what it links, and why)."""
        lines = (self.run.__doc__ or "").strip().splitlines()
        return lines[0] if lines else ""


def law_relations(st: LinkState) -> None:
    """basedOn / amends / repeals / responsibleFor / issuedBy / effectiveDate: instrument links (kg.law_links).

    根据《X》…制定, 修改《X》的决定, 废止; a notice printing several instruments links its issuer to each and
    dates each by position (kg.printed).
    """
    st.out.extend(law_links(st.doc))


_R, _I = "responsibleFor", "issuedBy"

#: every linking pass, in the order they run
PASSES: tuple[LinkPass, ...] = (
    LinkPass("section_owner", (_R,), subject.section_owner),
    LinkPass("clause_subject", (_R,), subject.clause_subject),
    LinkPass("issued_by_bureau", (_R, _I), issuers.issued_by_bureau),
    LinkPass("title_issuer", (_R, _I), issuers.title_issuer),
    LinkPass("document_issues", (_R,), issuers.document_issues),
    LinkPass("launch_notice", (_R,), issuers.launch_notice),
    LinkPass("statute_promulgation", (_R, _I), issuers.statute_promulgation),
    LinkPass("lead_unit", (_R,), units.lead_unit),
    LinkPass("nested_project", (_R,), units.nested_project),
    LinkPass("effective_date", ("effectiveDate",), dates.effective_date),
    LinkPass("law_links", ("basedOn", "amends", "repeals", "responsibleFor", "issuedBy", "effectiveDate"),
             law_relations),
    LinkPass("period", ("period",), dates.period),
    LinkPass("group_named_for", (_R,), organs.group_named_for),
    LinkPass("sub_organization", ("subOrganizationOf",), organs.sub_organization),
    LinkPass("organizes", ("organizes",), organs.organizes),
)


@dataclass(frozen=True)
class Linked:
    """A document's entities (with inferred section owners added), relations and section owners."""

    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    owners: tuple[SectionOwner, ...]


def dedupe(rels: Iterable[Relation]) -> list[Relation]:
    """One relation per (subject, predicate, object, rule), the earliest evidence; no self-links."""
    best: dict[tuple[str, str, str, str], Relation] = {}
    for r in rels:
        if r.subject == r.object:
            continue
        k = (r.subject, r.predicate, r.object, r.rule)
        cur = best.get(k)
        if cur is None or (r.evidence.start, -r.confidence) < (cur.evidence.start, -cur.confidence):
            best[k] = r
    return sorted(best.values(), key=lambda r: (r.subject, r.predicate, r.object, r.evidence.start, r.rule))


def find_relations(parsed: Parsed, entities: Sequence[Entity], ctx: ExtractContext,
                   owners: Sequence[SectionOwner] | None = None,
                   passes: Sequence[LinkPass] = PASSES) -> list[Relation]:
    """All relations of one document, sorted (section owners computed when not given)."""
    if owners is None:
        owners, extra = section_owners(parsed, entities, ctx.gazetteer)
        entities = list(entities) + extra
    st = LinkState(Doc(parsed, entities), entities, owners, cast("Gazetteer | None", ctx.gazetteer))
    for p in passes:
        p.run(st)
    return dedupe(st.out)


def link_document(parsed: Parsed, entities: Sequence[Entity], ctx: ExtractContext) -> Linked:
    """Section owners (creating inferred owner entities), then every relation of the document."""
    owners, extra = section_owners(parsed, entities, ctx.gazetteer)
    all_entities = sorted(list(entities) + extra, key=lambda e: e.key)
    rels = find_relations(parsed, all_entities, ctx, owners)
    return Linked(tuple(all_entities), tuple(rels), tuple(owners))
