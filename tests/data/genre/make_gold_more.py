"""Write the gold JSON of the second batch of genre test documents (annotations by hand).

Same conventions as ``tests/gold/make_gold.py`` (whose helpers this script reuses): the
annotation decisions are written below, offsets are computed from the texts, never typed.
One addition: in a one-line document the section headings are glued into the running text,
so a heading is located by its unique occurrence instead of as a line of its own.
Run ``python tests/data/genre/make_gold_more.py`` after editing a text or an annotation.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]


def _load_make_gold():
    spec = importlib.util.spec_from_file_location("make_gold", ROOT / "tests" / "gold" / "make_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MG = _load_make_gold()
E, R = MG.E, MG.R

# --- 1. an administration's work priorities, one long line, glued headings -------------------

NRTA = "国家广播电视总局"
POL, TV, INTL = "政策法规司", "电视剧司", "国际合作司"
MEDIA, PUBSVC, NAV = "媒体融合发展司", "公共服务司", "网络视听节目管理司"
ONELINE = {
    "text": HERE / "nrta_oneline_2019.txt",
    "out": HERE / "nrta_oneline_2019.json",
    "glued": True,
    "sections": [
        ("完善广播电视法律制度", POL),
        ("繁荣电视剧创作生产", TV),
        ("加快推进智慧广电建设", MEDIA),
        ("提升基层公共服务效能", PUBSVC),
        ("深化广播电视国际交流合作", INTL),
        ("规范网络视听节目传播秩序", NAV),
    ],
    "entities": [
        E("Bureau", NRTA, ("广电总局", "国家广电总局")),
        E("Bureau", POL, (NRTA + POL,)),
        E("Bureau", TV, (NRTA + TV,)),
        E("Bureau", INTL, (NRTA + INTL,)),
        E("Bureau", MEDIA, (NRTA + MEDIA,), forms=(), optional=True,
          note="inferred owner of the smart-broadcasting section; never named"),
        E("Bureau", PUBSVC, (NRTA + PUBSVC,), forms=(), optional=True,
          note="inferred owner of the grassroots public-service section; never named"),
        E("Bureau", NAV, (NRTA + NAV,), forms=(), optional=True,
          note="inferred owner of the online audiovisual section; never named"),
        E("Law", "广播电视法", note="draft statute"),
        E("Law", "广播电视管理条例"),
        E("Law", "网络视听节目服务管理规定"),
        E("Law", "广播电视广告播出管理办法"),
        E("Project", "“新时代·新史诗”电视剧精品创作工程", ("新时代·新史诗电视剧精品创作工程", "新时代·新史诗")),
        E("Project", "电视剧编剧人才培养计划"),
        E("Project", "智慧广电乡村工程"),
        E("Project", "“智慧广电+教育”试点", ("智慧广电+教育试点", "智慧广电+教育")),
        E("Project", "广电暖万家", note="coined name of a maintenance-service programme (…运维服务全覆盖)"),
        E("Project", "中西部地区县级应急广播体系建设工程", ("县级应急广播体系建设工程",)),
        E("Project", "“广电扶贫走基层”活动", ("广电扶贫走基层活动", "广电扶贫走基层")),
        E("Project", "中国与东盟媒体交流年", ("中国—东盟媒体交流年", "中国-东盟媒体交流年"),
          note="exchange year named without quotes after a verb"),
        E("Project", "“视听中国”全球播映活动", ("视听中国全球播映活动", "视听中国")),
        E("Project", "“正源”专项整治", ("正源专项整治", "正源", "网络视听节目“正源”专项整治")),
        E("Event", "新中国成立70周年"),
        E("Event", "全国电视剧编剧高级研修班", optional=True, note="a training course; borderline event"),
        E("Date", "2019年", ("今年",), value="2019"),
        E("Date", "年底", ("2019年底",), value="2019-12", note="deadline (…前) twice"),
    ],
    "relations": [
        *[R(b, "subOrganizationOf", NRTA, "记者近日走访", explicit=e)
          for b, e in ((POL, True), (TV, True), (INTL, True), (MEDIA, False), (PUBSVC, False), (NAV, False))],
        *[R(POL, "responsibleFor", law, "政策法规司将加快推进") for law in (
            "广播电视法", "广播电视管理条例", "网络视听节目服务管理规定", "广播电视广告播出管理办法")],
        R(TV, "responsibleFor", "“新时代·新史诗”电视剧精品创作工程", "电视剧司将围绕"),
        R(TV, "responsibleFor", "电视剧编剧人才培养计划", "继续实施电视剧"),
        R(TV, "organizes", "全国电视剧编剧高级研修班", "继续实施电视剧"),
        R(MEDIA, "responsibleFor", "智慧广电乡村工程", "实施智慧广电乡村工程", explicit=False),
        R(MEDIA, "responsibleFor", "“智慧广电+教育”试点", "实施智慧广电乡村工程", explicit=False),
        R(PUBSVC, "responsibleFor", "广电暖万家", "我们将推动", explicit=False),
        R(PUBSVC, "responsibleFor", "中西部地区县级应急广播体系建设工程", "我们将推动", explicit=False),
        R(PUBSVC, "responsibleFor", "“广电扶贫走基层”活动", "深入开展“广电扶贫", explicit=False),
        R(INTL, "responsibleFor", "中国与东盟媒体交流年", "国际合作司将推动"),
        R(INTL, "responsibleFor", "“视听中国”全球播映活动", "国际合作司将推动"),
        R(NAV, "responsibleFor", "“正源”专项整治", "开展网络视听节目", explicit=False),
    ],
}

# --- 2. a provincial general office's notice issuing a three-year action plan -----------------

ZJ_OFFICE, ZJ_GOV = "浙江省人民政府办公厅", "浙江省人民政府"
ZJ_NOTICE = "浙江省人民政府办公厅关于印发浙江省公共文化服务提质增效三年行动计划的通知"
ZJ_PLAN = "浙江省公共文化服务提质增效三年行动计划（2022—2024年）"
ZJ_CULT, ZJ_NDRC, ZJ_FIN, ZJ_PROP, ZJ_RELICS, ZJ_AGRI, ZJ_ECON = (
    "省文化和旅游厅", "省发展改革委", "省财政厅", "省委宣传部", "省文物局", "省农业农村厅", "省经济和信息化厅")
ZJ_CITIES = "市人民政府"
CIRCLE, TOUR, MUSEUM = "“15分钟品质文化生活圈”建设工程", "“文化进万家”基层巡演活动", "乡村博物馆建设试点"
ACTION_PLAN = {
    "text": HERE / "zj_action_plan_notice.txt",
    "out": HERE / "zj_action_plan_notice.json",
    "sections": [],
    "entities": [
        E("Bureau", ZJ_OFFICE, note="issuer of the notice (title and signature)"),
        E("Bureau", ZJ_GOV, ("省政府",), note="approved the plan; also nested in the office's name"),
        E("Bureau", "省政府直属各单位", optional=True, note="generic addressee"),
        E("Bureau", "县（市、区）人民政府", optional=True, note="generic addressee"),
        E("Bureau", ZJ_CITIES, ("各市人民政府",), forms=(ZJ_CITIES,), optional=True, note="generic partner"),
        E("Bureau", ZJ_CULT, ("浙江省文化和旅游厅",)),
        E("Bureau", ZJ_NDRC, ("浙江省发展和改革委员会", "浙江省发展改革委")),
        E("Bureau", ZJ_FIN, ("浙江省财政厅",)),
        E("Bureau", ZJ_PROP, ("浙江省委宣传部", "中共浙江省委宣传部"), note="party organ"),
        E("Bureau", ZJ_RELICS, ("浙江省文物局",)),
        E("Bureau", ZJ_AGRI, ("浙江省农业农村厅",)),
        E("Bureau", ZJ_ECON, ("浙江省经济和信息化厅", "省经信厅")),
        E("Law", ZJ_NOTICE, note="the notice itself"),
        E("Law", ZJ_PLAN, ("浙江省公共文化服务提质增效三年行动计划",),
          note="the attached plan: in 《》, as its title line, and in running text inside the notice title"),
        E("Law", "“十四五”公共文化服务体系建设规划", ("十四五公共文化服务体系建设规划",),
          note="cited as the plan's basis (为贯彻落实): nobody's responsibility here"),
        E("Law", "中华人民共和国公共图书馆法", ("公共图书馆法",), note="cited as a basis (依照)"),
        E("Law", "浙江省公共文化服务专项资金管理办法", note="to be revised by 省财政厅 会同 省文化和旅游厅"),
        E("Project", CIRCLE, ("15分钟品质文化生活圈建设工程", "15分钟品质文化生活圈"),
          note="quoted name that opens with a number"),
        E("Project", TOUR, ("文化进万家基层巡演活动", "文化进万家")),
        E("Project", MUSEUM),
        E("Date", "2022年5月16日", value="2022-05-16", note="signature date"),
        E("Date", "2024年底", value="2024-12"),
        E("Date", "2022年底", value="2022-12", note="deadline (…前)"),
        E("Date", "2023年6月底", value="2023-06", note="deadline (…前)"),
        E("Date", "2024年9月底", value="2024-09", note="deadline (…前)"),
        E("Date", "十四五", ("“十四五”",), value="2021/2025", note="inside the title of the national plan"),
        E("Date", "2022—2024年", ("2022-2024年",), value="2022/2024", optional=True,
          note="only inside the plan's title"),
    ],
    "relations": [
        R(ZJ_OFFICE, "responsibleFor", ZJ_NOTICE, ZJ_NOTICE, unit="line"),
        R(ZJ_OFFICE, "subOrganizationOf", ZJ_GOV, ZJ_NOTICE, unit="line"),
        # the office issues the plan its government approved (已经省政府同意): the office's item, as in
        # the dev set's notices; the approving government gets no link
        R(ZJ_OFFICE, "responsibleFor", ZJ_PLAN, "现印发给你们"),
        R(ZJ_PLAN, "period", "2022—2024年", "现印发给你们"),
        R("“十四五”公共文化服务体系建设规划", "period", "十四五", "为贯彻落实"),
        *[R(b, "responsibleFor", CIRCLE, "（一）实施", unit="line") for b in (ZJ_CULT, ZJ_NDRC, ZJ_FIN)],
        *[R(b, "responsibleFor", TOUR, "（二）开展", unit="line") for b in (ZJ_PROP, ZJ_CULT, ZJ_CITIES)],
        *[R(b, "responsibleFor", MUSEUM, "（三）开展", unit="line") for b in (ZJ_RELICS, ZJ_AGRI)],
        *[R(b, "responsibleFor", "浙江省公共文化服务专项资金管理办法", "省财政厅要会同") for b in (ZJ_FIN, ZJ_CULT)],
    ],
}

# --- 3. a ministry's regulation (规定) in articles -------------------------------------------

RULE = "营业性演出票务管理规定"
MCT = "文化和旅游部"
COUNTY_DEPT = "县级以上地方人民政府文化和旅游主管部门"
MINISTRY_RULE = {
    "text": HERE / "ministry_rule.txt",
    "out": HERE / "ministry_rule.json",
    "sections": [],
    "entities": [
        E("Law", RULE, note="the regulation itself (title line); 本规定 is not marked"),
        E("Bureau", MCT, note="promulgating ministry (…令第9号公布)"),
        E("Bureau", "文化部", ("原文化部",), forms=("文化部",),
          note="the former ministry that issued the repealed measures"),
        E("Bureau", "国务院文化和旅游主管部门", optional=True, note="generic wording for the ministry"),
        E("Bureau", "国务院", optional=True, note="only inside 国务院文化和旅游主管部门"),
        E("Bureau", COUNTY_DEPT, optional=True, note="generic organ"),
        E("Bureau", "县级以上地方人民政府", optional=True, note="generic organ, nested"),
        E("Law", "中华人民共和国消费者权益保护法", ("消费者权益保护法",)),
        E("Law", "营业性演出管理条例"),
        E("Law", "中华人民共和国个人信息保护法", ("个人信息保护法",)),
        E("Law", "演出票务经营管理暂行办法", note="repealed by the closing article"),
        E("Project", "“诚信票务”示范创建活动", ("诚信票务示范创建活动", "诚信票务")),
        E("Date", "2023年6月28日", value="2023-06-28", note="promulgation date"),
        E("Date", "2023年9月1日", value="2023-09-01", note="effective date, in the header and in the last article"),
        E("Date", "2005年8月1日", value="2005-08-01", note="issue date of the repealed measures"),
    ],
    "relations": [
        R(MCT, "responsibleFor", RULE, "令第9号公布", unit="line"),
        R(RULE, "effectiveDate", "2023年9月1日", "本规定自"),
        R("文化部", "responsibleFor", "演出票务经营管理暂行办法", "同时废止"),
        R("国务院文化和旅游主管部门", "subOrganizationOf", "国务院", "第三条 国务院"),
    ],
}

# --- 4. a news report of a national campaign launch ------------------------------------------

CAC, MOE = "中央网信办", "教育部"
LAUNCHERS = (CAC, MOE, "公安部", MCT, NRTA)
CLEAN = "“清朗·护航青春”专项行动"
LAUNCH_NEWS = {
    "text": HERE / "campaign_launch_news.txt",
    "out": HERE / "campaign_launch_news.json",
    "sections": [],
    "entities": [
        E("Bureau", CAC, ("中央网络安全和信息化委员会办公室",)),
        E("Bureau", MOE),
        E("Bureau", "公安部"),
        E("Bureau", MCT),
        E("Bureau", NRTA, ("广电总局",)),
        E("Bureau", "工业和信息化部", ("工信部",)),
        E("Project", CLEAN, ("清朗·护航青春专项行动", "清朗·护航青春")),
        E("Project", "净源", ("“净源”整治", "净源整治"), note="one of three parallel sub-campaigns"),
        E("Project", "护屏", ("“护屏”整治", "护屏整治")),
        E("Project", "暖心", ("“暖心”整治", "暖心整治")),
        E("Project", "“清朗”系列专项行动", ("清朗系列专项行动",), note="the yearly series"),
        E("Project", "“网络素养进校园”计划", ("网络素养进校园计划", "网络素养进校园")),
        E("Law", "未成年人网络保护条例"),
        E("Law", "中华人民共和国未成年人保护法", ("未成年人保护法",)),
        E("Organization", "中国青少年研究中心", note="research centre of a quoted expert"),
        E("Date", "3月8日", ("2024年3月8日",), value="2024-03-08", note="dateline"),
        E("Date", "2024年10月底", value="2024-10", note="end of the campaign (持续至)"),
        E("Date", "2021年", value="2021"),
        E("Date", "今年", ("2024年",), value="2024"),
        E("Date", "今年1月1日", ("2024年1月1日",), value="2024-01-01"),
    ],
    "relations": [
        *[R(b, "responsibleFor", p, "日前联合启动") for b in LAUNCHERS for p in (CLEAN, "净源", "护屏", "暖心")],
        R(CAC, "responsibleFor", "“清朗”系列专项行动", "记者了解到"),
        *[R(b, "responsibleFor", "“网络素养进校园”计划", "教育部还将会同") for b in (MOE, "工业和信息化部")],
        R("未成年人网络保护条例", "effectiveDate", "今年1月1日", "形成合力"),
    ],
}

# --- 5. a city's work points in numbered paragraphs -------------------------------------------

XA_CULT, XA_RELICS = "市文化和旅游局", "市文物局"
HERITAGE = "“十四五”文物保护利用重点工程"
XA_PLAN = "西安市“十四五”文化和旅游发展规划"
QUALITY_YEAR = "全市文旅市场服务质量提升年"
CITY_POINTS = {
    "text": HERE / "xian_workpoints_2021.txt",
    "out": HERE / "xian_workpoints_2021.json",
    "sections": [],
    "entities": [
        E("Bureau", XA_RELICS, ("西安市文物局",)),
        E("Bureau", "市自然资源和规划局", ("西安市自然资源和规划局",)),
        E("Bureau", "市人大常委会", ("西安市人大常委会", "西安市人民代表大会常务委员会")),
        E("Bureau", XA_CULT, ("西安市文化和旅游局",)),
        E("Bureau", "市财政局", ("西安市财政局",)),
        E("Bureau", "区县人民政府", ("各区县人民政府",), forms=("区县人民政府",), optional=True, note="generic"),
        E("Bureau", "市市场监管局", ("西安市市场监督管理局", "西安市市场监管局")),
        E("Bureau", "市外事办", ("西安市外事办", "西安市人民政府外事办公室")),
        E("Bureau", "市发展改革委", ("西安市发展和改革委员会", "西安市发展改革委")),
        E("Law", "西安市2021年文化和旅游工作要点", note="the work points themselves (title line); issuer not named"),
        E("Law", "西安市文物保护条例", note="local regulation to be revised"),
        E("Law", XA_PLAN, ("西安市十四五文化和旅游发展规划",)),
        E("Project", HERITAGE, ("十四五文物保护利用重点工程",), note="five-year-plan programme"),
        E("Project", "丝绸之路沿线石窟寺保护工程"),
        E("Project", "“长安书香”全民阅读工程", ("长安书香全民阅读工程", "长安书香")),
        E("Project", "公共文化服务高质量发展试点"),
        E("Project", "“百团千场”文艺惠民演出活动", ("百团千场文艺惠民演出活动", "百团千场")),
        E("Project", QUALITY_YEAR, ("文旅市场服务质量提升年",), note="themed year 2021 (将2021年确定为…)"),
        E("Project", "“文明旅游·满意西安”系列活动", ("文明旅游·满意西安系列活动", "文明旅游·满意西安")),
        E("Project", "中国与希腊文化和旅游年", ("中希文化和旅游年", "中国—希腊文化和旅游年", "中国-希腊文化和旅游年")),
        E("Date", "2021年", value="2021", note="document year, incl. the title"),
        E("Date", "十四五", ("“十四五”",), value="2021/2025"),
        E("Date", "2021年10月底", value="2021-10"),
        E("Date", "2021年6月底", value="2021-06"),
        E("Date", "2021年底", value="2021-12"),
    ],
    "relations": [
        *[R(XA_RELICS, "responsibleFor", p, "（一）推进", unit="line")
          for p in (HERITAGE, "丝绸之路沿线石窟寺保护工程")],
        R(HERITAGE, "period", "十四五", "（一）推进", unit="line"),
        *[R(b, "responsibleFor", "西安市文物保护条例", "（二）市文物局要会同")
          for b in (XA_RELICS, "市自然资源和规划局")],
        *[R(b, "responsibleFor", p, "（三）实施", unit="line") for b in (XA_CULT, "市财政局")
          for p in ("“长安书香”全民阅读工程", "公共文化服务高质量发展试点")],
        *[R(b, "responsibleFor", "“百团千场”文艺惠民演出活动", "（四）深入开展",
            unit="line") for b in (XA_CULT, "区县人民政府")],
        *[R(b, "responsibleFor", p, "（五）将2021年", unit="line") for b in (XA_CULT, "市市场监管局")
          for p in (QUALITY_YEAR, "“文明旅游·满意西安”系列活动")],
        R(QUALITY_YEAR, "period", "2021年", "（五）将2021年"),
        *[R(b, "responsibleFor", "中国与希腊文化和旅游年", "（六）承办", unit="line") for b in ("市外事办", XA_CULT)],
        *[R(b, "responsibleFor", XA_PLAN, "（七）编制", unit="line") for b in (XA_CULT, "市发展改革委")],
        R(XA_PLAN, "period", "十四五", "（七）编制", unit="line"),
    ],
}

# --- 6. a notice in traditional characters (Hong Kong style, 「」 quotes) ---------------------

NCHA = "國家文物局"
HK_NOTICE = "國家文物局關於開展2023年文物安全專項督查的通知"
GOV_OFFICE = "國務院辦公廳"
OPINION = "國務院辦公廳關於進一步加強文物安全工作的實施意見"
INSPECTION = "文物安全專項督查"
TRAD_NOTICE = {
    "text": HERE / "hk_relics_notice.txt",
    "out": HERE / "hk_relics_notice.json",
    "sections": [],
    "entities": [
        E("Bureau", NCHA, ("国家文物局",), note="issuer; 我局 (anaphora) is not a mention"),
        E("Bureau", GOV_OFFICE, ("国务院办公厅",), note="issuer of the cited opinion, inside its title"),
        E("Bureau", "國務院", ("国务院",), optional=True, note="only inside 國務院辦公廳"),
        E("Bureau", "應急管理部", ("应急管理部",)),
        E("Bureau", "公安部"),
        E("Bureau", "直轄市文物局", ("各省、自治區、直轄市文物局",), forms=("直轄市文物局",), optional=True,
          note="generic addressee"),
        E("Bureau", "文化和旅遊廳", ("文化和旅游厅",), optional=True, note="generic addressee"),
        E("Bureau", "省級文物行政部門", ("省级文物行政部门", "文物行政部門", "文物行政部门"), optional=True,
          note="generic"),
        E("Law", HK_NOTICE, ("国家文物局关于开展2023年文物安全专项督查的通知",), note="the notice itself"),
        E("Law", "中華人民共和國文物保護法", ("中华人民共和国文物保护法", "文物保護法", "文物保护法"),
          note="cited as a basis"),
        E("Law", OPINION, ("国务院办公厅关于进一步加强文物安全工作的实施意见",), note="cited as a basis"),
        E("Law", "文物建築防火安全指南（試行）",
          ("文物建築防火安全指南", "文物建筑防火安全指南（试行）", "文物建筑防火安全指南")),
        E("Project", INSPECTION, ("2023年文物安全專項督查", "文物安全专项督查", "2023年文物安全专项督查"),
          note="the campaign the notice launches (title and body)"),
        E("Project", "「平安文物」示範創建活動", ("平安文物示範創建活動", "平安文物", "“平安文物”示范创建活动")),
        E("Date", "2023年", value="2023", note="inside the notice title"),
        E("Date", "2023年5月", value="2023-05"),
        E("Date", "2023年6月30日", value="2023-06-30"),
        E("Date", "8月", ("2023年8月",), value="2023-08"),
        E("Date", "2023年4月20日", value="2023-04-20", note="signature date"),
    ],
    "relations": [
        R(NCHA, "responsibleFor", HK_NOTICE, HK_NOTICE, unit="line"),
        R(NCHA, "responsibleFor", INSPECTION, HK_NOTICE, unit="line"),
        R(INSPECTION, "period", "2023年", HK_NOTICE, unit="line"),
        R(GOV_OFFICE, "responsibleFor", OPINION, "為貫徹落實"),
        R(GOV_OFFICE, "subOrganizationOf", "國務院", "為貫徹落實"),
    ],
}

DOCS = [ONELINE, ACTION_PLAN, MINISTRY_RULE, LAUNCH_NEWS, CITY_POINTS, TRAD_NOTICE]


def _glued_sections(doc: dict, gold: dict) -> None:
    """Sections of a one-line document: from each glued heading to the next (the last to the end)."""
    text = doc["text"].read_text(encoding="utf-8")
    ids = {e["label"]: e["id"] for e in gold["entities"]}
    spans = {e["id"]: e["mentions"] for e in gold["entities"]}
    starts = [MG._unique(text, heading) for heading, _ in doc["sections"]]
    sections = []
    for i, (heading, bureau) in enumerate(doc["sections"]):
        start = starts[i]
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        bid = ids[bureau]
        named = any(start <= a and b <= end for a, b in spans[bid])
        sections.append({"id": f"S{i + 1}", "heading": heading, "start": start, "end": end,
                         "bureau": bid, "bureau_explicit": named})
    gold["sections"] = sections


def main() -> None:
    for doc in DOCS:
        glued = doc.get("glued", False)
        gold = MG.build({**doc, "sections": [] if glued else doc["sections"]})
        if glued:
            _glued_sections(doc, gold)
        body = json.dumps(gold, ensure_ascii=False, indent=1)
        body = re.sub(r"\[\n\s+(\d+),\n\s+(\d+)\n\s+\]", r"[\1, \2]", body)
        doc["out"].write_text(body + "\n", encoding="utf-8")
        print(f"{doc['out'].relative_to(ROOT)}: {len(gold['entities'])} entities, {len(gold['relations'])} relations")


if __name__ == "__main__":
    main()
