"""kg.textfold is the one text fold: every fold keeps the length (offsets into the folded text are offsets
into the original), and the modules that fold use it."""

from __future__ import annotations

import ast
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from kg import sections, timex
from kg.textfold import fold, fold_grammar, fold_marks, to_simplified

KG = Path(__file__).resolve().parent.parent / "kg"
_TEXT = st.text(alphabet=st.sampled_from("國務院會議屆０１２９「」『』“”年月日十五规划abc 。\n后後發发"), max_size=120)


@given(_TEXT)
def test_folds_keep_the_length(text: str) -> None:
    for f in (to_simplified, fold, fold_marks, fold_grammar):
        assert len(f(text)) == len(text)


@given(_TEXT)
def test_fold_grammar_is_fold_then_marks(text: str) -> None:
    assert fold_grammar(text) == fold_marks(fold(text))
    assert fold_grammar(text * 10) == fold_marks(fold(text * 10))  # the cached path for whole texts


def test_fold_marks_folds_digits_and_corner_quotes_only() -> None:
    assert fold_marks("「２０２４」『十四五』國") == "“2024”“十四五”國"


def test_grammar_fold_and_section_fold_are_the_one_fold() -> None:
    assert timex.fold is fold_grammar
    assert sections.fold is fold


#: Modules that had a fold of their own and now use kg.textfold.
FOLDED = ("sections.py", "timex.py", "structure.py", "extract/dates.py", "evaluate.py", "reader.py")


def test_no_private_converter_in_the_folded_modules() -> None:
    """None of these sets up OpenCC or a translation table of its own."""
    for name in FOLDED:
        tree = ast.parse((KG / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                assert "opencc" not in [a.name for a in node.names] + [getattr(node, "module", None) or ""], name
            if isinstance(node, ast.Name):
                assert node.id not in ("_T2S", "_t2s", "_TRAD"), name
