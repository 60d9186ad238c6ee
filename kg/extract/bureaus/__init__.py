"""Bureau mentions: organs of the state and the party and their internal departments.

:func:`extract_bureaus` runs a registered list of named passes (:data:`PASSES`, in
:mod:`~kg.extract.bureaus.passes`) over one document's state; each mention carries the rule that made it
(``Mention.rule``). The passes, in order:

* ``gazetteer`` — names and aliases of the gazetteer and the short names of departments (宣传司, 规划财务司),
  longest match first, in one regex alternation over the folded text (``bureau.gazetteer``); a bare
  department name goes to the organ named last before it (:mod:`.known`);
* ``governments`` — governments of named places (``bureau.government``: 江西省人民政府, 省政府);
* ``generic`` — a head (部, 委, 局, 司, 厅, 署, 办公厅, 办公室, 领导小组, 委员会 …) whose left edge comes from
  the jieba tokens (:func:`kg.extract.tokens.walk_left`): ``bureau.prefixed`` with a level prefix (国家, 中共,
  江西省, 市委 …), ``bureau.department`` without; party committees named alone (``bureau.committee``) (:mod:`.generic`);
* ``local-departments`` — local organs by the standard and usual names of local departments (省经信厅 →
  湖北省经济和信息化厅, 县委督查室; 省委网信办 is no national office);
* ``settle`` — names by rule against the gazetteer's (none inside or crossing one) (:mod:`.lists`);
* ``statute-organs`` — generic organs of statutes (``bureau.statute``: 县级以上人民政府文化行政部门, 公安机关);
* ``gazetteer-departments`` — a bare gazetteer department glued to another organ, or of no organ named, loses
  its identity;
* ``merge`` — one candidate per span;
* ``coordinated`` — items listed with 、 beside a bureau (``bureau.coordinated``);
* ``distributive`` — nothing particular in a distributive addressee (各市、州经信局、发展改革委);
* ``short-forms``, ``provincial-bureau``, ``self-references`` — short forms (总局, 部, 党组) and self references
  (我局) keyed to the organ established earlier in the document (``bureau.short``, ``bureau.short-context``,
  ``bureau.self``) (:mod:`.references`);
* ``aliases`` — （以下简称X） definitions (``bureau.alias``);
* ``composites`` — X党组 (``bureau.party-group``) and X办公室 (``bureau.office``) after a bureau X;
* ``group-shorts`` — a bare 领导小组 after a named one;
* ``places``, ``named-departments``, ``sibling-departments``, ``document-departments`` — the keys of names written
  short: the one province named (省财政厅 → 江西省财政厅), standard local names, a bare department with the organ
  named with it or listed before it, a bare 司 with the national organ that opens the document (:mod:`.naming`);
* ``nested-parents`` — an organ (or a place's party committee) at the start of a longer name is a mention of
  its own (``bureau.parent``);
* ``sections`` — a 处 after its bureau (``bureau.section``).

The jieba tokens and the folded text are shared with the Organization extractor
(:func:`kg.extract.tokens.indexed`). Generic references (有关部门, 各司局, 相关部门) and words that merely end
in a head character (布局, 格局, 大局, 部署, 公司) are rejected. The word lists are package data under
``kg/data/bureaus/`` (:mod:`.vocab`).
"""

from __future__ import annotations

from ...textfold import fold
from ..tokens import TokenIndex, Walk, indexed, walk_left
from .known import department_shorts, gazetteer_pattern, pick_short
from .lists import clause_breaks as _clause_breaks
from .lists import distributive as _distributive
from .passes import PASSES, BureauState, extract_bureaus, run_passes
from .references import subject_short, valid_in
from .spans import NamesBefore as _NamesBefore
from .spans import Near as _Near
from .spans import Spans as _Spans
from .spans import overlaps as _overlaps
from .vocab import SECTORS

# the private names are the linear scans, under the names tests/test_linear_scans.py checks them by
__all__ = [
    "PASSES",
    "SECTORS",
    "BureauState",
    "TokenIndex",
    "Walk",
    "_NamesBefore",
    "_Near",
    "_Spans",
    "_clause_breaks",
    "_distributive",
    "_overlaps",
    "department_shorts",
    "extract_bureaus",
    "fold",
    "gazetteer_pattern",
    "indexed",
    "pick_short",
    "run_passes",
    "subject_short",
    "valid_in",
    "walk_left",
]
