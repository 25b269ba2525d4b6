"""Partner funds: what the public may see of them."""
import pytest
from django.core.cache import cache

from genm_charity import api
from genm_charity.models import Fund

URL = "/api/genm/v1/funds/"


@pytest.fixture
def funds(db):
    cache.clear()
    Fund.objects.create(slug="sistema", name="Фонд «Система»", description="Операции детям", website="https://x.invalid")
    Fund.objects.create(slug="arfa", name="Арфа", description="")
    Fund.objects.create(slug="closed", name="Бывший партнёр", is_active=False)


def test_only_active_funds_are_listed_in_name_order(funds):
    assert [fund.slug for fund in api.list_funds()] == ["arfa", "sistema"]
    assert api.list_funds()[1] == api.FundData(
        slug="sistema", name="Фонд «Система»", description="Операции детям", website="https://x.invalid"
    )


def test_anyone_may_read_the_public_list(client, funds):
    response = client.get(URL)
    assert response.status_code == 200
    assert [fund["slug"] for fund in response.json()["results"]] == ["arfa", "sistema"]


def test_the_public_list_is_cached_for_the_configured_time(client, funds, settings):
    settings.GENM_CHARITY_PUBLIC_CACHE_SECONDS = 60
    assert len(client.get(URL).json()["results"]) == 2
    Fund.objects.filter(slug="closed").update(is_active=True)
    assert len(client.get(URL).json()["results"]) == 2
    settings.GENM_CHARITY_PUBLIC_CACHE_SECONDS = 0
    assert len(client.get(URL).json()["results"]) == 3


def test_writes_are_not_allowed(client, funds):
    assert client.post(URL, {"slug": "x", "name": "x"}).status_code == 405
