"""Logins and granted admin roles: the services (scope, Indonesian validation, audit actor, nothing half-saved), the
pages (a pegawai's "Akun login", "Peran admin", "Ganti sandi") and the API (/api/v1/peran-admin/,
/api/v1/pegawai/{id}/akun/)."""

import pytest
from auditlog.models import LogEntry
from axes.models import AccessAttempt
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from rest_framework.authtoken.models import Token

from kepegawaian import selectors, services
from kepegawaian.models import Pegawai, PeranAdmin, User
from tests.api_helpers import json_request, logged_in
from tests.kepegawaian.factories import PegawaiFactory, UnitKerjaFactory, UserFactory

PASSWORD = "rahasia-uji-123"
SANDI_BARU = "Jakarta-Kinerja-2024"


@pytest.fixture
def staf(bidang, penilai) -> Pegawai:
    """A pegawai of the admin unit's dinas who has no login yet."""
    return PegawaiFactory(nama="Sari Tanpa Akun", unit=bidang, atasan=penilai, email="sari@jakarta.go.id")


@pytest.fixture
def staf_luar(dinas_lain) -> Pegawai:
    return PegawaiFactory(nama="Lukas Luar", unit=dinas_lain)


def _html(response) -> str:
    return response.content.decode()


def _can_log_in(client, username: str, password: str) -> bool:
    """Through the login page, as a person would (django-axes needs the request)."""
    response = client.post(reverse("login"), {"username": username, "password": password})
    client.logout()
    return response.status_code == 302


# --- Services: creating a login ----------------------------------------------------------------------------------


def test_admin_unit_creates_a_login_named_after_the_nip_and_linked_to_the_pegawai(admin_unit, staf):
    user = services.akun_create(actor=admin_unit, pegawai=staf, password=SANDI_BARU)
    staf.refresh_from_db()
    assert staf.user_id == user.pk
    assert user.username == staf.nip
    assert user.email == "sari@jakarta.go.id"
    assert user.is_active and user.check_password(SANDI_BARU)


def test_creating_a_login_is_audited_with_the_admin_as_actor(admin_unit, staf):
    user = services.akun_create(actor=admin_unit, pegawai=staf, password=SANDI_BARU, username="sari")
    created = LogEntry.objects.get_for_object(user).get(action=LogEntry.Action.CREATE)
    assert created.actor == admin_unit
    assert created.changes_dict["username"][1] == "sari"
    link = LogEntry.objects.get_for_object(staf).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert link.actor == admin_unit
    assert "user" in link.changes_dict


def test_admin_bkd_creates_a_login_for_anyone(admin_bkd, staf_luar):
    user = services.akun_create(actor=admin_bkd, pegawai=staf_luar, password=SANDI_BARU, username="lukas")
    assert Pegawai.objects.get(pk=staf_luar.pk).user == user


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab1-x", "Kata sandi terlalu pendek. Harus mengandung setidaknya 8 karakter."),
        ("password123", "Kata sandi ini terlalu umum."),
        ("73915284610", "Kata sandi ini seluruhnya terdiri dari angka."),
    ],
    ids=["too-short", "common", "only-digits"],
)
def test_weak_password_is_refused_in_indonesian_and_nothing_is_saved(admin_unit, staf, password, message):
    with pytest.raises(ValidationError) as exc:
        services.akun_create(actor=admin_unit, pegawai=staf, password=password)
    assert message in exc.value.message_dict["password"]
    assert not User.objects.filter(username=staf.nip).exists()
    staf.refresh_from_db()
    assert staf.user_id is None


def test_password_like_the_username_is_refused(admin_unit, staf):
    with pytest.raises(ValidationError) as exc:
        services.akun_create(actor=admin_unit, pegawai=staf, password=f"{staf.nip}x")
    assert "Kata sandi terlalu mirip dengan nama pengguna." in exc.value.message_dict["password"]


def test_pegawai_with_a_login_gets_no_second_one(admin_unit, pegawai):
    users_before = User.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.akun_create(actor=admin_unit, pegawai=pegawai, password=SANDI_BARU, username="kedua")
    assert exc.value.message_dict["username"] == ["Budi Pegawai sudah memiliki akun login."]
    assert User.objects.count() == users_before


def test_username_taken_in_another_case_is_refused(admin_unit, staf, pegawai):
    with pytest.raises(ValidationError) as exc:
        services.akun_create(actor=admin_unit, pegawai=staf, password=SANDI_BARU, username="PEGAWAI")
    assert exc.value.message_dict["username"] == ["Nama pengguna PEGAWAI sudah dipakai."]
    staf.refresh_from_db()
    assert staf.user_id is None


def test_username_with_forbidden_characters_is_refused(admin_unit, staf):
    with pytest.raises(ValidationError) as exc:
        services.akun_create(actor=admin_unit, pegawai=staf, password=SANDI_BARU, username="sari rahma")
    assert "username" in exc.value.message_dict
    assert not User.objects.filter(username="sari rahma").exists()


def test_inactive_pegawai_gets_no_login(admin_unit, staf):
    Pegawai.objects.filter(pk=staf.pk).update(aktif=False)
    staf.refresh_from_db()
    with pytest.raises(ValidationError, match="tidak aktif"):
        services.akun_create(actor=admin_unit, pegawai=staf, password=SANDI_BARU)


@pytest.mark.parametrize("who", ["admin_unit-outside", "penilai", "pegawai-himself"])
def test_only_admins_who_manage_the_pegawai_create_his_login(request, who, admin_unit, penilai, staf, staf_luar):
    # A pegawai the actor may not see: 404 (his existence is not revealed); one he sees but does not manage: 403.
    actor, target, refused = {
        "admin_unit-outside": (admin_unit, staf_luar, Http404),
        "penilai": (penilai.user, staf, PermissionDenied),
        "pegawai-himself": (UserFactory(username="sari.sendiri"), staf, Http404),
    }[who]
    with pytest.raises(refused):
        services.akun_create(actor=actor, pegawai=target, password=SANDI_BARU)
    target.refresh_from_db()
    assert target.user_id is None


# --- Services: activating, deactivating, resetting --------------------------------------------------------------


def test_deactivated_login_cannot_sign_in_and_the_change_is_audited(client, admin_unit, pegawai):
    services.akun_set_aktif(actor=admin_unit, user=pegawai.user, aktif=False)
    assert not _can_log_in(client, "pegawai", PASSWORD)
    entry = LogEntry.objects.get_for_object(pegawai.user).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == admin_unit
    assert entry.changes_dict["is_active"] == ["True", "False"]

    services.akun_set_aktif(actor=admin_unit, user=pegawai.user, aktif=True)
    assert _can_log_in(client, "pegawai", PASSWORD)


def test_deactivated_login_loses_its_open_session(client, admin_unit, pegawai):
    logged_in(client, pegawai.user)
    assert client.get(reverse("beranda")).status_code == 200
    services.akun_set_aktif(actor=admin_unit, user=pegawai.user, aktif=False)
    assert client.get(reverse("beranda")).status_code == 302


def test_admin_unit_cannot_touch_a_login_outside_his_subtree(admin_unit, outsider):
    # He cannot see the outsider: 404, so the login's existence is not revealed.
    with pytest.raises(Http404):
        services.akun_set_aktif(actor=admin_unit, user=outsider.user, aktif=False)
    with pytest.raises(Http404):
        services.sandi_reset(actor=admin_unit, user=outsider.user, password=SANDI_BARU)
    outsider.user.refresh_from_db()
    assert outsider.user.is_active and outsider.user.check_password(PASSWORD)


def test_login_holding_an_admin_role_is_for_the_admin_bkd_only(admin_unit, admin_bkd, penilai, bidang):
    services.peran_grant(actor=None, user=penilai.user, peran=PeranAdmin.Peran.ADMIN_UNIT, unit=bidang)
    with pytest.raises(PermissionDenied):
        services.sandi_reset(actor=admin_unit, user=penilai.user, password=SANDI_BARU)
    with pytest.raises(PermissionDenied):
        services.akun_set_aktif(actor=admin_unit, user=penilai.user, aktif=False)
    services.sandi_reset(actor=admin_bkd, user=penilai.user, password=SANDI_BARU)
    penilai.user.refresh_from_db()
    assert penilai.user.check_password(SANDI_BARU)


def test_only_a_superuser_changes_a_superuser(admin_bkd):
    root = UserFactory(username="root", is_superuser=True)
    with pytest.raises(PermissionDenied):
        services.sandi_reset(actor=admin_bkd, user=root, password=SANDI_BARU)
    other_root = UserFactory(username="root2", is_superuser=True)
    services.akun_set_aktif(actor=other_root, user=root, aktif=False)
    root.refresh_from_db()
    assert not root.is_active


def test_admin_does_not_deactivate_or_reset_his_own_login(admin_bkd):
    with pytest.raises(ValidationError, match="Anda tidak dapat menonaktifkan akun Anda sendiri."):
        services.akun_set_aktif(actor=admin_bkd, user=admin_bkd, aktif=False)
    with pytest.raises(ValidationError, match="halaman Ganti kata sandi"):
        services.sandi_reset(actor=admin_bkd, user=admin_bkd, password=SANDI_BARU)
    admin_bkd.refresh_from_db()
    assert admin_bkd.is_active and admin_bkd.check_password(PASSWORD)


def test_reset_password_replaces_the_old_one_revokes_the_token_and_is_audited(client, admin_unit, pegawai):
    Token.objects.create(user=pegawai.user)
    services.sandi_reset(actor=admin_unit, user=pegawai.user, password=SANDI_BARU)
    assert not _can_log_in(client, "pegawai", PASSWORD)
    assert _can_log_in(client, "pegawai", SANDI_BARU)
    assert not Token.objects.filter(user=pegawai.user).exists()
    entry = LogEntry.objects.get_for_object(pegawai.user).latest("timestamp")
    assert entry.actor == admin_unit
    assert "sandi" in entry.changes_dict
    assert SANDI_BARU not in str(entry.changes)


def test_reset_password_lifts_a_lockout(client, admin_unit, pegawai, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "pegawai", "password": "salah"})
    assert AccessAttempt.objects.filter(username="pegawai").exists()
    services.sandi_reset(actor=admin_unit, user=pegawai.user, password=SANDI_BARU)
    assert not AccessAttempt.objects.filter(username="pegawai").exists()
    assert _can_log_in(client, "pegawai", SANDI_BARU)


def test_weak_reset_password_keeps_the_old_one(admin_unit, pegawai):
    with pytest.raises(ValidationError) as exc:
        services.sandi_reset(actor=admin_unit, user=pegawai.user, password="pegawai1")
    assert exc.value.message_dict["password"]
    pegawai.user.refresh_from_db()
    assert pegawai.user.check_password(PASSWORD)


# --- Services: granting and revoking admin roles ------------------------------------------------------------------


def test_admin_bkd_grants_admin_unit_and_it_is_audited(admin_bkd, penilai, bidang):
    grant = services.peran_grant(actor=admin_bkd, user=penilai.user, peran=PeranAdmin.Peran.ADMIN_UNIT, unit=bidang)
    assert LogEntry.objects.get_for_object(grant).get(action=LogEntry.Action.CREATE).actor == admin_bkd


def test_only_admin_bkd_grants_or_revokes_roles(admin_unit, penilai, bidang, dinas):
    with pytest.raises(PermissionDenied):
        services.peran_grant(actor=admin_unit, user=penilai.user, peran=PeranAdmin.Peran.ADMIN_UNIT, unit=bidang)
    with pytest.raises(PermissionDenied):
        services.peran_revoke(actor=admin_unit, grant=PeranAdmin.objects.get(user=admin_unit))
    assert list(PeranAdmin.objects.values_list("user__username", flat=True)) == ["admin.unit"]


def test_granting_a_role_twice_or_without_unit_is_refused(admin_bkd, admin_unit, dinas, penilai):
    with pytest.raises(ValidationError, match="sudah diberikan"):
        services.peran_grant(actor=admin_bkd, user=admin_unit, peran=PeranAdmin.Peran.ADMIN_UNIT, unit=dinas)
    with pytest.raises(ValidationError) as exc:
        services.peran_grant(actor=admin_bkd, user=penilai.user, peran=PeranAdmin.Peran.ADMIN_UNIT)
    assert exc.value.message_dict == {"unit": ["Admin unit harus diberi unit kerja."]}
    assert PeranAdmin.objects.filter(user=admin_unit).count() == 1
    assert not PeranAdmin.objects.filter(user=penilai.user).exists()


def test_admin_bkd_does_not_revoke_his_own_bkd_role_but_another_bkd_may(admin_bkd):
    own = PeranAdmin.objects.get(user=admin_bkd)
    own_pk = own.pk
    with pytest.raises(ValidationError, match="Admin BKD Anda sendiri"):
        services.peran_revoke(actor=admin_bkd, grant=own)
    other = UserFactory(username="bkd.dua")
    services.peran_grant(actor=None, user=other, peran=PeranAdmin.Peran.ADMIN_BKD)
    services.peran_revoke(actor=other, grant=own)
    assert not PeranAdmin.objects.filter(pk=own_pk).exists()
    assert LogEntry.objects.filter(action=LogEntry.Action.DELETE, object_pk=str(own_pk), actor=other).exists()


# --- Pages: a pegawai's login -----------------------------------------------------------------------------------


def test_pegawai_detail_shows_the_login_panel_to_the_admin_only(client, admin_unit, penilai, pegawai, staf):
    html = _html(logged_in(client, admin_unit).get(staf.get_absolute_url()))
    assert 'data-testid="akun-login"' in html
    assert "belum memiliki akun login" in html
    assert reverse("kepegawaian:akun", args=[staf.pk]) in html
    html = _html(logged_in(client, admin_unit).get(pegawai.get_absolute_url()))
    assert "Nonaktifkan akun" in html
    for viewer in (penilai.user, pegawai.user):
        assert 'data-testid="akun-login"' not in _html(logged_in(client, viewer).get(pegawai.get_absolute_url()))


@pytest.mark.parametrize("who", ["pegawai", "penilai", "outsider", "admin_unit-other-dinas"])
def test_login_pages_are_404_for_whoever_does_not_manage_the_pegawai(client, request, who, pegawai, penilai, outsider):
    if who == "admin_unit-other-dinas":
        user = UserFactory(username="admin.lain")
        services.peran_grant(actor=None, user=user, peran=PeranAdmin.Peran.ADMIN_UNIT, unit=outsider.unit)
    else:
        user = request.getfixturevalue(who).user
    client = logged_in(client, user)
    assert client.get(reverse("kepegawaian:akun", args=[pegawai.pk])).status_code == 404
    response = client.post(reverse("kepegawaian:akun-aktif", args=[pegawai.pk]), {"aktif": "0"})
    assert response.status_code == 404
    response = client.post(
        reverse("kepegawaian:akun-sandi", args=[pegawai.pk]), {"sandi": SANDI_BARU, "sandi_ulang": SANDI_BARU}
    )
    assert response.status_code == 404
    pegawai.user.refresh_from_db()
    assert pegawai.user.is_active and pegawai.user.check_password(PASSWORD)


def test_admin_creates_a_login_on_the_page(client, admin_unit, staf):
    client = logged_in(client, admin_unit)
    page = client.get(reverse("kepegawaian:akun", args=[staf.pk]))
    assert f'placeholder="{staf.nip}"' in _html(page)
    response = client.post(
        reverse("kepegawaian:akun-buat", args=[staf.pk]),
        {"username": "", "sandi": SANDI_BARU, "sandi_ulang": SANDI_BARU},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"{staf.get_absolute_url()}#akun"
    assert f"Akun login {staf.nip} untuk Sari Tanpa Akun telah dibuat." in _html(response)
    staf.refresh_from_db()
    assert staf.user.username == staf.nip and staf.user.check_password(SANDI_BARU)


def test_mismatched_or_weak_passwords_are_shown_on_the_form_and_nothing_is_saved(client, admin_unit, staf):
    client = logged_in(client, admin_unit)
    url = reverse("kepegawaian:akun-buat", args=[staf.pk])
    response = client.post(url, {"username": "sari", "sandi": SANDI_BARU, "sandi_ulang": "lain-sekali-123"})
    assert response.status_code == 400
    assert "Kedua isian kata sandi tidak sama." in _html(response)
    response = client.post(url, {"username": "sari", "sandi": "12345678", "sandi_ulang": "12345678"})
    assert response.status_code == 400
    assert "Kata sandi ini terlalu umum." in _html(response)
    assert response.context["buat_form"].errors["sandi"]
    assert not User.objects.filter(username="sari").exists()


def test_admin_deactivates_and_reactivates_a_login_on_the_page(client, admin_unit, pegawai):
    client = logged_in(client, admin_unit)
    url = reverse("kepegawaian:akun-aktif", args=[pegawai.pk])
    response = client.post(url, {"aktif": "0"}, follow=True)
    assert "telah dinonaktifkan" in _html(response)
    assert "Aktifkan akun" in _html(response)
    pegawai.user.refresh_from_db()
    assert not pegawai.user.is_active
    client.post(url, {"aktif": "1"})
    pegawai.user.refresh_from_db()
    assert pegawai.user.is_active


def test_deactivating_is_a_post_only(client, admin_unit, pegawai):
    response = logged_in(client, admin_unit).get(reverse("kepegawaian:akun-aktif", args=[pegawai.pk]))
    assert response.status_code == 405
    pegawai.user.refresh_from_db()
    assert pegawai.user.is_active


def test_admin_resets_a_password_on_the_page(client, admin_unit, pegawai):
    client = logged_in(client, admin_unit)
    url = reverse("kepegawaian:akun-sandi", args=[pegawai.pk])
    response = client.post(url, {"sandi": "pendek", "sandi_ulang": "pendek"})
    assert response.status_code == 400
    assert "Kata sandi terlalu pendek" in _html(response)
    response = client.post(url, {"sandi": SANDI_BARU, "sandi_ulang": SANDI_BARU}, follow=True)
    assert "Kata sandi akun pegawai telah diatur ulang." in _html(response)
    pegawai.user.refresh_from_db()
    assert pegawai.user.check_password(SANDI_BARU)


def test_admin_unit_sees_why_he_cannot_change_an_admin_login_and_a_post_is_403(client, admin_unit, penilai, bidang):
    services.peran_grant(actor=None, user=penilai.user, peran=PeranAdmin.Peran.ADMIN_UNIT, unit=bidang)
    client = logged_in(client, admin_unit)
    html = _html(client.get(penilai.get_absolute_url()))
    assert "hanya Admin BKD yang dapat mengubahnya" in html
    assert "Nonaktifkan akun" not in html
    response = client.post(reverse("kepegawaian:akun-aktif", args=[penilai.pk]), {"aktif": "0"})
    assert response.status_code == 403
    penilai.user.refresh_from_db()
    assert penilai.user.is_active


# --- Pages: Peran admin -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["admin_unit", "pegawai"])
def test_peran_admin_page_is_404_for_everyone_but_admin_bkd(client, request, who, dinas):
    user = request.getfixturevalue(who)
    user = getattr(user, "user", user)
    grant = PeranAdmin.objects.create(user=UserFactory(username="x"), peran="admin_unit", unit=dinas)
    client = logged_in(client, user)
    assert client.get(reverse("kepegawaian:peran")).status_code == 404
    assert client.post(reverse("kepegawaian:peran"), {"username": "x", "peran": "admin_bkd"}).status_code == 404
    assert client.post(reverse("kepegawaian:peran-cabut", args=[grant.pk])).status_code == 404
    assert PeranAdmin.objects.filter(pk=grant.pk).exists()
    assert not PeranAdmin.objects.filter(user__username="x", peran="admin_bkd").exists()


def test_nav_links_peran_admin_for_admin_bkd_and_ganti_sandi_for_everyone(client, admin_bkd, admin_unit, pegawai):
    peran_url = reverse("kepegawaian:peran")
    ganti_url = reverse("password_change")
    html = _html(logged_in(client, admin_bkd).get(reverse("beranda")))
    assert peran_url in html and ganti_url in html
    html = _html(logged_in(client, admin_unit).get(reverse("beranda")))
    assert peran_url not in html and ganti_url in html
    assert ganti_url in _html(logged_in(client, pegawai.user).get(reverse("beranda")))


def test_admin_bkd_lists_grants_with_user_role_and_unit(client, admin_bkd, admin_unit, dinas, penilai):
    services.peran_grant(actor=None, user=penilai.user, peran=PeranAdmin.Peran.ADMIN_UNIT, unit=dinas)
    response = logged_in(client, admin_bkd).get(reverse("kepegawaian:peran"))
    assert response.status_code == 200
    html = _html(response)
    for text in ("admin.unit", "admin.bkd", "Putri Penilai", "DINAS-UJI", "Admin unit (pengelola kinerja)"):
        assert text in html
    rows = list(response.context["page"].object_list)
    assert [g.peran for g in rows][0] == "admin_bkd"
    response = logged_in(client, admin_bkd).get(reverse("kepegawaian:peran"), {"q": "putri"})
    assert [g.user.username for g in response.context["page"].object_list] == ["penilai"]


def test_admin_bkd_grants_admin_unit_by_username_and_unit_code(client, admin_bkd, penilai, bidang):
    response = logged_in(client, admin_bkd).post(
        reverse("kepegawaian:peran"),
        {"username": "penilai", "peran": "admin_unit", "unit_kode": bidang.kode},
        follow=True,
    )
    assert "telah diberikan kepada penilai" in _html(response)
    grant = PeranAdmin.objects.get(user=penilai.user)
    assert (grant.peran, grant.unit_id) == ("admin_unit", bidang.pk)
    assert LogEntry.objects.get_for_object(grant).get().actor == admin_bkd


def test_unit_code_typed_in_lower_case_finds_the_unit(client, admin_bkd, penilai, bidang):
    response = logged_in(client, admin_bkd).post(
        reverse("kepegawaian:peran"),
        {"username": "penilai", "peran": "admin_unit", "unit_kode": f" {bidang.kode.lower()} "},
        follow=True,
    )

    assert "telah diberikan kepada penilai" in _html(response)
    assert PeranAdmin.objects.get(user=penilai.user).unit_id == bidang.pk


def test_a_unit_code_matching_two_units_only_by_case_finds_neither(db):
    UnitKerjaFactory(kode="UPT-A")
    UnitKerjaFactory(kode="upt-a")

    assert selectors.unit_by_kode("Upt-A") is None
    assert selectors.unit_by_kode("upt-a").kode == "upt-a"  # an exact match always wins


def test_api_unit_code_typed_in_lower_case_finds_the_unit(client, admin_bkd, penilai, bidang):
    payload = {"username": "penilai", "peran": "admin_unit", "unit_kode": bidang.kode.lower()}

    response = json_request(logged_in(client, admin_bkd), "post", "/api/v1/peran-admin/", payload)

    assert response.status_code == 201, response.content
    assert response.json()["unit"]["kode"] == bidang.kode


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"username": "tidak.ada", "peran": "admin_bkd"}, "username", "Tidak ada akun dengan nama pengguna tidak.ada."),
        ({"username": "penilai", "peran": "admin_unit", "unit_kode": "ZZZ"}, "unit_kode", "Tidak ada unit kerja"),
        ({"username": "penilai", "peran": "admin_unit"}, "unit_kode", "Admin unit harus diberi unit kerja."),
        ({"username": "penilai", "peran": "admin_bkd", "unit_kode": "DINAS-UJI"}, "unit_kode", "kosongkan kode unit"),
        ({"username": "penilai", "peran": "raja"}, "peran", "Masukkan pilihan yang valid."),
    ],
    ids=["unknown-user", "unknown-unit", "unit-missing", "bkd-with-unit", "unknown-role"],
)
def test_bad_grant_is_shown_on_the_form_and_nothing_is_saved(client, admin_bkd, penilai, dinas, data, field, message):
    response = logged_in(client, admin_bkd).post(reverse("kepegawaian:peran"), data)
    assert response.status_code == 400
    assert response.context["beri_form"].errors[field]
    assert message in _html(response)
    assert not PeranAdmin.objects.filter(user=penilai.user).exists()


def test_granting_a_role_already_held_is_refused_on_the_page(client, admin_bkd, admin_unit, dinas):
    response = logged_in(client, admin_bkd).post(
        reverse("kepegawaian:peran"), {"username": "admin.unit", "peran": "admin_unit", "unit_kode": dinas.kode}
    )
    assert response.status_code == 400
    assert "Peran ini sudah diberikan kepada akun tersebut." in _html(response)
    assert PeranAdmin.objects.filter(user=admin_unit).count() == 1


def test_revoking_asks_for_confirmation_then_revokes(client, admin_bkd, admin_unit):
    grant = PeranAdmin.objects.get(user=admin_unit)
    client = logged_in(client, admin_bkd)
    url = reverse("kepegawaian:peran-cabut", args=[grant.pk])
    response = client.get(url)
    assert "Cabut peran" in _html(response) and "admin.unit" in _html(response)
    assert PeranAdmin.objects.filter(pk=grant.pk).exists()
    response = client.post(url, follow=True)
    assert "telah dicabut" in _html(response)
    assert not PeranAdmin.objects.filter(pk=grant.pk).exists()
    assert client.get(url).status_code == 404


def test_revoking_his_own_bkd_role_is_refused_on_the_page(client, admin_bkd):
    grant = PeranAdmin.objects.get(user=admin_bkd)
    response = logged_in(client, admin_bkd).post(reverse("kepegawaian:peran-cabut", args=[grant.pk]))
    assert response.status_code == 400
    assert "Anda tidak dapat mencabut peran Admin BKD Anda sendiri." in _html(response)
    assert PeranAdmin.objects.filter(pk=grant.pk).exists()


def test_peran_page_query_count_does_not_grow_with_the_grants(client, admin_bkd, dinas, django_assert_max_num_queries):
    def add(n):
        for _i in range(n):
            unit = UnitKerjaFactory(parent=dinas)
            PegawaiFactory(unit=unit, user=(user := UserFactory()))
            PeranAdmin.objects.create(user=user, peran="admin_unit", unit=unit)

    client = logged_in(client, admin_bkd)
    add(3)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("kepegawaian:peran"))
    add(40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("kepegawaian:peran"))
    assert len(response.context["page"].object_list) == 44


# --- Page: Ganti sandi ------------------------------------------------------------------------------------------


def test_password_change_needs_a_login(client, db):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_password_change_page_is_in_indonesian_in_the_site_look(client, pegawai):
    html = _html(logged_in(client, pegawai.user).get(reverse("password_change")))
    assert "<h1>Ganti kata sandi</h1>" in html
    assert "Sandi lama" in html and "Konfirmasi sandi baru" in html
    assert 'class="topbar"' in html


def test_wrong_old_password_is_refused_in_indonesian(client, pegawai):
    response = logged_in(client, pegawai.user).post(
        reverse("password_change"),
        {"old_password": "salah", "new_password1": SANDI_BARU, "new_password2": SANDI_BARU},
    )
    assert response.status_code == 200
    assert "Sandi lama Anda yang dimasukkan salah" in _html(response)
    pegawai.user.refresh_from_db()
    assert pegawai.user.check_password(PASSWORD)


def test_password_change_works_and_keeps_the_session(client, pegawai):
    client = logged_in(client, pegawai.user)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": SANDI_BARU, "new_password2": SANDI_BARU},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("password_change_done")
    assert "Kata sandi Anda telah diganti." in _html(response)
    pegawai.user.refresh_from_db()
    assert pegawai.user.check_password(SANDI_BARU)
    assert client.get(reverse("beranda")).status_code == 200


# --- API: /api/v1/peran-admin/ -------------------------------------------------------------------------------------


def test_api_peran_list_is_for_admin_bkd_and_403_for_others(client, admin_bkd, admin_unit, dinas):
    body = logged_in(client, admin_bkd).get("/api/v1/peran-admin/").json()
    rows = {r["akun"]["username"]: r for r in body["results"]}
    assert rows["admin.unit"]["unit"] == {"id": dinas.pk, "kode": "DINAS-UJI", "nama": "Dinas Uji"}
    assert rows["admin.bkd"]["unit"] is None and rows["admin.bkd"]["pegawai"] is None
    assert rows["admin.bkd"]["peran_label"] == "Admin BKD"
    response = logged_in(client, admin_unit).get("/api/v1/peran-admin/")
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Hanya Admin BKD yang dapat melihat dan mengelola peran admin."


def test_api_peran_list_filters_by_role_and_refuses_an_unknown_one(client, admin_bkd, admin_unit):
    client = logged_in(client, admin_bkd)
    body = client.get("/api/v1/peran-admin/", {"peran": "admin_unit"}).json()
    assert [r["akun"]["username"] for r in body["results"]] == ["admin.unit"]
    response = client.get("/api/v1/peran-admin/", {"peran": "raja"})
    assert response.status_code == 400
    assert "peran" in response.json()["error"]["fields"]


def test_api_peran_detail_and_delete_are_404_for_others(client, admin_unit, admin_bkd):
    grant = PeranAdmin.objects.get(user=admin_bkd)
    client = logged_in(client, admin_unit)
    assert client.get(f"/api/v1/peran-admin/{grant.pk}/").status_code == 404
    assert client.delete(f"/api/v1/peran-admin/{grant.pk}/").status_code == 404
    assert PeranAdmin.objects.filter(pk=grant.pk).exists()


def test_api_admin_bkd_grants_and_revokes_a_role(client, admin_bkd, penilai, bidang):
    client = logged_in(client, admin_bkd)
    response = json_request(
        client, "post", "/api/v1/peran-admin/", {"username": "penilai", "peran": "admin_unit", "unit_kode": bidang.kode}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["pegawai"]["nama"] == "Putri Penilai"
    assert (body["peran"], body["unit"]["kode"]) == ("admin_unit", bidang.kode)
    grant = PeranAdmin.objects.get(pk=body["id"])
    assert LogEntry.objects.get_for_object(grant).get().actor == admin_bkd
    assert client.delete(f"/api/v1/peran-admin/{grant.pk}/").status_code == 204
    assert not PeranAdmin.objects.filter(pk=grant.pk).exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"username": "tidak.ada", "peran": "admin_bkd"}, "username"),
        ({"username": "penilai", "peran": "admin_unit"}, "unit_kode"),
        ({"username": "penilai", "peran": "admin_unit", "unit_kode": "ZZZ"}, "unit_kode"),
        ({"username": "penilai", "peran": "admin_bkd", "unit_kode": "DINAS-UJI"}, "unit_kode"),
        ({"username": "penilai", "peran": "raja"}, "peran"),
    ],
    ids=["unknown-user", "unit-missing", "unknown-unit", "bkd-with-unit", "unknown-role"],
)
def test_api_bad_grant_is_a_400_on_the_field_and_nothing_is_saved(client, admin_bkd, penilai, dinas, payload, field):
    response = json_request(logged_in(client, admin_bkd), "post", "/api/v1/peran-admin/", payload)
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]
    assert not PeranAdmin.objects.filter(user=penilai.user).exists()


def test_api_duplicate_grant_and_own_bkd_revoke_are_400(client, admin_bkd, admin_unit, dinas):
    client = logged_in(client, admin_bkd)
    response = json_request(
        client,
        "post",
        "/api/v1/peran-admin/",
        {"username": "admin.unit", "peran": "admin_unit", "unit_kode": dinas.kode},
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Peran ini sudah diberikan kepada akun tersebut."
    own = PeranAdmin.objects.get(user=admin_bkd)
    response = client.delete(f"/api/v1/peran-admin/{own.pk}/")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Anda tidak dapat mencabut peran Admin BKD Anda sendiri."


def test_api_non_bkd_may_not_grant(client, admin_unit, penilai, bidang):
    response = json_request(
        logged_in(client, admin_unit),
        "post",
        "/api/v1/peran-admin/",
        {"username": "penilai", "peran": "admin_unit", "unit_kode": bidang.kode},
    )
    assert response.status_code == 403
    assert not PeranAdmin.objects.filter(user=penilai.user).exists()


@pytest.mark.parametrize("n", [5, 50])
def test_api_peran_list_runs_the_same_queries_for_5_and_50_rows(client, admin_bkd, dinas, n, django_assert_num_queries):
    for _i in range(n):
        unit = UnitKerjaFactory(parent=dinas)
        PegawaiFactory(unit=unit, user=(user := UserFactory()))
        PeranAdmin.objects.create(user=user, peran="admin_unit", unit=unit)
    client = logged_in(client, admin_bkd)
    # session, user, his pegawai, his roles, count, one page with the logins, pegawai and units joined
    with django_assert_num_queries(6):
        response = client.get("/api/v1/peran-admin/")
    assert response.json()["count"] == n + 1


# --- API: POST /api/v1/pegawai/{id}/akun/ ------------------------------------------------------------------------


def test_api_admin_unit_creates_a_login_for_a_pegawai(client, admin_unit, staf):
    response = json_request(
        logged_in(client, admin_unit), "post", f"/api/v1/pegawai/{staf.pk}/akun/", {"password": SANDI_BARU}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["username"], body["aktif"], body["pegawai"]["id"]) == (staf.nip, True, staf.pk)
    assert "password" not in body
    staf.refresh_from_db()
    assert staf.user_id == body["id"]


def test_api_login_creation_errors(client, admin_unit, pegawai, staf, staf_luar):
    client = logged_in(client, admin_unit)
    response = json_request(client, "post", f"/api/v1/pegawai/{staf.pk}/akun/", {"password": "12345678"})
    assert response.status_code == 400
    assert "Kata sandi ini terlalu umum." in response.json()["error"]["fields"]["password"]
    response = json_request(client, "post", f"/api/v1/pegawai/{staf.pk}/akun/", {})
    assert response.status_code == 400
    assert "password" in response.json()["error"]["fields"]
    response = json_request(client, "post", f"/api/v1/pegawai/{pegawai.pk}/akun/", {"password": SANDI_BARU})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Budi Pegawai sudah memiliki akun login."
    response = json_request(client, "post", f"/api/v1/pegawai/{staf_luar.pk}/akun/", {"password": SANDI_BARU})
    assert response.status_code == 404
    staf.refresh_from_db()
    staf_luar.refresh_from_db()
    assert staf.user_id is None and staf_luar.user_id is None


def test_api_penilai_sees_his_subordinate_but_may_not_create_his_login(client, penilai, staf):
    response = json_request(
        logged_in(client, penilai.user), "post", f"/api/v1/pegawai/{staf.pk}/akun/", {"password": SANDI_BARU}
    )
    assert response.status_code == 403
    staf.refresh_from_db()
    assert staf.user_id is None
