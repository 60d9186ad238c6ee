"""Law mentions: titled legal and policy instruments, in 《》 or named in running text.

Everything is decided from the genre's surface forms, never from a list of titles:

* a title in 《》 (or 〈〉) is classified once per document by its FORM and its CONTEXT
  (:func:`classify_titles`, shared with :mod:`kg.extract.works`): an instrument title ends in an
  instrument word (法, 条例, 规定, 办法, 意见, 通知, 纲要, 规划, 白皮书 …), possibly followed by a
  bracketed note or a year span, or reads 关于…的X; a title nested in 〈〉 inside a Law title and
  the instrument that a notice 印发/转发 are Laws of their own;
* a line that is nothing but an instrument's name is a Law: the document's own title
  (possibly split over two display lines, possibly holding the issued title in 《》, without an
  editor's （节选）) and the title of an attached plan;
* in running text: a plan named for a five-year-plan period (“十三五”规划,
  新闻出版广播影视“十三五”规划, “七五”普法规划), an instrument named right after a verb that
  drafts, revises or applies it (加快编制…规划, 研究修订…办法, 落实…等…考核办法) and the items
  listed after it, 关于…的意见/通知/决定 with its issuer after such a verb, and statutes X法
  (after 依照/根据/违反/遵守…, with the 中华人民共和国 prefix, or shaped like a statute), then
  every repeat of a statute name found so; 关于…的通知 followed by its document number
  (…的通知（某政办〔2031〕3号）) with the instrument it issues; a titled instrument named again
  without its marks, notes or leading place name (实施X三年行动计划 beside 《某市X三年行动计划（…）》);
* the document's own instrument (rule ``law.own-title``): its title line (a Markdown heading, a notice's
  first line) when it names an instrument — by the usual title-line form, or, when the body reads like
  one (第一条, 本条例自…, …解释如下, a document number under the title), by any instrument ending with an
  ordinal or note (刑法修正案（十二）, …的解释（一）); a generic 关于… title is keyed with the issuer
  and year of the header lines (:func:`own_title_key`), and so is such a title named on a dated header
  line after its issuer; X修正案 names X (``law.amended-name``);
* never an instrument: article references (第二十三条第一款规定, 合同法第十条规定), 或者/简称 fragments,
  a name ending in 本/该 (确定本条例), a bare 《决定》 neither declared nor applied;
* short forms carry the full title as their key: those declared with 以下简称/简称, the head
  of the document's own instrument after a verb (制定试点方案), a bare “N五”规划 when the document
  names 国家“N五”规划纲要, and a running-text name made only of the characters of one titled
  instrument (an abbreviation).

Traditional characters are folded to simplified (:func:`kg.textfold.fold`, one code point for one)
before matching; labels keep the characters as printed.

The package: :mod:`~kg.extract.laws.passes` holds the named passes (:data:`PASSES`) run in order over a
per-document :class:`~kg.extract.laws.state.LawState`; :mod:`~kg.extract.laws.titles` classifies the
titles in 《》; :mod:`~kg.extract.laws.lines` the title lines and the document's own instrument;
:mod:`~kg.extract.laws.running` names in running text and statutes; :mod:`~kg.extract.laws.forms`
what a notice issues, short forms and keys. Word lists and pattern tables are data in kg/data/laws/*.json
(:mod:`~kg.extract.laws.vocab` reads them once).
"""

from __future__ import annotations

from ...textfold import fold
from .lines import KEY_QUALIFIER, is_own_title, own_title_key
from .passes import PASSES, extract_laws
from .titles import Title, classify_titles
from .vocab import is_instrument_title, strip_notes

__all__ = [
    "KEY_QUALIFIER",
    "PASSES",
    "Title",
    "classify_titles",
    "extract_laws",
    "fold",
    "is_instrument_title",
    "is_own_title",
    "own_title_key",
    "strip_notes",
]
