"""The public gallery: published works of a course, filtered and sorted, paged by keyset (never OFFSET).

Each order has its own index (see ``Work.Meta``), so the last page of 67,000 works costs what the first does, and a
page stays correct while new works are published: the cursor names the last card seen, not a position.
"""
import base64
import datetime
import json

from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .data import AgeGroup, GalleryCard, GalleryPage, GallerySort
from .errors import GenmNotFoundError, GenmRequestError
from .models import Like, Work
from .snapshots import file_data, work_data
from .works import parse_uuid

PAGE_SIZE = 24
FACETS_CACHE_SECONDS = 300

# sort -> the columns it orders by, all descending, the primary key last to make every position unique
ORDERS = {
    GallerySort.NEWEST: ("published_at", "id"),
    GallerySort.MOST_LIKED: ("like_count", "id"),
    GallerySort.WINNERS: ("is_winner", "published_at", "id"),
}


def gallery_page(filters, sort=GallerySort.NEWEST, cursor=None, viewer_id=None, limit=PAGE_SIZE):
    """
    One page of cards, and the cursor of the next page (None on the last one).

    Two queries whatever the page: the cards (with their cover file), and which of them the viewer liked.
    """
    try:
        sort = GallerySort(sort or GallerySort.NEWEST)
    except ValueError as exc:
        raise GenmRequestError({"sort": _("Choose how to sort the gallery.")}) from exc
    columns = ORDERS[sort]
    works = published(filters).select_related("cover").order_by(*(f"-{column}" for column in columns))
    if cursor:
        works = works.filter(_after(columns, _decode(cursor, columns)))
    rows = list(works[: limit + 1])
    more, rows = len(rows) > limit, rows[:limit]
    liked = frozenset()
    if viewer_id is not None and rows:
        ids = {row.pk: str(row.uuid) for row in rows}
        liked = frozenset(ids[pk] for pk in Like.objects.filter(user_id=viewer_id, work_id__in=ids)
                          .values_list("work_id", flat=True))
    next_cursor = _encode([getattr(rows[-1], column) for column in columns]) if more else None
    return GalleryPage(cards=tuple(_card(row) for row in rows), next_cursor=next_cursor, liked=liked)


def gallery_work(work_uuid, filters):
    """A published work with all its files, for the work's own view in the gallery."""
    work = published(filters).filter(uuid=parse_uuid(work_uuid)).prefetch_related("files").first()
    if work is None:
        raise GenmNotFoundError(_("This work is not in the gallery."))
    return work_data(work, files=list(work.files.all()))


def gallery_facets(course_key):
    """The nominations and regions that have published works, for the filter lists (cached: they change slowly)."""
    key = f"genm:gallery:facets:{course_key}"
    facets = cache.get(key)
    if facets is None:
        works = Work.objects.filter(course_key=course_key, status=Work.Status.PUBLISHED)
        facets = {
            "nominations": sorted(set(works.exclude(nomination="").values_list("nomination", flat=True))),
            "regions": sorted(set(works.exclude(region_code="").values_list("region_code", flat=True))),
            "age_groups": [group.value for group in AgeGroup],
        }
        cache.set(key, facets, FACETS_CACHE_SECONDS)
    return facets


def published(filters):
    works = Work.objects.filter(course_key=filters.course_key, status=Work.Status.PUBLISHED)
    if filters.block_keys:
        works = works.filter(block_key__in=filters.block_keys)
    for field in ("nomination", "age_group", "region_code"):
        if value := getattr(filters, field):
            works = works.filter(**{field: value})
    return works


def _after(columns, values):
    """Rows strictly after the cursor in a descending order over ``columns``.

    Written as ``c0 <= v0 AND (c0 < v0 OR (c1 <= v1 AND (c1 < v1 OR ...)))`` rather than an OR of equalities, so
    the database turns the leading column into a range on the order's index on SQLite and MariaDB alike, and a
    deep page reads no more rows than the first.
    """
    column, value = columns[0], values[0]
    if len(columns) == 1:
        return Q(**{f"{column}__lt": value})
    return Q(**{f"{column}__lte": value}) & (Q(**{f"{column}__lt": value}) | _after(columns[1:], values[1:]))


def _encode(values):
    plain = [value.isoformat() if isinstance(value, datetime.datetime) else value for value in values]
    return base64.urlsafe_b64encode(json.dumps(plain, separators=(",", ":")).encode()).decode().rstrip("=")


def _decode(cursor, columns):
    try:
        values = json.loads(base64.urlsafe_b64decode(str(cursor) + "=" * (-len(str(cursor)) % 4)))
        if not isinstance(values, list) or len(values) != len(columns):
            raise ValueError(values)
        return [_typed(column, value) for column, value in zip(columns, values, strict=True)]
    except (ValueError, TypeError) as exc:
        raise GenmRequestError({"cursor": _("This page of the gallery no longer exists. Start again.")}) from exc


def _typed(column, value):
    if column == "published_at":
        return datetime.datetime.fromisoformat(value)
    if column == "is_winner":
        if not isinstance(value, bool):
            raise TypeError(value)
        return value
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(value)
    return value


def _card(work):
    return GalleryCard(
        uuid=str(work.uuid), title=work.title, public_name=work.public_name, age_group=work.age_group,
        region_code=work.region_code, nomination=work.nomination, like_count=work.like_count,
        is_winner=work.is_winner, published_at=work.published_at,
        cover=file_data(work.cover) if work.cover_id else None,
    )
