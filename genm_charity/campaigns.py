"""A fund's campaign queue: one goal at a time, and money past a goal flows on to the next goal, to the kopeck.

The queue is the fund's open campaigns in (position, id) order; the first one that has started and not ended is
the active one. Reading it here is only ever done by the ledger, under the ledger's lock, so what it hands out
is never handed out twice.
"""
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _

from .errors import CharityConflictError, CharityNotFoundError, CharityRequestError
from .models import Campaign, Fund, Tally


def campaign_scope(campaign_id):
    return f"campaign:{campaign_id}"


@dataclass
class _Slot:
    campaign_id: int
    remaining: int


@dataclass
class Queue:
    """The open campaigns of one fund at one moment, with what each still needs; ``allocate`` spends from it."""

    slots: list[_Slot]
    funded: list[int] = field(default_factory=list)
    expired: list[int] = field(default_factory=list)

    @classmethod
    def load(cls, fund_id, now):
        """The fund's queue as the ledger sees it now; campaigns whose end has passed are set aside to close."""
        if fund_id is None:
            return cls(slots=[])
        campaigns = list(Campaign.objects.filter(fund_id=fund_id, status=Campaign.Status.OPEN)
                         .order_by("position", "id").values_list("pk", "goal_kopecks", "starts_at", "ends_at"))
        raised = dict(Tally.objects.filter(scope__in=[campaign_scope(pk) for pk, *_rest in campaigns])
                      .values_list("scope", "kopecks"))
        queue = cls(slots=[])
        for pk, goal, starts_at, ends_at in campaigns:
            remaining = goal - raised.get(campaign_scope(pk), 0)
            if remaining <= 0:  # an operator lowered the goal below what was raised: it is reached
                queue.funded.append(pk)
            elif ends_at is not None and ends_at <= now:
                queue.expired.append(pk)
            elif starts_at is None or starts_at <= now:
                queue.slots.append(_Slot(pk, remaining))
        return queue

    def allocate(self, kopecks):
        """
        Split ``kopecks`` over the queue: [(campaign_id, part), ...]; whatever no open campaign can take comes back
        as (None, rest), which stays with the fund.
        """
        parts = []
        while kopecks > 0 and self.slots:
            slot = self.slots[0]
            take = min(kopecks, slot.remaining)
            parts.append((slot.campaign_id, take))
            slot.remaining -= take
            kopecks -= take
            if slot.remaining == 0:
                self.funded.append(slot.campaign_id)
                self.slots.pop(0)
        if kopecks > 0:
            parts.append((None, kopecks))
        return parts


def settle(queue, now):
    """Write what the allocations decided: funded campaigns get their date, expired ones close."""
    if queue.funded:
        Campaign.objects.filter(pk__in=queue.funded, status=Campaign.Status.OPEN).update(
            status=Campaign.Status.FUNDED, funded_at=now)
    if queue.expired:
        Campaign.objects.filter(pk__in=queue.expired, status=Campaign.Status.OPEN).update(
            status=Campaign.Status.CLOSED)


def add(fund_slug, beneficiary_name, purpose, goal_kopecks, position=None, beneficiary_age=None, story="",
        starts_at=None, ends_at=None):
    """Put a new campaign at the end of the fund's queue (or at ``position``); returns its id."""
    fund = Fund.objects.filter(slug=fund_slug).first()
    if fund is None:
        raise CharityNotFoundError(_("There is no fund %(slug)r.") % {"slug": fund_slug})
    if position is None:
        position = (Campaign.objects.filter(fund=fund).aggregate(top=Max("position"))["top"] or 0) + 1
    campaign = Campaign(fund=fund, beneficiary_name=beneficiary_name, purpose=purpose, goal_kopecks=goal_kopecks,
                        position=position, beneficiary_age=beneficiary_age, story=story, starts_at=starts_at,
                        ends_at=ends_at)
    try:
        campaign.full_clean()
    except ValidationError as exc:
        raise CharityRequestError(exc.message_dict) from exc
    campaign.save()
    return campaign.pk


def close(campaign_id):
    """Take an open campaign out of the queue before its goal (the fund raised the rest elsewhere)."""
    from .ledger import locked  # pylint: disable=import-outside-toplevel  (the ledger imports this module)

    with locked():
        closed = Campaign.objects.filter(pk=campaign_id, status=Campaign.Status.OPEN).update(
            status=Campaign.Status.CLOSED)
    if not closed:
        raise CharityConflictError(_("Only an open campaign can be closed."))
