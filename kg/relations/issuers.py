"""issuedBy, and the responsibleFor an issuer has for what it issues.

``bureau.issued`` — 《…》 issued by the bureaus right before it (…发布的《…》, …某年出台的《…》);
``law.issuer`` — the issuers at the head of a title (国务院办公厅关于…的通知, 某局2031年工作要点);
``doc.issues`` — the document title ``B关于印发X的通知`` issues X; ``law.issuer-launch`` — the issuer of
B关于开展P的通知 is responsible for P; ``statute.promulgation`` — ``…某机关令第N号公布`` /
``…某机关第N次会议通过`` in a statute's header.
"""

from __future__ import annotations

from .. import rules
from ..model import Mention, Relation
from .doc import Doc, LinkState, bureau_lists, issued_in_title, outermost
from .tables import chars, rx


def _issued_pair(doc: Doc, b: Mention, m: Mention, issued: bool, out: list[Relation]) -> None:
    """``b`` is responsible for ``m`` (rule ``bureau.issued``) and, when it issued it, ``m`` issuedBy ``b``."""
    out.append(Relation(doc.entity(b).key, "responsibleFor", doc.entity(m).key, "bureau.issued",
                        doc.evidence(m.start), rules.confidence("bureau.issued"), False))
    if issued:
        out.append(Relation(doc.entity(m).key, "issuedBy", doc.entity(b).key, "bureau.issued",
                            doc.evidence(m.start), rules.confidence("bureau.issued"), False))


def issued_by_bureau(st: LinkState) -> None:
    """issuedBy: 《X》 issued by the bureaus just before it (…B1、B2发布的《X》, B2017年出台的《X》).

    Issuers named right before the title (最高人民法院、最高人民检察院《关于…的规定》) count too; drafting
    (…制定的《X》) gives the bureau responsibleFor but no issuedBy.
    """
    doc, out = st.doc, st.out
    text = doc.text
    marks = chars("marks")
    verb, gap = rx("issue_verb"), rx("issue_gap")
    for m in outermost(doc.by_type.get("Law", [])):
        sent_lo = max(0, m.start - 60)
        before = text[sent_lo:m.start]
        if text[m.start:m.start + 1] in "《〈":
            runs = bureau_lists(doc, sent_lo, m.start)
            if runs and runs[-1][-1].end <= m.start and not text[runs[-1][-1].end:m.start].strip():
                for b in runs[-1]:
                    _issued_pair(doc, b, m, True, out)
                continue
        mv = verb.search(before.rstrip(marks))
        if mv is None:
            continue
        verb_at = sent_lo + mv.start()
        runs = bureau_lists(doc, sent_lo, verb_at)
        if not runs:
            continue
        run = runs[-1]
        if not gap.match(text[run[-1].end:verb_at]):
            continue
        issued = "制定" not in mv.group(0)  # drafting (制定) is not yet issuing
        for b in run:
            _issued_pair(doc, b, m, issued, out)


def _title_issuers(doc: Doc, law: Mention) -> list[Mention]:
    """The bureaus at the head of ``law``'s title, right before 关于/印发/令/a year (B1 B2印发〈…〉的通知)."""
    text = doc.text
    inner = [b for b in doc.of(("Bureau",), law.start, law.end) if b.end <= law.end]
    if not inner:
        return []
    pos = law.start
    while pos < law.end and text[pos] in "《〈“\"":
        pos += 1
    issuers = []
    for b in outermost(inner):
        if b.start != pos:
            break
        issuers.append(b)
        pos = b.end
        while pos < law.end and text[pos] in " 　、和":
            pos += 1
    return issuers if issuers and rx("title_head").match(text[pos:law.end]) else []


def title_issuer(st: LinkState) -> None:
    """issuedBy: the issuers at the head of a title (B关于…, B1 B2印发〈…〉的通知, B令, B2031年工作要点)."""
    doc, out = st.doc, st.out
    for law in doc.by_type.get("Law", []):
        for b in _title_issuers(doc, law):
            out.append(Relation(doc.entity(b).key, "responsibleFor", doc.entity(law).key, "law.issuer",
                                doc.evidence(law.start, law.end), rules.confidence("law.issuer"), False))
            out.append(Relation(doc.entity(law).key, "issuedBy", doc.entity(b).key, "law.issuer",
                                doc.evidence(law.start, law.end), rules.confidence("law.issuer"), False))


def document_issues(st: LinkState) -> None:
    """responsibleFor: the issuers of the document title ``B关于印发X的通知`` for X as well."""
    doc, out = st.doc, st.out
    title = doc.title_law()
    if title is None:
        return
    issuers = [r.subject for r in out if r.rule == "law.issuer" and r.object == doc.entity(title).key]
    if not issuers:
        return
    for m in issued_in_title(doc, title):
        for key in sorted(set(issuers)):
            out.append(Relation(key, "responsibleFor", doc.entity(m).key, "doc.issues",
                                doc.evidence(title.start, title.end), rules.confidence("doc.issues"), False))


def launch_notice(st: LinkState) -> None:
    """responsibleFor: the issuer of a notice that launches a programme (B关于开展P的通知) for the programme."""
    doc, out = st.doc, st.out
    text = doc.text
    launch = rx("launch")
    issued = [r for r in out if r.rule == "law.issuer"]
    for law in doc.by_type.get("Law", []):
        key = doc.entity(law).key
        issuers = sorted({r.subject for r in issued if r.object == key})
        if not issuers:
            continue
        for p in doc.of(("Project",), law.start, law.end):
            if p.end <= law.end and launch.search(text[law.start:p.start]):
                for b in issuers:
                    out.append(Relation(b, "responsibleFor", doc.entity(p).key, "law.issuer-launch",
                                        doc.evidence(law.start, law.end), rules.confidence("law.issuer-launch"), False))


def statute_promulgation(st: LinkState) -> None:
    """issuedBy: the organ of a statute's header line (令第N号公布, 公告第N号公布, 发布, a local 第N次会议通过).

    The header lines stand before the first article. An organ that approves (批准) or revises, and the
    national congress adopting a law (promulgated by order), are not issuers; a local congress's standing
    committee both adopts and promulgates its regulations.
    """
    doc, out = st.doc, st.out
    title = doc.title_law()
    if title is None:
        return
    head_end = min(len(doc.text), title.end + 400)
    body = rx("first_article").search(doc.text[title.end:head_end])
    if body:
        head_end = title.end + body.start()
    acts, adopted = rx("promulgation_act"), rx("adopted_at_meeting")
    for run in bureau_lists(doc, title.end, head_end):
        at = run[-1].end
        national = doc.text[run[0].start:at].startswith("全国")
        if acts.match(doc.text, at) or (adopted.match(doc.text, at) and not national):
            for b in run:
                out.append(Relation(doc.entity(b).key, "responsibleFor", doc.entity(title).key,
                                    "statute.promulgation", doc.evidence(at),
                                    rules.confidence("statute.promulgation"), False))
                out.append(Relation(doc.entity(title).key, "issuedBy", doc.entity(b).key,
                                    "statute.promulgation", doc.evidence(at),
                                    rules.confidence("statute.promulgation"), False))
