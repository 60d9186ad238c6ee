"""Hand annotations of the project's own heldout documents (decisions only; offsets by make_statute_gold.py).

The three texts beside this file were written for the project (no real document copied) in shapes the
genre has and the project's tuning documents lack: a provincial department's notice with a task list and
bracketed lead units, a county news report with 我县/该局/县局 short forms and a span of years, and a
municipal implementing measure with articles and generic organs. All three are ``heldout``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path


def _annotation_helpers():
    """E and R of the statute specs (one way of writing annotations for all the project's gold)."""
    path = Path(__file__).resolve().parents[2] / "gold" / "statutes" / "specs.py"
    spec = importlib.util.spec_from_file_location("statute_gold_specs", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.E, module.R


E, R = _annotation_helpers()

DEPT = "江西省文化和旅游厅"
PLAN = "全省公共文化服务提质增效三年行动方案（2024—2026年）"
NOTICE = f"江西省文化和旅游厅关于印发《{PLAN}》的通知"
SHUXIANG, XIANGYUN, YUNSHANG, HAOXI = ("“书香赣鄱”全民阅读推广工程", "“赣鄱乡韵”乡村文化振兴试点",
                                      "“文化云上赣”数字服务行动", "“千场好戏进基层”惠民演出活动")
CITY_BUREAUS = "设区市文化广电新闻出版旅游局"
NOTICE_SPEC = {
    "name": "own_province_notice", "split": "heldout", "kind": "provincial department notice with a task list",
    "text": "own_province_notice.txt",
    "entities": [
        E("Bureau", DEPT, note="issuer (title and signature)"),
        E("Law", NOTICE, note="the notice itself (title line)"),
        E("Law", PLAN, ("全省公共文化服务提质增效三年行动方案",), note="the plan the notice issues"),
        E("Date", "2024年至2026年", ("2024—2026年",), value="2024/2026", note="the plan's period (in its title too)"),
        E("Date", "2024年3月15日", value="2024-03-15", note="signature date"),
        E("Date", "2026年", value="2026", note="target year (到2026年)"),
        E("Date", "2024年下半年", value="2024-07/2024-12"),
        E("Bureau", "公共服务处", ("厅公共服务处",), note="a division of the department (厅机关各处室)"),
        E("Bureau", "艺术处"),
        E("Bureau", "科技教育处"),
        E("Bureau", "政策法规处", ("厅政策法规处",)),
        E("Bureau", CITY_BUREAUS, ("各设区市文化广电新闻出版旅游局",), note="generic organ, municipal level, sector"),
        E("Organization", "省图书馆", note="supporting unit; a library, not an organ"),
        E("Project", SHUXIANG, ("书香赣鄱",)),
        E("Project", XIANGYUN, ("赣鄱乡韵",)),
        E("Project", YUNSHANG, ("文化云上赣",)),
        E("Project", HAOXI, ("千场好戏进基层",)),
    ],
    "relations": [
        R(DEPT, "responsibleFor", NOTICE, f"{NOTICE}\n"),
        R(DEPT, "responsibleFor", PLAN, "现将《"),
        R(PLAN, "period", "2024年至2026年", "本方案执行期限为2024年至2026年"),
        R("公共服务处", "responsibleFor", SHUXIANG, "牵头单位：公共服务处", unit="line"),
        R("艺术处", "responsibleFor", XIANGYUN, "“赣鄱乡韵”乡村文化振兴试点", unit="line"),
        R("科技教育处", "responsibleFor", YUNSHANG, "牵头单位：科技教育处", unit="line"),
        R("艺术处", "responsibleFor", HAOXI, "千场好戏进基层", unit="line"),
        R(CITY_BUREAUS, "responsibleFor", HAOXI, "千场好戏进基层", unit="line", optional=True),
        R("公共服务处", "subOrganizationOf", DEPT, "每半年向厅公共服务处报送"),
        R("政策法规处", "subOrganizationOf", DEPT, "厅政策法规处负责"),
        R("艺术处", "subOrganizationOf", DEPT, "“赣鄱乡韵”乡村文化振兴试点", unit="line"),
        R("科技教育处", "subOrganizationOf", DEPT, "牵头单位：科技教育处", unit="line"),
    ],
}

COUNTY_BUREAU = "安福县文化广电新闻出版旅游局"
LITANG = "乡村文化礼堂提质工程"
LITANG_RULES = "安福县农村文化礼堂建设管理办法"
NEWS_SPEC = {
    "name": "own_county_news", "split": "heldout", "kind": "county news report with short forms",
    "text": "own_county_news.txt",
    "entities": [
        E("Bureau", COUNTY_BUREAU, ("县局", "该局"), note="县局 and 该局 refer back to it"),
        E("Bureau", "安福县人民政府", ("我县",),
          note="我县 (headline and body) is the county whose government is named"),
        E("Project", LITANG, note="in the headline and in “” in the body"),
        E("Date", "2024年至2026年", value="2024/2026"),
        E("Date", "2024年4月8日", value="2024-04-08", note="dateline"),
        E("Date", "今年", value="2024", note="the dateline's year"),
        E("Date", "2024年7月1日", value="2024-07-01"),
        E("Date", "2026年", value="2026", note="target year (到2026年)"),
        E("Bureau", "县财政局"),
        E("Bureau", "县农业农村局"),
        E("Bureau", "乡镇人民政府", optional=True, note="各乡镇人民政府: generic, borderline"),
        E("Bureau", "县住房和城乡建设局"),
        E("Bureau", "县委宣传部", note="a party organ"),
        E("Organization", "县文化馆"),
        E("Law", LITANG_RULES, note="to be drawn up jointly by 县局 and the housing bureau"),
        E("Project", "“礼堂夜话”宣讲活动", ("礼堂夜话",)),
    ],
    "relations": [
        R(COUNTY_BUREAU, "responsibleFor", LITANG, "工程由县局牵头"),
        R("县财政局", "responsibleFor", LITANG, "工程由县局牵头", optional=True),
        R("县农业农村局", "responsibleFor", LITANG, "工程由县局牵头", optional=True),
        R(LITANG, "period", "2024年至2026年", "我县将于2024年至2026年实施"),
        R("安福县人民政府", "responsibleFor", LITANG, "我县将于2024年至2026年实施"),
        R(COUNTY_BUREAU, "responsibleFor", LITANG_RULES, "县局还将联合县住房和城乡建设局制定"),
        R("县住房和城乡建设局", "responsibleFor", LITANG_RULES, "县局还将联合县住房和城乡建设局制定"),
        R(LITANG_RULES, "effectiveDate", "2024年7月1日", "该办法预计于2024年7月1日起施行"),
        R("县委宣传部", "responsibleFor", "“礼堂夜话”宣讲活动", "县委宣传部将在全县组织开展"),
    ],
}

MEASURE = "宜春市非物质文化遗产保护实施办法"
CITY_GOV = "宜春市人民政府"
CITY_CULTURE = "市文化和旅游主管部门"
OLD_MEASURE = "宜春市非物质文化遗产保护暂行办法"
ICH_LAW = "中华人民共和国非物质文化遗产法"
MEASURE_SPEC = {
    "name": "own_city_measure", "split": "heldout", "kind": "municipal implementing measure (实施办法)",
    "text": "own_city_measure.txt",
    "entities": [
        E("Law", MEASURE, note="own title (Markdown heading); 本办法自…起施行"),
        E("Bureau", CITY_GOV, ("市人民政府",),
          note="issuer (令第6号); 市人民政府 is the same government in a Yichun measure"),
        E("Event", "宜春市人民政府第28次常务会议"),
        E("Date", "2023年11月20日", value="2023-11-20"),
        E("Date", "2023年12月5日", value="2023-12-05", note="publication"),
        E("Date", "2024年2月1日", value="2024-02-01", note="effective date"),
        E("Date", "2012年6月1日", value="2012-06-01", note="issue date of the repealed measure"),
        E("Law", ICH_LAW),
        E("Law", "江西省非物质文化遗产条例"),
        E("Law", OLD_MEASURE, note="repealed by art. 9"),
        E("Bureau", CITY_CULTURE, note="generic organ, municipal level"),
        E("Bureau", "县（市、区）文化和旅游主管部门", note="generic organ, county level"),
        E("Bureau", "文化和旅游主管部门", note="art. 8: no level, refers to both levels: its own Bureau (GUIDELINES)"),
        E("Bureau", "县（市、区）人民政府", note="named inside the generic 有关部门 phrase"),
        E("Bureau", "市教育主管部门"),
        E("Bureau", "乡镇人民政府"),
        E("Bureau", "街道办事处"),
        E("Project", "“非遗进校园”计划", ("非遗进校园",)),
        E("Project", "“宜春非遗购物节”活动", ("宜春非遗购物节",)),
    ],
    "relations": [
        R(CITY_GOV, "responsibleFor", MEASURE, "宜春市人民政府令第6号公布"),
        R(MEASURE, "effectiveDate", "2024年2月1日", "本办法自2024年2月1日起施行"),
        R(CITY_GOV, "organizes", "宜春市人民政府第28次常务会议", "宜春市人民政府令第6号公布"),
        R(CITY_GOV, "responsibleFor", OLD_MEASURE, "2012年6月1日市人民政府发布"),
        R(CITY_CULTURE, "responsibleFor", "“非遗进校园”计划", "会同市教育主管部门实施"),
        R("市教育主管部门", "responsibleFor", "“非遗进校园”计划", "会同市教育主管部门实施", optional=True),
        R(CITY_CULTURE, "responsibleFor", "“宜春非遗购物节”活动", "每年组织开展“宜春非遗购物节”活动"),
    ],
}

OWN_SPECS = [NOTICE_SPEC, NEWS_SPEC, MEASURE_SPEC]
