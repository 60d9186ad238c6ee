"""The rule registry: every rule id the pipeline writes as ``pk:rule``, with its stage, output, default
confidence and a one-line description (``kg/data/rules.tsv``).

A rule's own module finds the spans; the registry says what the rule is called, what it yields and how
sure it is by default, so that one file lists them all (graph.html shows the description beside each
statement, ``ontology/rules.md`` is generated from it, and ``tests/test_rules.py`` holds the code and
the graphs to it). Extractors ask for a confidence by id::

    from kg import rules
    conf = rules.confidence("law.title")      # 1.0, or KeyError for an id not registered

A family id ``prefix:*`` covers every id ``prefix:<argument>`` (``gazetteer.covers:<department>``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["STAGES", "Rule", "confidence", "describe", "get", "is_registered", "markdown_table", "rules",
           "rules_markdown"]

_DATA = Path(__file__).parent / "data" / "rules.tsv"
_COLUMNS = ("id", "stage", "output", "confidence", "description")
#: The passes a rule may belong to: the extractors (mention rules), section owners, relations, curation.
STAGES: tuple[str, ...] = ("bureaus", "laws", "works", "projects", "dates", "organizations", "events",
                           "sections", "relations", "curation")


@dataclass(frozen=True)
class Rule:
    """One registered rule (one row of ``kg/data/rules.tsv``)."""

    id: str  # "law.title"; a family ends in ":*"
    stage: str  # one of STAGES
    output: tuple[str, ...]  # the entity type of its mentions, or the predicates of its relations
    confidence: float  # default confidence
    description: str  # one line

    @property
    def family(self) -> bool:
        """Whether the id names a family (``prefix:*``) whose members carry an argument."""
        return self.id.endswith(":*")


def _parse(line_no: int, line: str) -> Rule:
    """One data row, checked (a malformed row is one clear error naming the line)."""
    cells = line.split("\t")
    where = f"{_DATA.name} line {line_no}"
    if len(cells) != len(_COLUMNS):
        raise ValueError(f"{where}: expected {len(_COLUMNS)} tab-separated columns, got {len(cells)}")
    rid, stage, output, conf, desc = (c.strip() for c in cells)
    try:
        value = float(conf)
    except ValueError:
        raise ValueError(f"{where}: confidence {conf!r} is not a number") from None
    if not rid or not desc or not output or stage not in STAGES or not 0.0 < value <= 1.0:
        raise ValueError(f"{where}: needs an id, a stage of {', '.join(STAGES)}, an output, "
                         "a confidence in (0, 1] and a description")
    return Rule(rid, stage, tuple(output.split("+")), value, desc)


@cache
def rules() -> tuple[Rule, ...]:
    """Every registered rule, in the order of the data file (read once)."""
    out: list[Rule] = []
    header_seen = False
    for no, line in enumerate(_DATA.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            if tuple(line.split("\t")) != _COLUMNS:
                raise ValueError(f"{_DATA.name} line {no}: expected the header {' '.join(_COLUMNS)}")
            header_seen = True
            continue
        out.append(_parse(no, line))
    ids = [r.id for r in out]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{_DATA.name}: duplicate rule ids {sorted({i for i in ids if ids.count(i) > 1})}")
    return tuple(out)


@cache
def _by_id() -> dict[str, Rule]:
    return {r.id: r for r in rules()}


def get(rule_id: str) -> Rule | None:
    """The rule registered for ``rule_id`` (a family member finds its family), or None.

    >>> get("law.title").stage, get("gazetteer.covers:某某司").id, get("no.such-rule")
    ('laws', 'gazetteer.covers:*', None)
    """
    table = _by_id()
    found = table.get(rule_id)
    if found is None and ":" in rule_id:
        found = table.get(rule_id.split(":", 1)[0] + ":*")
    return found


def is_registered(rule_id: str) -> bool:
    """Whether ``rule_id`` is registered (directly or as a member of a family).

    >>> is_registered("date.ymd"), is_registered("date.nonsense")
    (True, False)
    """
    return get(rule_id) is not None


def confidence(rule_id: str) -> float:
    """The default confidence of a registered rule; KeyError (naming the id) for one not registered.

    >>> confidence("law.title"), confidence("bureau.statute")
    (1.0, 0.7)
    """
    found = get(rule_id)
    if found is None:
        raise KeyError(f"rule {rule_id!r} is not registered in {_DATA.name}")
    return found.confidence


def describe(rule_id: str) -> str:
    """The one-line description of a rule, ``""`` for an id not registered (e.g. a rule of a newer build).

    >>> describe("law.repeals").startswith("《X》同时废止")
    True
    >>> describe("unknown.rule")
    ''
    """
    found = get(rule_id)
    return found.description if found is not None else ""


def markdown_table() -> str:
    """The registry as a Markdown table (the body of ``ontology/rules.md``), grouped by stage in pipeline order."""
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = ["| rule | stage | yields | confidence | what it finds |", "|---|---|---|---|---|"]
    for stage in STAGES:
        for r in rules():
            if r.stage == stage:
                yields = ", ".join(r.output)
                lines.append(f"| `{r.id}` | {r.stage} | {yields} | {r.confidence:g} | {cell(r.description)} |")
    return "\n".join(lines) + "\n"


_DOC_HEAD = """# Extraction rules (`pk:rule`)

Every mention (`pk:Mention`) and every relation statement (`rdf:Statement`) of a graph names the rule that
produced it in `pk:rule`. This is the list of those rules: the pass that runs it, what it yields, its
default confidence (`pk:confidence` of a statement; a rule may give less or more where its context says so)
and what it finds. A rule id ending in `:*` is a family: its members carry an argument
(`gazetteer.covers:<department>`).

Generated from `kg/data/rules.tsv` (the rule registry, `kg/rules.py`) by `python -m kg.rules > ontology/rules.md`;
`tests/test_rules.py` fails when this file and the registry disagree. Do not edit it by hand.

"""


def rules_markdown() -> str:
    """The whole of ``ontology/rules.md``: an explanation and :func:`markdown_table`."""
    return _DOC_HEAD + markdown_table()


if __name__ == "__main__":
    import sys

    sys.stdout.write(rules_markdown())
