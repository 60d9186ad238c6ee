"""The Event extractor's vocabulary data and its fold (issue 11: word lists as data, one text fold)."""

from __future__ import annotations

import json
import re
from importlib import resources

from hypothesis import given
from hypothesis import strategies as st

from kg.extract import events as E
from kg.textfold import fold as textfold


def test_vocabulary_is_read_once_and_every_list_says_what_it_is():
    assert E.vocabulary() is E.vocabulary()  # functools.cache: one read per process
    raw = json.loads((resources.files("kg") / "data" / "events" / "vocabulary.json").read_text(encoding="utf-8"))
    assert raw["_comment"] and raw["_source"]
    for name, entry in E.vocabulary().items():
        assert entry["_comment"].strip(), name
        (kind,) = [k for k in entry if k != "_comment"]
        assert kind in ("words", "patterns", "chars", "map"), name
        assert entry[kind], f"{name} is empty"
        if kind == "words":
            assert all(re.fullmatch(r"[\u4e00-\u9fff]+", w) for w in entry[kind]), name
            assert len(set(entry[kind])) == len(entry[kind]), f"{name} repeats a word"
        if kind == "patterns":
            for p in entry[kind]:
                re.compile(p)  # each alternative is a regular expression on its own


def test_patterns_are_built_from_the_lists():
    for w in E.vocabulary()["meeting_words"]["words"]:
        assert E._CONF.fullmatch(w)
    for w in E.vocabulary()["festival_words"]["words"]:
        assert E._CONF.fullmatch(w) and not E._CONF.match(w + E.vocabulary()["festival_not_before"]["words"][0])
    assert E._ANNIV_GENERIC.match("成立") and not E._ANNIV_GENERIC.match("香港回归")
    assert E._ABBR_ORG["文代会"] == "中国文联"
    assert E._STOP.search("召开") and E._STOP.search("组织") and not E._STOP.fullmatch("组织部")


def test_fold_is_textfold_plus_width_and_quotes():
    assert E.fold("第十一屆中國網絡視聽大會") == textfold("第十一屆中國網絡視聽大會") == "第十一届中国网络视听大会"
    assert E.fold("「２０１７年」") == "“2017年”"


@given(st.text(alphabet="０１２３４５６７８９「」『』會議屆國网络abc12 ", max_size=40))
def test_fold_keeps_offsets(text):
    folded = E.fold(text)
    assert len(folded) == len(text)
    assert not set(folded) & set("０１２３４５６７８９「」『』")
