"""The embedded demo: the workbench home page, its LMS-like user service and the seeded people."""
import importlib.util
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from workbench.runtime import WorkbenchRuntime

from genm_demo.services import DEMO_COURSE_ID, anonymous_id_for
from genm_xblocks import api
from genm_xblocks.models import ParticipantProfile

ROOT = Path(__file__).resolve().parents[1]


def load_seed():
    spec = importlib.util.spec_from_file_location("seed_demo", ROOT / "scripts" / "seed_demo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.seed


@pytest.mark.django_db
def test_home_page_lists_scenarios(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"/scenario/" in response.content


def current_user(student_id):
    return WorkbenchRuntime(student_id)._services["user"].get_current_user()  # pylint: disable=protected-access


@pytest.mark.django_db
def test_the_user_service_answers_like_the_lms(staff, learner):
    attrs = current_user("staff").opt_attrs
    assert attrs["edx-platform.user_id"] == staff.pk
    assert attrs["edx-platform.username"] == "staff"
    assert attrs["edx-platform.user_is_staff"] is True
    assert attrs["edx-platform.anonymous_user_id"] == anonymous_id_for(staff, DEMO_COURSE_ID)
    learner_user = current_user("learner")
    assert learner_user.opt_attrs["edx-platform.user_is_staff"] is False
    assert learner_user.opt_attrs["edx-platform.user_role"] == "student"
    assert learner_user.full_name == "Вера Петрова"
    assert learner_user.emails == ["vera@example.invalid"]


@pytest.mark.django_db
def test_an_unknown_student_id_becomes_a_new_learner():
    attrs = current_user("newcomer").opt_attrs
    assert attrs["edx-platform.is_authenticated"] is True
    assert get_user_model().objects.get(username="newcomer").pk == attrs["edx-platform.user_id"]


@pytest.mark.django_db
@pytest.mark.parametrize("student_id", ["anonymous", "none", ""])
def test_anonymous_visitors_have_no_user_id(student_id):
    attrs = current_user(student_id).opt_attrs
    assert attrs["edx-platform.is_authenticated"] is False
    assert attrs["edx-platform.user_id"] is None


@pytest.mark.django_db
def test_only_staff_can_map_usernames_to_anonymous_ids(staff, learner):
    staff_service = WorkbenchRuntime("staff")._services["user"]  # pylint: disable=protected-access
    learner_service = WorkbenchRuntime("learner")._services["user"]  # pylint: disable=protected-access
    anonymous_id = staff_service.get_anonymous_user_id("learner", DEMO_COURSE_ID)
    assert anonymous_id == anonymous_id_for(learner, DEMO_COURSE_ID)
    assert learner_service.get_anonymous_user_id("staff", DEMO_COURSE_ID) is None
    assert staff_service.get_user_by_anonymous_id(anonymous_id) == learner
    assert staff_service.get_user_by_anonymous_id("0" * 32) is None


@pytest.mark.django_db(transaction=True)  # the seed commits as make demo does, so uploads get processed
def test_seeding_twice_gives_the_documented_people_and_a_living_gallery_once():
    from genm_xblocks.models import Like, Report, Work

    seed = load_seed()
    seed()
    seed()
    users = get_user_model().objects
    assert {"staff", "juror", "masha", "timur", "alyona"} <= set(users.values_list("username", flat=True))
    assert users.get(username="staff").is_staff
    assert users.get(username="juror").groups.filter(name="genm_jurors").exists()
    ages = {api.get_profile(users.get(username=name)).age_group for name in ("masha", "timur", "alyona")}
    assert ages == {"6-9", "10-13", "14-18"}
    assert api.get_profile(users.get(username="alyona")).public_name == "Алёна С."
    assert not users.get(username="masha").has_usable_password()
    assert Work.objects.filter(status="published").count() == 8
    assert Work.objects.filter(status="in_review").count() == 2
    assert Work.objects.filter(files__kind="audio").distinct().count() == 3
    assert Work.objects.filter(status="published", cover__isnull=False).count() == 8
    assert Like.objects.count() > 8 and Report.objects.count() == 1
    assert ParticipantProfile.objects.count() == 13
