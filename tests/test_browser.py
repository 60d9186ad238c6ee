"""graph.html in a real browser (headless Chromium) with the network cut off.

Checks that the page draws (a canvas, as many nodes as the graph has
entities), that no script error occurred (the page's error hook writes
``data-error-count`` on <html>), and that markup inside a document's names,
sentences and title stays text. Skipped when Debian's ``chromium`` is not
installed.
"""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

CHROMIUM = shutil.which("chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)"),
]

#: Flags that cut the browser off from any network: every host resolves to nothing, every request goes to a dead proxy.
OFFLINE = ["--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND", "--disable-background-networking",
           "--no-first-run", "--disable-component-update", "--disable-sync", "--disable-extensions"]


def dump_dom(page: Path, profile: Path, fragment: str = "", virtual_time_ms: int = 3000) -> str:
    """The DOM of ``page`` after its scripts ran, serialised by headless Chromium (offline)."""
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", *OFFLINE,
           f"--user-data-dir={profile}", f"--virtual-time-budget={virtual_time_ms}", "--window-size=1200,800",
           "--dump-dom", page.resolve().as_uri() + fragment]
    proc = subprocess.run(cmd, check=False, capture_output=True, timeout=120, text=True, encoding="utf-8",
                          errors="replace")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "<html" in proc.stdout, proc.stderr[-2000:]
    return proc.stdout


class Elements(HTMLParser):
    """Attributes of every element of the dumped DOM, by tag."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def first(self, tag: str, **attrs: str) -> dict[str, str]:
        for t, a in self.elements:
            if t == tag and all(a.get(k) == v for k, v in attrs.items()):
                return a
        raise AssertionError(f"no <{tag} {attrs}> in the page")

    def tags(self) -> list[str]:
        return [t for t, _ in self.elements]


def elements(dom: str) -> Elements:
    e = Elements()
    e.feed(dom)
    e.close()
    return e


def check_drawn(dom: str, entities: int, shown: int | None = None) -> Elements:
    """The page finished its start-up without an error and drew the graph."""
    els = elements(dom)
    html = els.first("html")
    assert "data-error-count" not in html, html.get("data-error")
    graph = els.first("div", id="graph")
    assert graph["data-ready"] == "1"
    assert "canvas" in els.tags()
    assert int(graph["data-node-count"]) == entities
    expected = entities if shown is None else shown
    assert int(graph["data-shown-count"]) == expected
    assert int(graph["data-drawn-count"]) == expected
    return els


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory):
    from kg.api import build

    out = tmp_path_factory.mktemp("sample")
    result = build(out_dir=out)
    return out / "graph.html", len(result.corpus.entities)


def test_sample_graph_draws_offline(sample_build, tmp_path):
    page, entities = sample_build
    assert entities > 10
    check_drawn(dump_dom(page, tmp_path / "profile"), entities)


def test_top_n_then_show_all(tmp_path):
    from kg.analysis import analysis_graph, centrality
    from kg.html import render_html
    from kg.model import Entity, Evidence, Relation

    ents = [Entity(f"Project:{i}", "Project", f"项目{i}") for i in range(60)]
    rels = [Relation("Project:0", "responsibleFor", f"Project:{i}", "t",
                     Evidence("d", 0, 1, "s")) for i in range(1, 40)]
    g = analysis_graph(ents, rels)
    page = tmp_path / "graph.html"
    page.write_text(render_html(g, centrality(g), "top-n", top_n=7), encoding="utf-8")
    check_drawn(dump_dom(page, tmp_path / "p1"), 60, shown=7)
    check_drawn(dump_dom(page, tmp_path / "p2", "#all"), 60)


HOSTILE_DOC = """\
关于</script><script>document.documentElement.setAttribute("data-pwned","title")</script>\
<img src=x onerror="document.documentElement.setAttribute('data-pwned','title-img')">的通知
文化和旅游部负责实施《</script><script>document.documentElement.setAttribute("data-pwned","law")</script>管理条例》，自2031年1月1日起施行。
财务司负责“<img src=x onerror=document.documentElement.setAttribute('data-pwned','img')>”工程和\
“<a href='javascript:alert(1)'>点我</a>”专项行动。
国际交流与合作局组织“\"引号\" 'single' &amp; <b>粗体</b>”活动，编制《<!--<script>注释</script>-->规划》。
"""


def test_markup_in_a_document_is_inert(tmp_path):
    from kg.api import build

    doc = tmp_path / "in" / "hostile.txt"
    doc.parent.mkdir()
    doc.write_text(HOSTILE_DOC, encoding="utf-8")
    result = build([doc], tmp_path / "out")
    page = tmp_path / "out" / "graph.html"
    text = page.read_text(encoding="utf-8")
    # the hostile text really is in the graph: the title, and in evidence sentences of entities
    assert result.corpus.documents[0].doc.title.startswith("关于</script><script>")
    assert "\\u003cimg src=x onerror" in text and "\\u003c/script\\u003e\\u003cscript\\u003e" in text
    entities = len(result.corpus.entities)
    # search for a name with markup, which selects it and fills the details panel through textContent
    hostile_labels = sorted(e.label for e in result.corpus.entities if "<" in e.label)
    fragment = "#all&q=" + (quote(hostile_labels[0][:20], safe="") if hostile_labels else "")
    for frag in ("", fragment):
        dom = dump_dom(page, tmp_path / f"profile{len(frag)}", frag)
        els = check_drawn(dom, entities)
        assert "data-pwned" not in els.first("html")
        assert "img" not in els.tags() and "b" not in els.tags() and "a" not in els.tags()
        assert els.tags().count("script") == 4
        for tag, attrs in els.elements:
            assert not any(k.startswith("on") for k in attrs), (tag, attrs)
    if hostile_labels:
        # the selected entity's name and sentences are shown as text in the details panel
        details = dom.split('id="details"', 1)[1].split("</section>", 1)[0]
        assert "<h3>" in details and "&lt;" in details


def test_screenshot_has_pixels(sample_build, tmp_path):
    page, _ = sample_build
    shot = tmp_path / "shot.png"
    proc = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", *OFFLINE,
                           f"--user-data-dir={tmp_path / 'profile'}", "--hide-scrollbars", "--window-size=1000,700",
                           f"--screenshot={shot}", page.resolve().as_uri()],
                          check=False, capture_output=True, timeout=120, text=True, errors="replace")
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


# A test-only script appended to a copy of the page: once the page is ready, press and release the mouse at
# the middle of the first link (as a user's click), through the canvas's own pointer events.
CLICK_FIRST_EDGE = """
<script>
setTimeout(function () {
  var net = window.kgNetwork, e = net.body.data.edges.get()[0];
  var p = net.getPositions([e.from, e.to]);
  var mid = net.canvasToDOM({x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2});
  var canvas = document.querySelector("#graph canvas"), r = canvas.getBoundingClientRect();
  var at = {clientX: r.left + mid.x, clientY: r.top + mid.y, bubbles: true, cancelable: true, pointerId: 1,
            pointerType: "mouse", isPrimary: true, button: 0, buttons: 1};
  canvas.dispatchEvent(new PointerEvent("pointerdown", at));
  at.buttons = 0;
  canvas.dispatchEvent(new PointerEvent("pointerup", at));
  document.documentElement.setAttribute("data-clicked", "1");
}, 300);
</script>
"""


@pytest.fixture()
def evidence_page(tmp_path):
    from kg.analysis import centrality
    from kg.html import render_html
    from tests.evidence_graph import evidence_graph

    g = evidence_graph()
    page = tmp_path / "graph.html"
    page.write_text(render_html(g, centrality(g), "证据 evidence"), encoding="utf-8")
    return page, g.number_of_nodes()


def details_of(dom: str) -> str:
    return dom.split('id="details"', 1)[1].split("</section>", 1)[0]


def test_clicking_a_link_shows_its_evidence_and_document(evidence_page, tmp_path):
    page, n = evidence_page
    clicking = tmp_path / "click.html"
    clicking.write_text(page.read_text(encoding="utf-8").replace("</body>", CLICK_FIRST_EDGE + "</body>"),
                        encoding="utf-8")
    dom = dump_dom(clicking, tmp_path / "p", virtual_time_ms=4000)
    check_drawn(dom, n)
    assert 'data-clicked="1"' in dom
    details = details_of(dom)
    # relation, rule, confidence, the sentence with both names marked, and the document's title
    assert "<mark>" in details and "置信度 Confidence" in details and "规则 Rule" in details
    assert ("<mark>甲省版权局</mark>" in details and "<mark>网络清理专项行动</mark>" in details
            and "《关于开展网络清理专项行动的通知》" in details) or \
           ("<mark>乙市出版处</mark>" in details and "<mark>图书质量检查工程</mark>" in details
            and "《关于图书质量检查的办法》" in details and "推断 inferred" in details)


def test_search_finds_an_entity_by_an_alternative_name(evidence_page, tmp_path):
    page, n = evidence_page
    dom = dump_dom(page, tmp_path / "p", "#q=" + quote("清网行动"))
    check_drawn(dom, n)
    details = details_of(dom)
    assert "网络清理专项行动</h3>" in details and "又名 Also" in details
    assert "清网行动" in dom.split('id="matches"', 1)[1].split("</ul>", 1)[0]


def test_node_evidence_is_grouped_by_document_with_names_and_references(evidence_page, tmp_path):
    page, _ = evidence_page
    dom = dump_dom(page, tmp_path / "p", "#q=" + quote("甲省版权局"))
    details = details_of(dom)
    assert "《关于开展网络清理专项行动的通知》" in details
    assert "名称 name" in details and "指代 reference" in details and "<mark>甲省版权局</mark>" in details
    assert "名称 Names (pk:mention)" in details and "指代 References (pk:reference)" in details


def test_edge_fragment_and_year_slider(evidence_page, tmp_path):
    page, _ = evidence_page
    dom = dump_dom(page, tmp_path / "p", "#edge=0")
    assert "置信度 Confidence" in details_of(dom)
    els = elements(dom)
    assert "hidden" not in els.first("div", id="years")
    assert els.first("input", id="year-from")["min"] == "2016" and els.first("input", id="year-to")["max"] == "2019"
    stats = dom.split('id="stats"', 1)[1].split("</p>", 1)[0]
    assert "2 连线 links" in stats


def test_first_view_then_show_all_button(tmp_path):
    from kg.analysis import analysis_graph, centrality
    from kg.html import render_html
    from kg.model import Entity, Evidence, Relation

    ents = [Entity(f"Project:{i}", "Project", f"项目{i}") for i in range(60)]
    rels = [Relation(f"Project:{i // 3}", "responsibleFor", f"Project:{i}", "t", Evidence("d", 0, 1, "s"))
            for i in range(1, 50)]
    g = analysis_graph(ents, rels)
    page = tmp_path / "graph.html"
    click = "<script>setTimeout(function () { document.getElementById('show-all').click(); }, 200);</script>"
    page.write_text(render_html(g, centrality(g), "first", top_n=12).replace("</body>", click + "</body>"),
                    encoding="utf-8")
    check_drawn(dump_dom(page, tmp_path / "p"), 60)


def test_document_and_year_filters_hide_what_is_outside(evidence_page, tmp_path):
    page, n = evidence_page
    # pick the second document, then narrow the years to the first document's year (2016): nothing is left
    script = """<script>setTimeout(function () {
      var d = document.getElementById("document"); d.value = "1"; d.dispatchEvent(new Event("change"));
      document.documentElement.setAttribute("data-after-doc",
        document.getElementById("graph").getAttribute("data-shown-count"));
      d.value = ""; d.dispatchEvent(new Event("change"));
      var to = document.getElementById("year-to"); to.value = "2016"; to.dispatchEvent(new Event("input"));
      document.documentElement.setAttribute("data-after-year",
        document.getElementById("graph").getAttribute("data-shown-count"));
    }, 200);</script>"""
    filtered = tmp_path / "filtered.html"
    filtered.write_text(page.read_text(encoding="utf-8").replace("</body>", script + "</body>"), encoding="utf-8")
    dom = dump_dom(filtered, tmp_path / "p")
    html = elements(dom).first("html")
    assert "data-error-count" not in html, html.get("data-error")
    # document 1 (关于图书质量检查的办法) names two entities; documents of 2016 name the other two
    assert html["data-after-doc"] == "2" and html["data-after-year"] == "2"
    assert n == 4
