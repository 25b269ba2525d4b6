"""The charity app's settings: defaults, production normalisation, and refusals of nonsense."""
import sys
import types

import pytest
from django.core.exceptions import ImproperlyConfigured
from edx_django_utils.plugins import add_plugins


@pytest.fixture
def settings_module():
    module = types.ModuleType("genm_fake_charity_envs")
    sys.modules[module.__name__] = module
    yield module
    del sys.modules[module.__name__]


def test_common_settings_give_every_default(settings_module):
    add_plugins(settings_module.__name__, "lms.djangoapp", "common")
    assert settings_module.GENM_CHARITY_TIME_ZONE == "Europe/Moscow"
    assert settings_module.GENM_CHARITY_BATCH_SIZE == 1000
    assert settings_module.GENM_CHARITY_RULES_FILE == ""
    assert "genm_charity" in settings_module.EVENT_TRACKING_BACKENDS


def test_production_settings_normalise_yaml_values(settings_module):
    settings_module.GENM_CHARITY_BATCH_SIZE = "500"
    settings_module.GENM_CHARITY_RULES_FILE = None
    add_plugins(settings_module.__name__, "lms.djangoapp", "production")
    assert settings_module.GENM_CHARITY_BATCH_SIZE == 500
    assert settings_module.GENM_CHARITY_RULES_FILE == ""


@pytest.mark.parametrize(("name", "value", "message"), [
    ("GENM_CHARITY_BATCH_SIZE", "lots", "GENM_CHARITY_BATCH_SIZE must be a whole number"),
    ("GENM_CHARITY_BATCH_SIZE", 0, "GENM_CHARITY_BATCH_SIZE cannot be less than 1"),
    ("GENM_CHARITY_TIME_ZONE", "Mars/Olympus", "GENM_CHARITY_TIME_ZONE must name a time zone"),
])
def test_production_settings_refuse_nonsense(settings_module, name, value, message):
    setattr(settings_module, name, value)
    with pytest.raises(ImproperlyConfigured, match=message):
        add_plugins(settings_module.__name__, "lms.djangoapp", "production")
