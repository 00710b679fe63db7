"""Every write service of kepegawaian checks the actor's right itself, whichever door calls it: called directly
(as a task, the shell or another app would), an actor outside the scope is refused — 404 for what he may not see,
403 for what he sees but may not change — and nothing is written."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from rest_framework.authtoken.models import Token

from kepegawaian import impor, services
from kepegawaian.models import ImporJob, Jabatan, Pegawai, PeranAdmin, UnitKerja, User
from tests.kepegawaian.factories import JabatanFactory, PegawaiFactory, UserFactory

SANDI = "Sandi-Baru-2026!"
PASSWORD = "rahasia-uji-123"  # the factories' password


# --- units and jabatan ------------------------------------------------------------------------------------------


def test_unit_create_refuses_a_non_admin_and_a_parent_outside_the_subtree(pegawai, admin_unit, dinas_lain, bidang):
    with pytest.raises(PermissionDenied):
        services.unit_create(actor=pegawai.user, kode="X1", nama="X", jenis="bidang", parent=bidang)
    with pytest.raises(Http404):
        services.unit_create(actor=admin_unit, kode="X2", nama="X", jenis="bidang", parent=dinas_lain)
    with pytest.raises(PermissionDenied):  # a root unit is for the admin BKD
        services.unit_create(actor=admin_unit, kode="X3", nama="X", jenis="pemprov")
    assert not UnitKerja.objects.filter(kode__in=["X1", "X2", "X3"]).exists()


def test_unit_update_refuses_a_unit_outside_the_subtree(admin_unit, dinas_lain, penilai, bidang):
    with pytest.raises(Http404):
        services.unit_update(actor=admin_unit, unit=dinas_lain, nama="Diambil alih")
    with pytest.raises(PermissionDenied):  # the penilai sees his own unit but does not manage it
        services.unit_update(actor=penilai.user, unit=bidang, nama="Diubah penilai")
    assert UnitKerja.objects.get(pk=dinas_lain.pk).nama != "Diambil alih"
    assert UnitKerja.objects.get(pk=bidang.pk).nama != "Diubah penilai"


def test_unit_move_refuses_a_new_parent_or_a_unit_outside_the_subtree(admin_unit, bidang, dinas_lain, dinas):
    with pytest.raises(Http404):
        services.unit_move(actor=admin_unit, unit=bidang, parent=dinas_lain)
    with pytest.raises(Http404):
        services.unit_move(actor=admin_unit, unit=dinas_lain, parent=dinas)
    assert UnitKerja.objects.get(pk=bidang.pk).path.startswith(dinas.path)


def test_jabatan_get_or_create_refuses_a_non_admin(pegawai, admin_unit):
    with pytest.raises(PermissionDenied):
        services.jabatan_get_or_create(actor=pegawai.user, nama="Jabatan Baru", jenis=Jabatan.Jenis.PELAKSANA)
    assert not Jabatan.objects.filter(nama="Jabatan Baru").exists()
    services.jabatan_get_or_create(actor=admin_unit, nama="Jabatan Baru", jenis=Jabatan.Jenis.PELAKSANA)
    assert Jabatan.objects.filter(nama="Jabatan Baru").exists()


# --- pegawai ----------------------------------------------------------------------------------------------------


def _fields(unit) -> dict:
    return {
        "nip": "198501012010011001",
        "nama": "Siti Baru",
        "golongan": Pegawai.Golongan.III_A,
        "jabatan": JabatanFactory(),
        "unit": unit,
    }


def test_pegawai_create_refuses_a_non_admin_and_a_unit_outside_the_subtree(pegawai, admin_unit, bidang, dinas_lain):
    with pytest.raises(PermissionDenied):
        services.pegawai_create(actor=pegawai.user, **_fields(bidang))
    with pytest.raises(Http404):
        services.pegawai_create(actor=admin_unit, **_fields(dinas_lain))
    assert not Pegawai.objects.filter(nip="198501012010011001").exists()


def test_pegawai_update_refuses_a_pegawai_not_seen_or_not_managed(admin_unit, outsider, penilai, pegawai, dinas_lain):
    with pytest.raises(Http404):
        services.pegawai_update(actor=admin_unit, pegawai=outsider, nama="Diambil alih")
    with pytest.raises(PermissionDenied):  # his penilai sees him but is no admin
        services.pegawai_update(actor=penilai.user, pegawai=pegawai, nama="Diubah penilai")
    with pytest.raises(Http404):  # moving him out of the subtree
        services.pegawai_update(actor=admin_unit, pegawai=pegawai, unit=dinas_lain)
    pegawai.refresh_from_db()
    outsider.refresh_from_db()
    assert (pegawai.nama, outsider.nama) == ("Budi Pegawai", "Oscar Luar")
    assert pegawai.unit != dinas_lain


def test_pegawai_link_akun_refuses_a_pegawai_outside_and_a_login_not_managed(admin_unit, outsider, bidang, admin_bkd):
    with pytest.raises(Http404):
        services.pegawai_link_akun(actor=admin_unit, pegawai=outsider, user=None)
    staf = PegawaiFactory(unit=bidang)
    with pytest.raises(PermissionDenied):  # the admin BKD's own login is not the admin unit's to link
        services.pegawai_link_akun(actor=admin_unit, pegawai=staf, user=admin_bkd)
    outsider.refresh_from_db()
    staf.refresh_from_db()
    assert outsider.user_id is not None
    assert staf.user_id is None


# --- logins -----------------------------------------------------------------------------------------------------


def test_akun_create_refuses_a_pegawai_outside_the_subtree(admin_unit, dinas_lain):
    luar = PegawaiFactory(unit=dinas_lain)
    with pytest.raises(Http404):
        services.akun_create(actor=admin_unit, pegawai=luar, password=SANDI)
    assert not User.objects.filter(username=luar.nip).exists()


def test_akun_set_aktif_and_sandi_reset_refuse_a_login_outside_the_subtree(admin_unit, outsider, penilai, pegawai):
    with pytest.raises(Http404):
        services.akun_set_aktif(actor=admin_unit, user=outsider.user, aktif=False)
    with pytest.raises(Http404):
        services.sandi_reset(actor=admin_unit, user=outsider.user, password=SANDI)
    with pytest.raises(PermissionDenied):  # the penilai sees his staff's login but manages no login
        services.akun_set_aktif(actor=penilai.user, user=pegawai.user, aktif=False)
    with pytest.raises(PermissionDenied):
        services.sandi_reset(actor=penilai.user, user=pegawai.user, password=SANDI)
    outsider.user.refresh_from_db()
    pegawai.user.refresh_from_db()
    assert outsider.user.is_active and pegawai.user.is_active
    assert not outsider.user.check_password(SANDI)


# --- API tokens -------------------------------------------------------------------------------------------------


def test_token_services_refuse_anyone_but_the_login_itself(admin_bkd, pegawai):
    Token.objects.create(user=pegawai.user)
    key = Token.objects.get(user=pegawai.user).key
    with pytest.raises(PermissionDenied):
        services.token_create(actor=admin_bkd, user=pegawai.user)
    with pytest.raises(PermissionDenied):
        services.token_rotate(actor=admin_bkd, user=pegawai.user)
    with pytest.raises(PermissionDenied):
        services.token_revoke(actor=admin_bkd, user=pegawai.user)
    assert Token.objects.get(user=pegawai.user).key == key


def _token_audit(user) -> list[str]:
    entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(User), object_id=user.pk)
    return [e.changes_dict["token_api"][1] for e in entries.order_by("pk") if "token_api" in (e.changes_dict or {})]


def test_token_create_rotate_and_revoke_write_an_audit_record_with_the_actor(pegawai):
    user = pegawai.user
    first = services.token_create(actor=user, user=user)
    assert services.token_create(actor=user, user=user).key == first.key  # the same token: nothing new to audit
    second = services.token_rotate(actor=user, user=user)
    assert second.key != first.key
    services.token_revoke(actor=user, user=user)
    services.token_revoke(actor=user, user=user)  # nothing left to revoke: no record
    assert not Token.objects.filter(user=user).exists()
    assert _token_audit(user) == ["dibuat (token_create)", "diganti (token_rotate)", "dicabut (token_revoke)"]
    entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(User), object_id=user.pk)
    assert {e.actor_id for e in entries if "token_api" in (e.changes_dict or {})} == {user.pk}
    assert all(first.key not in str(e.changes) and second.key not in str(e.changes) for e in entries)


def test_token_endpoints_go_through_the_audited_services(client, pegawai):
    response = client.post("/api/v1/token/", {"username": "pegawai", "password": PASSWORD})
    assert response.status_code == 200, response.content
    key = response.json()["token"]
    assert client.post("/api/v1/token/ganti/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    new = Token.objects.get(user=pegawai.user).key
    assert client.delete("/api/v1/token/", HTTP_AUTHORIZATION=f"Token {new}").status_code == 204
    assert _token_audit(pegawai.user) == [
        "dibuat (token_create)",
        "diganti (token_rotate)",
        "dicabut (token_revoke)",
    ]


# --- granted admin roles ----------------------------------------------------------------------------------------


def test_peran_grant_and_revoke_refuse_anyone_but_an_admin_bkd(admin_unit, admin_bkd, penilai, bidang):
    with pytest.raises(PermissionDenied):
        services.peran_grant(actor=admin_unit, user=penilai.user, peran=PeranAdmin.Peran.ADMIN_UNIT, unit=bidang)
    with pytest.raises(PermissionDenied):
        services.peran_revoke(actor=admin_unit, grant=PeranAdmin.objects.get(user=admin_bkd))
    assert not PeranAdmin.objects.filter(user=penilai.user).exists()
    assert PeranAdmin.objects.filter(user=admin_bkd).exists()


# --- the import -------------------------------------------------------------------------------------------------


def test_impor_job_create_and_data_import_refuse_a_non_admin(pegawai, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    berkas = SimpleUploadedFile("unit.csv", b"kode,nama,jenis,kode_induk\nX9,Unit X,bidang,\n")
    with pytest.raises(PermissionDenied):
        impor.impor_job_create(actor=pegawai.user, berkas=[berkas])
    data = impor.DataImpor(unit=[impor.Baris("unit.csv", 2, {"kode": "X9", "nama": "Unit X", "jenis": "bidang"})])
    with pytest.raises(PermissionDenied):
        impor.data_import(actor=pegawai.user, data=data)
    assert not ImporJob.objects.exists()
    assert not UnitKerja.objects.filter(kode="X9").exists()


def test_data_import_refuses_rows_outside_the_admins_subtree(admin_unit, dinas_lain):
    data = impor.DataImpor(
        unit=[impor.Baris("unit.csv", 2, {"kode": "X8", "nama": "X", "jenis": "bidang", "kode_induk": dinas_lain.kode})]
    )
    with pytest.raises(impor.ImporDitolak) as err:
        impor.data_import(actor=admin_unit, data=data)
    assert [k.kolom for k in err.value.kesalahan] == ["kode_induk"]
    assert not UnitKerja.objects.filter(kode="X8").exists()


def test_an_unprivileged_user_is_not_a_system_actor(db):
    """``actor=None`` is the system; a signed-in user with no role is not."""
    nobody = UserFactory(username="nobody")
    with pytest.raises(PermissionDenied):
        services.unit_create(actor=nobody, kode="X7", nama="X", jenis="pemprov")
