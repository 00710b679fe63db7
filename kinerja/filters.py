"""Query-string filter pieces every app's API shares (django-filter)."""

from django import forms
from django_filters import rest_framework as filters


class IdFilter(filters.NumberFilter):
    """An id: a whole number (a text or a fraction is a 400 with a clear message, not a silent empty list).

    Declare it with ``field_name=`` where it filters one column (the schema then takes the column's type), or with
    ``method=`` whose ``value: int`` hint gives the OpenAPI schema its integer type where the filter does more."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        # An id beyond the database's BIGINT is a 400 too, not an OverflowError (500) in the query.
        kwargs.setdefault("max_value", 2**63 - 1)
        kwargs.setdefault("min_value", -(2**63))
        super().__init__(*args, **kwargs)
