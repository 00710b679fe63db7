"""Every write to people, units, logins, roles and API tokens. Each function: checks the actor's right itself
(404 for a row he may not see, 403 for one he sees but may not change, through ``kepegawaian.access``), atomic,
validated, audited with its actor.

``actor=None`` is the system (``seed_demo``, management commands, test fixtures): no scope limit. Helpers whose name
starts with ``_`` skip the check; each says who checked before calling it.
"""

from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from kepegawaian import access
from kepegawaian.access import forget_akses
from kepegawaian.models import Jabatan, Pegawai, PeranAdmin, UnitKerja, User
from kinerja.audit import audit_actor, audit_record

MAX_RANTAI_ATASAN = 100


def _atasan_chain_ids(atasan_id: int | None) -> list[int]:
    """The ids up the supervisor chain starting at ``atasan_id`` (stops at a loop or the top)."""
    chain: list[int] = []
    current = atasan_id
    while current is not None and current not in chain and len(chain) < MAX_RANTAI_ATASAN:
        chain.append(current)
        current = Pegawai.objects.filter(pk=current).values_list("atasan_id", flat=True).first()
    return chain


def validate_atasan(*, pegawai: Pegawai, atasan: Pegawai | None) -> None:
    """A pegawai cannot be his own atasan, directly or through a loop. (Also the Django admin form's check.)"""
    if atasan is None:
        return
    if pegawai.pk is not None and atasan.pk == pegawai.pk:
        raise ValidationError({"atasan": _("Pegawai tidak boleh menjadi atasan bagi dirinya sendiri.")})
    if pegawai.pk is not None and pegawai.pk in _atasan_chain_ids(atasan.pk):
        raise ValidationError(
            {
                "atasan": _(
                    "%(atasan)s tidak dapat menjadi atasan %(pegawai)s karena %(atasan)s berada di bawah "
                    "%(pegawai)s dalam rantai atasan (membentuk lingkaran)."
                )
                % {"atasan": atasan.nama, "pegawai": pegawai.nama}
            }
        )


# --- Units and jabatan ------------------------------------------------------------------------------------------


def unit_create(*, actor, kode: str, nama: str, jenis: str, parent: UnitKerja | None = None) -> UnitKerja:
    """A new unit under ``parent`` (a unit the actor manages); a root unit (no parent) by an admin BKD only."""
    if actor is not None:
        access.require_admin(actor)
        if parent is None:
            if not access.akses_for(actor).is_bkd:
                raise PermissionDenied(_("Hanya Admin BKD yang dapat membuat unit kerja tanpa induk."))
        else:
            access.require_unit_manager(actor, parent)
    return _unit_create(actor=actor, kode=kode, nama=nama, jenis=jenis, parent=parent)


def _unit_create(*, actor, kode: str, nama: str, jenis: str, parent: UnitKerja | None) -> UnitKerja:
    """``unit_create`` without the check: for ``unit_create`` and the import, which checked the actor's scope over
    the whole file (the tree after the import) before applying its rows."""
    with transaction.atomic(), audit_actor(actor):
        unit = UnitKerja(kode=kode, nama=nama, jenis=jenis)
        unit.full_clean(exclude=["path", "depth", "numchild"])
        if parent is None:
            return UnitKerja.objects.add_root(instance=unit)
        return UnitKerja.objects.add_child(UnitKerja.objects.get(pk=parent.pk), instance=unit)


def unit_update(
    *, actor, unit: UnitKerja, nama: str | None = None, jenis: str | None = None, aktif: bool | None = None
) -> UnitKerja:
    if actor is not None:
        access.require_unit_manager(actor, unit)
    return _unit_update(actor=actor, unit=unit, nama=nama, jenis=jenis, aktif=aktif)


def _unit_update(
    *, actor, unit: UnitKerja, nama: str | None = None, jenis: str | None = None, aktif: bool | None = None
) -> UnitKerja:
    """``unit_update`` without the check: for ``unit_update`` and the import (which checked the scope first)."""
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
    """Re-parent a unit (and its subtree): the actor manages both the unit and its new parent."""
    if actor is not None:
        access.require_unit_manager(actor, unit)
        access.require_unit_manager(actor, parent)
    return _unit_move(actor=actor, unit=unit, parent=parent)


def _unit_move(*, actor, unit: UnitKerja, parent: UnitKerja) -> UnitKerja:
    """``unit_move`` without the check: for ``unit_move`` and the import (which checked the scope first). Tree
    moves bypass save(), so the audit record is written here."""
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
    """The jabatan with this name and kind, created when new. Jabatan are shared reference data: any admin."""
    if actor is not None:
        access.require_admin(actor)
    with transaction.atomic(), audit_actor(actor):
        jabatan = Jabatan.objects.filter(nama=nama, jenis=jenis).first()
        if jabatan is None:
            jabatan = Jabatan(nama=nama, jenis=jenis)
            jabatan.full_clean()
            jabatan.save()
        return jabatan


# --- Pegawai ----------------------------------------------------------------------------------------------------

PEGAWAI_FIELDS = ("nip", "nama", "status", "golongan", "jabatan", "unit", "atasan", "email", "aktif")


def _check_fields(fields: dict) -> None:
    unknown = set(fields) - set(PEGAWAI_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


def pegawai_create(*, actor, **fields) -> Pegawai:
    """A new pegawai, in a unit the actor manages."""
    _check_fields(fields)
    if actor is not None:
        access.require_admin(actor)
        if fields.get("unit") is not None:
            access.require_unit_manager(actor, fields["unit"])
    with transaction.atomic(), audit_actor(actor):
        pegawai = Pegawai(**fields)
        validate_atasan(pegawai=pegawai, atasan=pegawai.atasan)
        pegawai.full_clean()
        pegawai.save()
        return pegawai


def pegawai_update(*, actor, pegawai: Pegawai, **changes) -> Pegawai:
    """Change a pegawai the actor manages; a new unit must be one he manages too. (The atasan may be anyone: a
    head of a unit reports to someone above the admin's subtree.)"""
    _check_fields(changes)
    if actor is not None:
        access.require_pegawai_manager(actor, pegawai)
        if changes.get("unit") is not None:
            access.require_unit_manager(actor, changes["unit"])
    with transaction.atomic(), audit_actor(actor):
        pegawai = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
        for name, value in changes.items():
            setattr(pegawai, name, value)
        validate_atasan(pegawai=pegawai, atasan=pegawai.atasan)
        pegawai.full_clean()
        pegawai.save()
        return pegawai


def pegawai_link_akun(*, actor, pegawai: Pegawai, user: User | None) -> Pegawai:
    """Link (or unlink with ``user=None``) a login to a pegawai; a login belongs to at most one pegawai. The actor
    manages the pegawai and both the login linked now and the one linked before (``access.akun_can_manage``)."""
    if actor is not None:
        access.require_pegawai_manager(actor, pegawai)
        for akun in {a for a in (pegawai.user, user) if a is not None}:
            if not access.akun_can_manage(actor, akun):
                raise PermissionDenied(_("Anda tidak berwenang mengelola akun login ini."))
    return _pegawai_link_akun(actor=actor, pegawai=pegawai, user=user)


def _pegawai_link_akun(*, actor, pegawai: Pegawai, user: User | None) -> Pegawai:
    """``pegawai_link_akun`` without the check: for it and for ``akun_create`` (which checked that the actor
    manages the pegawai; the login it links is the one it has just created)."""
    with transaction.atomic(), audit_actor(actor):
        if user is not None and Pegawai.objects.filter(user=user).exclude(pk=pegawai.pk).exists():
            raise ValidationError({"user": _("Akun ini sudah terhubung dengan pegawai lain.")})
        pegawai.user = user
        pegawai.save(update_fields=["user"])
        if user is not None:
            forget_akses(user)
        return pegawai


# --- Logins (akun) ---------------------------------------------------------------------------------------------
#
# Who may manage which login: ``access.akun_can_manage``. Nobody deactivates or resets his own login here (he would
# lock himself out; his own password is changed on "Ganti sandi").


def _akun_check_not_self(actor, user: User, message: str) -> None:
    if actor is not None and user.pk == getattr(actor, "pk", None):
        raise ValidationError(message)


def _validate_sandi(password: str, user: User, field: str = "password") -> None:
    """Django's password validators (settings.AUTH_PASSWORD_VALIDATORS); their messages are translated."""
    try:
        password_validation.validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc


def akun_create(*, actor, pegawai: Pegawai, password: str, username: str | None = None) -> User:
    """Create a login for a pegawai the actor manages (username defaults to his NIP) and link it to him, in one
    transaction."""
    if actor is not None:
        access.require_pegawai_manager(actor, pegawai)
    username = (username or "").strip() or pegawai.nip
    with transaction.atomic(), audit_actor(actor):
        pegawai = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
        if pegawai.user_id is not None:
            raise ValidationError({"username": _("%(nama)s sudah memiliki akun login.") % {"nama": pegawai.nama}})
        if not pegawai.aktif:
            raise ValidationError(_("Pegawai yang tidak aktif tidak dapat diberi akun login."))
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError({"username": _("Nama pengguna %(u)s sudah dipakai.") % {"u": username}})
        # The admin chose the password: the pegawai replaces it with his own at his first sign-in.
        user = User(username=username, email=pegawai.email, is_active=True, wajib_ganti_sandi=True)
        user.full_clean(exclude=["password"])
        _validate_sandi(password, user)
        user.set_password(password)
        user.save()
        _pegawai_link_akun(actor=actor, pegawai=pegawai, user=user)
        return user


def akun_set_aktif(*, actor, user: User, aktif: bool) -> User:
    """Activate or deactivate a login. A deactivated login cannot sign in, and its sessions and API token stop
    working (Django and DRF refuse inactive users)."""
    if actor is not None:
        access.require_akun_manager(actor, user)
    if not aktif:
        _akun_check_not_self(actor, user, _("Anda tidak dapat menonaktifkan akun Anda sendiri."))
    with transaction.atomic(), audit_actor(actor):
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_active != aktif:
            user.is_active = aktif
            user.save(update_fields=["is_active"])
        return user


def sandi_reset(*, actor, user: User, password: str) -> User:
    """Set a new password chosen by the admin. The login's other sessions end (Django checks the password hash),
    its API token is revoked, and a lockout after failed logins is lifted."""
    from axes.utils import reset as axes_reset

    if actor is not None:
        access.require_akun_manager(actor, user)
    _akun_check_not_self(
        actor,
        user,
        _("Kata sandi Anda sendiri diganti di halaman Ganti kata sandi, dengan memasukkan kata sandi lama."),
    )
    with transaction.atomic(), audit_actor(actor):
        user = User.objects.select_for_update().get(pk=user.pk)
        _validate_sandi(password, user)
        user.set_password(password)
        user.wajib_ganti_sandi = True  # the admin knows it: the person chooses his own at his next sign-in
        user.save(update_fields=["password", "wajib_ganti_sandi"])
        Token.objects.filter(user=user).delete()
        # The password hash is not audited (User registers only username and flags): record the act, not the value.
        audit_record(instance=user, actor=actor, changes={"sandi": ["—", "diatur ulang oleh admin"]})
        axes_reset(username=user.get_username())
        return user


def sandi_change(*, actor, user: User, password: str) -> User:
    """The person's own new password: "Ganti kata sandi" (signed in), the reset link of "Lupa kata sandi" or the
    activation link (the link's token proved who he is: ``actor`` is then the login itself). Clears a pending forced
    change; the login's other sessions end (Django checks the password hash) and a lockout is lifted."""
    from axes.utils import reset as axes_reset

    if actor is None or actor.pk != user.pk:
        raise PermissionDenied(_("Kata sandi hanya dapat diganti oleh pemilik akunnya."))
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        _validate_sandi(password, user)
        user.set_password(password)
        user.wajib_ganti_sandi = False
        user.save(update_fields=["password", "wajib_ganti_sandi"])
        audit_record(instance=user, actor=actor, changes={"sandi": ["—", "diganti oleh pemiliknya"]})
    axes_reset(username=user.get_username())
    return user


def akun_sso_create(*, pegawai: Pegawai) -> User:
    """The login of an active pegawai without one, created at his first single sign-on (the identity provider vouched
    for his NIP; ``kepegawaian.masuk.NipOIDCBackend``): username = NIP, no password (he signs in through the
    provider, or sets one with "Lupa kata sandi")."""
    with transaction.atomic():
        pegawai = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
        if pegawai.user_id is not None or not pegawai.aktif:
            raise PermissionDenied(_("Pegawai ini tidak dapat diberi akun lewat SSO."))
        user = User(username=pegawai.nip, email=pegawai.email, first_name=pegawai.nama[:150], is_active=True)
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        _pegawai_link_akun(actor=None, pegawai=pegawai, user=user)
        audit_record(instance=user, actor=None, changes={"akun": ["—", "dibuat saat masuk lewat SSO"]})
        return user


# --- Two-factor sign-in: each login enrols its own device -----------------------------------------------------------

JUMLAH_KODE_CADANGAN = 10


def _require_own_otp(actor, user: User) -> None:
    if actor is None or not getattr(actor, "is_authenticated", False) or actor.pk != user.pk:
        raise PermissionDenied(_("Autentikasi dua faktor hanya dapat diatur oleh pemilik akunnya."))


def otp_kode_cadangan_rotate(*, actor, user: User) -> list[str]:
    """New recovery codes (each works once, in place of the app's code); the old ones stop working. Returns the codes
    in clear, to be shown once."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    _require_own_otp(actor, user)
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(user=user, name="Kode cadangan")
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _i in range(JUMLAH_KODE_CADANGAN)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
        audit_record(instance=user, actor=actor, changes={"2fa": ["—", "kode cadangan dibuat ulang"]})
    return codes


def otp_enrol(*, actor, user: User, device, kode: str) -> list[str]:
    """Confirm the login's authenticator app with a code it shows (``device``: the unconfirmed TOTP device of the
    enrolment page); other devices of the login are removed. Returns the first recovery codes."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    _require_own_otp(actor, user)
    if device.user_id != user.pk or device.confirmed:
        raise PermissionDenied(_("Perangkat ini bukan milik pendaftaran Anda."))
    kode = (kode or "").replace(" ", "").strip()
    if not (kode.isdigit() and device.verify_token(kode)):
        raise ValidationError({"kode": _("Kode tidak cocok. Ketik 6 angka yang sedang tampil di aplikasi.")})
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(instance=user, actor=actor, changes={"2fa": ["—", "aplikasi autentikator didaftarkan"]})
    return otp_kode_cadangan_rotate(actor=actor, user=user)


# --- API tokens (each login manages its own) ---------------------------------------------------------------------
#
# A token is the login's key for integrations. Its value is never audited: the record says what happened to it.


def _require_own_login(actor, user: User) -> None:
    """A token is managed by its login only (signed in with a session, a token, or just now with its password)."""
    if actor is None or not getattr(actor, "is_authenticated", False) or actor.pk != user.pk or not user.is_active:
        raise PermissionDenied(_("Token API hanya dapat dikelola oleh pemilik akunnya."))


def token_create(*, actor, user: User) -> Token:
    """The login's API token: the existing one, or a new one (audited) when it has none."""
    _require_own_login(actor, user)
    with transaction.atomic():
        token, created = Token.objects.get_or_create(user=user)
        if created:
            audit_record(instance=user, actor=actor, changes={"token_api": ["—", "dibuat (token_create)"]})
    return token


def token_rotate(*, actor, user: User) -> Token:
    """A new API token for the login; the old one stops working at once."""
    _require_own_login(actor, user)
    with transaction.atomic():
        Token.objects.filter(user=user).delete()
        token = Token.objects.create(user=user)
        audit_record(instance=user, actor=actor, changes={"token_api": ["lama", "diganti (token_rotate)"]})
    return token


def token_revoke(*, actor, user: User) -> None:
    """Delete the login's API token (audited when there was one); integrations using it stop working."""
    _require_own_login(actor, user)
    with transaction.atomic():
        deleted, _rows = Token.objects.filter(user=user).delete()
        if deleted:
            audit_record(instance=user, actor=actor, changes={"token_api": ["ada", "dicabut (token_revoke)"]})


# --- Granted admin roles (admin BKD) -----------------------------------------------------------------------------


def peran_grant(*, actor, user: User, peran: str, unit: UnitKerja | None = None) -> PeranAdmin:
    """Grant an admin role, by an admin BKD. Refuses an unknown role, an admin unit without a unit, an inactive
    login and a grant the login already holds."""
    if actor is not None:
        access.require_bkd(actor)
    if peran not in PeranAdmin.Peran.values:
        raise ValidationError({"peran": _("Peran tidak dikenal.")})
    if peran == PeranAdmin.Peran.ADMIN_BKD:
        unit = None
    elif unit is None:
        raise ValidationError({"unit": _("Admin unit harus diberi unit kerja.")})
    if not user.is_active:
        raise ValidationError({"username": _("Akun %(u)s tidak aktif.") % {"u": user.get_username()}})
    with transaction.atomic(), audit_actor(actor):
        if PeranAdmin.objects.select_for_update().filter(user=user, peran=peran, unit=unit).exists():
            raise ValidationError(_("Peran ini sudah diberikan kepada akun tersebut."))
        grant = PeranAdmin(user=user, peran=peran, unit=unit)
        grant.full_clean()
        grant.save()
        forget_akses(user)
        return grant


def peran_revoke(*, actor, grant: PeranAdmin) -> None:
    """Revoke an admin role, by an admin BKD. An admin BKD does not revoke his own Admin BKD role (another admin BKD
    must), so that the province is never left without one by mistake."""
    if actor is not None:
        access.require_bkd(actor)
        if grant.peran == PeranAdmin.Peran.ADMIN_BKD and grant.user_id == actor.pk:
            raise ValidationError(_("Anda tidak dapat mencabut peran Admin BKD Anda sendiri."))
    with transaction.atomic(), audit_actor(actor):
        user = grant.user
        grant.delete()
        forget_akses(user)
