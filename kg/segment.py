"""Word segmentation with a private jieba ``Tokenizer``.

Never touches ``jieba.dt`` (the global tokenizer): each :class:`Segmenter`
owns its own ``jieba.Tokenizer`` with the gazetteer's names as user words, so
loading our dictionary changes nothing for other code in the process.

The words are jieba's own (``Tokenizer.cut`` in its default mode, with the
HMM), but :meth:`Segmenter.words` computes them faster: jieba builds a DAG of
every dictionary word, then a route over it with one ``log`` per edge; here the
two passes are one, and each word's log-probability is computed once per
segmenter. The arithmetic is jieba's, in the same order, so the words are the
same (``tests/test_segment.py`` compares them with ``tokenize``). The dictionary
itself is jieba's, loaded as its sorted words (:mod:`kg.jiebadict`).

Both depend on jieba's internals (``FREQ``, ``total``, ``finalseg``'s tables, its
block patterns), so they run only on the jieba versions they were checked
against (:data:`VERIFIED_JIEBA`); on any other version a warning says so once
and :meth:`Segmenter.words` is jieba's own ``lcut`` (slower, jieba's words).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from itertools import accumulate
from math import log

import jieba
from jieba import finalseg

from . import jiebadict
from .model import Tokens

# jieba logs its dictionary loading at INFO on its own logger; keep it quiet.
jieba.setLogLevel(logging.WARNING)
logger = logging.getLogger(__name__)

#: jieba versions whose internals the fast path was checked against (tests/test_segment.py compares the words).
VERIFIED_JIEBA: frozenset[str] = frozenset({"0.42.1"})


@functools.cache
def fast_path(version: str | None = None) -> bool:
    """True when the installed jieba (or ``version``) is one the fast path was verified on; else warn once."""
    version = version or getattr(jieba, "__version__", "unknown")
    if version in VERIFIED_JIEBA:
        return True
    logger.warning("jieba %s is not a version policy-kg's fast segmentation was verified on (%s): using jieba's "
                   "own cut, slower; install jieba>=0.42.1,<0.43 for the fast path",
                   version, ", ".join(sorted(VERIFIED_JIEBA)))
    return False

# jieba 0.42's default-mode block patterns (jieba.re_han_default, jieba.re_skip_default)
_RE_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.UNICODE)
_RE_SKIP = re.compile("(\r\n|\\s)", re.UNICODE)
_PREFIX = 1.0  # memo value of a fragment that only begins dictionary words (log-probabilities are < 0)
_UNSEEN = object()
_MAX_MEMO = 1 << 18  # fragments remembered per segmenter (those not in the dictionary are unbounded)


class Segmenter:
    """A callable that splits text into :class:`~kg.model.Token` with offsets.

    Examples
    --------
    >>> seg = Segmenter(["规划发展司"])
    >>> [t.text for t in seg("规划发展司负责")]
    ['规划发展司', '负责']
    """

    def __init__(self, user_words: Iterable[str] = (), *, fast: bool | None = None) -> None:
        self._tok = jieba.Tokenizer()
        self._fast = fast_path() if fast is None else fast
        # jieba's words without its dict of every prefix (kg.jiebadict), on a verified jieba only
        if not (self._fast and jiebadict.install(self._tok)):
            self._tok.initialize()
        for word in sorted(set(user_words)):
            if word and not any(ch.isspace() for ch in word):
                self._tok.add_word(word, freq=None)
        self._total: int | None = None
        self._logp: dict[str, float | None] = {}
        self._logtotal = 0.0

    def __call__(self, text: str) -> Tokens:
        """Tokens of ``text`` in order, with code-point offsets (jieba's ``tokenize`` in default mode)."""
        words = self.words(text)
        ends = list(accumulate(map(len, words)))
        return Tokens(words, [0, *ends[:-1]] if ends else [], ends)

    def words(self, text: str) -> list[str]:
        """The words of ``text``: what ``Tokenizer.lcut(text)`` (default mode, HMM) returns."""
        if not self._fast:
            return self._tok.lcut(text)
        if self._tok.total != self._total or len(self._logp) > _MAX_MEMO:
            # the dictionary changed (log-probabilities are relative to its total), or the memo is full
            self._total = self._tok.total
            self._logp = {}
            self._logtotal = log(self._tok.total)
        out: list[str] = []
        add, extend = out.append, out.extend
        han, skip = _RE_HAN.match, _RE_SKIP.match
        for blk in _RE_HAN.split(text):
            if not blk:
                continue
            if han(blk):
                self._cut_block(blk, out)
            else:
                for x in _RE_SKIP.split(blk):
                    if skip(x):
                        add(x)
                    else:
                        extend(x)
        return out

    def _cut_block(self, blk: str, out: list[str]) -> None:
        """jieba's ``__cut_DAG`` of one block (``get_DAG`` and ``calc`` fused), appending to ``out``."""
        freq = self._tok.FREQ
        memo = self._logp  # fragment → log-probability of a word, _PREFIX (only a prefix), None (neither)
        get = memo.get
        logtotal = self._logtotal
        n = len(blk)
        value: list[float] = [0.0] * (n + 1)  # route[idx][0]: best log-probability of blk[idx:]
        value[n] = 0  # jieba's route[N] = (0, 0)
        last = list(range(n + 1))  # route[idx][1]: end (inclusive) of the first word of that route
        for idx in range(n - 1, -1, -1):
            best: float | None = None
            i = idx + 1
            frag = blk[idx]
            while True:  # every dictionary word blk[idx:i]
                lp = get(frag, _UNSEEN)
                if lp is _UNSEEN:
                    f = freq.get(frag)
                    lp = memo[frag] = None if f is None else log(f) - logtotal if f else _PREFIX
                if lp is None:
                    break
                if lp is not _PREFIX:
                    v = lp + value[i]  # type: ignore[operator]  # a float here (not None, not _PREFIX)
                    if best is None or v >= best:  # max over (value, end): ties go to the longer word
                        best = v
                        last[idx] = i - 1
                if i == n:
                    break
                i += 1
                frag = blk[idx:i]
            if best is None:  # no word starts here: the character alone, with frequency 1
                best = log(freq.get(blk[idx]) or 1) - logtotal + value[idx + 1]
            value[idx] = best
        add = out.append
        x = 0
        buf = ""
        while x < n:
            y = last[x] + 1
            if y - x == 1:
                buf += blk[x]
            else:
                if buf:
                    _flush(buf, freq, out)
                    buf = ""
                add(blk[x:y])
            x = y
        if buf:
            _flush(buf, freq, out)

    def lcut(self, text: str) -> list[str]:
        """Plain words (jieba's ``lcut``), for benchmarks and quick checks."""
        return self._tok.lcut(text)


def _flush(buf: str, freq: dict[str, int], out: list[str]) -> None:
    """A run of single characters: one word, the HMM's words when it is not in the dictionary, else characters."""
    if len(buf) == 1:
        out.append(buf)
    elif not freq.get(buf):
        _hmm_cut(buf, out)
    else:
        out.extend(buf)


# jieba.finalseg's block patterns
_HMM_HAN = re.compile("([\u4E00-\u9FD5]+)")
_HMM_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")


def _hmm_cut(text: str, out: list[str]) -> None:
    """``jieba.finalseg.cut(text)``, appended to ``out``: the same HMM, with its Viterbi unrolled."""
    for blk in _HMM_HAN.split(text):
        if _HMM_HAN.match(blk):
            force = finalseg.Force_Split_Words
            for word in _viterbi_words(blk):
                if word not in force:
                    out.append(word)
                else:
                    out.extend(word)
        else:
            out.extend(x for x in _HMM_SKIP.split(blk) if x)


def _viterbi_words(sentence: str) -> list[str]:
    """The words of ``finalseg``'s ``__cut``: ``finalseg.viterbi`` over the states B, M, E, S with the same
    sums in the same order (previous + transition + emission) and the same ties (``max`` over
    (probability, state) prefers the later state letter), then the words its states mark."""
    low = finalseg.MIN_FLOAT
    start, trans, emit = finalseg.start_P, finalseg.trans_P, finalseg.emit_P
    e_b, e_m, e_e, e_s = emit["B"], emit["M"], emit["E"], emit["S"]
    t_eb, t_sb = trans["E"].get("B", low), trans["S"].get("B", low)  # PrevStatus: B ← E, S
    t_mm, t_bm = trans["M"].get("M", low), trans["B"].get("M", low)  # M ← M, B
    t_ss, t_es = trans["S"].get("S", low), trans["E"].get("S", low)  # S ← S, E
    t_be, t_me = trans["B"].get("E", low), trans["M"].get("E", low)  # E ← B, M
    c = sentence[0]
    v_b, v_m = start["B"] + e_b.get(c, low), start["M"] + e_m.get(c, low)
    v_e, v_s = start["E"] + e_e.get(c, low), start["S"] + e_s.get(c, low)
    back: list[tuple[str, str, str, str]] = []  # for each later character: the previous state of B, M, E, S
    for c in sentence[1:]:
        em = e_b.get(c, low)
        p, q = v_e + t_eb + em, v_s + t_sb + em
        n_b, b_b = (p, "E") if p > q else (q, "S")
        em = e_m.get(c, low)
        p, q = v_m + t_mm + em, v_b + t_bm + em
        n_m, b_m = (p, "M") if p >= q else (q, "B")
        em = e_s.get(c, low)
        p, q = v_s + t_ss + em, v_e + t_es + em
        n_s, b_s = (p, "S") if p >= q else (q, "E")
        em = e_e.get(c, low)
        p, q = v_b + t_be + em, v_m + t_me + em
        n_e, b_e = (q, "M") if q >= p else (p, "B")
        v_b, v_m, v_e, v_s = n_b, n_m, n_e, n_s
        back.append((b_b, b_m, b_e, b_s))
    state = "S" if v_s >= v_e else "E"
    states = [state]
    for prev in reversed(back):
        state = prev["BMES".index(state)]
        states.append(state)
    states.reverse()
    words: list[str] = []
    begin = nexti = 0
    for i, pos in enumerate(states):
        if pos == "B":
            begin = i
        elif pos == "E":
            words.append(sentence[begin:i + 1])
            nexti = i + 1
        elif pos == "S":
            words.append(sentence[i])
            nexti = i + 1
    if nexti < len(sentence):
        words.append(sentence[nexti:])
    return words
