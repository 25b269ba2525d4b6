"""Fixtures for the charity app: a fund with a queue of campaigns, a purse, active rules, and actions to record."""
import datetime

import pytest

from genm_charity import api
from tests.genm_charity.factories import RULES


@pytest.fixture
def fund(db):
    return api.add_fund("sistema", "Фонд «Система»", "Операции детям")


@pytest.fixture
def rules_file(tmp_path):
    def write(text=RULES, name="rules.yaml"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def rules(fund, rules_file):
    """The test rules, loaded from YAML and active: one point is 50 kopecks."""
    return api.load_rules_file(rules_file())


@pytest.fixture
def purse(db):
    """December 2026: 1,000 ₽."""
    return api.add_purse("Декабрь 2026", datetime.date(2026, 12, 1), datetime.date(2026, 12, 31), 100_000)


@pytest.fixture
def campaigns(fund):
    """Three children in the queue: 100 ₽, 50 ₽ and 1,000 ₽; their ids in queue order."""
    return [
        api.add_campaign("sistema", "Маша", "операция на сердце", 10_000, beneficiary_age=7,
                         story="Маше нужна помощь."),
        api.add_campaign("sistema", "Петя", "курс реабилитации", 5_000, beneficiary_age=11),
        api.add_campaign("sistema", "Аня", "слуховой аппарат", 100_000, beneficiary_age=5),
    ]


@pytest.fixture
def charity(rules, purse, campaigns):
    """Everything the ledger needs to count money: active rules, December's purse and the campaign queue."""
    return campaigns

