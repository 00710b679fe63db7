"""The pelatihan API's writes: programmes, events, nomination, attendance, completion, the certificate — thin over
the services, one error shape, Indonesian messages, the field-level rules (who may write what), and every bad input
of issue 11 answered with a 4xx and nothing saved."""

import datetime as dt

import pytest

from pelatihan import services
from pelatihan.models import Kegiatan, Kehadiran, Peserta, Program
from tests.api_helpers import api_error, patch_json, post_json
from tests.pelatihan.factories import KegiatanFactory, ProgramFactory

API = "/api/v1/pelatihan"


def _program_body(unit, **isian):
    body = {"judul": "Metode Mengajar Aktif", "bidang": "teknis", "jenis": "klasikal", "penyelenggara": "dinas"}
    return {**body, "jp": 24, "unit_pemilik": unit.pk if unit else None, **isian}


def _kegiatan_body(program, unit, **isian):
    body = {
        "program": program.pk,
        "unit_penyelenggara": unit.pk if unit else None,
        "tanggal_mulai": "2026-08-03",
        "tanggal_selesai": "2026-08-05",
        "pendaftaran_mulai": "2026-07-10",
        "pendaftaran_selesai": "2026-07-20",
        "kuota": 2,
        "moda": "tatap_muka",
        "tempat": "Aula Dinas",
    }
    return {**body, **isian}


# --- the whole flow through the API -------------------------------------------------------------------------------


def test_admin_schedules_pegawai_registers_organiser_records_and_pegawai_downloads(
    api, admin_unit, pegawai, penilai, dinas, hari
):
    created = post_json(api(admin_unit), f"{API}/program/", _program_body(dinas, kompetensi=["Pedagogi"]))
    assert created.status_code == 201, created.json()
    program = Program.objects.get(pk=created.json()["id"])
    assert (program.unit_pemilik, program.kompetensi, program.bentuk) == (dinas, ["Pedagogi"], "klasikal")

    jadwal = post_json(api(admin_unit), f"{API}/kegiatan/", _kegiatan_body(program, dinas))
    assert jadwal.status_code == 201, jadwal.json()
    kegiatan_id = jadwal.json()["id"]

    assert post_json(api(pegawai), f"{API}/kegiatan/{kegiatan_id}/daftar/").status_code == 201
    peserta = Peserta.objects.get(pegawai=pegawai)
    organiser = api(admin_unit)
    listed = organiser.get(f"{API}/kegiatan/{kegiatan_id}/peserta/").json()["results"]
    assert [p["id"] for p in listed] == [peserta.pk]

    hari(dt.date(2026, 8, 3))
    hadir = post_json(
        organiser, f"{API}/kegiatan/{kegiatan_id}/kehadiran/", {"tanggal": "2026-08-03", "hadir": [peserta.pk]}
    )
    assert hadir.json() == {"tanggal": "2026-08-03", "jumlah_hadir": 1}
    assert Kehadiran.objects.get(peserta=peserta).hadir

    hari(dt.date(2026, 8, 5))
    lulus = post_json(organiser, f"{API}/kegiatan/{kegiatan_id}/kelulusan/", {"peserta": [peserta.pk]})
    assert lulus.status_code == 200, lulus.json()
    assert lulus.json()[0]["selesai"] is True and lulus.json()[0]["jp"] == 24
    assert api(pegawai).get(f"{API}/jp/?tahun=2026").json()["jp_diakui"] == 24

    pdf = api(pegawai).get(f"{API}/peserta/{peserta.pk}/sertifikat/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_penilai_nominates_his_subordinate_through_the_api(api, penilai, pegawai, kegiatan):
    response = post_json(api(penilai), f"{API}/kegiatan/{kegiatan.pk}/nominasi/", {"pegawai": [pegawai.pk]})
    assert response.status_code == 201, response.json()
    assert response.json()[0]["cara"] == "nominasi"
    assert Peserta.objects.get().pegawai == pegawai


def test_programme_and_event_changes_are_partial(api, admin_unit, dinas, kegiatan):
    program = ProgramFactory(unit_pemilik=dinas, jp=12)
    changed = patch_json(api(admin_unit), f"{API}/program/{program.pk}/", {"jp": 16, "aktif": False})
    assert changed.status_code == 200, changed.json()
    program.refresh_from_db()
    assert (program.jp, program.aktif, program.judul) == (16, False, program.judul)

    moved = patch_json(api(admin_unit), f"{API}/kegiatan/{kegiatan.pk}/", {"kuota": 20})
    assert moved.status_code == 200, moved.json()
    kegiatan.refresh_from_db()
    assert (kegiatan.kuota, kegiatan.tempat) == (20, "BPSDM DKI, Jl. Abdul Muis")


# --- field-level rules: who may write what ------------------------------------------------------------------------


def test_pegawai_cannot_write_attendance_or_completion(api, pegawai, kegiatan, hari):
    peserta = services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    hari(dt.date(2026, 8, 5))
    client = api(pegawai)
    for path, body in (
        ("kehadiran", {"tanggal": "2026-08-04", "hadir": [peserta.pk]}),
        ("kelulusan", {"peserta": [peserta.pk]}),
    ):
        response = post_json(client, f"{API}/kegiatan/{kegiatan.pk}/{path}/", body)
        assert response.status_code == 403
        assert "penyelenggara" in api_error(response)["message"]
    assert client.get(f"{API}/kegiatan/{kegiatan.pk}/peserta/").status_code == 403
    peserta.refresh_from_db()
    assert not peserta.selesai and not Kehadiran.objects.exists()


def test_another_units_admin_and_the_penilai_cannot_complete_the_event(
    api, admin_lain, penilai, pegawai, kegiatan, hari
):
    peserta = services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    hari(dt.date(2026, 8, 5))
    for actor in (admin_lain, penilai):
        response = post_json(api(actor), f"{API}/kegiatan/{kegiatan.pk}/kelulusan/", {"peserta": [peserta.pk]})
        assert response.status_code == 403
    assert not Peserta.objects.get().selesai


def test_only_managers_write_the_catalogue(api, pegawai, admin_unit, admin_lain, dinas):
    assert post_json(api(pegawai), f"{API}/program/", _program_body(dinas)).status_code == 403
    province = post_json(api(admin_unit), f"{API}/program/", _program_body(None))
    assert province.status_code == 403
    assert "Admin BKD" in api_error(province)["message"]
    assert post_json(api(admin_lain), f"{API}/program/", _program_body(dinas)).status_code == 403
    program = ProgramFactory(unit_pemilik=dinas)
    assert patch_json(api(admin_lain), f"{API}/program/{program.pk}/", {"jp": 2}).status_code == 403
    assert Program.objects.count() == 1


def test_owner_and_organiser_cannot_be_changed(api, admin_unit, dinas, dinas_lain, kegiatan):
    program = ProgramFactory(unit_pemilik=dinas)
    response = patch_json(api(admin_unit), f"{API}/program/{program.pk}/", {"unit_pemilik": dinas_lain.pk})
    assert response.status_code == 400
    assert "tidak dapat diubah" in api_error(response)["fields"]["unit_pemilik"][0]
    response = patch_json(api(admin_unit), f"{API}/kegiatan/{kegiatan.pk}/", {"unit_penyelenggara": None})
    assert response.status_code == 400


def test_penilai_cannot_nominate_someone_elses_subordinate(api, penilai, atasan, outsider, kegiatan):
    assert (
        post_json(api(atasan), f"{API}/kegiatan/{kegiatan.pk}/nominasi/", {"pegawai": [penilai.pk]}).status_code == 201
    )
    response = post_json(api(penilai), f"{API}/kegiatan/{kegiatan.pk}/nominasi/", {"pegawai": [outsider.pk]})
    assert response.status_code == 404  # not his to see
    assert Peserta.objects.count() == 1


# --- bad input of issue 11: a 4xx with an Indonesian message, nothing saved --------------------------------------


@pytest.mark.parametrize(
    ("jp", "pesan"),
    [(0, "JP harus lebih dari 0."), (-4, "JP harus lebih dari 0."), (500, "tidak wajar")],
)
def test_programme_with_jp_zero_negative_or_absurd_is_400(api, admin_unit, dinas, jp, pesan):
    body = _program_body(dinas, jp=jp, jenis="seminar")
    response = post_json(api(admin_unit), f"{API}/program/", body)
    assert response.status_code == 400
    assert pesan in api_error(response)["fields"]["jp"][0]
    assert not Program.objects.exists()


def test_absurd_jp_in_a_change_is_400_and_keeps_the_old_value(api, admin_unit, dinas):
    program = ProgramFactory(unit_pemilik=dinas, jp=12)
    response = patch_json(api(admin_unit), f"{API}/program/{program.pk}/", {"jp": 500})
    assert response.status_code == 400
    program.refresh_from_db()
    assert program.jp == 12


def test_event_ending_before_it_starts_is_400(api, admin_unit, dinas):
    program = ProgramFactory(unit_pemilik=dinas)
    body = _kegiatan_body(program, dinas, tanggal_mulai="2026-08-05", tanggal_selesai="2026-08-03")
    response = post_json(api(admin_unit), f"{API}/kegiatan/", body)
    assert response.status_code == 400
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in str(api_error(response))
    assert not Kegiatan.objects.exists()


def test_registration_outside_the_window_is_400(api, pegawai, kegiatan, hari):
    hari(dt.date(2026, 7, 21))
    response = post_json(api(pegawai), f"{API}/kegiatan/{kegiatan.pk}/daftar/")
    assert response.status_code == 400
    assert "Pendaftaran kegiatan ini hanya dibuka" in api_error(response)["message"]
    assert not Peserta.objects.exists()


def test_registration_over_quota_and_twice_are_400(api, pegawai, penilai, dinas):
    kegiatan = KegiatanFactory(unit_penyelenggara=dinas, kuota=1)
    assert post_json(api(pegawai), f"{API}/kegiatan/{kegiatan.pk}/daftar/").status_code == 201
    twice = post_json(api(pegawai), f"{API}/kegiatan/{kegiatan.pk}/daftar/")
    assert twice.status_code == 400 and "sudah terdaftar" in api_error(twice)["message"]
    full = post_json(api(penilai), f"{API}/kegiatan/{kegiatan.pk}/daftar/", {"daftar_tunggu": False})
    assert full.status_code == 400 and "Kuota kegiatan ini sudah penuh" in api_error(full)["message"]
    assert Peserta.objects.count() == 1
    kegiatan.refresh_from_db()
    assert kegiatan.jumlah_terdaftar == 1


def test_quota_below_the_seats_taken_is_400(api, admin_unit, pegawai, penilai, kegiatan):
    for orang in (pegawai, penilai):
        services.peserta_create(actor=orang.user, kegiatan=kegiatan)
    response = patch_json(api(admin_unit), f"{API}/kegiatan/{kegiatan.pk}/", {"kuota": 1})
    assert response.status_code == 400
    assert "Kuota tidak boleh lebih kecil" in api_error(response)["message"]


def test_certificate_of_an_unfinished_event_is_400(api, admin_unit, pegawai, kegiatan, hari):
    peserta = services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    hari(dt.date(2026, 8, 4))  # the event is still running
    early = post_json(api(admin_unit), f"{API}/kegiatan/{kegiatan.pk}/kelulusan/", {"peserta": [peserta.pk]})
    assert early.status_code == 400
    assert "setelah kegiatan selesai" in api_error(early)["message"]
    pdf = api(pegawai).get(f"{API}/peserta/{peserta.pk}/sertifikat/")
    assert pdf.status_code == 400
    assert "Sertifikat hanya tersedia setelah pelatihan dinyatakan selesai" in api_error(pdf)["message"]
    peserta.refresh_from_db()
    assert not peserta.selesai and peserta.kode_verifikasi is None


def test_someone_elses_certificate_is_404(api, outsider, pegawai, kegiatan):
    peserta = services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    assert api(outsider).get(f"{API}/peserta/{peserta.pk}/sertifikat/").status_code == 404


def test_unknown_verification_code_is_404(client, db):
    response = client.get(f"{API}/verifikasi/ABCD-EFGH-JKMN/")
    assert response.status_code == 404
    assert "Kode verifikasi tidak dikenal" in api_error(response)["message"]


def test_attendance_for_a_day_outside_the_event_is_400(api, admin_unit, pegawai, kegiatan, hari):
    services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    hari(dt.date(2026, 8, 10))
    response = post_json(
        api(admin_unit), f"{API}/kegiatan/{kegiatan.pk}/kehadiran/", {"tanggal": "2026-08-07", "hadir": []}
    )
    assert response.status_code == 400
    assert "di luar jadwal kegiatan" in api_error(response)["message"]
    assert not Kehadiran.objects.exists()


# --- query counts -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 6])
def test_programme_and_participant_lists_have_constant_query_counts(
    api, admin_unit, dinas, bidang, n, django_assert_max_num_queries
):
    from tests.kepegawaian.factories import PegawaiFactory, UserFactory

    kegiatan = KegiatanFactory(unit_penyelenggara=dinas, kuota=10)
    for i in range(n):
        ProgramFactory(unit_pemilik=dinas)
        orang = PegawaiFactory(unit=bidang, user=UserFactory(username=f"peserta{i}"))
        services.peserta_create(actor=orang.user, kegiatan=kegiatan)
    client = api(admin_unit)
    with django_assert_max_num_queries(8):
        assert len(client.get(f"{API}/program/").json()["results"]) == n + 1
    with django_assert_max_num_queries(8):
        assert len(client.get(f"{API}/kegiatan/{kegiatan.pk}/peserta/").json()["results"]) == n


def test_ledger_year_far_out_is_400_not_a_server_error(api, pegawai):
    response = api(pegawai).get(f"{API}/jp/?tahun=-343972198")
    assert response.status_code == 400
    assert "Tahun harus antara" in api_error(response)["message"]
