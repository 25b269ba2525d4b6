"""One process of the like storm: many accounts liking and un-liking the same works as fast as they can.

Run by tests/integration/test_gallery_concurrency.py as ``python -m tests.integration.like_storm SEED ROUNDS``
with the integration settings and the test database in the environment; prints one JSON line of what it did.
"""
import json
import random
import sys

import django


def main(seed, rounds):
    django.setup()
    from django.conf import settings  # pylint: disable=import-outside-toplevel
    from django.contrib.auth import get_user_model  # pylint: disable=import-outside-toplevel

    from genm_xblocks import api  # pylint: disable=import-outside-toplevel

    settings.GENM_LIKES_PER_HOUR = 10**9  # the storm tests exactness, not the rate limit (read at call time)
    rng = random.Random(seed)
    users = list(get_user_model().objects.filter(username__startswith="storm").order_by("pk"))
    works = list(api.gallery_page(api.GalleryFilters(course_key="storm"), limit=100).cards)
    done = {"likes": 0, "unlikes": 0, "errors": []}
    for _ in range(rounds):
        user, work = rng.choice(users), rng.choice(works)
        try:
            if rng.random() < 0.6:
                api.like(user, work.uuid, "storm")
                done["likes"] += 1
            else:
                api.unlike(user, work.uuid, "storm")
                done["unlikes"] += 1
        except Exception as error:  # every failure is reported to the test, which fails on any
            done["errors"].append(repr(error))
    print(json.dumps(done))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
