"""kg sample and kg agreement: a stratified coding sheet, precision with Wilson intervals, kappa and alpha."""

from __future__ import annotations

import csv
import io
import json
import random

import pytest

from kg.coding import JUDGEMENTS, SHEET_COLUMNS, agreement, allocate, cohen_kappa, sample_rows, wilson
from kg.errors import InputError


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    from kg.api import build

    out = tmp_path_factory.mktemp("sample")
    build(out_dir=out, cache=None)
    return out / "graph.ttl"


def test_sample_is_stratified_seeded_and_has_sentences(graph_file):
    from kg.tables import collector_of

    c = collector_of(graph_file)
    rows = sample_rows(c, n=30, seed=1)
    assert len(rows) == 30
    assert rows == sample_rows(c, n=30, seed=1)
    assert rows != sample_rows(c, n=30, seed=2)
    strata = {(r["kind"], r["stratum"]) for r in rows}
    assert {k for k, _ in strata} == {"entity", "relation"}
    assert len({s for k, s in strata if k == "entity"}) >= 3  # several types, not only the largest
    assert all(r["sentence"] for r in rows) and len({r["item"] for r in rows}) == 30


def test_cli_sample_writes_a_sheet(graph_file, tmp_path):
    from kg.cli import main

    out = tmp_path / "coding.csv"
    assert main(["sample", str(graph_file), "--n", "12", "--seed", "1", "--out", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 12 and list(rows[0]) == list(SHEET_COLUMNS)
    assert all(r["judgement"] == "" for r in rows)


def test_allocation_is_proportional_with_one_per_stratum():
    assert allocate([50, 30, 20], 10) == [5, 3, 2]
    assert sum(allocate([7, 1, 1, 1], 5)) == 5 and min(allocate([7, 1, 1, 1], 5)) == 1
    assert allocate([2, 2], 0) == [0, 0]


def fill(path, rows, judgements):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=SHEET_COLUMNS, lineterminator="\n")
    w.writeheader()
    for r, j in zip(rows, judgements, strict=True):
        w.writerow({**{c: r.get(c, "") for c in SHEET_COLUMNS}, "judgement": j})
    path.write_text(buf.getvalue(), encoding="utf-8")


def simulated_coders(graph_file, tmp_path, coders: int, seed: int = 3):
    """Coders who agree with a hidden truth 80 % of the time."""
    from kg.tables import collector_of

    rows = sample_rows(collector_of(graph_file), n=40, seed=1)
    rng = random.Random(seed)
    truth = [rng.choices(JUDGEMENTS, weights=(6, 2, 1, 1))[0] for _ in rows]
    sheets, paths = [], []
    for k in range(coders):
        js = [t if rng.random() < 0.8 else rng.choice(JUDGEMENTS) for t in truth]
        p = tmp_path / f"coder{k}.csv"
        fill(p, rows, js)
        sheets.append(js)
        paths.append(p)
    return rows, sheets, paths


def test_kappa_matches_scikit_learn(graph_file, tmp_path):
    sklearn = pytest.importorskip("sklearn.metrics")
    _, (a, b), paths = simulated_coders(graph_file, tmp_path, 2)
    report = agreement(paths)
    assert report["kappa"] == round(sklearn.cohen_kappa_score(a, b), 4)
    assert report["alpha"] is None and report["paired"] == 40


def test_alpha_for_three_coders_and_precision_intervals(graph_file, tmp_path):
    import krippendorff
    import numpy as np

    rows, sheets, paths = simulated_coders(graph_file, tmp_path, 3)
    report = agreement(paths)
    codes = {j: i for i, j in enumerate(JUDGEMENTS)}
    expected = krippendorff.alpha(reliability_data=np.array([[codes[j] for j in s] for s in sheets], dtype=float),
                                  level_of_measurement="nominal")
    assert report["alpha"] == round(float(expected), 4) and report["kappa"] is None
    # precision per stratum from the majority judgement
    for stratum, r in report["precision"].items():
        idx = [i for i, row in enumerate(rows) if row["stratum"] == stratum]
        votes = [[s[i] for s in sheets] for i in idx]
        correct = sum(1 for v in votes if max(set(v), key=lambda j: (v.count(j), -v.index(j))) == "correct")
        assert (r["n"], r["correct"]) == (len(idx), correct)
        assert r["low"] <= r["precision"] <= r["high"]


def test_identical_coders_agree_perfectly(graph_file, tmp_path):
    _, (a, _), paths = simulated_coders(graph_file, tmp_path, 2)
    from kg.tables import collector_of

    rows = sample_rows(collector_of(graph_file), n=40, seed=1)
    fill(paths[1], rows, a)
    assert agreement(paths)["kappa"] == 1.0


def test_cli_agreement_json(graph_file, tmp_path, capsys):
    from kg.cli import main

    _, _, paths = simulated_coders(graph_file, tmp_path, 2)
    assert main(["agreement", *map(str, paths), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert isinstance(report["kappa"], float) and "precision" in report
    assert main(["agreement", *map(str, paths)]) == 0
    assert "Cohen's kappa" in capsys.readouterr().out


def test_bad_judgement_is_a_one_line_error(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("item,stratum,judgement\nE x,Law,maybe\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2: judgement 'maybe'"):
        agreement([p])


def test_wilson_and_kappa_known_values():
    assert [round(x, 4) for x in wilson(0, 10)] == [0.0, 0.2775]
    assert wilson(0, 0) == (0.0, 1.0)
    assert cohen_kappa(["a", "b"], ["a", "b"]) == 1.0
