"""What the charity tests build their actions and rules from."""
import datetime
import itertools
import textwrap

from genm_charity import api

DECEMBER = datetime.datetime(2026, 12, 10, 9, 0, tzinfo=datetime.UTC)  # noon in Moscow

RULES = textwrap.dedent("""\
    label: "Тестовые правила"
    fund: sistema
    point_value_kopecks: 50
    test_accounts: [qa_bot]
    kinds:
      work_submitted:     {points: 20, daily_cap: 3}
      work_published:     {points: 40, daily_cap: 3}
      like_given:         {points: 1, daily_cap: 3}
      contest_won:        {points: 400}
      course_enrolled:    {points: 4, daily_cap: 5, count_staff: true}
      course_passed:      {points: 100, daily_cap: 2}
      certificate_earned: {points: 100, daily_cap: 2}
      block_completed:    {points: 1, daily_cap: 100}
      problem_solved:     {points: 2, daily_cap: 50}
      video_completed:    {points: 2, daily_cap: 30}
""")

_serial = itertools.count(1)


def act(kind, user_id, *identity, at=DECEMBER, course="course-v1:GenM+Art+2026"):
    """An activity of ``kind`` by ``user_id``; without ``identity`` each call is a new action."""
    return api.Activity.of(kind, user_id, course, at, user_id, *(identity or (f"thing-{next(_serial)}",)))
