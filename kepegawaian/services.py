"""Every write to people, units and roles. Each function: atomic, validated, audited with its actor."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kepegawaian.access import forget_akses
from kepegawaian.models import Jabatan, Pegawai, PeranAdmin, UnitKerja, User
from kinerja.audit import audit_actor, audit_record

MAX_RANTAI_ATASAN = 100


def atasan_chain_ids(atasan_id: int | None) -> list[int]:
    """The ids up the supervisor chain starting at ``atasan_id`` (stops at a loop or the top)."""
    chain: list[int] = []
    current = atasan_id
    while current is not None and current not in chain and len(chain) < MAX_RANTAI_ATASAN:
        chain.append(current)
        current = Pegawai.objects.filter(pk=current).values_list("atasan_id", flat=True).first()
    return chain


def validate_atasan(*, pegawai: Pegawai, atasan: Pegawai | None) -> None:
    """A pegawai cannot be his own atasan, directly or through a loop."""
    if atasan is None:
        return
    if pegawai.pk is not None and atasan.pk == pegawai.pk:
        raise ValidationError({"atasan": _("Pegawai tidak boleh menjadi atasan bagi dirinya sendiri.")})
    if pegawai.pk is not None and pegawai.pk in atasan_chain_ids(atasan.pk):
        raise ValidationError(
            {
                "atasan": _(
                    "%(atasan)s tidak dapat menjadi atasan %(pegawai)s karena %(atasan)s berada di bawah "
                    "%(pegawai)s dalam rantai atasan (membentuk lingkaran)."
                )
                % {"atasan": atasan.nama, "pegawai": pegawai.nama}
            }
        )


def unit_create(*, actor, kode: str, nama: str, jenis: str, parent: UnitKerja | None = None) -> UnitKerja:
    with transaction.atomic(), audit_actor(actor):
        unit = UnitKerja(kode=kode, nama=nama, jenis=jenis)
        unit.full_clean(exclude=["path", "depth", "numchild"])
        if parent is None:
            return UnitKerja.objects.add_root(instance=unit)
        return UnitKerja.objects.add_child(UnitKerja.objects.get(pk=parent.pk), instance=unit)


def unit_update(
    *, actor, unit: UnitKerja, nama: str | None = None, jenis: str | None = None, aktif: bool | None = None
) -> UnitKerja:
    with transaction.atomic(), audit_actor(actor):
        if nama is not None:
            unit.nama = nama
        if jenis is not None:
            unit.jenis = jenis
        if aktif is not None:
            unit.aktif = aktif
        unit.full_clean(exclude=["path", "depth", "numchild"])
        unit.save()
        return unit


def unit_move(*, actor, unit: UnitKerja, parent: UnitKerja) -> UnitKerja:
    """Re-parent a unit (and its subtree). Tree moves bypass save(), so the audit record is written here."""
    with transaction.atomic(), audit_actor(actor):
        unit = UnitKerja.objects.get(pk=unit.pk)
        parent = UnitKerja.objects.get(pk=parent.pk)
        old_parent = UnitKerja.objects.get_parent(unit)
        if old_parent is not None and old_parent.pk == parent.pk:
            return unit
        if parent.path.startswith(unit.path):
            raise ValidationError({"induk": _("Unit tidak dapat dipindahkan ke bawah dirinya sendiri.")})
        UnitKerja.objects.move(unit, parent, pos="last-child")
        unit.refresh_from_db()
        audit_record(
            instance=unit,
            actor=actor,
            changes={"induk": [old_parent.kode if old_parent else "-", parent.kode]},
        )
        return unit


def jabatan_get_or_create(*, actor, nama: str, jenis: str) -> Jabatan:
    with transaction.atomic(), audit_actor(actor):
        jabatan = Jabatan.objects.filter(nama=nama, jenis=jenis).first()
        if jabatan is None:
            jabatan = Jabatan(nama=nama, jenis=jenis)
            jabatan.full_clean()
            jabatan.save()
        return jabatan


PEGAWAI_FIELDS = ("nip", "nama", "status", "golongan", "jabatan", "unit", "atasan", "email", "aktif")


def pegawai_create(*, actor, **fields) -> Pegawai:
    unknown = set(fields) - set(PEGAWAI_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic(), audit_actor(actor):
        pegawai = Pegawai(**fields)
        validate_atasan(pegawai=pegawai, atasan=pegawai.atasan)
        pegawai.full_clean()
        pegawai.save()
        return pegawai


def pegawai_update(*, actor, pegawai: Pegawai, **changes) -> Pegawai:
    unknown = set(changes) - set(PEGAWAI_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic(), audit_actor(actor):
        pegawai = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
        for name, value in changes.items():
            setattr(pegawai, name, value)
        validate_atasan(pegawai=pegawai, atasan=pegawai.atasan)
        pegawai.full_clean()
        pegawai.save()
        return pegawai


def pegawai_link_user(*, actor, pegawai: Pegawai, user: User | None) -> Pegawai:
    """Link (or unlink with ``user=None``) a login to a pegawai; a login belongs to at most one pegawai."""
    with transaction.atomic(), audit_actor(actor):
        if user is not None and Pegawai.objects.filter(user=user).exclude(pk=pegawai.pk).exists():
            raise ValidationError({"user": _("Akun ini sudah terhubung dengan pegawai lain.")})
        pegawai.user = user
        pegawai.save(update_fields=["user"])
        if user is not None:
            forget_akses(user)
        return pegawai


def peran_grant(*, actor, user: User, peran: str, unit: UnitKerja | None = None) -> PeranAdmin:
    with transaction.atomic(), audit_actor(actor):
        existing = PeranAdmin.objects.filter(user=user, peran=peran, unit=unit).first()
        if existing is not None:
            return existing
        grant = PeranAdmin(user=user, peran=peran, unit=unit)
        try:
            grant.full_clean()
        except ValidationError as exc:
            if peran == PeranAdmin.Peran.ADMIN_UNIT and unit is None:
                raise ValidationError({"unit": _("Admin unit harus diberi unit kerja.")}) from exc
            raise
        grant.save()
        forget_akses(user)
        return grant


def peran_revoke(*, actor, grant: PeranAdmin) -> None:
    with transaction.atomic(), audit_actor(actor):
        user = grant.user
        grant.delete()
        forget_akses(user)
