"""Shared fixtures: one pipeline per test session (jieba loads once)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs property tests with a fixed seed, so that a submission is judged on the same examples every time;
# locally they explore new examples on every run.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "corpus" / "000_c213bb4196801c89.txt"
REFERENCE_GOLD = SHARED / "gold" / "000_c213bb4196801c89.json"


def gold_cases() -> list[tuple[Path, Path]]:
    """(document, gold file) pairs of the shared reference and development set (they may be absent)."""
    cases = [(REFERENCE, REFERENCE_GOLD)]
    for doc in sorted((SHARED / "corpus" / "dev").glob("*.txt")):
        cases.append((doc, SHARED / "gold" / "dev" / (doc.stem + ".json")))
    return cases


@pytest.fixture(scope="session")
def pipeline():
    """A :class:`kg.pipeline.Pipeline` with the default gazetteer."""
    from kg.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def reference_path() -> Path:
    """The reference document, or a skip when ../shared is not beside the repository."""
    if not REFERENCE.is_file():
        pytest.skip(f"reference document not found at {REFERENCE} (../shared is absent)")
    return REFERENCE


@pytest.fixture(scope="session")
def reference_gold() -> Path:
    """The reference gold annotation, or a skip."""
    if not REFERENCE_GOLD.is_file():
        pytest.skip(f"reference gold not found at {REFERENCE_GOLD} (../shared is absent)")
    return REFERENCE_GOLD
