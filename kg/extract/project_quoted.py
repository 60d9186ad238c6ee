"""Project passes on quoted names: “剑网”专项行动, “净网”“护苗”等专项行动, “电影质量促进年”.

The rules ``project.quoted-suffix``, ``project.quoted-list``, ``project.quoted-name``,
``project.plan-term``, ``project.quoted-count`` and ``project.quoted-service`` of
:mod:`kg.extract.projects` (its docstring describes them).
"""

from __future__ import annotations

import re

from .. import rules
from . import project_rules as R
from .project_text import CN_COUNT, Cand, ProjectDoc

_CJK = R.CJK
#: What may stand between two quoted items of one list (“A”“B”和海外“C”).
_RUN_GAP = re.compile(r"[、，,]?(?:(?:和|及|以及|与|或)(?:海外|境外|国内|国际|全国)?)?")
#: Text after a quoted name up to its programme word (no particles or verbs of a clause inside).
_FILLER = re.compile(rf"[{_CJK}A-Za-z0-9·\-（）()]{{0,18}}")
_FILLER_BREAK = re.compile(r"[的是将要为在对把被了等或]|进行|从事|字样|名称")
_QHEAD = re.compile(R.QUOTED_HEAD)
#: Verbs that put a quoted name to work as a programme (推进“X”的海外布局, 发挥“X”在…的作用).
_QUOTED_TRIGGER = re.compile(R.TRIGGER_PREFIX + "(?:" + "|".join(R.words("quoted_trigger_verbs")) + ")好?")
#: What may follow a standalone quoted programme name.
_QUOTED_END = re.compile(r"(?:[，。；、！？：,;!?）)\n”]|的|在|等|和|与|及|为|作为|中|上|$)")
#: “A”“B”“C”三项整治: a count and a kind of programme closing a list of quoted names.
_COUNT = re.compile(r"([一二三四五六七八九十两\d]{1,2})(?:项|大|个|类|种|场)([\u4e00-\u9fff]{0,6}?)"
                    r"(?:专项(?:整治|治理|行动|工程|活动|计划|试点|评选|督查|检查|工作)?"
                    r"|整治|治理|行动|工程|活动|计划|试点|评选|督查|检查|工作)")
#: What a coined programme name delivers, right after it: “X”运维服务全覆盖, “X”服务体系.
_SERVICE_AFTER = re.compile(r"(?:(?:运维|运营|管护|志愿|便民|惠民)(?:服务|运维|管护)"
                            r"(?:全覆盖|体系|网络|能力|水平|质量|提质|升级|扩面)?"
                            r"|(?:服务|运维|管护)(?:全覆盖|体系|网络|能力|水平|质量|提质|升级|扩面))(?=[，。；、！？,;!?\n]|$)")


def _runs(d: ProjectDoc) -> list[list[tuple[int, int]]]:
    """Quoted spans grouped into lists of parallel items (“A”“B”和“C”)."""
    runs: list[list[tuple[int, int]]] = []
    for q in d.quotes:
        if runs and q[0] - runs[-1][-1][1] <= 5 and _RUN_GAP.fullmatch(d.text[runs[-1][-1][1]:q[0]]):
            runs[-1].append(q)
        else:
            runs.append([q])
    return runs


def _head_after(d: ProjectDoc, pos: int, etc: bool) -> tuple[int, str] | None:
    """End and head of the programme word closing the phrase that starts at ``pos``.

    With ``etc`` the phrase must open with 等 (“A”“B”等五大专项行动).
    """
    text = d.text
    if etc:
        if not text.startswith("等", pos):
            return None
        pos += 1
    m = _FILLER.match(text, pos)
    window = text[pos:m.end()] if m else ""
    for h in _QHEAD.finditer(window):
        filler = window[:h.start()]
        if _FILLER_BREAK.search(filler):
            return None
        end = pos + h.end()
        head = h.group()
        if head == "年" and not (filler and R.themed_year_ok("某某" + filler + "年")):
            continue
        if head == "活动" and etc and re.search(r"(?:重大|重要)$", filler):
            return None  # 等重大活动: occasions, not programmes
        if head in R.TIGHT_HEADS and (filler or etc):
            continue  # “X”改革 / “X”专题教育 only right after the quote
        if d.end_ok(end):
            return end, head
    return None


def _item_ok(inner: str) -> bool:
    return len(inner) >= 2 and not R.is_dateish(inner)


def quoted(d: ProjectDoc) -> list[Cand]:
    out: list[Cand] = []
    text = d.text
    for run in _runs(d):
        last_end = run[-1][1]
        etc = _head_after(d, last_end, etc=True)
        direct = None if etc else _head_after(d, last_end, etc=False)
        inners = [text[s + 1:e - 1] for s, e in run]
        if etc or (direct and len(run) > 1):
            for (s, e), inner in zip(run, inners, strict=True):
                if _item_ok(inner):
                    out.append(Cand(s + 1, e - 1, "project.quoted-list", rules.confidence("project.quoted-list")))
            continue
        if _counted(d, run, last_end):
            out.extend(Cand(s + 1, e - 1, "project.quoted-count", rules.confidence("project.quoted-count"))
                       for (s, e), inner in zip(run, inners, strict=True) if _item_ok(inner))
            continue
        if direct:
            s, e = run[0]
            if direct[1] in R.TIGHT_HEADS and (R.is_concept(inners[0]) or R.is_other_kind(inners[0])):
                continue  # “体医融合”改革: a policy idea, not a named reform
            if _item_ok(inners[0]) and not (direct[1] == "项目" and R.is_generic_stem(text[e:direct[0] - 2])):
                out.append(Cand(s, direct[0], "project.quoted-suffix", rules.confidence("project.quoted-suffix")))
            elif len(run) == 1 and _plan_term_name(d, e, direct[0]):
                out.append(Cand(s, direct[0], "project.plan-term", rules.confidence("project.plan-term")))
            continue
        out.extend(_standalone(d, run, inners))
    return out


def _counted(d: ProjectDoc, run: list[tuple[int, int]], end: int) -> bool:
    """“A”“B”“C”三项整治: parallel names whose number the count right after them states."""
    m = _COUNT.match(d.text, end)
    if m is None or len(run) < 2 or R.TRIGGER.search(m.group(2)):
        return False
    n = m.group(1)
    count = int(n) if n.isdigit() else (CN_COUNT.get(n) if len(n) == 1 else None)
    return count == len(run)


def _plan_term_name(d: ProjectDoc, quote_end: int, head_end: int) -> bool:
    """“十四五”文物保护利用重点工程: a quoted plan term opening a specific programme's name.

    The words between the term and the programme word must name a field (not 规划, a period
    word, a launching verb, or only generic modifiers such as 重大/重点).
    """
    inner = d.text[d.text.rfind("“", 0, quote_end) + 1:quote_end - 1]
    if not R.is_plan_term(inner):
        return False
    head = R.HEAD.search(d.text, quote_end, head_end)
    if head is None or head.end() != head_end:
        return False  # only a programme word ends such a name (not 项目 or 年)
    stem = d.text[quote_end:head.start()]
    return (len(stem) >= 2 and not R.is_generic_stem(stem) and not R.TRIGGER.search(stem)
            and not re.search(r"规划|纲要|期间|时期|以来|开局|收官|末|初", stem))


def _standalone(d: ProjectDoc, run: list[tuple[int, int]], inners: list[str]) -> list[Cand]:
    """Quoted items without a following programme word: whole names, or put to work by a verb."""
    text = d.text
    out: list[Cand] = []
    first = run[0][0]
    prev = d.tokens[d.token_index(first - 1)] if first > 0 and d.tokens else None
    verb = prev is not None and prev.end == first and bool(_QUOTED_TRIGGER.fullmatch(text[prev.start:prev.end]))
    launched = verb and bool(_QUOTED_END.match(text, run[-1][1]))
    if len(run) >= 3 and any(R.is_slogan(i) or R.is_concept(i) for i in inners):
        launched = False  # parallel items are of one kind: a list holding slogans or ideas is a list of doctrines
    service = verb and len(run) == 1 and bool(_SERVICE_AFTER.match(text, run[-1][1]))
    for (s, e), inner in zip(run, inners, strict=True):
        if not _item_ok(inner) or re.match(r"(?:从事|进行|开展|参加|参与|举办)", inner):
            continue  # a quoted business scope or clause (“从事创业投资活动”), not a name
        head = R.ENDS_IN_HEAD.search(inner)
        if (head and len(inner) - len(head.group()) >= 2
                and (head.group() != "活动" or R.activity_ok(inner[:-2]) or len(inner) >= 6)):
            out.append(Cand(s + 1, e - 1, "project.quoted-name", rules.confidence("project.quoted-name")))
            continue
        if R.themed_year_ok(inner):
            out.append(Cand(s + 1, e - 1, "project.quoted-name", rules.confidence("project.quoted-name")))
            continue
        if (launched and (len(inner) >= 4 or (len(run) >= 3 and not text.startswith("等", run[-1][1]))) and not head
                and not (R.is_other_kind(inner) and len(inner) > 2)  # a two-character code name (“净网”) is no body
                and not R.is_slogan(inner)):
            # a coined name put to work, or one of three or more parallel code names (开展“净网”“护苗”“秋风”)
            out.append(Cand(s + 1, e - 1, "project.quoted-name", 0.7))  # a coined name with no head word: less sure
        elif (service and len(inner) >= 4 and not head and not R.is_other_kind(inner) and not R.is_slogan(inner)
              and not R.is_concept(inner) and not re.search(r"[+＋]$|服务$", inner)):
            out.append(Cand(s + 1, e - 1, "project.quoted-service", rules.confidence("project.quoted-service")))
    return out
