"""kg.segment: the fast cut gives exactly jieba's words and offsets."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.model import Token

ROOT = Path(__file__).resolve().parent.parent

# characters that exercise every branch: dictionary words, unknown runs (HMM), letters and digits glued
# into han blocks, the symbols jieba keeps in a block, spaces, line ends and punctuation
_ALPHABET = list("国家新闻出版广电总局规划发展司财务司负责实施户户通工程年月日第一二三十百万的了和与在对于关")
_ALPHABET += list("甲乙丙丁戊己庚辛壬癸鑫淼犇骉") + list("abcXYZ0129+#&._%-") + [" ", "\n", "\r\n", "\t", "\u3000"]
_ALPHABET += list("，。；：、“”《》（）！？…—")


def _jieba_tokens(pipeline, text: str) -> list[tuple[str, int, int]]:
    return list(pipeline.segmenter._tok.tokenize(text, HMM=True))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=80).map("".join))
def test_segment_tokens_equal_jieba_tokenize(pipeline, text):
    tokens = pipeline.segmenter(text)
    assert [tuple(t) for t in tokens] == _jieba_tokens(pipeline, text)
    assert all(isinstance(t, Token) for t in tokens)


def test_segment_words_equal_jieba_on_documents(pipeline):
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data" / "genre").glob("*.txt"))]
    texts.append((ROOT / "kg" / "data" / "sample.txt").read_text(encoding="utf-8"))
    assert texts
    for text in texts:
        assert pipeline.segmenter.words(text) == pipeline.segmenter.lcut(text)
        assert [tuple(t) for t in pipeline.segmenter(text)] == _jieba_tokens(pipeline, text)


def test_segment_reference_document(pipeline, reference_path):
    text = reference_path.read_text(encoding="utf-8")
    assert [tuple(t) for t in pipeline.segmenter(text)] == _jieba_tokens(pipeline, text)


def test_segment_follows_added_words():
    from kg.segment import Segmenter

    seg = Segmenter()
    before = seg.words("户户通工程由财务司负责")
    seg._tok.add_word("户户通工程")  # the total changes: log-probabilities are computed again
    after = seg.words("户户通工程由财务司负责")
    assert after == seg.lcut("户户通工程由财务司负责")
    assert "户户通工程" in after and "户户通工程" not in before


_HAN_RUN = st.lists(st.one_of(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FD5),
                              st.sampled_from(list("abcXYZ019.%+#-_ ，。"))), min_size=1, max_size=16).map("".join)


@settings(max_examples=500, deadline=None)
@given(_HAN_RUN)
def test_hmm_cut_equals_jieba_finalseg(text):
    from jieba import finalseg

    from kg.segment import _hmm_cut

    out: list[str] = []
    _hmm_cut(text, out)
    assert out == list(finalseg.cut(text))


def test_tokens_read_like_a_tuple_of_tokens(pipeline):
    import pickle

    from kg.model import Tokens, offsets

    text = "财务司负责实施“户户通”工程。"
    tokens = pipeline.segmenter(text)
    as_tuple = tuple(Token(w, s, e) for w, s, e in _jieba_tokens(pipeline, text))
    assert isinstance(tokens, Tokens)
    assert tokens == as_tuple and as_tuple == tokens and tokens == list(as_tuple)
    assert len(tokens) == len(as_tuple) and tokens[0] == as_tuple[0] and tokens[-1] == as_tuple[-1]
    assert tokens[1:3] == as_tuple[1:3] and tokens[::-1] == as_tuple[::-1]
    assert hash(tokens) == hash(as_tuple)
    assert pickle.loads(pickle.dumps(tokens)) == tokens
    assert offsets(tokens) == offsets(as_tuple) == ([t.start for t in as_tuple], [t.end for t in as_tuple])
    assert tokens != as_tuple[:-1] and pipeline.segmenter("") == () and not pipeline.segmenter("")
