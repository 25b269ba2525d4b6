"""
The public interface of the charity app: every other module imports from here and nowhere else in this package.

Functions return the frozen data classes of ``data.py``, never models.
"""
from .data import FundData
from .models import Fund

__all__ = ["FundData", "list_funds"]


def list_funds():
    """The active partner funds, in name order, as the public may see them."""
    return tuple(
        FundData(slug=fund.slug, name=fund.name, description=fund.description, website=fund.website)
        for fund in Fund.objects.filter(is_active=True).only("slug", "name", "description", "website")
    )
