"""Helpers shared by the service modules of ``penilaian``."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from penilaian.aturan import Rating
from penilaian.models import Evaluasi


def rating_valid(nilai: str | None, field: str, *, wajib: bool = False) -> str:
    """A rating from a form or a request: one of the three values, or "" when not (yet) given."""
    nilai = (nilai or "").strip()
    if not nilai:
        if wajib:
            raise ValidationError({field: _("Rating wajib diisi.")})
        return ""
    if nilai not in Rating.values:
        raise ValidationError(
            {field: _("Rating harus salah satu dari: Di Atas Ekspektasi, Sesuai Ekspektasi, Di Bawah Ekspektasi.")}
        )
    return nilai


def evaluasi_terkunci(evaluasi: Evaluasi) -> Evaluasi:
    """The evaluation row again, locked for this transaction (two writers on one evaluation wait for each other).
    Called inside a service's ``atomic()`` block."""
    return Evaluasi.objects.select_for_update().select_related("periode", "skp").get(pk=evaluasi.pk)
