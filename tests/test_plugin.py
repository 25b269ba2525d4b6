"""The package plugs into Open edX through the real plugin machinery of edx-django-utils."""
import sys
import types

import pytest
from django.core.exceptions import ImproperlyConfigured
from edx_django_utils.plugins import add_plugins, get_plugin_apps, get_plugin_url_patterns

APPS = {"genm_xblocks.apps.GenmXBlocksConfig", "genm_charity.apps.GenmCharityConfig"}


@pytest.mark.parametrize("project", ["lms.djangoapp", "cms.djangoapp"])
def test_both_apps_are_found_through_the_entry_points(project):
    assert set(get_plugin_apps(project)) >= APPS


@pytest.fixture
def settings_module():
    """A bare settings module, like lms/envs/common.py before the plugins run."""
    module = types.ModuleType("genm_fake_envs")
    sys.modules[module.__name__] = module
    yield module
    del sys.modules[module.__name__]


@pytest.mark.parametrize("project", ["lms.djangoapp", "cms.djangoapp"])
def test_common_settings_are_applied(settings_module, project):
    add_plugins(settings_module.__name__, project, "common")
    assert settings_module.GENM_GUARDIAN_CONSENT_AGE == 14
    assert settings_module.GENM_CHARITY_PUBLIC_CACHE_SECONDS == 60


def test_common_settings_keep_what_the_host_already_set(settings_module):
    settings_module.GENM_GUARDIAN_CONSENT_AGE = 13
    add_plugins(settings_module.__name__, "lms.djangoapp", "common")
    assert settings_module.GENM_GUARDIAN_CONSENT_AGE == 13


def test_production_settings_normalise_yaml_values(settings_module):
    settings_module.GENM_GUARDIAN_CONSENT_AGE = "15"  # YAML from an operator
    settings_module.GENM_CHARITY_PUBLIC_CACHE_SECONDS = "120"
    add_plugins(settings_module.__name__, "lms.djangoapp", "production")
    assert settings_module.GENM_GUARDIAN_CONSENT_AGE == 15
    assert settings_module.GENM_CHARITY_PUBLIC_CACHE_SECONDS == 120


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("GENM_GUARDIAN_CONSENT_AGE", "fourteen", "GENM_GUARDIAN_CONSENT_AGE"),
        ("GENM_MEDIA_LIMITS", {"max_files": "many"}, "max_files"),
        ("GENM_CHARITY_PUBLIC_CACHE_SECONDS", "soon", "GENM_CHARITY_PUBLIC_CACHE_SECONDS"),
        ("GENM_CHARITY_PUBLIC_CACHE_SECONDS", -1, "negative"),
    ],
)
def test_production_settings_refuse_nonsense(settings_module, name, value, message):
    setattr(settings_module, name, value)
    with pytest.raises(ImproperlyConfigured, match=message):
        add_plugins(settings_module.__name__, "lms.djangoapp", "production")


def test_test_settings_switch_the_public_cache_off(settings_module):
    add_plugins(settings_module.__name__, "lms.djangoapp", "test")
    assert settings_module.GENM_CHARITY_PUBLIC_CACHE_SECONDS == 0
    assert settings_module.GENM_GUARDIAN_CONSENT_AGE == 14


def test_lms_mounts_both_apps_urls():
    namespaces = {pattern.namespace for pattern in get_plugin_url_patterns("lms.djangoapp")}
    assert {"genm_xblocks", "genm_charity"} <= namespaces


def test_settings_are_read_at_call_time(settings):
    from genm_xblocks.conf import setting

    settings.GENM_GUARDIAN_CONSENT_AGE = 12
    assert setting("GENM_GUARDIAN_CONSENT_AGE") == 12
    del settings.GENM_GUARDIAN_CONSENT_AGE
    assert setting("GENM_GUARDIAN_CONSENT_AGE") == 14
