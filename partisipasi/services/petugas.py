"""The complaint roles a unit's admin grants (petugas, moderator)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kepegawaian.models import UnitKerja, User
from kinerja.audit import audit_actor
from partisipasi import access
from partisipasi.models import (
    PetugasPengaduan,
)


def petugas_grant(*, actor, user: User, unit: UnitKerja, peran: str) -> PetugasPengaduan:
    """The unit's admin (or BKD) grants a complaint role on his unit (it covers the units below)."""
    access.require_grant_petugas(actor, unit)
    if peran not in PetugasPengaduan.Peran.values:
        raise ValidationError({"peran": [_("Peran tidak dikenal.")]})
    if peran == PetugasPengaduan.Peran.INTEGRASI and not access.can_grant_integrasi(actor):
        raise PermissionDenied(_("Hanya admin BKD yang dapat memberi peran integrasi sistem pengaduan."))
    with transaction.atomic(), audit_actor(actor):
        grant = PetugasPengaduan(user=user, unit=unit, peran=peran, diberikan_oleh=actor)
        grant.full_clean()
        grant.save()
    access.forget_peran(user)
    return grant


def petugas_revoke(*, actor, grant: PetugasPengaduan) -> None:
    access.require_grant_petugas(actor, grant.unit)
    with transaction.atomic(), audit_actor(actor):
        grant.delete()
    access.forget_peran(grant.user)
