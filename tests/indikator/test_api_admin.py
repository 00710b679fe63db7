"""Admin doors of the indikator API: opening and closing periods (Admin BKD), the current period, reopening one
pegawai's entries with a recorded reason, and the unit IKU / PK import from XLSX. Access: 404 for what the user
may not see, 403 for what he sees but may not do; bad input is a 400 in Indonesian and nothing is saved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indikator import services
from indikator.models import IndikatorUnit, PembukaanKembali, PeriodePenilaian, Realisasi
from tests.api_helpers import api_error, post_json
from tests.indikator.factories import PeriodeFactory, skp_disetujui
from tests.kepegawaian.factories import PegawaiFactory

API = "/api/v1"


# --- periods ------------------------------------------------------------------------------------------------------


def test_admin_unit_may_not_open_or_close_a_period(api, admin_unit, periode):
    client = api(admin_unit)
    for aksi in ("tutup", "buka"):
        response = post_json(client, f"{API}/periode/{periode.pk}/{aksi}/")
        assert response.status_code == 403
        assert api_error(response)["message"] == "Hanya Admin BKD yang dapat mengelola periode penilaian."
    assert PeriodePenilaian.objects.get(pk=periode.pk).status == "dibuka"


def test_admin_bkd_reopens_a_closed_period(api, admin_bkd, periode):
    client = api(admin_bkd)
    assert post_json(client, f"{API}/periode/{periode.pk}/tutup/").json()["status"] == "ditutup"

    response = post_json(client, f"{API}/periode/{periode.pk}/buka/")

    assert response.status_code == 200 and response.json()["status"] == "dibuka"
    assert PeriodePenilaian.objects.get(pk=periode.pk).status == "dibuka"


def test_the_current_period_is_this_years(api, pegawai, periode):
    PeriodeFactory(tahun=2025)
    response = api(pegawai).get(f"{API}/periode/aktif/")
    assert response.status_code == 200
    assert response.json()["id"] == periode.pk and response.json()["tahun"] == 2026


def test_without_any_period_the_current_period_is_a_404(api, pegawai):
    response = api(pegawai).get(f"{API}/periode/aktif/")
    assert response.status_code == 404
    assert api_error(response)["message"] == "Belum ada periode penilaian."


# --- reopening one pegawai's entries --------------------------------------------------------------------------------


@pytest.fixture
def skp_pegawai(pegawai, penilai, periode):
    return skp_disetujui(pegawai, periode)


def _pembukaan(periode_obj, pegawai, **extra) -> dict:
    return {
        "periode": periode_obj.pk,
        "pegawai": pegawai.pk,
        "periode_ke": 1,
        "berlaku_sampai": "2026-07-31",
        "alasan": "Pegawai sakit saat tenggat triwulan I",
        **extra,
    }


def test_admin_unit_reopens_a_closed_quarter_and_the_pegawai_can_then_fill_it(
    api, client, admin_unit, pegawai, skp_pegawai, periode
):
    iki = skp_pegawai.rhk.get().iki.get()
    realisasi = {"iki": iki.pk, "periode_ke": 1, "nilai": "3"}
    assert post_json(api(pegawai), f"{API}/realisasi/", realisasi).status_code == 400  # triwulan I closed on 5 April

    api(admin_unit)
    response = post_json(client, f"{API}/pembukaan-kembali/", _pembukaan(periode, pegawai))

    assert response.status_code == 201
    body = response.json()
    assert body["pegawai"] == {"id": pegawai.pk, "nip": pegawai.nip, "nama": "Budi Pegawai"}
    assert body["periode_ke"] == 1 and body["cakupan"] == "Realisasi Triwulan I"
    assert body["dibuat_oleh"] == "admin.unit" and body["tahun"] == 2026
    assert PembukaanKembali.objects.get().alasan == "Pegawai sakit saat tenggat triwulan I"
    api(pegawai)
    assert post_json(client, f"{API}/realisasi/", realisasi).status_code == 201
    assert Realisasi.objects.filter(iki=iki, periode_ke=1).exists()


def test_reopening_the_whole_period_is_described_as_such(api, admin_bkd, pegawai, periode):
    response = post_json(api(admin_bkd), f"{API}/pembukaan-kembali/", _pembukaan(periode, pegawai, periode_ke=None))
    assert response.status_code == 201
    assert response.json()["periode_ke"] is None
    assert response.json()["cakupan"] == "Seluruh periode (SKP dan semua realisasi)"


@pytest.mark.parametrize(
    "extra, field, pesan",
    [
        ({"alasan": "  "}, "alasan", "Alasan pembukaan kembali wajib diisi."),
        ({"berlaku_sampai": "2026-07-01"}, "berlaku_sampai", "Tanggal berlaku sampai tidak boleh di masa lalu."),
        ({"periode_ke": 5}, "periode_ke", "Periode 2026 tidak memiliki bulan/triwulan ke-5."),
        ({"periode_ke": 13}, "periode_ke", ""),
        ({"berlaku_sampai": "besok"}, "berlaku_sampai", ""),
        ({"periode": 999999}, "periode", "Periode tidak ditemukan."),
    ],
)
def test_bad_reopening_is_a_400_naming_the_field_and_saves_nothing(
    api, admin_unit, pegawai, periode, extra, field, pesan
):
    response = post_json(api(admin_unit), f"{API}/pembukaan-kembali/", _pembukaan(periode, pegawai, **extra))

    assert response.status_code == 400
    error = api_error(response)
    assert pesan in " ".join(error["fields"][field])
    assert error["message"]
    assert not PembukaanKembali.objects.exists()


def test_reopening_requires_the_fields(api, admin_unit):
    response = post_json(api(admin_unit), f"{API}/pembukaan-kembali/", {})
    assert response.status_code == 400
    assert {"periode", "pegawai", "berlaku_sampai", "alasan"} <= set(api_error(response)["fields"])


def test_penilai_sees_the_pegawai_but_may_not_reopen_and_an_outsider_is_hidden(
    api, admin_unit, penilai, pegawai, outsider, periode
):
    ditolak = post_json(api(penilai), f"{API}/pembukaan-kembali/", _pembukaan(periode, pegawai))
    assert ditolak.status_code == 403
    assert api_error(ditolak)["message"] == "Anda bukan admin bagi pegawai ini."

    tersembunyi = post_json(api(admin_unit), f"{API}/pembukaan-kembali/", _pembukaan(periode, outsider))
    assert tersembunyi.status_code == 404
    assert api_error(tersembunyi)["message"] == "Pegawai tidak ditemukan."
    assert not PembukaanKembali.objects.exists()


def test_reopenings_are_listed_to_who_sees_the_pegawai(api, admin_unit, admin_bkd, pegawai, penilai, outsider, periode):
    services.pembukaan_kembali_create(
        actor=admin_unit,
        periode=periode,
        pegawai=pegawai,
        periode_ke=2,
        berlaku_sampai=periode.batas_penyusunan_skp,
        alasan="Cuti melahirkan",
    )
    lain = services.pembukaan_kembali_create(
        actor=admin_bkd,
        periode=periode,
        pegawai=outsider,
        berlaku_sampai=periode.batas_penyusunan_skp,
        alasan="Mutasi",
    )
    for actor in (pegawai, penilai, admin_unit):
        rows = api(actor).get(f"{API}/pembukaan-kembali/").json()["results"]
        assert [r["alasan"] for r in rows] == ["Cuti melahirkan"]

    client = api(admin_bkd)
    assert client.get(f"{API}/pembukaan-kembali/").json()["count"] == 2
    assert client.get(f"{API}/pembukaan-kembali/", {"pegawai": outsider.pk}).json()["results"][0]["id"] == lain.pk
    assert client.get(f"{API}/pembukaan-kembali/", {"tahun": 2025}).json()["count"] == 0
    salah = client.get(f"{API}/pembukaan-kembali/", {"pegawai": "budi"})
    assert salah.status_code == 400 and "pegawai" in api_error(salah)["fields"]

    api(admin_unit)
    assert client.get(f"{API}/pembukaan-kembali/{lain.pk}/").status_code == 404
    api(outsider)
    assert client.get(f"{API}/pembukaan-kembali/{lain.pk}/").json()["alasan"] == "Mutasi"


def test_reopening_list_runs_the_same_queries_for_few_and_many(
    api, admin_bkd, bidang, periode, django_assert_num_queries
):
    def buka(n):
        for _ in range(n):
            services.pembukaan_kembali_create(
                actor=admin_bkd,
                periode=periode,
                pegawai=PegawaiFactory(unit=bidang),
                berlaku_sampai=periode.batas_penyusunan_skp,
                alasan="Gangguan aplikasi",
            )

    client = api(admin_bkd)
    buka(2)
    with CaptureQueriesContext(connection) as sedikit:
        assert client.get(f"{API}/pembukaan-kembali/").json()["count"] == 2
    buka(25)
    with django_assert_num_queries(len(sedikit.captured_queries)):
        assert client.get(f"{API}/pembukaan-kembali/").json()["count"] == 27


# --- unit IKU / PK import -----------------------------------------------------------------------------------------


def _xlsx(rows, *, header=services.KOLOM_IMPOR_INDIKATOR_UNIT) -> SimpleUploadedFile:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(list(header))
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("iku.xlsx", out.getvalue())


BARIS_BAIK = [
    ["iku", "Pelayanan cepat", "Indeks kepuasan masyarakat", "%", "naik", 90, ""],
    ["pk", "Pelayanan cepat", "Waktu penyelesaian aduan", "hari", "turun", 7, "penerima_layanan"],
]


def test_admin_unit_imports_unit_indicators_and_a_reimport_changes_nothing(api, client, admin_unit, dinas, periode):
    api(admin_unit)
    url = f"{API}/indikator-unit/impor/"

    response = client.post(url, {"unit": dinas.pk, "periode": periode.pk, "berkas": _xlsx(BARIS_BAIK)})

    assert response.status_code == 200
    body = response.json()
    assert body["jumlah"] == 2
    assert [(r["jenis"], r["indikator"], r["arah"]) for r in body["indikator"]] == [
        ("iku", "Indeks kepuasan masyarakat", "naik"),
        ("pk", "Waktu penyelesaian aduan", "turun"),
    ]
    assert all(r["unit"] == dinas.pk and r["tahun"] == 2026 for r in body["indikator"])

    again = client.post(url, {"unit": dinas.pk, "periode": periode.pk, "berkas": _xlsx(BARIS_BAIK)})
    assert again.status_code == 200
    assert sorted(r["id"] for r in again.json()["indikator"]) == sorted(r["id"] for r in body["indikator"])
    assert IndikatorUnit.objects.count() == 2


def test_a_file_with_one_bad_row_is_refused_whole_with_errors_per_row(api, client, admin_unit, dinas, periode):
    api(admin_unit)
    buruk = [
        *BARIS_BAIK,
        ["iku", "Sasaran B", "Indikator B", "%", "naik", "sembilan puluh", ""],
        ["pk", "Sasaran C", "Indikator C", "%", "naik", 80, ""],
    ]

    response = client.post(
        f"{API}/indikator-unit/impor/", {"unit": dinas.pk, "periode": periode.pk, "berkas": _xlsx(buruk)}
    )

    assert response.status_code == 400
    baris = api_error(response)["fields"]["baris"]
    assert len(baris) == 2
    assert baris[0].startswith("Baris 4, kolom target")
    assert baris[1].startswith("Baris 5") and "perspektif" in baris[1]
    assert not IndikatorUnit.objects.exists()


@pytest.mark.parametrize(
    "berkas, pesan",
    [
        (SimpleUploadedFile("iku.xlsx", b"ini bukan xlsx"), "Berkas bukan XLSX yang dapat dibaca."),
        (_xlsx([], header=["jenis", "indikator"]), "Kolom wajib tidak ada: sasaran_strategis, satuan, arah, target"),
        (SimpleUploadedFile("besar.xlsx", b"0" * (5 * 1024 * 1024 + 1)), "Berkas impor paling besar 5 MB."),
    ],
)
def test_an_unreadable_incomplete_or_too_big_file_is_a_400(api, client, admin_unit, dinas, periode, berkas, pesan):
    api(admin_unit)
    response = client.post(f"{API}/indikator-unit/impor/", {"unit": dinas.pk, "periode": periode.pk, "berkas": berkas})
    assert response.status_code == 400
    assert pesan in " ".join(api_error(response)["fields"]["berkas"])
    assert not IndikatorUnit.objects.exists()


def test_import_without_a_file_or_a_known_period_is_a_400(api, client, admin_unit, dinas, periode):
    api(admin_unit)
    url = f"{API}/indikator-unit/impor/"
    tanpa_berkas = client.post(url, {"unit": dinas.pk, "periode": periode.pk})
    assert tanpa_berkas.status_code == 400 and "berkas" in api_error(tanpa_berkas)["fields"]
    periode_asing = client.post(url, {"unit": dinas.pk, "periode": 999999, "berkas": _xlsx(BARIS_BAIK)})
    assert periode_asing.status_code == 400
    assert api_error(periode_asing)["fields"]["periode"] == ["Periode tidak ditemukan."]
    assert not IndikatorUnit.objects.exists()


def test_import_into_a_unit_seen_but_not_managed_is_403_and_into_a_hidden_unit_404(
    api, client, admin_unit, pegawai, bidang, dinas_lain, periode
):
    api(pegawai)
    dilihat = client.post(
        f"{API}/indikator-unit/impor/", {"unit": bidang.pk, "periode": periode.pk, "berkas": _xlsx(BARIS_BAIK)}
    )
    assert dilihat.status_code == 403
    assert api_error(dilihat)["message"] == "Anda bukan admin unit kerja ini."

    api(admin_unit)
    tersembunyi = client.post(
        f"{API}/indikator-unit/impor/", {"unit": dinas_lain.pk, "periode": periode.pk, "berkas": _xlsx(BARIS_BAIK)}
    )
    assert tersembunyi.status_code == 404
    assert api_error(tersembunyi)["message"] == "Unit kerja tidak ditemukan."
    assert not IndikatorUnit.objects.exists()
