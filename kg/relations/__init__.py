"""Relations between resolved entities, each produced by a named rule of a registered linking pass.

Input: one parsed document and its entities (with mentions). Output: :class:`~kg.model.Relation` records
carrying their evidence sentence, the rule that fired (``Relation.rule``) and a confidence. Rules match on
the text folded to simplified characters (:func:`kg.textfold.fold`), so traditional texts work alike.

The passes (:data:`~kg.relations.passes.PASSES`, run in this order over a per-document
:class:`~kg.relations.doc.LinkState`), each in the module of its predicate:

- :mod:`~kg.relations.subject` — responsibleFor from section owners and clause subjects;
- :mod:`~kg.relations.issuers` — issuedBy (and the issuer's responsibleFor) from titles, 发布的《…》, statute headers;
- :mod:`~kg.relations.units` — responsibleFor from a task's units (（牵头单位：…）, 由B牵头) and plans' titles;
- :mod:`~kg.relations.dates` — effectiveDate and period;
- :mod:`kg.law_links` — basedOn / amends / repeals;
- :mod:`~kg.relations.organs` — subOrganizationOf, groups named for programmes, organizes.

Word lists and patterns live in ``kg/data/relations/*.json`` (:mod:`~kg.relations.tables`), each with a comment.
Items cited as a basis (依照《X》, 为贯彻落实《X》) get no link.
"""

from __future__ import annotations

from .doc import starting_in as _starting_in
from .passes import PASSES, Linked, LinkPass, find_relations, link_document

__all__ = ["PASSES", "LinkPass", "Linked", "_starting_in", "find_relations", "link_document"]
