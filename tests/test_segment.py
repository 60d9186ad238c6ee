"""kg.segment and kg.jiebadict: the fast cut over the sorted dictionary gives exactly jieba's words and offsets.

The reference is a jieba ``Tokenizer`` loaded the ordinary way (``initialize()``) with the same user words.
"""

from __future__ import annotations

from functools import lru_cache
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


@lru_cache(maxsize=1)
def _reference(gazetteer):
    """jieba as Segmenter would use it without kg.jiebadict: initialize(), then the gazetteer's names."""
    import jieba

    tok = jieba.Tokenizer()
    tok.initialize()
    for word in sorted(set(gazetteer.surfaces())):
        if word and not any(ch.isspace() for ch in word):
            tok.add_word(word, freq=None)
    return tok


def _jieba_tokens(pipeline, text: str) -> list[tuple[str, int, int]]:
    return list(_reference(pipeline.gazetteer).tokenize(text, HMM=True))


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
        assert (pipeline.segmenter.words(text) == pipeline.segmenter.lcut(text)
                == _reference(pipeline.gazetteer).lcut(text))
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


def test_sorted_dictionary_is_jiebas_prefix_dictionary(pipeline):
    from kg.jiebadict import SortedDictionary

    ref = _reference(pipeline.gazetteer)
    ours = pipeline.segmenter._tok
    assert isinstance(ours.FREQ, SortedDictionary)
    assert ours.total == ref.total
    for frag, freq in ref.FREQ.items():  # every word and every prefix, with its frequency
        assert frag in ours.FREQ and ours.FREQ[frag] == freq == ours.FREQ.get(frag)
    for frag in ("的的的", "财务司司", "zzz", "国家新闻出版广电总局局", "\n", ""):
        assert (frag in ours.FREQ) == (frag in ref.FREQ) and ours.FREQ.get(frag, -1) == ref.FREQ.get(frag, -1)


def test_dictionary_file_read_as_jieba_reads_it(tmp_path):
    import io

    import jieba

    from kg.jiebadict import SortedDictionary, _parse, _read

    data = "国家 10 n\n国 5\n国家 7 n\n中华人民 3\n\t民 2 x \r\nab 1\n".encode()
    words, freqs, total = _parse(data)
    freq, ref_total = jieba.Tokenizer.gen_pfdict(io.BytesIO(data))
    ours = SortedDictionary(words, freqs)
    assert total == ref_total and words == sorted(words)
    assert {k: ours[k] for k in freq} == freq  # 国家 keeps its last frequency; 中, 中华, 中华人 are prefixes (0)
    assert "华" not in ours and "中华人民共" not in ours
    ours["中华人民共和国"] = 9
    assert ours["中华人民共和国"] == 9 and ours.get("中华人民共和国") == 9
    blob = b"policy-kg jieba words 1\n"
    import pytest

    with pytest.raises(ValueError):
        _read(blob[:-2])
    with pytest.raises(ValueError):
        _parse(b"word-without-frequency\n")


def test_word_cache_rebuilt_when_damaged(tmp_path, monkeypatch):
    import tempfile

    import jieba

    from kg import jiebadict

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    first = jieba.Tokenizer()
    assert jiebadict.install(first)
    cache = next(tmp_path.glob("policy-kg-jieba-*.words"))
    cache.write_bytes(cache.read_bytes()[:1000])  # truncated
    second = jieba.Tokenizer()
    assert jiebadict.install(second)
    assert second.total == first.total and second.lcut("国家新闻出版广电总局") == first.lcut("国家新闻出版广电总局")
    assert len(cache.read_bytes()) > 1000  # written again
    assert not jiebadict.install(second)  # already initialised: left alone


def test_fast_path_only_on_a_verified_jieba(caplog):
    """The fast segmentation relies on jieba's internals: another jieba version gets jieba's own cut, with a warning."""
    import jieba

    from kg import segment

    assert segment.fast_path(jieba.__version__) is (jieba.__version__ in segment.VERIFIED_JIEBA)
    assert jieba.__version__ in segment.VERIFIED_JIEBA  # constraints.txt and setup.cfg pin jieba>=0.42.1,<0.43
    with caplog.at_level("WARNING", logger="kg.segment"):
        assert segment.fast_path("0.43.0") is False
    assert "jieba 0.43.0 is not a version" in caplog.text
    text = "规划发展司负责《国家中长期科技发展规划纲要（2006—2020年）》的实施。 HMM测试：张小明去了北京大学。"
    slow, fast = segment.Segmenter(["规划发展司"], fast=False), segment.Segmenter(["规划发展司"], fast=True)
    assert slow.words(text) == fast.words(text) == fast.lcut(text)
    assert list(slow(text)) == list(fast(text))
