"""Every write to people, units and roles. Each function: atomic, validated, audited with its actor."""

from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kepegawaian.access import akses_for, forget_akses, pegawai_can_manage
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


# --- Logins (akun) and granted roles, managed by the admins ----------------------------------------------------
#
# Who may manage a login: the admin BKD anyone's; an admin unit only the login of a pegawai in his subtree. A login
# that holds an admin role (or is staff) is managed by the admin BKD only, and a superuser's by a superuser only:
# otherwise an admin unit could reset the password of a stronger account and take it over. Nobody deactivates or
# resets his own login here (he would lock himself out; his own password is changed on "Ganti sandi").


def akun_dapat_dikelola(actor, user: User) -> bool:
    """May ``actor`` create, (de)activate or reset this login? (See the rules above.)"""
    akses = akses_for(actor)
    if not akses.is_admin:
        return False
    if user.is_superuser and not getattr(actor, "is_superuser", False):
        return False
    if akses.is_bkd:
        return True
    if user.is_staff or PeranAdmin.objects.filter(user=user).exists():
        return False
    pegawai = Pegawai.objects.filter(user=user).first()
    return pegawai is not None and pegawai_can_manage(actor, pegawai)


def _akun_check_scope(actor, user: User) -> None:
    if not akun_dapat_dikelola(actor, user):
        raise PermissionDenied(_("Anda tidak berwenang mengelola akun login ini."))


def _akun_check_not_self(actor, user: User, message: str) -> None:
    if actor is not None and user.pk == getattr(actor, "pk", None):
        raise ValidationError(message)


def _validate_sandi(password: str, user: User, field: str = "password") -> None:
    """Django's password validators (settings.AUTH_PASSWORD_VALIDATORS); their messages are translated."""
    try:
        password_validation.validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc


def akun_buat_untuk_pegawai(*, actor, pegawai: Pegawai, password: str, username: str | None = None) -> User:
    """Create a login for a pegawai (username defaults to his NIP) and link it to him, in one transaction."""
    if not pegawai_can_manage(actor, pegawai):
        raise PermissionDenied(_("Anda tidak berwenang membuat akun login untuk pegawai ini."))
    username = (username or "").strip() or pegawai.nip
    with transaction.atomic(), audit_actor(actor):
        pegawai = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
        if pegawai.user_id is not None:
            raise ValidationError({"username": _("%(nama)s sudah memiliki akun login.") % {"nama": pegawai.nama}})
        if not pegawai.aktif:
            raise ValidationError(_("Pegawai yang tidak aktif tidak dapat diberi akun login."))
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError({"username": _("Nama pengguna %(u)s sudah dipakai.") % {"u": username}})
        user = User(username=username, email=pegawai.email, is_active=True)
        user.full_clean(exclude=["password"])
        _validate_sandi(password, user)
        user.set_password(password)
        user.save()
        pegawai_link_user(actor=actor, pegawai=pegawai, user=user)
        return user


def akun_set_aktif(*, actor, user: User, aktif: bool) -> User:
    """Activate or deactivate a login. A deactivated login cannot sign in, and its sessions and API token stop
    working (Django and DRF refuse inactive users)."""
    _akun_check_scope(actor, user)
    if not aktif:
        _akun_check_not_self(actor, user, _("Anda tidak dapat menonaktifkan akun Anda sendiri."))
    with transaction.atomic(), audit_actor(actor):
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_active != aktif:
            user.is_active = aktif
            user.save(update_fields=["is_active"])
        return user


def akun_reset_sandi(*, actor, user: User, password: str) -> User:
    """Set a new password chosen by the admin. The login's other sessions end (Django checks the password hash),
    its API token is revoked, and a lockout after failed logins is lifted."""
    from axes.utils import reset as axes_reset
    from rest_framework.authtoken.models import Token

    _akun_check_scope(actor, user)
    _akun_check_not_self(
        actor, user, _("Sandi Anda sendiri diganti di halaman Ganti sandi, dengan memasukkan sandi lama.")
    )
    with transaction.atomic(), audit_actor(actor):
        user = User.objects.select_for_update().get(pk=user.pk)
        _validate_sandi(password, user)
        user.set_password(password)
        user.save(update_fields=["password"])
        Token.objects.filter(user=user).delete()
        # The password hash is not audited (User registers only username and flags): record the act, not the value.
        audit_record(instance=user, actor=actor, changes={"sandi": ["—", "diatur ulang oleh admin"]})
        axes_reset(username=user.get_username())
        return user


def _require_bkd(actor) -> None:
    if not akses_for(actor).is_bkd:
        raise PermissionDenied(_("Hanya Admin BKD yang dapat mengelola peran admin."))


def peran_admin_beri(*, actor, user: User, peran: str, unit: UnitKerja | None = None) -> PeranAdmin:
    """Grant an admin role, by an admin BKD. Refuses a grant the account already holds (``peran_grant`` alone
    would return it silently) and an inactive login."""
    _require_bkd(actor)
    if peran not in PeranAdmin.Peran.values:
        raise ValidationError({"peran": _("Peran tidak dikenal.")})
    if peran == PeranAdmin.Peran.ADMIN_BKD:
        unit = None
    elif unit is None:
        raise ValidationError({"unit": _("Admin unit harus diberi unit kerja.")})
    if not user.is_active:
        raise ValidationError({"username": _("Akun %(u)s tidak aktif.") % {"u": user.get_username()}})
    with transaction.atomic():
        if PeranAdmin.objects.select_for_update().filter(user=user, peran=peran, unit=unit).exists():
            raise ValidationError(_("Peran ini sudah diberikan kepada akun tersebut."))
        return peran_grant(actor=actor, user=user, peran=peran, unit=unit)


def peran_admin_cabut(*, actor, grant: PeranAdmin) -> None:
    """Revoke an admin role, by an admin BKD. An admin BKD does not revoke his own Admin BKD role (another admin BKD
    must), so that the province is never left without one by mistake."""
    _require_bkd(actor)
    if grant.peran == PeranAdmin.Peran.ADMIN_BKD and grant.user_id == getattr(actor, "pk", None):
        raise ValidationError(_("Anda tidak dapat mencabut peran Admin BKD Anda sendiri."))
    peran_revoke(actor=actor, grant=grant)
