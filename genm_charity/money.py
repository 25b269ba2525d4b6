"""Money as people read it: integer kopecks shown as rubles in the active language's number format."""
from decimal import Decimal

from django.utils.formats import number_format


def rubles(kopecks):
    """``1234550`` -> "12 345,50 ₽" in Russian, "12,345.50 ₽" in English; whole rubles show no kopecks."""
    kopecks = int(kopecks)
    number = number_format(Decimal(kopecks) / 100, decimal_pos=2 if kopecks % 100 else 0, use_l10n=True,
                           force_grouping=True)
    return f"{number}\u00a0₽"
