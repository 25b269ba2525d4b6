"""Seed the demo: course staff, a juror, three learners of different ages and regions, and a living gallery.

The gallery gets works from more learners, made on the spot (Pillow drawings, synthesized tunes), handed in through
the same API the blocks use: most approved and liked, two waiting for moderation, one reported.

Run from the repository root: ``DJANGO_SETTINGS_MODULE=genm_demo.settings python scripts/seed_demo.py``.
Safe to run again: everything is created once and brought back to the documented state.
"""
import contextlib
import datetime
import io
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "genm_demo.settings")

import django

django.setup()

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from workbench.runtime import WorkbenchRuntime
from workbench.scenarios import SCENARIOS, get_scenarios, init_scenarios

from genm_charity import api as charity
from genm_demo.artwork import drawing, tune
from genm_demo.services import DEMO_COURSE_ID, JUROR_GROUP, anonymous_id_for
from genm_xblocks import api

# username, first name, last name, is course staff, is juror, (age group, region, nickname) or None
PEOPLE = [
    ("staff", "Ольга", "Викторовна", True, False, None),
    ("juror", "Игорь", "Павлов", False, True, None),
    ("masha", "Мария", "Иванова", False, False, ("6-9", "RU-MOW", "Маша")),
    ("timur", "Тимур", "Галиев", False, False, ("10-13", "RU-TA", "Тимур_К")),
    ("alyona", "Алёна", "Смирнова", False, False, ("14-18", "RU-SVE", "")),
]


# username, first name, age group, region, nickname, title, and what they made
ARTISTS = [
    ("sonya", "Соня", "6-9", "RU-SPE", "Сонечка", "Амурский тигр на прогулке", "picture"),
    ("artem", "Артём", "10-13", "RU-KDA", "Тёма", "Летняя песенка", "tune"),
    ("liza", "Лиза", "14-18", "RU-NVS", "", "Снежный барс в горах", "picture"),
    ("danil", "Данил", "10-13", "RU-BA", "Данила_М", "Дальневосточный леопард", "picture"),
    ("vika", "Вика", "14-18", "RU-PRI", "Ви", "Песня о море", "tune"),
    ("misha", "Миша", "6-9", "RU-TA", "Мишутка", "Зубр в лесу", "picture"),
    ("polina", "Полина", "14-18", "RU-MOW", "", "Белый медведь", "picture"),
    ("egor", "Егор", "10-13", "RU-SVE", "Гоша", "Журавли улетают", "picture"),
    ("nastya", "Настя", "14-18", "RU-KYA", "Ася", "Колыбельная для ёжика", "tune"),
    ("kostya", "Костя", "10-13", "RU-ROS", "", "Сайгак в степи", "picture"),
]
PENDING = {"egor", "kostya"}  # handed in, waiting for a moderator
CONSENT = {"guardian_name": "Родитель (демо)", "given_on": "2026-09-01", "agreed": True}


# first name, age, what the money pays for, goal in rubles (small, so the demo shows a goal reached and one filling)
CAMPAIGNS = [
    ("Варя", 6, "операция на сердце", 1_200),
    ("Илья", 9, "курс реабилитации после травмы", 2_000),
    ("Ксюша", 4, "слуховые аппараты", 20_000),
]


def seed_charity():
    """The partner fund with a queue of children, purses for last and this month, and the default rules."""
    charity.add_fund("sistema", "Благотворительный фонд «Система»",
                     "Оплачивает операции, лечение и реабилитацию детей.", "https://bf.sistema.ru")
    if charity.get_rules() is None:
        charity.load_rules_file(Path(charity.__file__).parent / "default_rules.yaml")
    first = timezone.localdate().replace(day=1)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    for starts_on, ends_on in ((previous, first - datetime.timedelta(days=1)),
                               (first, following - datetime.timedelta(days=1))):
        with contextlib.suppress(charity.CharityRequestError):  # seeded before
            charity.add_purse(f"{starts_on:%m.%Y}", starts_on, ends_on, 1_000_000)  # 10,000 ₽ a month
    if charity.active_campaign() is None:
        for name, age, purpose, rubles in CAMPAIGNS:
            charity.add_campaign("sistema", name, purpose, rubles * 100, beneficiary_age=age,
                                 story=f"{name} ждёт помощи. Каждое ваше действие на платформе приближает её.")


def seed_charity_activity(users):
    """A month of learners' activity (completed blocks, solved problems, watched videos), the same on every run."""
    rng = random.Random(2026)
    now = timezone.now()
    kinds = ["block_completed", "block_completed", "problem_solved", "video_completed"]
    charity.record_activities(
        charity.Activity.of(kind, user.pk, DEMO_COURSE_ID, now - datetime.timedelta(days=day, minutes=n),
                            user.pk, f"demo-{day}-{n}")
        for user in users for day in range(30) for n in range(rng.randrange(2, 9))
        for kind in [rng.choice(kinds)])


def seed():
    """Create or refresh every demo identity and the gallery; returns the usernames."""
    jurors, _created = Group.objects.get_or_create(name=JUROR_GROUP)
    password = os.environ.get("GENM_DEMO_PASSWORD")
    for username, first, last, is_staff, is_juror, profile in PEOPLE:
        user, _created = get_user_model().objects.update_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "is_staff": is_staff, "is_superuser": is_staff,
                      "email": f"{username}@demo.invalid"},
        )
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        if is_juror:
            user.groups.add(jurors)
        if profile:
            age_group, region, nickname = profile
            api.save_profile(user, age_group, region, nickname)
    seed_charity()
    seed_gallery(password)
    seed_charity_activity(get_user_model().objects.filter(is_staff=False).order_by("pk"))
    return [person[0] for person in PEOPLE] + [artist[0] for artist in ARTISTS]


def creative_blocks():
    """The CreativeWork blocks of the workbench's scenarios, by the kind of work they take.

    Scenarios are loaded as the server loads them at start, so usage ids match the server's; they are loaded again
    only if their blocks are gone (a database reset under a running process).
    """
    for load in (get_scenarios, init_scenarios):
        load()
        runtime = WorkbenchRuntime("staff")
        blocks = {}
        for scenario in SCENARIOS.values():
            for child in getattr(runtime.get_block(scenario.usage_id), "children", ()):
                block = runtime.get_block(child)
                if block.scope_ids.block_type == "genm_creative_work":
                    for kind in block.kinds:
                        blocks.setdefault(kind, block)
        if {"image", "audio"} <= set(blocks):
            return blocks
    raise RuntimeError("the workbench has no CreativeWork scenarios for pictures and sound")


def seed_gallery(password):
    """Hand in, approve and like the artists' works; a work already handed in is left as it is."""
    blocks = creative_blocks()
    staff = get_user_model().objects.get(username="staff")
    users = {}
    for index, (username, first, age_group, region, nickname, title, made) in enumerate(ARTISTS):
        user, _created = get_user_model().objects.update_or_create(
            username=username, defaults={"first_name": first, "last_name": "Демо", "email": f"{username}@demo.invalid"})
        if password:
            user.set_password(password)
            user.save()
        users[username] = user
        api.save_profile(user, age_group, region, nickname)
        if api.active_consent(user.pk) is None and api.get_profile(user).needs_guardian_consent:
            api.give_consent(user, **CONSENT)
        block = blocks["audio" if made == "tune" else "image"]
        context = block.context()
        if api.get_work(user, context.block_key) is not None:
            continue
        api.save_draft(user, context, title, f"{title}. Работа участника демо.", True)
        if made == "tune":
            api.add_file(user, context, io.BytesIO(tune(index)), "song.wav")
            api.add_file(user, context, io.BytesIO(drawing(index + 100)), "cover.png")
        else:
            api.add_file(user, context, io.BytesIO(drawing(index)), "drawing.png")
        item = api.StudentItem(student_id=anonymous_id_for(user, DEMO_COURSE_ID), course_id=context.course_key,
                               item_id=context.block_key)
        work = api.submit_work(user, context, item)
        if username not in PENDING:
            api.approve(work.uuid, api.GalleryFilters(course_key=context.course_key), staff)
    published = [w for w in (api.get_work(u, blocks["image"].context().block_key)
                             or api.get_work(u, blocks["audio"].context().block_key) for u in users.values())
                 if w is not None and w.status == api.WorkStatus.PUBLISHED]
    for position, work in enumerate(published):
        for liker in list(users.values())[: (position * 3) % len(users) + 1]:
            if liker.pk != work.user_id:
                api.like(liker, work.uuid, work.course_key)
    if published:
        reporter = users["sonya"] if published[-1].user_id != users["sonya"].pk else users["liza"]
        api.report_work(reporter, published[-1].uuid, published[-1].course_key, "copied", "Похоже на открытку")


if __name__ == "__main__":
    print("Demo people:", ", ".join(seed()))
