"""The penilai's team page and the pegawai's dashboard through the API, and the two exports (SKP as PDF, the
team's realisation as XLSX): the data the HTML pages show, the same access rules, constant query counts."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indikator import services
from indikator.models import Iki, Rhk, Skp
from kinerja.berkas import MIME_XLSX
from tests.api_helpers import api_error
from tests.indikator.factories import (
    IkiFactory,
    RealisasiFactory,
    RhkFactory,
    SkpFactory,
    skp_disetujui,
    skp_draft,
)
from tests.kepegawaian.factories import PegawaiFactory

API = "/api/v1"


@pytest.fixture
def skp_pegawai(pegawai, penilai, periode):
    """Budi's approved SKP (one IKI, target 12 dokumen) with 9 as the realisation of triwulan III."""
    skp = skp_disetujui(pegawai, periode)
    services.realisasi_save(actor=pegawai.user, iki=Iki.objects.get(rhk__skp=skp), periode_ke=3, nilai="9")
    return skp


# --- team page ----------------------------------------------------------------------------------------------------


def test_penilai_team_shows_skp_status_filled_months_and_capaian(api, penilai, pegawai, bidang, skp_pegawai):
    PegawaiFactory(atasan=penilai, unit=bidang, nama="Zaki Tanpa SKP")

    response = api(penilai).get(f"{API}/tim/")

    assert response.status_code == 200
    body = response.json()
    assert body["periode"]["tahun"] == 2026 and body["penilai"]["nama"] == "Putri Penilai"
    budi, zaki = body["anggota"]
    assert budi["pegawai"]["nama"] == "Budi Pegawai" and budi["pegawai"]["jabatan"] == "Analis Uji"
    assert budi["skp"]["id"] == skp_pegawai.pk and budi["status_skp"] == "Disetujui"
    assert budi["jumlah_iki"] == 1
    assert [(c["ke"], c["status"], c["terisi"]) for c in budi["sel"]] == [
        (1, "kosong", 0),
        (2, "kosong", 0),
        (3, "lengkap", 1),
        (4, "belum", 0),
    ]
    assert budi["kosong"] == 2
    assert budi["capaian"] == {"persen": "75.00", "teks": "75,00%", "warna": "merah"}
    assert zaki["skp"] is None and zaki["status_skp"] == "Belum disusun"
    assert zaki["capaian"]["teks"] == "—"
    assert body["menunggu_persetujuan"] == [] and body["tautan_putus"] == []


def test_team_lists_skp_waiting_for_approval_and_broken_links(api, penilai, pegawai, periode):
    skp_atasan = skp_draft(penilai, periode)
    rhk_atasan = Rhk.objects.get(skp=skp_atasan)
    skp = skp_draft(pegawai, periode, rhk_atasan=rhk_atasan)
    services.skp_submit(actor=pegawai.user, skp=skp, versi=skp.versi)
    services.rhk_delete(actor=penilai.user, rhk=rhk_atasan, versi=Skp.objects.get(pk=skp_atasan.pk).versi)

    body = api(penilai).get(f"{API}/tim/").json()

    assert [s["id"] for s in body["menunggu_persetujuan"]] == [skp.pk]
    assert body["menunggu_persetujuan"][0]["pegawai"]["nama"] == "Budi Pegawai"
    (putus,) = body["tautan_putus"]
    assert putus["skp"] == skp.pk and putus["pegawai"]["id"] == pegawai.pk
    assert body["anggota"][0]["tautan_putus"] == 1


def test_atasan_penilai_reads_the_team_of_his_subordinate_penilai(api, atasan, penilai, pegawai, skp_pegawai):
    response = api(atasan).get(f"{API}/tim/", {"penilai": penilai.pk})
    assert response.status_code == 200
    assert [a["pegawai"]["id"] for a in response.json()["anggota"]] == [pegawai.pk]
    assert [a["pegawai"]["nama"] for a in api(atasan).get(f"{API}/tim/").json()["anggota"]] == ["Putri Penilai"]


def test_team_of_a_penilai_one_may_not_see_is_404_and_an_account_without_pegawai_403(
    api, outsider, admin_bkd, penilai, periode
):
    hidden = api(outsider).get(f"{API}/tim/", {"penilai": penilai.pk})
    assert hidden.status_code == 404 and api_error(hidden)["message"] == "Pegawai tidak ditemukan."
    tanpa_pegawai = api(admin_bkd).get(f"{API}/tim/")
    assert tanpa_pegawai.status_code == 403
    assert api_error(tanpa_pegawai)["message"] == "Akun Anda tidak terhubung dengan data pegawai."
    assert api(admin_bkd).get(f"{API}/tim/", {"penilai": penilai.pk}).status_code == 200


def test_admin_unit_sees_only_team_members_inside_his_units(api, admin_unit, penilai, pegawai, dinas_lain, periode):
    PegawaiFactory(atasan=penilai, unit=dinas_lain, nama="Lina Unit Lain")

    rows = api(admin_unit).get(f"{API}/tim/", {"penilai": penilai.pk}).json()["anggota"]
    assert [r["pegawai"]["nama"] for r in rows] == ["Budi Pegawai"]

    xlsx = api(admin_unit).get(f"{API}/tim/xlsx/", {"penilai": penilai.pk})
    assert xlsx.status_code == 403 and "di luar wewenang Anda" in api_error(xlsx)["message"]
    assert len(api(penilai).get(f"{API}/tim/").json()["anggota"]) == 2


@pytest.mark.parametrize(
    "params, status, field, pesan",
    [
        ({"periode": "2026"}, 400, "periode", "Periode tidak ditemukan."),
        ({"periode": "satu"}, 400, "periode", ""),
        ({"penilai": "x"}, 400, "penilai", ""),
    ],
)
def test_team_with_bad_parameters_is_a_400(api, penilai, periode, params, status, field, pesan):
    response = api(penilai).get(f"{API}/tim/", params)
    assert response.status_code == status
    assert pesan in " ".join(api_error(response)["fields"][field])


def test_team_without_any_period_is_a_404(api, penilai):
    response = api(penilai).get(f"{API}/tim/")
    assert response.status_code == 404 and api_error(response)["message"] == "Belum ada periode penilaian."


def _anggota_baru(penilai, unit, periode, n):
    for _ in range(n):
        skp = SkpFactory(pegawai=PegawaiFactory(atasan=penilai, unit=unit), periode=periode)
        for ke in (1, 2):
            RealisasiFactory(iki=IkiFactory(rhk=RhkFactory(skp=skp)), periode_ke=ke)


def test_team_endpoint_runs_the_same_queries_for_3_and_40_members(
    api, penilai, bidang, periode, django_assert_num_queries
):
    client = api(penilai)
    _anggota_baru(penilai, bidang, periode, 3)
    with CaptureQueriesContext(connection) as sedikit:
        assert len(client.get(f"{API}/tim/").json()["anggota"]) == 3
    _anggota_baru(penilai, bidang, periode, 37)
    with django_assert_num_queries(len(sedikit.captured_queries)):
        assert len(client.get(f"{API}/tim/").json()["anggota"]) == 40


# --- the team's XLSX -------------------------------------------------------------------------------------------------


def test_team_xlsx_download_holds_one_row_per_member_and_per_indicator(api, penilai, skp_pegawai):
    from openpyxl import load_workbook

    response = api(penilai).get(f"{API}/tim/xlsx/", HTTP_ACCEPT=MIME_XLSX)

    assert response.status_code == 200
    assert response["Content-Type"] == MIME_XLSX
    assert response["Content-Disposition"].startswith('attachment; filename="realisasi-tim-2026-')
    wb = load_workbook(io.BytesIO(response.content), read_only=True)
    ringkas, rinci = (list(ws.iter_rows(values_only=True)) for ws in wb.worksheets)
    assert [r[0] for r in ringkas[1:]] == ["Budi Pegawai"]
    assert rinci[1][0] == "Budi Pegawai" and rinci[1][-1] == 75.0


def test_team_xlsx_of_a_hidden_penilai_is_a_json_404_even_when_asking_for_xlsx(api, outsider, penilai, periode):
    response = api(outsider).get(f"{API}/tim/xlsx/", {"penilai": penilai.pk}, HTTP_ACCEPT=MIME_XLSX)
    assert response.status_code == 404 and api_error(response)["code"] == "not_found"


# --- SKP as PDF ----------------------------------------------------------------------------------------------------


def test_skp_pdf_download_for_whoever_sees_the_skp(
    api, client, pegawai, penilai, outsider, skp_pegawai, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the first request queues the document (a task)
        pertama = api(penilai).get(f"{API}/skp/{skp_pegawai.pk}/pdf/", HTTP_ACCEPT="application/pdf")
    assert pertama.status_code == 202
    response = client.get(f"{API}/skp/{skp_pegawai.pk}/pdf/", HTTP_ACCEPT="application/pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f"skp-2026-{pegawai.nip}-revisi-1.pdf" in response["Content-Disposition"]

    api(outsider)
    hidden = client.get(f"{API}/skp/{skp_pegawai.pk}/pdf/", HTTP_ACCEPT="application/pdf")
    assert hidden.status_code == 404 and api_error(hidden)["message"] == "SKP tidak ditemukan."


# --- the pegawai's dashboard -----------------------------------------------------------------------------------------


def test_dashboard_shows_chart_data_capaian_missing_entries_and_deadlines(api, pegawai, penilai, skp_pegawai):
    iki = Iki.objects.get(rhk__skp=skp_pegawai)
    services.umpan_balik_create(actor=penilai.user, iki=iki, periode_ke=3, teks="Tingkatkan lagi")

    response = api(pegawai).get(f"{API}/dasbor/")

    assert response.status_code == 200
    body = response.json()
    assert body["pegawai"]["id"] == pegawai.pk and body["skp"]["id"] == skp_pegawai.pk
    assert body["capaian"]["teks"] == "75,00%"
    (baris,) = body["iki"]
    assert baris["iki"]["id"] == iki.pk and baris["iki"]["target_label"] == "12 dokumen"
    assert baris["target_grafik"] == "12.0000"
    assert [t["realisasi"] for t in baris["titik"]] == [None, None, "9.0000", None]
    assert baris["titik"][2]["capaian"]["persen"] == "75.00"
    assert [(k["ke"], k["terbuka"]) for k in body["kosong"]] == [(1, False), (2, False)]
    assert body["kosong"][0]["iki_uraian"] == iki.uraian
    assert [t["jenis"] for t in body["tenggat"]] == ["realisasi", "realisasi", "evaluasi"]
    assert body["tenggat"][0]["tanggal"] == "2026-10-05"
    assert [u["teks"] for u in body["umpan_balik_terbaru"]] == ["Tingkatkan lagi"]


def test_dashboard_before_any_skp_has_no_indicators_and_the_drafting_deadline(api, pegawai, periode):
    body = api(pegawai).get(f"{API}/dasbor/").json()
    assert body["skp"] is None and body["iki"] == [] and body["kosong"] == []
    assert body["tenggat"][0]["jenis"] == "realisasi"
    assert "skp" in [t["jenis"] for t in body["tenggat"]]


@pytest.mark.parametrize("actor, status", [("penilai", 200), ("atasan", 200), ("admin_unit", 200), ("outsider", 404)])
def test_who_reads_a_pegawai_dashboard(request, api, pegawai, skp_pegawai, actor, status):
    response = api(request.getfixturevalue(actor)).get(f"{API}/dasbor/", {"pegawai": pegawai.pk})
    assert response.status_code == status
    if status == 200:
        assert response.json()["skp"]["id"] == skp_pegawai.pk
    else:
        assert api_error(response)["message"] == "Pegawai tidak ditemukan."


def test_dashboard_of_an_account_without_pegawai_is_403_and_bad_period_400(api, admin_bkd, pegawai, periode):
    assert api(admin_bkd).get(f"{API}/dasbor/").status_code == 403
    salah = api(pegawai).get(f"{API}/dasbor/", {"periode": 999999})
    assert salah.status_code == 400 and api_error(salah)["fields"]["periode"] == ["Periode tidak ditemukan."]


def test_dashboard_runs_the_same_queries_for_1_and_20_indicators(
    api, pegawai, penilai, skp_pegawai, django_assert_num_queries
):
    client = api(pegawai)
    with CaptureQueriesContext(connection) as sedikit:
        assert len(client.get(f"{API}/dasbor/").json()["iki"]) == 1
    for _ in range(19):
        RealisasiFactory(iki=IkiFactory(rhk=RhkFactory(skp=skp_pegawai)), periode_ke=3)
    with django_assert_num_queries(len(sedikit.captured_queries)):
        assert len(client.get(f"{API}/dasbor/").json()["iki"]) == 20


def test_evidence_download_accepts_the_files_own_type(api, client, pegawai, outsider, skp_pegawai):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.indikator.factories import pdf_bytes

    realisasi = skp_pegawai.rhk.get().iki.get().realisasi.get()
    bukti = services.bukti_create(
        actor=pegawai.user,
        realisasi=realisasi,
        berkas=SimpleUploadedFile("bukti.pdf", pdf_bytes(), content_type="application/pdf"),
    )
    url = f"{API}/bukti-dukung/{bukti.pk}/unduh/"

    response = api(pegawai).get(url, HTTP_ACCEPT="application/pdf")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == pdf_bytes()
    api(outsider)
    hidden = client.get(url, HTTP_ACCEPT="application/pdf")
    assert hidden.status_code == 404 and api_error(hidden)["message"] == "Bukti dukung tidak ditemukan."
