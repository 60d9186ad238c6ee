"""IRIs are minted from stable keys, never from raw labels."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg import ids


@given(st.text(min_size=1))
def test_ids_entity_iri_is_safe_for_any_name(name):
    iri = str(ids.entity_iri(ids.entity_key("Law", name)))
    assert iri.startswith("https://w3id.org/policy-kg/id/law/")
    assert all(c.isalnum() or c in ":/.-_" for c in iri)


def test_ids_same_key_same_iri_and_quotes_do_not_matter():
    a = ids.entity_iri(ids.entity_key("Project", "“剑网”专项行动"))
    b = ids.entity_iri(ids.entity_key("Project", "剑网专项行动"))
    assert a == b
    assert a != ids.entity_iri(ids.entity_key("Law", "剑网专项行动"))


def test_ids_dates_are_readable():
    assert str(ids.entity_iri("Date:2017-03-01")).endswith("/date/2017-03-01")
    assert str(ids.entity_iri("Date:2016/2020")).endswith("/date/2016_2020")
