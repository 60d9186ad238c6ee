"""Parsed carries the folded text and the shared token index once, outside equality."""

from __future__ import annotations

from kg.extract.tokens import TokenIndex, indexed
from kg.model import Document, Parsed, Token


def _parsed(text: str) -> Parsed:
    tokens = [Token(text[i], i, i + 1) for i in range(len(text))]
    return Parsed(doc=Document(doc_id="d", text=text), tokens=tokens, sentences=(), sections=())


def test_folded_text_is_made_once_and_keeps_offsets():
    p = _parsed("國務院辦公廳印發通知")
    assert p.folded == "国务院办公厅印发通知"
    assert len(p.folded) == len(p.text)
    assert p.derived["folded"] is p.folded  # the same object on the second call: made once


def test_token_index_is_shared_and_outside_equality():
    a, b = _parsed("文化和旅游部负责"), _parsed("文化和旅游部负责")
    folded, index = indexed(a)
    assert isinstance(index, TokenIndex) and indexed(a)[1] is index
    assert folded == a.text
    assert a == b and repr(a) == repr(b)  # the derived table is not part of the value
    assert index.token_at(0) == Token("文", 0, 1)
