"""A per-account budget of actions per hour, kept in Django's cache (Redis in production)."""
import time

from django.core.cache import cache


def spend(action, user_id, per_hour):
    """Count one action; False when the account has already spent ``per_hour`` of them in this hour."""
    window = int(time.time() // 3600)
    key = f"genm:rate:{action}:{user_id}:{window}"
    cache.add(key, 0, timeout=3600)
    try:
        used = cache.incr(key)
    except ValueError:  # the key expired between add and incr: this is the first action of a new window
        cache.set(key, 1, timeout=3600)
        used = 1
    return used <= per_hour
