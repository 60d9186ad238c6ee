"""Hand annotations of twelve real statutes (decisions only; ``make_statute_gold.py`` computes the offsets).

Each spec names the statute by its path relative to ``../shared``; entities are written as
``E(type, label, aliases, forms=…, value=…, optional=…, note=…)`` and relations between entity labels
as ``R(subject, predicate, object, anchor)`` where ``anchor`` occurs once in the text and its sentence
is the evidence. Decisions follow ``../shared/gold/GUIDELINES.md`` and the precedents of the shared
development gold (README.md beside this file lists them).
"""

from __future__ import annotations


def E(type_: str, label: str, aliases: tuple[str, ...] = (), *, forms: tuple[str, ...] | None = None,
      value: str | None = None, optional: bool = False, note: str = "") -> dict:
    """One entity: ``forms`` are the surface strings searched for (default: label and aliases)."""
    return {"type": type_, "label": label, "aliases": list(aliases),
            "forms": list(forms) if forms is not None else [label, *aliases],
            "value": value, "optional": optional, "note": note}


def R(subject: str, predicate: str, obj: str, anchor: str, *, explicit: bool = True) -> dict:
    """One relation between entity labels; evidence is the sentence around ``anchor``."""
    return {"subject": subject, "predicate": predicate, "object": obj, "anchor": anchor, "explicit": explicit}


NPCSC = "全国人民代表大会常务委员会"
NPC = "全国人民代表大会"
GWY = "国务院"
SPC, SPP = "最高人民法院", "最高人民检察院"
XINGFA = "中华人民共和国刑法"

# ---------------------------------------------------------------------------------------------- tune
XFXZA12 = "中华人民共和国刑法修正案（十二）"
T1 = {
    "name": "xingfa_xiuzhengan12", "split": "tune", "kind": "修正案 (national law amendment)",
    "document": "corpus/statutes/刑法/刑法修正案（十二）(2023-12-29).md",
    "entities": [
        E("Law", XFXZA12, note="own title; 本修正案自…起施行"),
        E("Law", "刑法", ("中华人民共和国刑法",),
          note="the amended code, named as 刑法 before article numbers (references are not entities, the code is); "
               "its full name only inside the own title"),
        E("Bureau", NPCSC, optional=True,
          note="adopting legislature; only inside the session name (precedent: npc_gonggongtushuguanfa2018)"),
        E("Bureau", NPC, optional=True, note="only inside the optional 全国人民代表大会常务委员会"),
        E("Event", "第十四届全国人民代表大会常务委员会第七次会议"),
        E("Date", "2023年12月29日", value="2023-12-29", note="adoption"),
        E("Date", "2024年3月1日", value="2024-03-01", note="effective date"),
    ],
    "relations": [
        R(NPCSC, "responsibleFor", XFXZA12, "第七次会议通过"),
        R(NPCSC, "subOrganizationOf", NPC, "第七次会议通过"),
        R(XFXZA12, "effectiveDate", "2024年3月1日", "本修正案自2024年3月1日起施行"),
    ],
}

GGCS = "公共场所卫生管理条例"
T2 = {
    "name": "gonggongchangsuo_weisheng", "split": "tune", "kind": "行政法规 (State Council regulation, 1987)",
    "document": "corpus/statutes/行政法规/公共场所卫生管理条例(2019-04-23).md",
    "entities": [
        E("Law", GGCS, note="own title"),
        E("Bureau", GWY, note="issuer (国务院发布); also inside the decision title and 国务院卫生行政部门"),
        E("Law", "国务院关于修改部分行政法规的决定", note="2016 revision"),
        E("Date", "1987年4月1日", value="1987-04-01", note="issue date; 本条例自发布之日起施行 makes it the effective date"),
        E("Date", "2016年2月6日", value="2016-02-06", note="first revision"),
        E("Bureau", "国务院卫生行政部门", note="generic organ, national level"),
        E("Bureau", "县以上卫生行政部门", note="generic organ with level"),
        E("Bureau", "卫生行政部门", note="sector organ without level (art. 8): its own Bureau"),
        E("Bureau", "卫生防疫机构", ("各级卫生防疫机构", "当地卫生防疫机构"), optional=True,
          note="epidemic-prevention stations: public institutions with delegated supervision; borderline type"),
        E("Bureau", "公共场所卫生监督机构", optional=True, note="borderline (institution)"),
        E("Bureau", "同级人民政府", optional=True, note="relative level"),
        E("Bureau", "司法机关", optional=True, note="the judiciary in general; borderline"),
        E("Bureau", "人民法院", ("当地人民法院",), optional=True, note="court; precedent: borderline type"),
    ],
    "relations": [
        R(GWY, "responsibleFor", GGCS, "1987年4月1日 国务院发布"),
        R(GGCS, "effectiveDate", "1987年4月1日", "1987年4月1日 国务院发布"),
        R(GWY, "responsibleFor", "国务院关于修改部分行政法规的决定", "2016年2月6日 《国务院关于修改部分行政法规的决定》"),
        R("国务院卫生行政部门", "subOrganizationOf", GWY, "公共场所的卫生标准和要求，由国务院卫生行政部门负责制定"),
    ],
}

BCGD6 = "最高人民法院、最高人民检察院关于执行《中华人民共和国刑法》确定罪名的补充规定（六）"
SPC_RULE = "关于执行〈中华人民共和国刑法〉确定罪名的规定"
SPP_OPINION = "关于适用刑法分则规定的犯罪的罪名的意见"
NPC_DECISION = "全国人民代表大会常务委员会关于修改部分法律的决定"
T3 = {
    "name": "zuiming_buchongguiding6", "split": "tune", "kind": "司法解释 (numbered judicial interpretation)",
    "document": "corpus/statutes/司法解释/最高人民法院、最高人民检察院关于执行《刑法》确定罪名的补充规定（六）(2015-10-30).md",
    "entities": [
        E("Law", BCGD6, note="own title; numbered (六): distinct from (二) etc.; 本规定自…起施行"),
        E("Bureau", SPC, note="joint issuer (title); issuer of the 规定 it amends"),
        E("Bureau", SPP, note="joint issuer (title); issuer of the 意见 it amends"),
        E("Law", XINGFA, note="in the title, in 〈〉 in the body, and inside the amendment's full title"),
        E("Law", "中华人民共和国刑法修正案（九）", ("刑法修正案（九）",), note="以下简称《刑法修正案（九）》"),
        E("Law", NPC_DECISION),
        E("Bureau", NPCSC, note="issuer in the decision's title"),
        E("Bureau", NPC, note="the body its standing committee belongs to (only inside that name, like 国务院 in "
                              "国务院文化行政部门 in the development gold)"),
        E("Law", SPC_RULE, note="最高人民法院《…》"),
        E("Law", SPP_OPINION, note="最高人民检察院《…》"),
        E("Date", "2015年11月1日", value="2015-11-01", note="effective date"),
    ],
    "relations": [
        R(SPC, "responsibleFor", BCGD6, "# 最高人民法院、最高人民检察院关于执行"),
        R(SPP, "responsibleFor", BCGD6, "# 最高人民法院、最高人民检察院关于执行"),
        R(BCGD6, "effectiveDate", "2015年11月1日", "本规定自2015年11月1日起施行"),
        R(NPCSC, "responsibleFor", NPC_DECISION, "和《全国人民代表大会常务委员会关于修改部分法律的决定》的有关规定"),
        R(NPCSC, "subOrganizationOf", NPC, "和《全国人民代表大会常务委员会关于修改部分法律的决定》的有关规定"),
        R(SPC, "responsibleFor", SPC_RULE, "现对最高人民法院《关于执行"),
        R(SPP, "responsibleFor", SPP_OPINION, "现对最高人民法院《关于执行"),
    ],
}

QSF = "中华人民共和国契税法"
QSTL = "中华人民共和国契税暂行条例"
T4 = {
    "name": "qishuifa", "split": "tune", "kind": "national law (2020)",
    "document": "corpus/statutes/经济法/契税法(2020-08-11).md",
    "entities": [
        E("Law", QSF, note="own title; 本法自…起施行"),
        E("Bureau", NPCSC, note="adopting legislature; also named in the body (报…备案)"),
        E("Bureau", NPC, note="the body its standing committee belongs to (only inside that name)"),
        E("Event", "第十三届全国人民代表大会常务委员会第二十一次会议"),
        E("Date", "2020年8月11日", value="2020-08-11", note="adoption"),
        E("Date", "2021年9月1日", value="2021-09-01", note="effective date"),
        E("Date", "1997年7月7日", value="1997-07-07", note="issue date of the repealed 暂行条例"),
        E("Law", QSTL, note="repealed by art. 16"),
        E("Law", "中华人民共和国税收征收管理法"),
        E("Bureau", GWY),
        E("Bureau", "省、自治区、直辖市人民政府", note="generic organ, provincial"),
        E("Bureau", "同级人民代表大会常务委员会", optional=True, note="relative level"),
        E("Bureau", "县级以上人民政府", note="generic organ with level"),
        E("Bureau", "税务机关", note="sector organ without level (like 公安机关)"),
        E("Bureau", "不动产登记机构", note="sector organ without level"),
        E("Bureau", "国家机关", optional=True, note="generic (precedent)"),
    ],
    "relations": [
        R(NPCSC, "responsibleFor", QSF, "第二十一次会议通过"),
        R(NPCSC, "subOrganizationOf", NPC, "并报全国人民代表大会常务委员会和国务院备案。\n\n省、自治区、直辖市可以依照"),
        R(QSF, "effectiveDate", "2021年9月1日", "本法自2021年9月1日起施行"),
        R(GWY, "responsibleFor", QSTL, "1997年7月7日国务院发布的"),
    ],
}

ZZ = "郑州市公共场所禁止吸烟条例"
ZZ_DEC = "郑州市人民代表大会常务委员会关于修改部分地方性法规的决定"
T5 = {
    "name": "zhengzhou_jinyan", "split": "tune", "kind": "local regulation (municipal, approved by the province)",
    "document": "corpus/statutes/DLC/河南地方法规/地方性法规/河南/郑州市公共场所禁止吸烟条例(2020-08-05).md",
    "entities": [
        E("Law", ZZ, note="own title; 本条例自…起施行"),
        E("Law", ZZ_DEC, note="two decisions (2010, 2020) share this title; one entity because no name tells "
                              "them apart (precedent: wangba_tiaoli2022)"),
        E("Bureau", "郑州市人民代表大会常务委员会", note="issuer in the decision titles"),
        E("Event", "郑州市第十届人民代表大会常务委员会第三十二次会议"),
        E("Event", "河南省第九届人民代表大会常务委员会第四次会议"),
        E("Event", "郑州市第十三届人民代表大会常务委员会第十三次会议"),
        E("Event", "河南省第十一届人民代表大会常务委员会第十七次会议"),
        E("Event", "郑州市第十五届人民代表大会常务委员会第十五次会议"),
        E("Event", "河南省第十三届人民代表大会常务委员会第十八次会议"),
        E("Date", "1997年8月22日", value="1997-08-22"),
        E("Date", "1998年7月24日", value="1998-07-24"),
        E("Date", "2010年8月27日", value="2010-08-27"),
        E("Date", "2010年9月29日", value="2010-09-29"),
        E("Date", "2020年4月29日", value="2020-04-29"),
        E("Date", "2020年6月3日", value="2020-06-03"),
        E("Date", "1998年9月1日", value="1998-09-01", note="effective date"),
        E("Bureau", "市人民政府", note="the city's government (a Zhengzhou statute); the 市 of 市、区人民政府 is "
                                    "elliptical and not a mention"),
        E("Bureau", "区人民政府", note="generic organ, district level"),
        E("Bureau", "市爱国卫生运动委员会", optional=True, note="only in the elliptical 市、区爱国卫生运动委员会"),
        E("Bureau", "区爱国卫生运动委员会"),
        E("Bureau", "市卫生健康行政主管部门"),
        E("Bureau", "区卫生健康行政主管部门"),
        E("Bureau", "卫生健康行政主管部门", note="sector organ without level (arts. 13, 14): its own Bureau"),
        E("Bureau", "省财政部门"),
        E("Bureau", "公安机关"),
        E("Bureau", "人民法院", optional=True, note="court; precedent: borderline type"),
        E("Law", "中华人民共和国治安管理处罚法"),
        E("Law", "中华人民共和国行政复议法"),
        E("Law", "中华人民共和国行政诉讼法"),
    ],
    "relations": [
        R(ZZ, "effectiveDate", "1998年9月1日", "本条例自1998年9月1日起施行"),
        R("郑州市人民代表大会常务委员会", "responsibleFor", ZZ_DEC,
          "2010年9月29日 河南省第十一届人民代表大会常务委员会第十七次会议批准的"),
    ],
}

KJJL = "国家科学技术奖励条例"
KJJL_DEC = "国务院关于修改〈国家科学技术奖励条例〉的决定"
GWY_FULL = "中华人民共和国国务院"
KJ_DEPT = "国务院科学技术行政部门"
CMC = "中央军事委员会"
T6 = {
    "name": "guojia_kejijiangli", "split": "tune", "kind": "行政法规 (State Council regulation, medium length)",
    "document": "corpus/statutes/行政法规/国家科学技术奖励条例(2024-05-26).md",
    "entities": [
        E("Law", KJJL, note="own title (also inside the amending decisions' titles)"),
        E("Bureau", GWY_FULL, (GWY,), note="issuer (国务院令第265号); also inside titles and organ names"),
        E("Law", KJJL_DEC, note="two decisions (2003, 2024) share this title: one entity (precedent)"),
        E("Law", "国务院关于废止和修改部分行政法规的决定"),
        E("Law", "中华人民共和国科学技术进步法", note="根据《…》，制定本条例"),
        E("Law", "公务员法", note="参照公务员法管理"),
        E("Date", "1999年5月23日", value="1999-05-23"),
        E("Date", "2003年12月20日", value="2003-12-20"),
        E("Date", "2013年7月18日", value="2013-07-18"),
        E("Date", "2020年10月7日", value="2020-10-07"),
        E("Date", "2024年5月26日", value="2024-05-26"),
        E("Date", "2020年12月1日", value="2020-12-01", note="effective date (art. 38)"),
        E("Bureau", KJ_DEPT, note="generic organ, national level"),
        E("Bureau", "党中央", note="the Party centre, a party organ"),
        E("Bureau", "国家科学技术奖励委员会", note="set up by the state (art. 7)"),
        E("Bureau", "评审委员会", optional=True, note="expert committee of the 奖励委员会; borderline type"),
        E("Bureau", "监督委员会", optional=True, note="expert committee of the 奖励委员会; borderline type"),
        E("Bureau", "中央军事委员会科学技术部门"),
        E("Bureau", CMC, note="only inside 中央军事委员会科学技术部门; a Bureau per GUIDELINES"),
        E("Bureau", "省、自治区、直辖市、计划单列市人民政府", note="generic organ, provincial level"),
        E("Bureau", "财政部门", note="sector organ without level"),
        E("Bureau", "地方人民政府", note="generic organ (precedent: npc_gonggongtushuguanfa2018)"),
        E("Bureau", "国家主席", optional=True, note="a state office; borderline"),
        E("Project", "国家科学技术奖", optional=True, note="state awards: borderline Project"),
        E("Project", "国家最高科学技术奖", optional=True),
        E("Project", "国家自然科学奖", optional=True),
        E("Project", "国家技术发明奖", optional=True),
        E("Project", "国家科学技术进步奖", optional=True),
        E("Project", "中华人民共和国国际科学技术合作奖", optional=True),
        E("Project", "全国信用信息共享平台", optional=True, note="a named platform; borderline"),
    ],
    "relations": [
        R(GWY_FULL, "responsibleFor", KJJL, "中华人民共和国国务院令第265号发布"),
        R(GWY_FULL, "responsibleFor", KJJL_DEC, "2003年12月20日 《国务院关于修改"),
        R(GWY_FULL, "responsibleFor", "国务院关于废止和修改部分行政法规的决定", "2013年7月18日 《国务院关于废止"),
        R(KJJL, "effectiveDate", "2020年12月1日", "本条例自2020年12月1日起施行"),
        R(KJ_DEPT, "subOrganizationOf", GWY_FULL, "第六条 国务院科学技术行政部门负责"),
        R("中央军事委员会科学技术部门", "subOrganizationOf", CMC, "中央军事委员会科学技术部门，"),
    ],
}

TUNE = [T1, T2, T3, T4, T5, T6]
HELDOUT: list[dict] = []
SPECS = TUNE + HELDOUT
