"""Filters of the report pages: snapshot numbers (text with a dot) shown in the active language's format."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def angka(nilai, desimal=None):
    """``"107.14"`` → ``107,14`` (Indonesian) / ``107.14`` (English); ``"< 5"`` stays; ``None`` → ``—``."""
    if nilai is None or nilai == "":
        return "—"
    if isinstance(nilai, bool) or not isinstance(nilai, int | float | str | Decimal):
        return nilai
    try:
        d = Decimal(str(nilai))
    except InvalidOperation:
        return nilai
    pos = int(desimal) if desimal is not None else (0 if d == d.to_integral_value() and "." not in str(nilai) else 2)
    return number_format(d, decimal_pos=pos, use_l10n=True, force_grouping=True)


@register.filter
def ambil(kamus, kunci):
    """``{{ dict|ambil:key }}``."""
    try:
        return kamus.get(kunci)
    except AttributeError:
        return None
