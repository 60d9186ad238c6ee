"""The gazetteer of institutions: its loader and the shipped data."""

from __future__ import annotations

import copy
import dataclasses
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kg.gazetteer as gazetteer_module
from kg.errors import KGError
from kg.gazetteer import KINDS, Gazetteer, Institution, load_gazetteer
from kg.ids import normalize_key

DATA_FILE = Path(__file__).resolve().parent.parent / "ontology" / "gazetteer" / "bureaus.json"

# The internal departments of 国家新闻出版广电总局 named in its 2013 provisions on functions.
SAPPRFT_DEPARTMENTS = {
    "办公厅", "政策法制司", "规划发展司", "公共服务司", "综合业务司", "宣传司", "电影局", "新闻报刊司",
    "出版管理司", "电视剧司", "传媒机构管理司", "网络视听节目管理司", "数字出版司", "印刷发行司",
    "进口管理司", "版权管理司", "反非法和违禁出版物司", "科技司", "财务司", "人事司", "国际合作司",
}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="module")
def raw() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def _minimal() -> dict:
    """A small valid gazetteer written for these tests."""
    return {
        "sources": {"S1": "示例来源，示例机关，2020年"},
        "institutions": [
            {"name": "示例部", "aliases": ["示例部委"], "short": ["部"], "english": "Ministry of Examples",
             "kind": "organ", "level": "national", "parent": None, "valid": "2018–", "covers": ["示例"],
             "source": "S1"},
            {"name": "示例司", "aliases": [], "short": ["司"], "english": "Department of Examples",
             "kind": "department", "level": "national", "parent": "示例部", "valid": "", "covers": ["样例"],
             "source": "S1"},
        ],
    }


def _write(tmp_path: Path, data) -> Path:
    path = tmp_path / "bureaus.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------
# Loader
# ---------------------------------------------------------------------------


def test_gazetteer_load_default_builds_fresh_objects(gaz: Gazetteer) -> None:
    again = load_gazetteer()
    assert again is not gaz
    assert again.institutions == gaz.institutions
    assert len(gaz) == len(gaz.institutions) > 100


def test_gazetteer_load_from_path(tmp_path: Path) -> None:
    path = _write(tmp_path, _minimal())
    for given_path in (path, str(path)):
        g = load_gazetteer(given_path)
        assert [i.name for i in g.institutions] == ["示例部", "示例司"]
        assert g.sources == {"S1": "示例来源，示例机关，2020年"}


def test_gazetteer_institution_is_frozen_with_tuples(gaz: Gazetteer) -> None:
    inst = gaz.lookup("国家新闻出版广电总局")
    assert isinstance(inst, Institution)
    assert all(isinstance(getattr(inst, f), tuple) for f in ("aliases", "short", "covers"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        inst.name = "x"  # type: ignore[misc]


def test_gazetteer_default_reads_package_resource(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "gazetteer").mkdir()
    _write(tmp_path / "gazetteer", _minimal())
    seen: list[str] = []

    def files(package: str) -> Path:
        seen.append(package)
        return tmp_path

    monkeypatch.setattr(gazetteer_module.resources, "files", files)
    g = load_gazetteer()
    assert seen == ["kg.ontology"]
    assert [i.name for i in g.institutions] == ["示例部", "示例司"]


def test_gazetteer_default_falls_back_to_source_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    def files(package: str):
        raise ModuleNotFoundError(package)

    monkeypatch.setattr(gazetteer_module.resources, "files", files)
    g = load_gazetteer()
    assert g.institutions == load_gazetteer(DATA_FILE).institutions


def test_gazetteer_missing_file(tmp_path: Path) -> None:
    with pytest.raises(KGError, match="gazetteer not found"):
        load_gazetteer(tmp_path / "absent.json")


def _drop(field: str):
    def change(d: dict) -> None:
        del d["institutions"][1][field]

    return change


def _put(index: int, field: str, value):
    def change(d: dict) -> None:
        d["institutions"][index][field] = value

    return change


MALFORMED = {
    "not json": ("{ 'sources': ", "not valid JSON"),
    "top level a list": ([], "top level must be an object"),
    "no sources": ({"institutions": _minimal()["institutions"]}, "'sources' must be"),
    "empty institutions": ({"sources": {"S1": "x"}, "institutions": []}, "'institutions' must be"),
    "unknown top-level field": (lambda d: d.update(extra=1), "unknown top-level field"),
    "missing field": (_drop("covers"), r"\(示例司\) lacks covers"),
    "unknown field": (_put(1, "note", "x"), "unknown field"),
    "empty name": (_put(0, "name", " "), "'name' must be a non-empty string"),
    "aliases not a list": (_put(0, "aliases", "示例部委"), "must be a list of non-empty strings"),
    "empty cover": (_put(1, "covers", ["样例", ""]), "must be a list of non-empty strings"),
    "bad kind": (_put(1, "kind", "ministry"), "kind 'ministry' is not one of"),
    "bad level": (_put(1, "level", "central"), "level 'central' is not one of"),
    "bad period": (_put(1, "valid", "2013-2018"), "is not a period"),
    "uncited source": (_put(1, "source", "S9"), "source 'S9' is not a key"),
    "unknown parent": (_put(1, "parent", "不存在的部"), "parent '不存在的部', which is not in the gazetteer"),
    "listed twice": (_put(1, "name", "示例部"), "listed twice"),
    "alias names another institution": (_put(1, "aliases", ["“示例部委”"]), "names both '示例部' and '示例司'"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_gazetteer_malformed_file(tmp_path: Path, case: str) -> None:
    change, message = MALFORMED[case]
    if callable(change):
        data = _minimal()
        change(data)
    else:
        data = change
    path = _write(tmp_path, data)
    with pytest.raises(KGError, match=message) as info:
        load_gazetteer(path)
    assert "\n" not in str(info.value)
    assert str(path) in str(info.value)


# ---------------------------------------------------------------------------
# Look-ups
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("国家新闻出版广电总局", "国家新闻出版广电总局"),
        ("广电总局", "国家新闻出版广电总局"),
        ("电视剧司", "电视剧司"),
        ("全国“扫黄打非”工作小组办公室", "反非法和违禁出版物司"),
        ('全国"扫黄打非"工作小组办公室', "反非法和违禁出版物司"),
        ("全国扫黄打非工作小组办公室", "反非法和违禁出版物司"),
        ("工信部", "工业和信息化部"),
        ("人社部", "人力资源和社会保障部"),
        ("网信办", "国家互联网信息办公室"),
        ("国家网信办", "国家互联网信息办公室"),
        ("中央网信办", "中央网络安全和信息化委员会办公室"),
        ("国家医保局", "国家医疗保障局"),
        ("国家卫生健康委", "国家卫生健康委员会"),
        ("国家药监局", "国家药品监督管理局"),
        ("科技部", "科学技术部"),
        ("中宣部", "中共中央宣传部"),
        ("党中央", "中共中央"),
        ("中共中央办公厅", "中共中央办公厅"),
        ("中央全面深化改革委员会", "中央全面深化改革委员会"),
        ("中华人民共和国国务院", "国务院"),
        ("中华人民共和国国家版权局", "国家版权局"),
        ("信息产业部", "信息产业部"),
        ("文化部", "文化部"),
        ("国家工商行政管理局", "国家工商行政管理局"),
        ("新闻出版总署", "新闻出版总署"),
        ("国家广播电影电视总局", "国家广播电影电视总局"),
        ("国家 广播电视 总局", "国家广播电视总局"),
    ],
)
def test_gazetteer_lookup(gaz: Gazetteer, surface: str, name: str) -> None:
    found = gaz.lookup(surface)
    assert found is not None and found.name == name


@pytest.mark.parametrize("surface", ["", "“”", "总局", "部", "中华人民共和国", "电视剧", "电影产业促进法"])
def test_gazetteer_lookup_misses(gaz: Gazetteer, surface: str) -> None:
    assert gaz.lookup(surface) is None


def test_gazetteer_lookup_folds_full_width_forms(tmp_path: Path) -> None:
    data = _minimal()
    data["institutions"][0]["aliases"] = ["ABC办"]
    g = load_gazetteer(_write(tmp_path, data))
    assert g.lookup("ＡＢＣ办").name == "示例部"


def test_gazetteer_short_forms(gaz: Gazetteer) -> None:
    shorts = gaz.short_forms()
    assert list(shorts) == sorted(shorts)
    zongju = {i.name for i in shorts["总局"]}
    assert {"国家新闻出版广电总局", "国家广播电视总局"} <= zongju
    assert all(i.name.endswith("总局") for i in shorts["总局"])
    assert {i.name for i in shorts["电视剧司"]} == {"国家广播电视总局电视剧司"}
    assert all(isinstance(v, tuple) and v for v in shorts.values())


def test_gazetteer_children(gaz: Gazetteer) -> None:
    children = gaz.children("国家新闻出版广电总局")
    names = {c.name for c in children}
    assert SAPPRFT_DEPARTMENTS <= names
    assert all(c.parent == "国家新闻出版广电总局" for c in children)
    assert gaz.children("新闻出版广电总局") == children  # by alias too
    assert gaz.children("电视剧司") == ()
    assert gaz.children("不在名录中的机关") == ()


def test_gazetteer_parent_of(gaz: Gazetteer) -> None:
    dept = gaz.lookup("电视剧司")
    assert gaz.parent_of(dept).name == "国家新闻出版广电总局"
    assert gaz.parent_of(gaz.lookup("中共中央")) is None


def test_gazetteer_surfaces(gaz: Gazetteer) -> None:
    surfaces = gaz.surfaces()
    assert surfaces == sorted(set(surfaces))
    for inst in gaz.institutions:
        for s in inst.surfaces:
            assert s in surfaces and normalize_key(s) in surfaces
    assert "总局" not in surfaces  # short forms are not surfaces


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_gazetteer_lookup_ignores_quotes_and_spaces(gaz: Gazetteer, data) -> None:
    inst = data.draw(st.sampled_from(gaz.institutions))
    surface = data.draw(st.sampled_from(inst.surfaces))
    noise = st.sampled_from(["“", "”", '"', "'", " ", "\u3000", "《", "》"])
    chars: list[str] = []
    for ch in surface:
        chars.extend(data.draw(st.lists(noise, max_size=2)))
        chars.append(ch)
    assert gaz.lookup("".join(chars)) is inst


# ---------------------------------------------------------------------------
# The shipped data
# ---------------------------------------------------------------------------


def test_gazetteer_every_entry_has_a_cited_source(raw: dict) -> None:
    sources = raw["sources"]
    assert all(len(citation) > 20 and re.search(r"(19|20)\d\d", citation) for citation in sources.values())
    missing = [i["name"] for i in raw["institutions"] if i["source"] not in sources]
    assert missing == []


def test_gazetteer_no_surface_names_two_institutions(raw: dict) -> None:
    owner: dict[str, str] = {}
    clashes = []
    for inst in raw["institutions"]:
        for surface in [inst["name"], *inst["aliases"]]:
            key = normalize_key(surface)
            if owner.setdefault(key, inst["name"]) != inst["name"]:
                clashes.append((surface, owner[key], inst["name"]))
    assert clashes == []


def test_gazetteer_entries_are_complete(gaz: Gazetteer) -> None:
    names = {i.name for i in gaz.institutions}
    for inst in gaz.institutions:
        assert inst.english.strip(), inst.name
        assert inst.kind in KINDS
        if inst.kind == "department":
            assert inst.parent in names and inst.covers, inst.name
    for name in SAPPRFT_DEPARTMENTS:
        inst = gaz.lookup(name)
        assert inst is not None and inst.kind == "department" and inst.valid == "2013–2018"
        assert len(inst.covers) >= 5, name


# quote marks, or the suffix of a programme or instrument name (立法, 执法, 普法 … are topics)
NAMED_THING = re.compile(r"[《》〈〉“”\"「」]|(工程|计划|行动|专项行动|条例|办法|规定|(?<![立执普司依政])法)$")


def test_gazetteer_covers_are_topic_words(gaz: Gazetteer) -> None:
    surfaces = {normalize_key(s) for i in gaz.institutions for s in i.surfaces}
    bad = [
        (inst.name, word)
        for inst in gaz.institutions
        for word in inst.covers
        if NAMED_THING.search(word) or normalize_key(word) in surfaces or len(word) > 10
    ]
    assert bad == []
    for inst in gaz.institutions:
        assert len(set(inst.covers)) == len(inst.covers), inst.name


def test_gazetteer_file_matches_what_the_loader_keeps(raw: dict, gaz: Gazetteer) -> None:
    rebuilt = [
        {**dataclasses.asdict(i), **{f: list(getattr(i, f)) for f in ("aliases", "short", "covers")}}
        for i in gaz.institutions
    ]
    assert rebuilt == raw["institutions"]
    assert copy.deepcopy(gaz.sources) == raw["sources"]


MCT_DEPARTMENTS = {"办公厅", "政策法规司", "人事司", "财务司", "艺术司", "公共服务司", "科技教育司", "非物质文化遗产司",
                   "产业发展司", "资源开发司", "市场管理司", "文化市场综合执法监督局", "国际交流与合作局"}


def test_gazetteer_ministry_of_culture_and_tourism_departments(gaz: Gazetteer) -> None:
    children = {c.name: c for c in gaz.children("文旅部") if c.kind == "department"}
    assert {"文化和旅游部" + d for d in MCT_DEPARTMENTS} == set(children)
    for name, inst in children.items():
        bare = name.removeprefix("文化和旅游部")
        assert bare in inst.short and inst.valid == "2018–" and inst.source == "MCT2018"
        assert gaz.lookup(name) is inst and gaz.lookup(bare) is not inst  # a bare name is a short form only
    assert {i.name for i in gaz.short_forms()["非遗司"]} == {"文化和旅游部非物质文化遗产司"}


def test_gazetteer_bare_department_names_are_shared_short_forms(gaz: Gazetteer) -> None:
    from kg.extract.bureaus import department_shorts

    shorts = department_shorts(gaz)
    assert {i.parent for i in shorts["公共服务司"]} == {"国家广播电视总局", "文化和旅游部"}
    assert {i.parent for i in shorts["规划财务司"]} == {"国家广播电视总局"}
    assert "总局" not in shorts and "部" not in shorts  # organs' short forms stay out
    for form, insts in shorts.items():
        assert len(form) >= 3 and all(i.kind == "department" and i.name.startswith(i.parent) for i in insts), form
        assert all(i.name.endswith(form) for i in insts) or form == "非遗司", form  # 非遗司: 非物质文化遗产司
