"""The admin pages open for a superuser and keep learners' evidence read-only."""
import pytest
from django.urls import reverse

from genm_xblocks.models import ModerationDecision, Report, Work

PAGES = ["work", "workfile", "moderationdecision", "report", "guardianconsent", "like", "workexport",
         "participantprofile"]


@pytest.fixture
def admin_client(client, make_user, people, publish, workbench, gallery):
    work_id = publish("alyona", "Закат")
    workbench.post(gallery, "report", "masha", {"work_id": work_id, "category": "copied"})
    superuser = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    return client


@pytest.mark.parametrize("model", [name for name in PAGES if name != "workfile"])
def test_every_changelist_opens(admin_client, model):
    response = admin_client.get(reverse(f"admin:genm_xblocks_{model}_changelist"))
    assert response.status_code == 200


def test_a_work_page_shows_its_files_and_decisions_read_only(admin_client):
    work = Work.objects.get(title="Закат")
    page = admin_client.get(reverse("admin:genm_xblocks_work_change", args=[work.pk])).content.decode()
    assert "art.png" in page and "approve" in page
    assert admin_client.post(reverse("admin:genm_xblocks_work_change", args=[work.pk]), {"title": "x"}).status_code \
        == 403
    assert Work.objects.get(pk=work.pk).title == "Закат"


def test_evidence_cannot_be_added_by_hand(admin_client):
    for model in ("moderationdecision", "report", "guardianconsent"):
        assert admin_client.get(reverse(f"admin:genm_xblocks_{model}_add")).status_code == 403
    assert ModerationDecision.objects.count() == 1 and Report.objects.count() == 1
