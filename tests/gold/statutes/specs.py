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


def R(subject: str, predicate: str, obj: str, anchor: str, *, explicit: bool = True, unit: str = "sentence",
      optional: bool = False) -> dict:
    """One relation between entity labels; evidence is the sentence (or ``unit="line"``) around ``anchor``.

    ``optional`` marks a supporting unit's link (配合单位, 会同): a system may make it or not (GUIDELINES).
    """
    return {"subject": subject, "predicate": predicate, "object": obj, "anchor": anchor, "explicit": explicit,
            "unit": unit, "optional": optional}


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
        E("Bureau", NPCSC, ("第十四届全国人民代表大会常务委员会",),
          note="adopting legislature, named with its term in the session line (term form an alias: precedent "
               "henan_xiaokang2015)"),
        E("Bureau", NPC, note="the body its standing committee belongs to (only inside that name)"),
        E("Event", "第十四届全国人民代表大会常务委员会第七次会议"),
        E("Bureau", "国家机关", optional=True, note="generic (precedent)"),
        E("Date", "2023年12月29日", value="2023-12-29", note="adoption"),
        E("Date", "2024年3月1日", value="2024-03-01", note="effective date"),
    ],
    "relations": [
        R(NPCSC, "responsibleFor", XFXZA12, "第七次会议通过"),
        R(NPCSC, "subOrganizationOf", NPC, "第七次会议通过"),
        R(NPCSC, "organizes", "第十四届全国人民代表大会常务委员会第七次会议", "第七次会议通过"),
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
        E("Date", "1987年4月1日", value="1987-04-01",
          note="issue date; 本条例自发布之日起施行 makes it the effective date"),
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
        R(GWY, "responsibleFor", "国务院关于修改部分行政法规的决定",
          "2016年2月6日 《国务院关于修改部分行政法规的决定》"),
        R("国务院卫生行政部门", "subOrganizationOf", GWY, "公共场所的卫生标准和要求，由国务院卫生行政部门负责制定"),
    ],
}

BCGD6 = "最高人民法院、最高人民检察院关于执行《中华人民共和国刑法》确定罪名的补充规定（六）"
SPC_RULE = "关于执行〈中华人民共和国刑法〉确定罪名的规定"
SPP_OPINION = "关于适用刑法分则规定的犯罪的罪名的意见"
NPC_DECISION = "全国人民代表大会常务委员会关于修改部分法律的决定"
T3 = {
    "name": "zuiming_buchongguiding6", "split": "tune", "kind": "司法解释 (numbered judicial interpretation)",
    "document": "corpus/statutes/司法解释/最高人民法院、最高人民检察院关于执行《刑法》确定罪名的补充规定（六）"
                "(2015-10-30).md",
    "entities": [
        E("Law", BCGD6, note="own title; numbered (六): distinct from (二) etc.; 本规定自…起施行"),
        E("Bureau", SPC, note="joint issuer (title); issuer of the 规定 it amends"),
        E("Bureau", SPP, note="joint issuer (title); issuer of the 意见 it amends"),
        E("Law", XINGFA, ("刑法",), note="in the title, in 〈〉 in the body, inside the amendment's full title; "
                                       "刑法 in the table header 刑法条文 names it too"),
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
        E("Bureau", NPCSC, ("第十三届全国人民代表大会常务委员会",),
          note="adopting legislature (term form in the session line an alias); also named in the body (报…备案)"),
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
        R(NPCSC, "organizes", "第十三届全国人民代表大会常务委员会第二十一次会议", "第二十一次会议通过"),
        R(NPCSC, "subOrganizationOf", NPC,
          "并报全国人民代表大会常务委员会和国务院备案。\n\n省、自治区、直辖市可以依照"),
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
        E("Bureau", "郑州市人民代表大会常务委员会",
          ("郑州市第十届人民代表大会常务委员会", "郑州市第十三届人民代表大会常务委员会",
                                          "郑州市第十五届人民代表大会常务委员会"),
          note="adopts the regulation (通过) and issues the decisions (title); term forms are aliases "
               "(precedent: henan_xiaokang2015)"),
        E("Bureau", "河南省人民代表大会常务委员会",
          ("河南省第九届人民代表大会常务委员会", "河南省第十一届人民代表大会常务委员会",
                                          "河南省第十三届人民代表大会常务委员会"),
          forms=("河南省第九届人民代表大会常务委员会", "河南省第十一届人民代表大会常务委员会",
                 "河南省第十三届人民代表大会常务委员会"),
          note="approves (批准) the city's regulation and decisions: not their issuer, so no responsibleFor"),
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
        R("郑州市人民代表大会常务委员会", "responsibleFor", ZZ, "1997年8月22日 郑州市第十届"),
        R("郑州市人民代表大会常务委员会", "organizes", "郑州市第十届人民代表大会常务委员会第三十二次会议",
          "1997年8月22日 郑州市第十届"),
        R("郑州市人民代表大会常务委员会", "organizes", "郑州市第十三届人民代表大会常务委员会第十三次会议",
          "2010年8月27日 郑州市"),
        R("郑州市人民代表大会常务委员会", "organizes", "郑州市第十五届人民代表大会常务委员会第十五次会议",
          "2020年4月29日 郑州市"),
        R("河南省人民代表大会常务委员会", "organizes", "河南省第九届人民代表大会常务委员会第四次会议",
          "1998年7月24日 河南省"),
        R("河南省人民代表大会常务委员会", "organizes", "河南省第十一届人民代表大会常务委员会第十七次会议",
          "2010年9月29日 河南省"),
        R("河南省人民代表大会常务委员会", "organizes", "河南省第十三届人民代表大会常务委员会第十八次会议",
          "2020年6月3日 河南省"),
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
        E("Bureau", "国家机关", optional=True, note="generic (其他国家机关; precedent)"),
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

# ------------------------------------------------------------------------------------------- heldout
SMWM = "扫除文盲工作条例"
H1 = {
    "name": "saochu_wenmang", "split": "heldout", "kind": "行政法规 (State Council regulation, 1988)",
    "document": "corpus/statutes/行政法规/扫除文盲工作条例(1993-08-01).md",
    "entities": [
        E("Law", SMWM, note="own title; 本条例自发布之日起施行"),
        E("Bureau", GWY, note="issuer (国务院发布)"),
        E("Date", "1988年2月5日", value="1988-02-05", note="issue date = effective date (自发布之日起施行)"),
        E("Date", "一九四九年十月一日", value="1949-10-01", note="birth-date threshold, in Chinese numerals"),
        E("Law", "中华人民共和国宪法"),
        E("Bureau", "县级人民政府教育行政部门"),
        E("Bureau", "县级人民政府",
          note="only inside 县级人民政府教育行政部门 (precedent: gwy_gonggongwenhuatiyusheshi2003)"),
        E("Bureau", "地方各级人民政府", optional=True, note="各级 without a sector (precedent: 各级人民政府 optional)"),
        E("Bureau", "地方各级教育行政部门", optional=True, note="各级 with a sector: optional (GUIDELINES)"),
        E("Bureau", "各级教育行政部门", optional=True, note="各级 with a sector: optional (GUIDELINES)"),
        E("Bureau", "当地人民政府", optional=True, note="relative (local) level"),
        E("Bureau", "省、自治区、直辖市教育行政部门"),
        E("Bureau", "省、自治区人民政府"),
        E("Bureau", "省、自治区、直辖市人民政府"),
        E("Bureau", "乡(镇)人民政府", note="township government"),
        E("Bureau", "城市街道办事处", ("街道办事处",), note="an agency of the city government"),
        E("Bureau", "上一级人民政府", optional=True, note="relative level"),
        E("Bureau", "所在地人民政府", optional=True, note="relative level"),
        E("Bureau", "国家教育委员会",
          note="the national education commission (awards the 扫盲奖, interprets the regulation)"),
        E("Project", "扫盲奖", optional=True, note="an award: borderline Project"),
    ],
    "relations": [
        R(GWY, "responsibleFor", SMWM, "1988年2月5日 国务院发布"),
        R(SMWM, "effectiveDate", "1988年2月5日", "1988年2月5日 国务院发布"),
        R("县级人民政府教育行政部门", "subOrganizationOf", "县级人民政府", "由县级人民政府教育行政部门组织进行"),
    ],
}

ZJ = "浙江省见义勇为人员奖励和保障条例"
ZJ_DEC = "关于修改〈浙江省见义勇为人员奖励和保障条例〉等五件地方性法规的决定"
H2 = {
    "name": "zhejiang_jianyiyongwei", "split": "heldout", "kind": "local regulation (provincial)",
    "document": "corpus/statutes/DLC/浙江地方法规/地方性法规/浙江/浙江省见义勇为人员奖励和保障条例(2020-11-27).md",
    "entities": [
        E("Law", ZJ, note="own title (also inside the amending decision's title)"),
        E("Law", ZJ_DEC, note="the 2020 amending decision, adopted at the session named before it"),
        E("Bureau", "浙江省人民代表大会常务委员会",
          ("浙江省第九届人民代表大会常务委员会", "浙江省第十三届人民代表大会常务委员会"),
          forms=("浙江省第九届人民代表大会常务委员会", "浙江省第十三届人民代表大会常务委员会"),
          note="adopts the regulation and the amending decision; named only with its terms (aliases, precedent "
               "henan_xiaokang2015)"),
        E("Event", "浙江省第九届人民代表大会常务委员会第十七次会议"),
        E("Event", "浙江省第十三届人民代表大会常务委员会第二十五次会议"),
        E("Date", "1999年12月28日", value="1999-12-28"),
        E("Date", "2020年11月27日", value="2020-11-27"),
        E("Date", "2000年4月1日", value="2000-04-01", note="effective date"),
        E("Bureau", "县级以上人民政府"),
        E("Bureau", "公安机关", note="sector organ (precedent: required)"),
        E("Bureau", "上一级公安机关", optional=True, note="relative level"),
        E("Bureau", "县（市、区）人民政府", note="county-level government"),
        E("Bureau", "设区的市人民政府"),
        E("Bureau", "省人民政府", note="the province's government (a Zhejiang statute)"),
        E("Bureau", "县（市、区）公安机关"),
        E("Bureau", "县（市、区）民政部门"),
        E("Bureau", "社会保险机构", note="sector organ without level (like 不动产登记机构)"),
        E("Bureau", "司法机关", optional=True, note="the judiciary in general; borderline (公安、司法机关)"),
        E("Bureau", "国家机关", optional=True, note="generic (precedent)"),
        E("Organization", "见义勇为基金会", optional=True, note="foundation(s) in general; borderline"),
        E("Law", "军人抚恤优待条例"),
    ],
    "relations": [
        R(ZJ, "effectiveDate", "2000年4月1日", "本条例自2000年4月1日起施行"),
        R("浙江省人民代表大会常务委员会", "responsibleFor", ZJ, "1999年12月28日 浙江省"),
        R("浙江省人民代表大会常务委员会", "responsibleFor", ZJ_DEC, "2020年11月27日 浙江省"),
        R("浙江省人民代表大会常务委员会", "organizes", "浙江省第九届人民代表大会常务委员会第十七次会议",
          "1999年12月28日 浙江省"),
        R("浙江省人民代表大会常务委员会", "organizes", "浙江省第十三届人民代表大会常务委员会第二十五次会议",
          "2020年11月27日 浙江省"),
    ],
}

TYWZ = "中华人民共和国国家通用语言文字法"
YW_DEPT = "国务院语言文字工作部门"
H3 = {
    "name": "guojia_tongyong_yuyan_wenzi", "split": "heldout", "kind": "national law (2000)",
    "document": "corpus/statutes/行政法/国家通用语言文字法(2000-10-31).md",
    "entities": [
        E("Law", TYWZ, note="own title; 本法自…起施行"),
        E("Bureau", NPCSC, ("第九届全国人民代表大会常务委员会",),
          note="adopting legislature, named with its term in the session line (alias; precedent henan_xiaokang2015)"),
        E("Bureau", NPC, note="the body its standing committee belongs to (only inside that name)"),
        E("Event", "第九届全国人民代表大会常务委员会第十八次会议"),
        E("Date", "2000年10月31日", value="2000-10-31", note="adoption"),
        E("Date", "2001年1月1日", value="2001-01-01", note="effective date"),
        E("Law", "宪法", note="根据宪法，制定本法"),
        E("Law", "民族区域自治法"),
        E("Law", "汉语拼音方案", note="a titled scheme in 《》"),
        E("Bureau", GWY, note="only inside the names of its departments (precedent: wangba_tiaoli2022)"),
        E("Bureau", "国务院广播电视部门"),
        E("Bureau", "省级广播电视部门"),
        E("Bureau", "国务院有关部门", optional=True, note="level without a sector (precedent: optional)"),
        E("Bureau", YW_DEPT),
        E("Bureau", "地方语言文字工作部门"),
        E("Bureau", "县级以上各级人民政府工商行政管理部门", note="a definite level (县级以上) and a sector"),
        E("Bureau", "县级以上各级人民政府", optional=True, note="各级 without a sector; only inside the department"),
        E("Bureau", "地方各级人民政府", optional=True, note="各级 without a sector"),
        E("Bureau", "国家机关", optional=True, note="generic (precedent)"),
    ],
    "relations": [
        R(NPCSC, "responsibleFor", TYWZ, "第十八次会议通过"),
        R(NPCSC, "subOrganizationOf", NPC, "第十八次会议通过"),
        R(NPCSC, "organizes", "第九届全国人民代表大会常务委员会第十八次会议", "第十八次会议通过"),
        R(TYWZ, "effectiveDate", "2001年1月1日", "本法自2001年1月1日起施行"),
        R("国务院广播电视部门", "subOrganizationOf", GWY, "须经国务院广播电视部门批准"),
        R(YW_DEPT, "subOrganizationOf", GWY, "国家通用语言文字工作由国务院语言文字工作部门负责"),
        R("县级以上各级人民政府工商行政管理部门", "subOrganizationOf", "县级以上各级人民政府",
          "第二十三条 县级以上各级人民政府"),
    ],
}

XJ = "最高人民法院、最高人民检察院关于办理袭警刑事案件适用法律若干问题的解释"
SPC_COMMITTEE = "最高人民法院审判委员会"
H4 = {
    "name": "xijing_jieshi", "split": "heldout", "kind": "司法解释 (joint interpretation, 2025)",
    "document": "corpus/statutes/司法解释/最高人民法院、"
                "最高人民检察院关于办理袭警刑事案件适用法律若干问题的解释(2025-01-15).md",
    "entities": [
        E("Law", XJ, ("最高人民法院 最高人民检察院 关于办理袭警刑事案件适用法律 若干问题的解释",),
          note="own title (Markdown heading; repeated in the body with spaces for the 、); 本解释自…起施行"),
        E("Bureau", SPC, note="joint issuer"),
        E("Bureau", SPP, note="joint issuer"),
        E("Bureau", SPC_COMMITTEE, note="the court's judicial committee, which adopted it"),
        E("Event", "最高人民法院审判委员会第1930次会议"),
        E("Event", "最高人民检察院第十四届检察委员会第三十二次会议"),
        E("Bureau", "最高人民检察院第十四届检察委员会",
          note="the procuratorate's committee (named only with its term)"),
        E("Date", "2024年11月4日", value="2024-11-04"),
        E("Date", "2024年6月27日", value="2024-06-27"),
        E("Date", "2025年1月18日", value="2025-01-18", note="effective date (header line and art. 13)"),
        E("Law", XINGFA, ("刑法",), note="刑法第二百七十七条… names the code (the article reference is not an entity)"),
        E("Law", "中华人民共和国刑事诉讼法"),
        E("Law", "中华人民共和国人民警察法", ("人民警察法",)),
        E("Bureau", "公安机关"),
        E("Bureau", "国家安全机关", note="sector organ without level"),
        E("Bureau", "人民法院", optional=True, note="court; precedent: borderline type"),
        E("Bureau", "人民检察院", optional=True, note="procuratorate; borderline like 人民法院"),
    ],
    "relations": [
        R(SPC, "responsibleFor", XJ, "# 最高人民法院、最高人民检察院关于办理袭警"),
        R(SPP, "responsibleFor", XJ, "# 最高人民法院、最高人民检察院关于办理袭警"),
        R(XJ, "effectiveDate", "2025年1月18日", "本解释自2025年1月18日起施行"),
        R(SPC_COMMITTEE, "subOrganizationOf", SPC, "最高人民法院审判委员会第1930次会议"),
        R("最高人民检察院第十四届检察委员会", "subOrganizationOf", SPP, "最高人民法院审判委员会第1930次会议"),
        R(SPC_COMMITTEE, "organizes", "最高人民法院审判委员会第1930次会议", "最高人民法院审判委员会第1930次会议"),
        R("最高人民检察院第十四届检察委员会", "organizes", "最高人民检察院第十四届检察委员会第三十二次会议",
          "最高人民法院审判委员会第1930次会议"),
    ],
}

BCGD2 = "最高人民法院、最高人民检察院关于执行《中华人民共和国刑法》确定罪名的补充规定（二）"
H5 = {
    "name": "zuiming_buchongguiding2", "split": "heldout", "kind": "司法解释 (numbered, short)",
    "document": "corpus/statutes/司法解释/最高人民法院、最高人民检察院关于执行《刑法》确定罪名的补充规定（二）"
                "(2003-08-15).md",
    "entities": [
        E("Law", BCGD2, note="own title; numbered (二): distinct from (六)"),
        E("Bureau", SPC, note="joint issuer (title, 公告公布 line)"),
        E("Bureau", SPP, note="joint issuer"),
        E("Bureau", SPC_COMMITTEE),
        E("Event", "最高人民法院审判委员会第1283次会议"),
        E("Event", "最高人民检察院第十届检察委员会第7次会议"),
        E("Bureau", "最高人民检察院第十届检察委员会", note="the procuratorate's committee (named only with its term)"),
        E("Date", "2003年8月6日", value="2003-08-06"),
        E("Date", "2003年8月12日", value="2003-08-12"),
        E("Date", "2003年8月15日", value="2003-08-15", note="publication"),
        E("Date", "2003年8月21日", value="2003-08-21", note="effective date (施行 line)"),
        E("Law", XINGFA, ("刑法",), note="also 刑法原第155条 and the table header"),
        E("Law", "中华人民共和国刑法修正案（四）", ("刑法修正案（四）",), note="以下简称《刑法修正案（四）》"),
        E("Law", SPC_RULE),
        E("Law", SPP_OPINION),
    ],
    "relations": [
        R(SPC, "responsibleFor", BCGD2, "2003年8月15日 最高人民法院、最高人民检察院公告公布"),
        R(SPP, "responsibleFor", BCGD2, "2003年8月15日 最高人民法院、最高人民检察院公告公布"),
        R(BCGD2, "effectiveDate", "2003年8月21日", "2003年8月21日 施行"),
        R(SPC, "responsibleFor", SPC_RULE, "现对最高人民法院《关于执行"),
        R(SPP, "responsibleFor", SPP_OPINION, "现对最高人民法院《关于执行"),
        R(SPC_COMMITTEE, "subOrganizationOf", SPC, "最高人民法院审判委员会第1283次会议"),
        R("最高人民检察院第十届检察委员会", "subOrganizationOf", SPP, "最高人民法院审判委员会第1283次会议"),
        R(SPC_COMMITTEE, "organizes", "最高人民法院审判委员会第1283次会议", "最高人民法院审判委员会第1283次会议"),
        R("最高人民检察院第十届检察委员会", "organizes", "最高人民检察院第十届检察委员会第7次会议",
          "最高人民法院审判委员会第1283次会议"),
    ],
}

YT = "烟台市全民阅读促进条例"
YT_DEPT = "县（市、区）人民政府承担全民阅读职责的主管部门"
H6 = {
    "name": "yantai_quanmin_yuedu", "split": "heldout", "kind": "local regulation (municipal, medium length)",
    "document": "corpus/statutes/DLC/山东地方法规/地方性法规/山东/烟台市全民阅读促进条例(2019-02-13).md",
    "entities": [
        E("Law", YT, note="own title; 本条例自…起施行"),
        E("Bureau", "烟台市人民代表大会常务委员会", ("烟台市第十七届人民代表大会常务委员会",),
          forms=("烟台市第十七届人民代表大会常务委员会",), note="adopts the regulation; named only with its term"),
        E("Bureau", "山东省人民代表大会常务委员会", ("山东省第十三届人民代表大会常务委员会",),
          forms=("山东省第十三届人民代表大会常务委员会",), note="approves (批准): not the issuer"),
        E("Event", "烟台市第十七届人民代表大会常务委员会第十六次会议"),
        E("Event", "山东省第十三届人民代表大会常务委员会第十次会议"),
        E("Date", "2018年12月20日", value="2018-12-20"),
        E("Date", "2019年2月12日", value="2019-02-12"),
        E("Date", "2019年4月1日", value="2019-04-01", note="effective date"),
        E("Law", "中华人民共和国公共文化服务保障法"),
        E("Law", "中华人民共和国公共图书馆法"),
        E("Law", "国家基本公共文化服务指导标准", optional=True, note="a named standard, not in 《》; borderline"),
        E("Law", "省基本公共文化服务实施标准", optional=True, note="a named standard, not in 《》; borderline"),
        E("Law", "国家公共图书馆建设标准", optional=True, note="borderline"),
        E("Law", "全民阅读推广人管理办法", optional=True, note="to be drawn up by the reading department; borderline"),
        E("Law", "年度全民阅读促进工作实施意见", optional=True, note="a yearly opinion to be drawn up; borderline"),
        E("Project", "“书香烟台”全民阅读季活动", ("书香烟台", "“书香烟台”全民阅读季"),
          note="a named yearly campaign (每年4月至6月举办)"),
        E("Event", "世界读书日", optional=True, note="a yearly day"),
        E("Event", "孔子诞辰日", optional=True, note="a yearly day"),
        E("Bureau", "市人民政府", optional=True,
          note="only in the elliptical 市、县（市、区）人民政府: no mention of its own"),
        E("Bureau", "县（市、区）人民政府",
          note="county-level governments (市、县（市、区）人民政府 coordinates 市 and 县)"),
        E("Bureau", YT_DEPT, note="generic organ defined by its duty (reading), county level"),
        E("Bureau", "县（市、区）人民政府教育主管部门"),
        E("Bureau", "县（市、区）人民政府有关部门", optional=True, note="level without a sector (precedent: optional)"),
        E("Bureau", "镇人民政府", note="乡、镇人民政府: the 乡 part is elliptical"),
        E("Bureau", "街道办事处"),
        E("Bureau", "监察机关", note="sector organ without level"),
        E("Bureau", "国家机关", optional=True, note="generic (precedent)"),
        E("Organization", "县（市、区）工会", optional=True, note="trade unions in general"),
        E("Organization", "共产主义青年团", optional=True, note="named in a list of 社会团体 at city and county level"),
    ],
    "relations": [
        R(YT, "effectiveDate", "2019年4月1日", "本条例自2019年4月1日起施行"),
        R("烟台市人民代表大会常务委员会", "responsibleFor", YT, "2018年12月20日 烟台市"),
        R("烟台市人民代表大会常务委员会", "organizes", "烟台市第十七届人民代表大会常务委员会第十六次会议",
          "2018年12月20日 烟台市"),
        R("山东省人民代表大会常务委员会", "organizes", "山东省第十三届人民代表大会常务委员会第十次会议",
          "2019年2月12日 山东省"),
        R(YT_DEPT, "responsibleFor", "全民阅读推广人管理办法", "制定全民阅读推广人管理办法"),
        R(YT_DEPT, "subOrganizationOf", "县（市、区）人民政府",
          "第六条 市、县（市、区）人民政府承担全民阅读职责的主管部门负责"),
        R("县（市、区）人民政府教育主管部门", "subOrganizationOf", "县（市、区）人民政府",
          "人民政府教育主管部门应当指导幼儿园"),
    ],
}

HELDOUT = [H1, H2, H3, H4, H5, H6]
SPECS = TUNE + HELDOUT
