"""Reading inputs: encodings, HTML, binary and empty files, discovery."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.reader import decode, discover, document_from_bytes, html_to_text, read_document

WORDS = ["国务院", "办公厅", "关于", "印发", "通知", "加强", "管理", "工作", "推进", "建设", "发展", "文化", "出版",
         "广播", "电视", "电影", "规划", "实施", "条例", "试点", "专项行动", "部门", "负责", "省", "市", "县", "年",
         "月", "日", "2023", "十四五", "，", "。", "、", "《", "》", "“", "”", "的", "和", "要", "将", "继续"]
genre_text = st.lists(st.sampled_from(WORDS), min_size=12, max_size=200).map("".join)


@settings(max_examples=150, deadline=None)
@given(genre_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "gbk"]))
def test_reader_same_text_whatever_the_encoding(text, encoding):
    got, _ = decode(text.encode(encoding), "t.txt")
    assert got.lstrip("\ufeff") == text


@settings(max_examples=80, deadline=None)
@given(genre_text)
def test_reader_big5_traditional_text(text):
    import opencc

    trad = opencc.OpenCC("s2t").convert(text)
    try:
        data = trad.encode("big5")
    except UnicodeEncodeError:
        return  # a character Big5 lacks: not a Big5 document
    got, enc = decode(data, "t.txt")
    if len(data) >= 40:  # long enough to tell Big5 from GB18030
        assert got == trad and enc == "big5"


def test_reader_encoding_override_and_its_errors():
    assert decode("通知".encode("gb18030"), encoding="gb18030") == ("通知", "gb18030")
    with pytest.raises(InputError, match="unknown encoding"):
        decode(b"abc", "x.txt", encoding="no-such-codec")
    with pytest.raises(InputError, match="cannot be decoded as utf-8"):
        decode("中国".encode("gb18030"), "x.txt", encoding="utf-8")


@pytest.mark.parametrize("data, message", [
    (b"", "empty"), (b"  \n\t ", "empty"), (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"), (b"PK\x03\x04\x14\x00", "binary"), (bytes(range(256)) * 4, "binary"),
])
def test_reader_refuses_empty_and_binary_naming_the_file(data, message):
    with pytest.raises(InputError, match=message) as e:
        document_from_bytes(data, "bad.txt")
    assert "bad.txt" in str(e.value)


def test_reader_html_drops_markup_scripts_and_keeps_title():
    page = ("<html><head><title>关于印发《某某办法》的通知</title><style>p{}</style></head><body>"
            "<script>var x='《假条例》';</script><p>第一条&nbsp;为了规范&lt;管理&gt;。</p><div>第二条 "
            "本办法自发布之日起施行。</div></body></html>")
    text, title = html_to_text(page)
    assert title == "关于印发《某某办法》的通知"
    assert "假条例" not in text and "p{}" not in text
    assert text.splitlines() == ["第一条 为了规范<管理>。", "第二条 本办法自发布之日起施行。"]


def test_reader_html_document_and_markdown(tmp_path):
    (tmp_path / "a.html").write_text("<p>财务司负责。</p>", encoding="gb18030")
    doc = read_document(tmp_path / "a.html", tmp_path)
    assert doc.text == "财务司负责。" and doc.media_type == "text/html" and doc.encoding == "gb18030"
    (tmp_path / "b.md").write_text("# 标题\n正文。", encoding="utf-8")
    md = read_document(tmp_path / "b.md", tmp_path)
    assert md.media_type == "text/markdown" and md.title == "标题"


def test_reader_one_text_one_hash(tmp_path):
    text = "国家电影局负责实施“电影精品工程”。"
    (tmp_path / "u.txt").write_text(text, encoding="utf-8")
    (tmp_path / "g.txt").write_text(text, encoding="gb18030")
    assert read_document(tmp_path / "u.txt").sha256 == read_document(tmp_path / "g.txt").sha256


def test_reader_discover_recurses_with_default_globs(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "sub/b.md", "sub/c.html", "d.pdf", "e.csv", ".hidden/f.txt", "sub/g.docx", "h.jpg"):
        p = tmp_path / name
        p.parent.mkdir(exist_ok=True)
        p.write_text("x", encoding="utf-8")
    got = [str(f.relative_to(tmp_path)) for f, _ in discover([tmp_path])]
    assert got == ["a.txt", "d.pdf", "sub/b.md", "sub/c.html", "sub/g.docx"]
    assert [f.name for f, _ in discover([tmp_path], ["*.csv"])] == ["e.csv"]


def test_reader_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        discover([tmp_path / "nope.txt"])


def test_reader_cleans_surrogates_nuls_and_crlf():
    doc = document_from_bytes("第一条\r\n第二条\r施行".encode(), "x.txt")
    assert doc.text == "第一条\n第二条\n施行"
