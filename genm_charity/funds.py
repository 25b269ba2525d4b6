"""Partner funds: the organisations the money goes to."""
from django.core.exceptions import ValidationError

from .data import FundData
from .errors import CharityRequestError
from .models import Fund


def fund_data(fund):
    return FundData(slug=fund.slug, name=fund.name, description=fund.description, website=fund.website)


def list_funds():
    """The active partner funds, in name order, as the public may see them."""
    return tuple(fund_data(fund) for fund in
                 Fund.objects.filter(is_active=True).only("slug", "name", "description", "website"))


def add(slug, name, description="", website=""):
    """Register a partner fund (or return the one with this slug unchanged)."""
    fund = Fund.objects.filter(slug=slug).first()
    if fund is None:
        fund = Fund(slug=slug, name=name, description=description, website=website)
        try:
            fund.full_clean()
        except ValidationError as exc:
            raise CharityRequestError(exc.message_dict) from exc
        fund.save()
    return fund_data(fund)
