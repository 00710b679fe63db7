"""Database helpers every app shares: the constraint that backs a ``TextChoices`` field, and optimistic locking.

Optimistic locking: a row that people edit in forms carries ``versi`` (an integer). A write names the version the
caller read; ``versi_bump`` claims the row with one conditional ``UPDATE ... WHERE versi = <read>`` and raises
``KonflikVersi`` when another write came first. The API's error handler (``kinerja.api``) answers it with 409 and the
HTML helper (``kinerja.forms.run_form``) re-renders the form with status 409, the user's input kept.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def choices_q(field: str, choices: type[models.TextChoices]) -> Q:
    """The condition of a ``CheckConstraint`` that keeps ``field`` within its ``TextChoices``."""
    return Q(**{f"{field}__in": [c.value for c in choices]})


class KonflikVersi(ValidationError):
    """The object changed since the caller read it (another tab, another person). The API answers 409."""

    def __init__(self, message=None):
        super().__init__(
            message
            or _(
                "Data ini sudah diubah di tempat lain (mungkin di tab atau jendela lain) sejak Anda membukanya. "
                "Muat ulang halaman untuk melihat perubahan terbaru, lalu ulangi perubahan Anda."
            ),
            code="konflik",
        )


def versi_bump(obj: models.Model, versi: int, **also: Any) -> None:
    """Claim ``obj`` at the version the caller read: one conditional UPDATE; 0 rows means a conflict.

    ``also`` are further columns set in the same statement (e.g. ``diubah=timezone.now()`` is set when the model
    has a ``diubah`` field and the caller gives nothing else).
    """
    model = type(obj)
    if not also and any(f.name == "diubah" for f in model._meta.concrete_fields):
        also = {"diubah": timezone.now()}
    updated = model._default_manager.filter(pk=obj.pk, versi=versi).update(versi=F("versi") + 1, **also)
    if not updated:
        raise KonflikVersi()
    obj.versi = versi + 1  # type: ignore[attr-defined]  # every model locked this way has the field


def versi_terkini(obj: models.Model) -> int:
    """The version of ``obj`` in the database now (for the form that must carry it after a conflict)."""
    return type(obj)._default_manager.filter(pk=obj.pk).values_list("versi", flat=True).get()
