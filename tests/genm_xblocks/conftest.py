"""Fixtures for the CreativeWork block: a block in the workbench and the people who use it."""
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

BLOCK = "<genm_creative_work kinds='{kinds}' weight=\"10\" {attrs}><prompt><p>Draw!</p></prompt></genm_creative_work>"


@pytest.fixture
def creative_block(workbench):
    """Make a CreativeWork block with extra OLX attributes; returns its usage id."""
    def make(attrs="", kinds=("image", "audio")):
        return workbench.scenario(BLOCK.format(attrs=attrs, kinds=json.dumps(list(kinds))))

    return make


@pytest.fixture
def block(creative_block):
    return creative_block()


@pytest.fixture
def people(make_user):
    """Masha (6-9, needs consent), Alyona (14-18) and course staff."""
    from genm_xblocks import api  # pylint: disable=import-outside-toplevel

    masha = make_user("masha", first_name="Мария", last_name="Иванова")
    api.save_profile(masha, "6-9", "RU-MOW", "Маша")
    alyona = make_user("alyona", first_name="Алёна", last_name="Смирнова")
    api.save_profile(alyona, "14-18", "RU-SVE")
    staff = make_user("staff", is_staff=True)
    return {"masha": masha, "alyona": alyona, "staff": staff}


@pytest.fixture
def upload(workbench):
    def send(block, student, name, content):
        return workbench.post(block, "upload_file", student, multipart={"file": SimpleUploadedFile(name, content)})

    return send


@pytest.fixture
def gallery(workbench):
    """A Gallery block of the workbench course; returns its usage id."""
    return workbench.scenario('<genm_gallery display_name="Галерея"/>')


@pytest.fixture
def hand_in(workbench, block, upload):
    """Hand a work in through the CreativeWork block's handlers, asking for the gallery; returns its id."""
    from tests.samples import picture  # pylint: disable=import-outside-toplevel

    def make(student, title="Работа", gallery_opt_in=True, target=None):
        target = target or block
        workbench.post(target, "save_draft", student, {"title": title, "description": f"Про {title}",
                                                       "gallery_opt_in": gallery_opt_in})
        upload(target, student, "art.png", picture(color=(len(title) % 255, 90, 140)))
        return workbench.post(target, "submit", student).json()["work"]["id"]

    return make


@pytest.fixture
def publish(workbench, gallery, hand_in):
    """Hand a work in and have staff approve it in the gallery; returns its id."""
    def make(student, title="Работа", **kwargs):
        work_id = hand_in(student, title, **kwargs)
        response = workbench.post(gallery, "approve", "staff", {"work_id": work_id})
        assert response.status_code == 200, response.content
        return work_id

    return make
