"""Word segmentation with a private jieba ``Tokenizer``.

Never touches ``jieba.dt`` (the global tokenizer): each :class:`Segmenter`
owns its own ``jieba.Tokenizer`` with the gazetteer's names as user words, so
loading our dictionary changes nothing for other code in the process.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import jieba

from .model import Token

# jieba logs its dictionary loading at INFO on its own logger; keep it quiet.
jieba.setLogLevel(logging.WARNING)


class Segmenter:
    """A callable that splits text into :class:`~kg.model.Token` with offsets.

    Examples
    --------
    >>> seg = Segmenter(["规划发展司"])
    >>> [t.text for t in seg("规划发展司负责")]
    ['规划发展司', '负责']
    """

    def __init__(self, user_words: Iterable[str] = ()) -> None:
        self._tok = jieba.Tokenizer()
        self._tok.initialize()
        for word in sorted(set(user_words)):
            if word and not any(ch.isspace() for ch in word):
                self._tok.add_word(word, freq=None)

    def __call__(self, text: str) -> tuple[Token, ...]:
        """Tokens of ``text`` in order, with code-point offsets (``tokenize`` in default mode)."""
        return tuple(Token(w, s, e) for w, s, e in self._tok.tokenize(text, HMM=True))

    def lcut(self, text: str) -> list[str]:
        """Plain words (jieba's ``lcut``), for benchmarks and quick checks."""
        return self._tok.lcut(text)
