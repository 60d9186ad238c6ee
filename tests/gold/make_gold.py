"""Write the gold JSON files of the project's own test documents from the annotations below.

The annotation decisions (which entities, types, labels, aliases, relations) are written here
by hand; this script only turns them into offsets, so that no offset is ever typed by hand:
every occurrence of each surface form is found with ``str.find``, a shorter form inside a longer
form of the same entity is one mention, a Date inside a longer Date is not a mention of its own
(2023年 in 2023年3月1日), and an evidence span is the sentence (or line) holding an anchor
string that occurs exactly once. Run ``python tests/gold/make_gold.py`` after editing a text or
an annotation, then ``python -m pytest tests/test_gold_files.py``.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
GENRE = ROOT / "tests" / "data" / "genre"


def E(type_: str, label: str, aliases: tuple[str, ...] = (), *, forms: tuple[str, ...] | None = None,
      value: str | None = None, optional: bool = False, note: str = "") -> dict:
    """One entity: ``forms`` are the surface strings searched for (default: label and aliases)."""
    return {"type": type_, "label": label, "aliases": list(aliases),
            "forms": list(forms) if forms is not None else [label, *aliases],
            "value": value, "optional": optional, "note": note}


def R(subject: str, predicate: str, obj: str, anchor: str, *, explicit: bool = True,
      unit: str = "sentence") -> dict:
    """One relation between entity labels; evidence is the sentence (or line) around ``anchor``."""
    return {"subject": subject, "predicate": predicate, "object": obj, "anchor": anchor,
            "explicit": explicit, "unit": unit}


MINISTRY = "文化和旅游部"
POLICY, PUBLIC, ART, ICH, MARKET, INTL = ("政策法规司", "文化和旅游部公共服务司", "艺术司", "非物质文化遗产司",
                                         "文化市场综合执法监督局", "国际交流与合作局")
INTRO = "走访了文旅部6个司局"

SAMPLE = {
    "text": ROOT / "kg" / "data" / "sample.txt",
    "out": HERE / "sample.json",
    "sections": [
        ("健全文化和旅游领域法规制度", POLICY),
        ("推动公共文化服务提质增效", PUBLIC),
        ("繁荣舞台艺术创作生产", ART),
        ("推动非遗保护传承走向深入", ICH),
        ("维护文化市场安全有序", MARKET),
        ("深化文化和旅游国际交流合作", INTL),
    ],
    "entities": [
        E("Bureau", MINISTRY, ("文旅部", "中华人民共和国文化和旅游部"),
          note="the ministry; also the mention nested in 文化和旅游部公共服务司"),
        E("Bureau", POLICY),
        E("Bureau", PUBLIC, ("公共服务司",), note="first named with the ministry's name glued on"),
        E("Bureau", ART),
        E("Bureau", ICH, ("非遗司",), forms=(), optional=True,
          note="inferred bureau of the intangible-heritage section; never named in the text"),
        E("Bureau", MARKET, ("执法局",), note="该局 (anaphora) is not a mention"),
        E("Bureau", INTL, ("国际司",)),
        E("Bureau", "财政部", note="co-drafter of the assessment measures (会同财政部制定)"),
        E("Bureau", "立法机关", optional=True, note="generic: the legislature, not named"),
        E("Law", "文化产业促进法", ("中华人民共和国文化产业促进法",), note="draft law under review"),
        E("Law", "旅游法", ("中华人民共和国旅游法",)),
        E("Law", "文化和旅游标准化管理规定", note="takes effect 2023-03-01"),
        E("Law", "文化和旅游统计管理办法"),
        E("Law", "公共文化服务保障法", ("中华人民共和国公共文化服务保障法",)),
        E("Law", "公共图书馆法", ("中华人民共和国公共图书馆法",)),
        E("Law", "全国公共图书馆事业发展规划（2021—2025年）", ("全国公共图书馆事业发展规划",),
          note="span in the title equals 十四五"),
        E("Law", "关于推进实施国家文化数字化战略的意见"),
        E("Law", "公共文化机构绩效考核办法", note="named in running text without 《》"),
        E("Law", "“戏曲振兴工程”2023—2025年实施方案", ("戏曲振兴工程2023—2025年实施方案",),
          note="title holds the Project 戏曲振兴工程 and the span 2023—2025年"),
        E("Law", "非物质文化遗产法", ("中华人民共和国非物质文化遗产法",)),
        E("Law", "“十四五”非物质文化遗产保护规划", ("十四五非物质文化遗产保护规划",)),
        E("Law", "营业性演出管理条例"),
        E("Law", "关于进一步加强演出市场管理的通知"),
        E("Project", "“城市书房”建设试点", ("城市书房建设试点", "城市书房")),
        E("Project", "春雨工程", ("“春雨工程”",)),
        E("Project", "“时代交响”舞台艺术精品创作计划", ("时代交响舞台艺术精品创作计划", "时代交响")),
        E("Project", "戏曲振兴工程", note="nested in the title of its 2023—2025 implementation plan"),
        E("Project", "中国传统工艺振兴计划", note="fixed name, not quoted"),
        E("Project", "“非遗工坊助力乡村振兴”行动", ("非遗工坊助力乡村振兴行动", "非遗工坊助力乡村振兴"),
          note="非遗工坊 alone is a generic noun"),
        E("Project", "执法能力提升年", ("全国文化市场执法能力提升年", "全国文化市场“执法能力提升年”"),
          forms=("执法能力提升年",), note="themed year 2023"),
        E("Project", "清源", ("“清源”专项行动", "清源专项行动", "清源行动"), note="one of three parallel campaigns"),
        E("Project", "护童", ("“护童”专项行动", "护童专项行动", "护童行动"), note="one of three parallel campaigns"),
        E("Project", "暖冬", ("“暖冬”专项行动", "暖冬专项行动", "暖冬行动"), note="one of three parallel campaigns"),
        E("Project", "全国文化市场技术监管与服务平台", optional=True, note="IT platform to be upgraded; borderline"),
        E("Project", "欢乐春节", ("“欢乐春节”活动", "欢乐春节活动"), forms=("欢乐春节",)),
        E("Project", "中国—中亚文化和旅游年", ("中国-中亚文化和旅游年",), note="themed year held in 2023"),
        E("Date", "2023年", ("今年", "新一年", "2023年度"), value="2023",
          note="document year; 2023年 inside 2023年3月1日 is part of that Date"),
        E("Date", "2022年", value="2022"),
        E("Date", "2023年3月1日", value="2023-03-01"),
        E("Date", "1月", ("2023年1月",), value="2023-01", note="month of the national conference"),
        E("Date", "上半年", ("2023年上半年",), value="2023-01/2023-06"),
        E("Date", "下半年", ("2023年下半年",), value="2023-07/2023-12"),
        E("Date", "十四五", ("“十四五”", "“十四五”时期", "十四五时期", "2021—2025年", "2021-2025年"),
          forms=("十四五", "2021—2025年"), value="2021/2025",
          note="incl. the mentions inside plan titles and the span 2021—2025年 of the library plan"),
        E("Date", "2023—2025年", ("2023-2025年", "2023—2025"), value="2023/2025", optional=True,
          note="only inside a plan title"),
        E("Date", "6月10日", ("2023年6月10日",), value="2023-06-10", note="day without year: document year"),
        E("Date", "9月底", ("2023年9月底",), value="2023-09", note="deadline (…前完成)"),
        E("Date", "10月", ("2023年10月",), value="2023-10"),
        E("Date", "明年", ("2024年",), value="2024"),
        E("Event", "党的二十大", ("二十大", "中共二十大", "中国共产党第二十次全国代表大会")),
        E("Event", "全国文化和旅游厅局长会议"),
        E("Event", "毛泽东同志诞辰130周年", ("纪念毛泽东同志诞辰130周年",), forms=("毛泽东同志诞辰130周年",)),
        E("Event", "文化和自然遗产日", note="annual heritage day, 2023-06-10 here"),
        E("Event", "中法建交60周年", note="anniversary in 2024 (明年)"),
        E("Event", "首届中国—中亚文化和旅游合作论坛", ("中国—中亚文化和旅游合作论坛", "中国-中亚文化和旅游合作论坛")),
        E("Organization", "中国文化报", note="newspaper whose reporter interviewed the bureaus"),
        E("Organization", "中国艺术研究院", note="research institute"),
        E("Organization", "中国演出行业协会", note="association"),
        E("Work", "运河人家", note="TV series"),
        E("Work", "守灯人", note="film"),
    ],
    "relations": [
        R(POLICY, "subOrganizationOf", MINISTRY, INTRO),
        R(PUBLIC, "subOrganizationOf", MINISTRY, "文化和旅游部公共服务司负责人表示"),
        R(ART, "subOrganizationOf", MINISTRY, INTRO),
        R(ICH, "subOrganizationOf", MINISTRY, INTRO, explicit=False),
        R(MARKET, "subOrganizationOf", MINISTRY, INTRO),
        R(INTL, "subOrganizationOf", MINISTRY, INTRO),
        R(POLICY, "responsibleFor", "文化产业促进法", "推进《文化产业促进法》审议"),
        R(POLICY, "responsibleFor", "旅游法", "推进《文化产业促进法》审议"),
        R(POLICY, "responsibleFor", "文化和旅游标准化管理规定", "新制定的《"),
        R(POLICY, "responsibleFor", "文化和旅游统计管理办法", "此外，《"),
        R("文化和旅游标准化管理规定", "effectiveDate", "2023年3月1日", "新制定的《"),
        R(PUBLIC, "responsibleFor", "公共文化服务保障法", "公共服务司负责人表示"),
        R(PUBLIC, "responsibleFor", "公共图书馆法", "公共服务司负责人表示"),
        R(PUBLIC, "responsibleFor", "全国公共图书馆事业发展规划（2021—2025年）", "公共服务司负责人表示"),
        R(PUBLIC, "responsibleFor", "关于推进实施国家文化数字化战略的意见", "公共服务司负责人表示"),
        R("全国公共图书馆事业发展规划（2021—2025年）", "period", "十四五", "公共服务司负责人表示"),
        R(PUBLIC, "responsibleFor", "“城市书房”建设试点", "上半年，选择"),
        R(PUBLIC, "responsibleFor", "春雨工程", "上半年，选择"),
        R(PUBLIC, "responsibleFor", "公共文化机构绩效考核办法", "公共服务司还将会同财政部"),
        R("财政部", "responsibleFor", "公共文化机构绩效考核办法", "公共服务司还将会同财政部"),
        R(ART, "responsibleFor", "“时代交响”舞台艺术精品创作计划", "组织实施“时代交响”"),
        R(ART, "responsibleFor", "“戏曲振兴工程”2023—2025年实施方案", "要落实好《"),
        R(ART, "responsibleFor", "戏曲振兴工程", "要落实好《"),
        R("“戏曲振兴工程”2023—2025年实施方案", "period", "2023—2025年", "要落实好《"),
        R(ICH, "responsibleFor", "非物质文化遗产法", "今年将以《非物质", explicit=False),
        R(ICH, "responsibleFor", "“十四五”非物质文化遗产保护规划", "今年将以《非物质", explicit=False),
        R(ICH, "responsibleFor", "中国传统工艺振兴计划", "今年将以《非物质", explicit=False),
        R(ICH, "responsibleFor", "“非遗工坊助力乡村振兴”行动", "今年将以《非物质", explicit=False),
        R("“十四五”非物质文化遗产保护规划", "period", "十四五", "今年将以《非物质"),
        R(MARKET, "responsibleFor", "执法能力提升年", "将2023年确定为"),
        R("执法能力提升年", "period", "2023年", "将2023年确定为"),
        R(MARKET, "responsibleFor", "营业性演出管理条例", "该局将牵头开展"),
        R(MARKET, "responsibleFor", "关于进一步加强演出市场管理的通知", "该局将牵头开展"),
        R(MARKET, "responsibleFor", "清源", "该局将牵头开展"),
        R(MARKET, "responsibleFor", "护童", "该局将牵头开展"),
        R(MARKET, "responsibleFor", "暖冬", "该局将牵头开展"),
        R(MARKET, "responsibleFor", "全国文化市场技术监管与服务平台", "负责统筹各地执法力量"),
        R(INTL, "responsibleFor", "欢乐春节", "继续牵头办好"),
        R(INTL, "responsibleFor", "中国—中亚文化和旅游年", "今年还将与中亚国家"),
        R("中国—中亚文化和旅游年", "period", "2023年", "今年还将与中亚国家"),
        R(INTL, "organizes", "首届中国—中亚文化和旅游合作论坛", "在西安承办"),
    ],
}

HUNAN_GOV = "湖南省人民政府"
REGULATION = "湖南省乡村公共文化服务条例"
STATUTE = {
    "text": GENRE / "statute_tiaoli.txt",
    "out": GENRE / "statute_tiaoli.json",
    "sections": [],
    "entities": [
        E("Law", REGULATION, note="the regulation itself; only the title line names it, the body says 本条例"),
        E("Bureau", "湖南省第十四届人民代表大会常务委员会", ("湖南省人民代表大会常务委员会", "湖南省人大常委会"),
          note="the provincial legislature's standing committee that adopted the regulation"),
        E("Event", "湖南省第十四届人民代表大会常务委员会第六次会议", note="the session that adopted it"),
        E("Law", "中华人民共和国公共文化服务保障法", ("公共文化服务保障法",)),
        E("Law", "湖南省农村文化建设管理办法", note="older measures repealed by the closing article"),
        E("Bureau", HUNAN_GOV, ("省人民政府",),
          note="the province's government; also nested in 省人民政府文化和旅游主管部门"),
        E("Bureau", "县级以上人民政府", optional=True,
          note="generic organ; every occurrence incl. inside 县级以上人民政府文化和旅游主管部门"),
        E("Bureau", "县级以上人民政府文化和旅游主管部门", optional=True, note="generic organ"),
        E("Bureau", "省人民政府文化和旅游主管部门", ("湖南省文化和旅游厅",), optional=True,
          note="generic wording for the provincial culture and tourism department"),
        E("Bureau", "乡镇人民政府", optional=True, note="generic organ"),
        E("Bureau", "县级人民政府", optional=True, note="generic organ"),
        E("Organization", "村民委员会", optional=True, note="villagers' self-governing body, generic"),
        E("Project", "村晚", ("“村晚”",), optional=True,
          note="village gala, a kind of activity rather than one programme"),
        E("Date", "2023年11月29日", value="2023-11-29", note="adoption date"),
        E("Date", "2024年1月1日", value="2024-01-01", note="effective date (本条例自…起施行)"),
        E("Date", "2009年6月1日", value="2009-06-01", note="issue date of the repealed measures"),
    ],
    "relations": [
        R("湖南省第十四届人民代表大会常务委员会", "responsibleFor", REGULATION, "第六次会议通过", unit="line"),
        R(REGULATION, "effectiveDate", "2024年1月1日", "本条例自"),
        R(HUNAN_GOV, "responsibleFor", "湖南省农村文化建设管理办法", "同时废止"),
        R("省人民政府文化和旅游主管部门", "subOrganizationOf", HUNAN_GOV, "应当会同有关部门制定"),
    ],
}

JX_OFFICE = "江西省人民政府办公厅"
JX_GOV = "江西省人民政府"
NOTICE_LAW = "江西省人民政府办公厅关于印发江西省2024年公共文化服务工作要点的通知"
POINTS = "江西省2024年公共文化服务工作要点"
PROP, FIN, CULT, NDRC, AGRI = "省委宣传部", "省财政厅", "省文化和旅游厅", "省发展改革委", "省农业农村厅"
CITIES = "设区市人民政府"
NOTICE = {
    "text": GENRE / "province_notice.txt",
    "out": GENRE / "province_notice.json",
    "sections": [],
    "entities": [
        E("Bureau", JX_OFFICE, note="issuer; named in the title and the signature"),
        E("Bureau", JX_GOV, ("省人民政府", "省政府"),
          note="also nested in 江西省人民政府办公厅 and in the addressee 省政府各部门"),
        E("Law", NOTICE_LAW, note="the notice itself"),
        E("Law", POINTS, ("2024年公共文化服务工作要点",),
          note="the work points issued by the notice; also nested in its title"),
        E("Bureau", PROP, ("江西省委宣传部", "中共江西省委宣传部"), note="party organ; lead unit of task 1"),
        E("Bureau", FIN, ("江西省财政厅",)),
        E("Bureau", CULT, ("江西省文化和旅游厅",)),
        E("Bureau", NDRC, ("江西省发展和改革委员会", "江西省发展改革委")),
        E("Bureau", AGRI, ("江西省农业农村厅",)),
        E("Bureau", CITIES, ("各设区市人民政府",), forms=(CITIES,), optional=True,
          note="generic addressee and partner; mentions without 各"),
        E("Bureau", "省政府各部门", optional=True, note="generic addressee"),
        E("Project", "“赣鄱书香”全民阅读工程", ("赣鄱书香全民阅读工程", "赣鄱书香")),
        E("Project", "书香江西", optional=True, note="reading brand in a heading; borderline"),
        E("Law", "全民阅读促进实施方案", note="plan to be issued by the deadline; not in 《》"),
        E("Law", "中华人民共和国公共图书馆法", ("公共图书馆法",)),
        E("Project", "“红色文艺轻骑兵”基层巡演活动", ("红色文艺轻骑兵基层巡演活动", "红色文艺轻骑兵")),
        E("Project", "“乡村文化合作社”试点", ("乡村文化合作社试点", "乡村文化合作社")),
        E("Law", "江西省基本公共文化服务实施标准（2021—2025年）", ("江西省基本公共文化服务实施标准",)),
        E("Project", "公共文化服务体系建设专项资金", optional=True, note="a special fund; borderline Project"),
        E("Date", "2024年", ("全年", "2024年度"), value="2024",
          note="document year, incl. inside the titles; 全年 = the whole of 2024"),
        E("Date", "2024年2月26日", value="2024-02-26", note="signature date"),
        E("Date", "2024年6月底", value="2024-06", note="deadline (…前)"),
        E("Date", "2024年底", value="2024-12", note="deadline (…前)"),
        E("Date", "2024年9月底", value="2024-09", note="deadline (…前)"),
        E("Date", "2024年11月底", value="2024-11", note="deadline (…前)"),
        E("Date", "2021—2025年", ("2021-2025年",), value="2021/2025", optional=True, note="only inside a title"),
    ],
    "relations": [
        R(JX_OFFICE, "responsibleFor", NOTICE_LAW, NOTICE_LAW, unit="line"),
        R(JX_OFFICE, "subOrganizationOf", JX_GOV, NOTICE_LAW, unit="line"),
        R(JX_OFFICE, "responsibleFor", POINTS, "现印发给你们"),
        *[R(b, "responsibleFor", o, "（一）实施", unit="line")
          for b in (PROP, FIN, CULT) for o in ("“赣鄱书香”全民阅读工程", "全民阅读促进实施方案")],
        *[R(b, "responsibleFor", "中华人民共和国公共图书馆法", "（二）深入贯彻", unit="line") for b in (CULT, NDRC)],
        *[R(b, "responsibleFor", "“红色文艺轻骑兵”基层巡演活动", "（三）组织开展", unit="line")
          for b in (CULT, FIN, CITIES)],
        *[R(b, "responsibleFor", "“乡村文化合作社”试点", "（四）在上饶", unit="line") for b in (CULT, AGRI)],
        R(CULT, "responsibleFor", "江西省基本公共文化服务实施标准（2021—2025年）", "（五）落实", unit="line"),
        R("江西省基本公共文化服务实施标准（2021—2025年）", "period", "2021—2025年", "（五）落实", unit="line"),
        *[R(b, "responsibleFor", "公共文化服务体系建设专项资金", "（六）统筹", unit="line") for b in (FIN, CULT)],
    ],
}

CAMPAIGN = "“剑网2024”专项行动"
NEWS = {
    "text": GENRE / "joint_campaign_news.txt",
    "out": GENRE / "joint_campaign_news.json",
    "sections": [],
    "entities": [
        E("Bureau", "国家版权局"),
        E("Bureau", "国家网信办", ("国家互联网信息办公室", "网信办")),
        E("Bureau", "工业和信息化部", ("工信部",)),
        E("Bureau", "公安部"),
        E("Bureau", "版权执法部门", ("各地版权执法部门",), forms=("版权执法部门",), optional=True,
          note="generic local enforcement organs"),
        E("Project", CAMPAIGN, ("剑网2024", "剑网2024专项行动", "打击网络侵权盗版“剑网2024”专项行动"),
          forms=(CAMPAIGN,), note="this year's campaign, launched jointly by four departments"),
        E("Project", "“剑网”行动", ("剑网行动", "“剑网”专项行动", "剑网专项行动"),
          note="the yearly series since 2005, kept apart from its 2024 edition"),
        E("Law", "著作权法", ("中华人民共和国著作权法",)),
        E("Law", "信息网络传播权保护条例"),
        E("Law", "关于强化知识产权保护的意见"),
        E("Organization", "中国人民大学知识产权学院", note="affiliation of a quoted expert"),
        E("Organization", "中国人民大学", optional=True, note="only inside the school's name"),
        E("Organization", "中国社会科学院知识产权中心", note="research centre of a quoted expert"),
        E("Organization", "中国社会科学院", optional=True, note="only inside the centre's name"),
        E("Date", "7月12日", ("2024年7月12日",), value="2024-07-12", note="dateline; year from the campaign"),
        E("Date", "2005年", value="2005", note="first year of the series"),
        E("Date", "2024年11月", value="2024-11", note="end of the campaign (持续至)"),
        E("Date", "今年", ("2024年",), value="2024"),
    ],
    "relations": [
        *[R(b, "responsibleFor", CAMPAIGN, "日前联合启动")
          for b in ("国家版权局", "国家网信办", "工业和信息化部", "公安部")],
    ],
}

NRTA = "國家廣播電視總局"
NAV = "網絡視聽節目管理司"
WORKPLAN = "國家廣播電視總局2024年網絡視聽工作要點"
TRADITIONAL = {
    "text": GENRE / "traditional_workplan.txt",
    "out": GENRE / "traditional_workplan.json",
    "sections": [("三、提升網絡視聽內容供給質量", NAV)],
    "entities": [
        E("Bureau", NRTA, ("總局", "国家广播电视总局", "广电总局", "廣電總局")),
        E("Bureau", NAV, ("网络视听节目管理司",)),
        E("Bureau", "國家網信辦", ("国家网信办", "國家互聯網信息辦公室", "国家互联网信息办公室")),
        E("Law", WORKPLAN, ("国家广播电视总局2024年网络视听工作要点",),
          note="the work plan itself (title line, an excerpt)"),
        E("Law", "中華人民共和國網絡安全法", ("網絡安全法", "中华人民共和国网络安全法", "网络安全法")),
        E("Law", "互聯網視聽節目服務管理規定", ("互联网视听节目服务管理规定",)),
        E("Law", "網絡視聽節目內容審核管理辦法", ("网络视听节目内容审核管理办法",)),
        E("Law", "廣播電視和網絡視聽“十四五”發展規劃", ("广播电视和网络视听“十四五”发展规划",)),
        E("Law", "未成年人網絡保護條例", ("未成年人网络保护条例",), note="in force since 2024-01-01"),
        E("Project", "網絡視聽精品創作傳播工程", ("网络视听精品创作传播工程",)),
        E("Project", "“跟著微短劇去旅行”創作計劃",
          ("跟著微短劇去旅行", "“跟着微短剧去旅行”创作计划", "跟着微短剧去旅行")),
        E("Project", "“清朗網絡視聽”專項整治", ("清朗網絡視聽", "“清朗网络视听”专项整治", "清朗网络视听")),
        E("Date", "2024年", value="2024", note="document year, incl. inside the title"),
        E("Date", "上半年", ("2024年上半年",), value="2024-01/2024-06"),
        E("Date", "下半年", ("2024年下半年",), value="2024-07/2024-12"),
        E("Date", "3月", ("2024年3月",), value="2024-03"),
        E("Date", "2024年1月1日", value="2024-01-01"),
        E("Date", "十四五", ("“十四五”",), value="2021/2025", note="inside the plan title"),
        E("Event", "第十一屆中國網絡視聽大會", ("中國網絡視聽大會", "第十一届中国网络视听大会", "中国网络视听大会")),
        E("Event", "中華人民共和國成立75週年", ("中华人民共和国成立75周年", "新中國成立75週年")),
        E("Organization", "中國網絡視聽節目服務協會", ("中国网络视听节目服务协会",)),
        E("Work", "山海同行", note="web series"),
    ],
    "relations": [
        R(NRTA, "responsibleFor", WORKPLAN, WORKPLAN, unit="line"),
        R(NAV, "subOrganizationOf", NRTA, "2024年，網絡視聽節目管理司"),
        *[R(NAV, "responsibleFor", o, "2024年，網絡視聽節目管理司") for o in (
            "中華人民共和國網絡安全法", "互聯網視聽節目服務管理規定", "網絡視聽節目內容審核管理辦法")],
        *[R(NAV, "responsibleFor", o, "對照《") for o in (
            "廣播電視和網絡視聽“十四五”發展規劃", "網絡視聽精品創作傳播工程", "“跟著微短劇去旅行”創作計劃")],
        R("廣播電視和網絡視聽“十四五”發展規劃", "period", "十四五", "對照《"),
        R(NRTA, "responsibleFor", "“清朗網絡視聽”專項整治", "總局將會同"),
        R("國家網信辦", "responsibleFor", "“清朗網絡視聽”專項整治", "總局將會同"),
        R(NAV, "responsibleFor", "“清朗網絡視聽”專項整治", "總局將會同"),
        R(NAV, "responsibleFor", "未成年人網絡保護條例", "嚴格落實"),
        R("未成年人網絡保護條例", "effectiveDate", "2024年1月1日", "嚴格落實"),
    ],
}

DOCS = [SAMPLE, STATUTE, NOTICE, NEWS, TRADITIONAL]
_END = "。！？"


def _find_all(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def _unique(text: str, anchor: str) -> int:
    hits = _find_all(text, anchor)
    if len(hits) != 1:
        raise SystemExit(f"anchor {anchor!r} occurs {len(hits)} times")
    return hits[0][0]


def _sentence(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(c, 0, pos) for c in _END + "\n") + 1
    ends = [i for i in (text.find(c, pos) for c in _END) if i >= 0]
    line_end = text.find("\n", pos) if "\n" in text[pos:] else len(text)
    end = min([i + 1 for i in ends if i < line_end] or [line_end])
    return start, end


def _line(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, end if end >= 0 else len(text)


def _mentions(text: str, entities: list[dict]) -> list[list[tuple[int, int]]]:
    found = []
    for e in entities:
        occ = sorted({o for f in e["forms"] for o in _find_all(text, f)})
        keep = [o for o in occ if not any(p != o and p[0] <= o[0] and o[1] <= p[1] for p in occ)]
        for a, b in itertools.pairwise(keep):
            if a[1] > b[0]:
                raise SystemExit(f"{e['label']}: overlapping occurrences {a} {b}")
        found.append(keep)
    dates = [m for e, ms in zip(entities, found, strict=True) if e["type"] == "Date" for m in ms]
    return [[m for m in ms if e["type"] != "Date" or not any(d != m and d[0] <= m[0] and m[1] <= d[1] for d in dates)]
            for e, ms in zip(entities, found, strict=True)]


def build(doc: dict) -> dict:
    """The gold JSON of one document spec."""
    text = doc["text"].read_text(encoding="utf-8")
    ents = doc["entities"]
    labels = [e["label"] for e in ents]
    if len(set(labels)) != len(labels):
        raise SystemExit("labels are not unique")
    ids = {e["label"]: f"E{i}" for i, e in enumerate(ents, 1)}
    mentions = _mentions(text, ents)
    out_entities = []
    for e, ms in zip(ents, mentions, strict=True):
        item = {"id": ids[e["label"]], "type": e["type"], "label": e["label"], "aliases": e["aliases"]}
        if e["value"] is not None:
            item["value"] = e["value"]
        item.update({"mentions": [list(m) for m in ms], "optional": e["optional"], "note": e["note"]})
        out_entities.append(item)
    sections = []
    starts = []
    for heading, _ in doc["sections"]:
        pos = _unique(text, heading + "\n")
        if pos and text[pos - 1] != "\n":
            raise SystemExit(f"heading {heading!r} does not start a line")
        starts.append(pos)
    for i, (heading, bureau) in enumerate(doc["sections"]):
        start = starts[i]
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        bid = ids[bureau]
        named = any(start <= m[0] and m[1] <= end for m in mentions[labels.index(bureau)])
        sections.append({"id": f"S{i + 1}", "heading": heading, "start": start, "end": end,
                         "bureau": bid, "bureau_explicit": named})
    relations = []
    for r in doc["relations"]:
        pos = _unique(text, r["anchor"])
        evidence = _line(text, pos) if r["unit"] == "line" else _sentence(text, pos)
        relations.append({"subject": ids[r["subject"]], "predicate": r["predicate"], "object": ids[r["object"]],
                          "explicit": r["explicit"], "evidence": list(evidence)})
    return {"document": doc["text"].name, "sections": sections, "entities": out_entities, "relations": relations}


def main() -> None:
    for doc in DOCS:
        gold = build(doc)
        body = json.dumps(gold, ensure_ascii=False, indent=1)
        body = re.sub(r"\[\n\s+(\d+),\n\s+(\d+)\n\s+\]", r"[\1, \2]", body)  # spans on one line
        doc["out"].write_text(body + "\n", encoding="utf-8")
        print(f"{doc['out'].relative_to(ROOT)}: {len(gold['entities'])} entities, {len(gold['relations'])} relations")


if __name__ == "__main__":
    main()
