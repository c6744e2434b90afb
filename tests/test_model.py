"""The model is the one declaration of the format: types, defaults and each field's visibility."""
from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from pressbook.model import FILE_MODELS, Brief, Client, Influencer, Record, visibility_of
from pressbook.model.types import for_client, for_public
from pressbook.reference import _walk


def test_undeclared_visibility_is_internal() -> None:
    class Sample(Record):
        shown: str = for_public("")
        for_them: str = for_client("")
        secret: str = ""

    assert [visibility_of(Sample, n) for n in ("shown", "for_them", "secret")] == ["public", "client", "internal"]


@pytest.mark.parametrize("model, key, visibility", [
    (Influencer, "name", "public"), (Influencer, "networks.<network>.followers", "public"),
    (Influencer, "networks.<network>.followers_on", "internal"), (Influencer, "tone", "client"),
    (Influencer, "consent.public", "internal"), (Influencer, "rate_card", "internal"),
    (Influencer, "interactions[].summary", "internal"), (Client, "contacts[].email", "client"),
    (Client, "notes", "internal"), (Brief, "roster[].fee", "internal"), (Brief, "roster[].in_kind", "internal"),
    (Brief, "roster[].deliverables[].due", "client"), (Brief, "notes", "internal"), (Brief, "title", "client"),
])
def test_visibility_follows_the_spec(model, key: str, visibility: str) -> None:
    assert {k: v for k, _, v in _walk(model, "")}[key] == visibility


def test_contracts_are_internal_throughout() -> None:
    contract = FILE_MODELS["campaigns/<campaign>/contracts/<influencer>.yml"]
    assert {v for _, _, v in _walk(contract, "")} == {"internal"}


def _brief(**changes):
    base = {"title": "T", "client": "c", "status": "live", "start": "2026-01-01", "end": "2026-02-01"}
    return Brief.model_validate(base | changes)


def test_money_is_decimal_and_rates_are_fractions() -> None:
    brief = _brief(budget=Decimal("1500.10"), kpis={"engagement_rate": "4.5%", "ctr": Decimal("0.012"),
                                                     "cpm": {"amount": 12, "currency": "EUR"}},
                   roster=({"influencer": "a", "fee": 900},))
    assert brief.budget.amount == Decimal("1500.10") and brief.budget.currency is None
    assert brief.kpis.engagement_rate == Decimal("0.045")
    assert brief.kpis.ctr == Decimal("0.012")
    assert brief.kpis.cpm.amount == Decimal(12) and brief.kpis.cpm.currency == "EUR"
    assert isinstance(brief.roster[0].fee.amount, Decimal)


@pytest.mark.parametrize("changes", [
    {"budget": "1500"}, {"kpis": {"engagement_rate": 4.5}}, {"kpis": {"reach": "500k"}},
    {"kpis": {"reech": 3}}, {"age_gated": "yes"}, {"start": "04/03/2026"}, {"approval": "maybe"},
    {"kpis": {"engagement_rate": "250%"}},  # a share above 100 %, written as a percentage too
])
def test_values_are_never_guessed(changes) -> None:
    with pytest.raises(ValidationError):
        _brief(**changes)


def test_a_count_beyond_fifteen_digits_is_refused_as_a_slip() -> None:
    assert _brief(kpis={"reach": 10**15 - 1}).kpis.reach == 10**15 - 1
    with pytest.raises(ValidationError, match="at most 15 digits"):
        _brief(kpis={"reach": 10**15})


def test_models_are_frozen() -> None:
    with pytest.raises(ValidationError):
        _brief().title = "other"  # type: ignore[misc]


@pytest.mark.parametrize("typed, hint", [
    ("ERU", "did you mean 'EUR'?"),                      # two letters side by side swapped
    ("GPB", "did you mean 'GBP'?"),
    ("USX", "did you mean 'UGX', 'USD' or 'USN'?"),     # one letter wrong; not XSU, the ends swapped
    ("QQQ", ""),
])
def test_a_currency_code_no_country_uses_is_refused_with_the_codes_one_slip_away(typed: str, hint: str) -> None:
    from pressbook.model.amounts import CURRENCIES
    from pressbook.validation.suggestions import did_you_mean_code
    with pytest.raises(ValidationError) as refused:
        _brief(budget={"amount": 10, "currency": typed})
    assert [(e["loc"], e["type"]) for e in refused.value.errors()] == [(("budget", "currency"), "currency")]
    assert _brief(budget={"amount": 10, "currency": "EUR"}).budget.currency == "EUR"
    assert str(did_you_mean_code(typed, CURRENCIES) or "") == hint
