"""The indikator API under /api/v1/: every endpoint, the access rules (404 not visible, 403 visible but not
allowed), bad input (400 with an Indonesian message in the one error shape), version conflicts (409) and
constant query counts of the list endpoints."""

import hashlib
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from indikator import services
from indikator.models import BuktiDukung, Iki, IndikatorUnit, PeriodePenilaian, Realisasi, Rhk, Skp, UmpanBalik
from tests.api_helpers import api_error, patch_json, post_json
from tests.indikator.factories import (
    IkiFactory,
    RealisasiFactory,
    RhkFactory,
    SkpFactory,
    pdf_bytes,
    skp_disetujui,
    skp_draft,
)
from tests.kepegawaian.factories import PegawaiFactory

API = "/api/v1"


def _versi(skp) -> int:
    return Skp.objects.get(pk=skp.pk).versi


def test_anonymous_gets_401_in_the_error_shape(client, db):
    response = client.get(f"{API}/skp/")
    assert response.status_code == 401
    assert api_error(response)["code"] == "not_authenticated"


# --- periods and unit indicators -----------------------------------------------------------------------------


def test_everyone_signed_in_reads_periods_with_their_months_and_deadlines(api, pegawai, periode):
    response = api(pegawai).get(f"{API}/periode/")
    assert response.status_code == 200
    row = response.json()["results"][0]
    assert row["tahun"] == 2026 and row["status"] == "dibuka"
    assert [p["ke"] for p in row["periode_ke"]] == [1, 2, 3, 4]
    assert row["periode_ke"][2]["batas_realisasi"] == "2026-10-05"


def test_only_admin_bkd_creates_and_closes_periods(api, admin_bkd, pegawai, periode):
    data = {"tahun": 2027, "batas_penyusunan_skp": "2027-01-31", "batas_evaluasi_tahunan": "2028-01-31"}
    assert post_json(api(pegawai), f"{API}/periode/", data).status_code == 403

    client = api(admin_bkd)
    created = post_json(client, f"{API}/periode/", data)
    assert created.status_code == 201 and created.json()["periodisitas"] == "triwulan"
    dobel = post_json(client, f"{API}/periode/", data)
    assert dobel.status_code == 400 and "tahun" in api_error(dobel)["fields"]
    salah = post_json(
        client,
        f"{API}/periode/",
        {**data, "tahun": 2028, "batas_penyusunan_skp": "2028-01-31", "batas_evaluasi_tahunan": "2028-01-01"},
    )
    assert salah.status_code == 400
    assert "Batas evaluasi tahunan tidak boleh sebelum" in str(api_error(salah)["fields"])

    assert post_json(client, f"{API}/periode/{periode.pk}/tutup/").json()["status"] == "ditutup"
    assert PeriodePenilaian.objects.get(pk=periode.pk).status == "ditutup"
    assert post_json(client, f"{API}/periode/999999/tutup/").status_code == 404


def test_admin_unit_adds_unit_indicators_only_for_his_units(api, admin_unit, dinas, dinas_lain, periode):
    client = api(admin_unit)
    data = {
        "unit": dinas.pk,
        "periode": periode.pk,
        "jenis": "pk",
        "sasaran_strategis": "Pelayanan cepat",
        "indikator": "Waktu penyelesaian aduan",
        "satuan": "hari",
        "arah": "turun",
        "target": "7",
        "perspektif": "penerima_layanan",
    }
    created = post_json(client, f"{API}/indikator-unit/", data)
    assert created.status_code == 201 and created.json()["tahun"] == 2026

    tanpa_perspektif = post_json(client, f"{API}/indikator-unit/", {**data, "indikator": "Lain", "perspektif": ""})
    assert tanpa_perspektif.status_code == 400
    assert "wajib diberi perspektif" in api_error(tanpa_perspektif)["message"] + str(tanpa_perspektif.json())
    assert post_json(client, f"{API}/indikator-unit/", {**data, "unit": dinas_lain.pk}).status_code == 404
    assert IndikatorUnit.objects.count() == 1
    listed = client.get(f"{API}/indikator-unit/", {"tahun": 2026})
    assert [r["indikator"] for r in listed.json()["results"]] == ["Waktu penyelesaian aduan"]


# --- SKP ----------------------------------------------------------------------------------------------------------


def test_pegawai_starts_his_skp_and_a_second_one_is_refused(api, pegawai, penilai, periode):
    client = api(pegawai)
    response = post_json(client, f"{API}/skp/", {"periode": periode.pk})
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "draft" and body["versi"] == 1
    assert len(body["ekspektasi_perilaku"]) == 7
    assert body["kepala"]["penilai"]["nama"] == "Putri Penilai"

    again = post_json(client, f"{API}/skp/", {"periode": periode.pk})
    assert again.status_code == 400
    assert "sudah memiliki SKP" in api_error(again)["message"]
    assert post_json(client, f"{API}/skp/", {"periode": 999}).status_code == 400


@pytest.mark.parametrize(
    "actor, status", [("pegawai", 200), ("penilai", 200), ("atasan", 200), ("admin_unit", 200), ("outsider", 404)]
)
def test_who_sees_an_skp(request, api, pegawai, penilai, periode, actor, status):
    skp = skp_draft(pegawai, periode, rhk=2)
    client = api(request.getfixturevalue(actor))

    response = client.get(f"{API}/skp/{skp.pk}/")

    assert response.status_code == status
    if status == 200:
        assert [len(r["iki"]) for r in response.json()["rhk"]] == [1, 1]
        assert [r["id"] for r in client.get(f"{API}/skp/").json()["results"]] == [skp.pk]
    else:
        assert api_error(response)["message"] == "SKP tidak ditemukan."
        assert client.get(f"{API}/skp/").json()["results"] == []


def test_skp_list_runs_the_same_queries_for_few_and_many(api, penilai, bidang, periode, django_assert_num_queries):
    client = api(penilai)
    for _ in range(3):
        SkpFactory(pegawai=PegawaiFactory(atasan=penilai, unit=bidang), periode=periode)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as sedikit:
        assert client.get(f"{API}/skp/").json()["count"] == 3
    for _ in range(30):
        SkpFactory(pegawai=PegawaiFactory(atasan=penilai, unit=bidang), periode=periode)
    with django_assert_num_queries(len(sedikit.captured_queries)):
        assert client.get(f"{API}/skp/").json()["count"] == 33


def test_lampiran_patch_and_a_stale_version_is_a_409(api, pegawai, penilai, periode):
    skp = skp_draft(pegawai, periode)
    client = api(pegawai)
    versi = _versi(skp)
    ok = patch_json(client, f"{API}/skp/{skp.pk}/", {"versi": versi, "konsekuensi": "Teguran tertulis"})
    assert ok.status_code == 200 and ok.json()["konsekuensi"] == "Teguran tertulis"

    stale = patch_json(client, f"{API}/skp/{skp.pk}/", {"versi": versi, "konsekuensi": "Tab lain"})

    assert stale.status_code == 409
    error = api_error(stale)
    assert error["code"] == "konflik" and "sudah diubah di tempat lain" in error["message"]
    assert Skp.objects.get(pk=skp.pk).konsekuensi == "Teguran tertulis"


def test_workflow_submit_return_resubmit_approve_revise(api, client, pegawai, penilai, periode):
    skp = skp_draft(pegawai, periode, rhk=1)
    url = f"{API}/skp/{skp.pk}"
    assert post_json(api(pegawai), f"{url}/ajukan/", {"versi": _versi(skp)}).json()["status"] == "diajukan"

    api(penilai)
    tanpa_alasan = post_json(client, f"{url}/kembalikan/", {"versi": _versi(skp), "alasan": " "})
    assert tanpa_alasan.status_code == 400
    assert "Alasan pengembalian wajib diisi." in str(api_error(tanpa_alasan)["fields"])
    returned = post_json(client, f"{url}/kembalikan/", {"versi": _versi(skp), "alasan": "Lengkapi target"})
    assert returned.json()["alasan_pengembalian"] == "Lengkapi target"

    api(pegawai)
    post_json(client, f"{url}/ajukan/", {"versi": _versi(skp)})
    assert post_json(client, f"{url}/setujui/", {"versi": _versi(skp)}).status_code == 403
    api(penilai)
    approved = post_json(client, f"{url}/setujui/", {"versi": _versi(skp)})
    assert approved.status_code == 200 and approved.json()["kepala"]["pegawai"]["nama"] == "Budi Pegawai"

    api(pegawai)
    revised = post_json(client, f"{url}/revisi/", {"versi": _versi(skp)})
    assert revised.status_code == 201
    assert revised.json()["revisi"] == 2 and revised.json()["status"] == "draft"
    assert client.get(f"{API}/skp/", {"terkini": "false"}).json()["results"][0]["id"] == skp.pk


def test_submit_without_versi_is_a_400(api, pegawai, penilai, periode):
    skp = skp_draft(pegawai, periode)
    response = post_json(api(pegawai), f"{API}/skp/{skp.pk}/ajukan/", {})
    assert response.status_code == 400 and "versi" in api_error(response)["fields"]


def test_penilai_sets_ekspektasi_and_records_a_dialog(api, pegawai, penilai, periode):
    skp = skp_draft(pegawai, periode)
    client = api(penilai)
    response = post_json(
        client,
        f"{API}/skp/{skp.pk}/ekspektasi/",
        {"versi": _versi(skp), "nilai": "adaptif", "ekspektasi_khusus": "Cepat belajar aplikasi baru"},
    )
    assert response.status_code == 200
    assert {"nilai": "adaptif", "ekspektasi_khusus": "Cepat belajar aplikasi baru"} in response.json()[
        "ekspektasi_perilaku"
    ]
    dialog = post_json(client, f"{API}/skp/{skp.pk}/dialog/", {"tanggal": "2026-07-01", "catatan": "Penetapan target"})
    assert dialog.status_code == 201
    assert (
        post_json(api(pegawai), f"{API}/skp/{skp.pk}/dialog/", {"tanggal": "2026-07-01", "catatan": "x"}).status_code
        == 403
    )


# --- RHK and IKI --------------------------------------------------------------------------------------------


def test_rhk_create_link_update_delete(api, pegawai, penilai, periode):
    rhk_atasan = Rhk.objects.get(skp=skp_draft(penilai, periode, rhk=1))
    skp = services.skp_create(actor=pegawai.user, pegawai=pegawai, periode=periode)
    client = api(pegawai)

    created = post_json(
        client,
        f"{API}/rhk/",
        {"skp": skp.pk, "versi": _versi(skp), "uraian": "Laporan bulanan", "rhk_atasan": rhk_atasan.pk},
    )
    assert created.status_code == 201
    body = created.json()
    assert body["status_tautan"] == "menunggu" and body["rhk_atasan"] == rhk_atasan.pk

    changed = patch_json(client, f"{API}/rhk/{body['id']}/", {"versi": _versi(skp), "jenis": "tambahan"})
    assert changed.status_code == 200 and changed.json()["jenis"] == "tambahan"
    assert client.get(f"{API}/rhk/", {"skp": skp.pk}).json()["count"] == 1

    assert client.delete(f"{API}/rhk/{body['id']}/").status_code == 400  # no ?versi=
    assert client.delete(f"{API}/rhk/{body['id']}/?versi={_versi(skp)}").status_code == 204
    assert not Rhk.objects.filter(skp=skp).exists()


def test_rhk_intervening_a_stranger_or_unknown_rhk_is_a_400(api, pegawai, penilai, outsider, periode):
    rhk_asing = Rhk.objects.get(skp=skp_draft(outsider, periode, rhk=1))
    skp = services.skp_create(actor=pegawai.user, pegawai=pegawai, periode=periode)
    client = api(pegawai)
    for target in (rhk_asing.pk, 999999):
        response = post_json(
            client, f"{API}/rhk/", {"skp": skp.pk, "versi": _versi(skp), "uraian": "X", "rhk_atasan": target}
        )
        assert response.status_code == 400
        assert "RHK dari SKP terkini atasan langsung Anda" in str(api_error(response)["fields"]["rhk_atasan"])
    assert not Rhk.objects.filter(skp=skp).exists()


def test_rhk_writes_by_the_penilai_are_403_and_by_an_outsider_404(api, pegawai, penilai, outsider, periode):
    skp = skp_draft(pegawai, periode)
    data = {"skp": skp.pk, "versi": _versi(skp), "uraian": "Titipan"}
    assert post_json(api(penilai), f"{API}/rhk/", data).status_code == 403
    response = post_json(api(outsider), f"{API}/rhk/", data)
    assert response.status_code == 404 and api_error(response)["message"] == "SKP tidak ditemukan."
    assert not Rhk.objects.filter(uraian="Titipan").exists()


@pytest.mark.parametrize(
    "data, field, pesan",
    [
        ({"target_bentuk": "rentang", "target": "8", "target_atas": "7"}, "target_atas", "tidak boleh lebih besar"),
        ({"target": "0"}, "target", "Target nol tidak bermakna"),
        ({"target": "-1"}, "target", "tidak boleh negatif"),
        ({"target": "abc"}, "target", ""),
    ],
)
def test_bad_iki_targets_are_400_with_the_field(api, pegawai, penilai, periode, data, field, pesan):
    skp = skp_draft(pegawai, periode, iki_per_rhk=0)
    rhk = Rhk.objects.get(skp=skp)
    base = {"rhk": rhk.pk, "versi": _versi(skp), "uraian": "Aduan selesai", "satuan": "aduan"}

    response = post_json(api(pegawai), f"{API}/iki/", {**base, **data})

    assert response.status_code == 400
    assert pesan in " ".join(api_error(response)["fields"][field])
    assert not Iki.objects.exists()


def test_iki_create_patch_delete(api, pegawai, penilai, periode):
    skp = skp_draft(pegawai, periode, iki_per_rhk=0)
    rhk = Rhk.objects.get(skp=skp)
    client = api(pegawai)
    created = post_json(
        client,
        f"{API}/iki/",
        {
            "rhk": rhk.pk,
            "versi": _versi(skp),
            "uraian": "Waktu penyelesaian aduan",
            "satuan": "bulan",
            "aspek": "waktu",
            "arah": "turun",
            "target_bentuk": "rentang",
            "target": "7",
            "target_atas": "8",
        },
    )
    assert created.status_code == 201 and created.json()["target_label"] == "7–8 bulan"
    iki_id = created.json()["id"]
    patched = patch_json(client, f"{API}/iki/{iki_id}/", {"versi": _versi(skp), "target": "6"})
    assert patched.status_code == 200 and Decimal(patched.json()["target"]) == Decimal("6")
    assert client.get(f"{API}/iki/", {"skp": skp.pk}).json()["count"] == 1
    assert client.delete(f"{API}/iki/{iki_id}/?versi={_versi(skp)}").status_code == 204


# --- realisation, evidence, feedback ------------------------------------------------------------------------------


@pytest.fixture
def iki_disetujui(pegawai, penilai, periode):
    return Iki.objects.get(rhk__skp=skp_disetujui(pegawai, periode))


def test_realisation_of_the_open_quarter_with_capaian(api, pegawai, iki_disetujui):
    client = api(pegawai)
    response = post_json(client, f"{API}/realisasi/", {"iki": iki_disetujui.pk, "periode_ke": 3, "nilai": "9"})
    assert response.status_code == 201
    body = response.json()
    assert body["capaian"] == {"persen": "75.00", "teks": "75,00%", "warna": "merah"}

    changed = patch_json(client, f"{API}/realisasi/{body['id']}/", {"versi": body["versi"], "nilai": "12"})
    assert changed.json()["capaian"]["teks"] == "100,00%"
    stale = patch_json(client, f"{API}/realisasi/{body['id']}/", {"versi": body["versi"], "nilai": "1"})
    assert stale.status_code == 409 and api_error(stale)["code"] == "konflik"
    assert Realisasi.objects.get().nilai == Decimal("12")
    assert len(client.get(f"{API}/realisasi/", {"iki": iki_disetujui.pk}).json()["results"]) == 1


def test_realisation_of_a_closed_or_unknown_quarter_is_refused(api, pegawai, iki_disetujui):
    client = api(pegawai)
    closed = post_json(client, f"{API}/realisasi/", {"iki": iki_disetujui.pk, "periode_ke": 1, "nilai": "3"})
    assert closed.status_code == 400
    assert "sudah ditutup" in " ".join(api_error(closed)["fields"]["periode_ke"])
    unknown = post_json(client, f"{API}/realisasi/", {"iki": iki_disetujui.pk, "periode_ke": 7, "nilai": "3"})
    assert unknown.status_code == 400
    assert not Realisasi.objects.exists()


def test_realisation_by_others(api, penilai, outsider, iki_disetujui):
    data = {"iki": iki_disetujui.pk, "periode_ke": 3, "nilai": "3"}
    assert post_json(api(penilai), f"{API}/realisasi/", data).status_code == 403
    assert post_json(api(outsider), f"{API}/realisasi/", data).status_code == 404


def test_realisasi_list_runs_the_same_queries_for_few_and_many(api, pegawai, iki_disetujui, django_assert_num_queries):
    client = api(pegawai)
    skp = iki_disetujui.rhk.skp
    RealisasiFactory(iki=iki_disetujui, periode_ke=1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as sedikit:
        client.get(f"{API}/realisasi/")
    for _ in range(10):
        RealisasiFactory(iki=IkiFactory(rhk=RhkFactory(skp=skp)), periode_ke=2)
    with django_assert_num_queries(len(sedikit.captured_queries)):
        # Cursor pagination (issue 9): no count; the rows themselves.
        assert len(client.get(f"{API}/realisasi/").json()["results"]) == 11


def test_evidence_upload_multipart_link_and_bad_files(api, client, pegawai, outsider, iki_disetujui):
    realisasi = services.realisasi_save(actor=pegawai.user, iki=iki_disetujui, periode_ke=3, nilai="4")
    api(pegawai)
    pdf = SimpleUploadedFile("bukti.pdf", pdf_bytes(), content_type="application/pdf")

    uploaded = client.post(f"{API}/bukti-dukung/", {"realisasi": realisasi.pk, "berkas": pdf})

    assert uploaded.status_code == 201
    body = uploaded.json()
    assert body["tipe"] == "application/pdf" and len(body["sha256"]) == 64
    download = client.get(body["unduh"])
    assert download.status_code == 200
    assert hashlib.sha256(b"".join(download.streaming_content)).hexdigest() == body["sha256"]
    link = post_json(client, f"{API}/bukti-dukung/", {"realisasi": realisasi.pk, "url": "https://jakarta.go.id/x"})
    assert link.status_code == 201 and link.json()["jenis"] == "tautan"

    palsu = SimpleUploadedFile("x.pdf", b"bukan pdf sama sekali", content_type="application/pdf")
    wrong = client.post(f"{API}/bukti-dukung/", {"realisasi": realisasi.pk, "berkas": palsu})
    assert wrong.status_code == 400
    assert "tidak diizinkan" in " ".join(api_error(wrong)["fields"]["berkas"])
    neither = post_json(client, f"{API}/bukti-dukung/", {"realisasi": realisasi.pk})
    assert neither.status_code == 400 and "satu berkas atau satu tautan" in api_error(neither)["message"]
    assert BuktiDukung.objects.count() == 2

    api(outsider)
    assert client.get(f"{API}/bukti-dukung/{body['id']}/").status_code == 404
    assert client.get(body["unduh"]).status_code == 404
    assert client.get(f"{API}/bukti-dukung/").json()["count"] == 0
    api(pegawai)
    assert client.delete(f"{API}/bukti-dukung/{body['id']}/").status_code == 204


def test_feedback_by_the_penilai_and_the_reply_of_the_pegawai(api, client, pegawai, penilai, iki_disetujui):
    api(penilai)
    empty = post_json(client, f"{API}/umpan-balik/", {"iki": iki_disetujui.pk, "periode_ke": 3, "teks": ""})
    assert empty.status_code == 400 and "tidak boleh kosong" in str(api_error(empty)["fields"])
    created = post_json(client, f"{API}/umpan-balik/", {"iki": iki_disetujui.pk, "periode_ke": 3, "teks": "Bagus"})
    assert created.status_code == 201

    api(pegawai)
    assert (
        post_json(client, f"{API}/umpan-balik/", {"iki": iki_disetujui.pk, "periode_ke": 3, "teks": "x"}).status_code
        == 403
    )
    reply = post_json(client, f"{API}/umpan-balik/{created.json()['id']}/balas/", {"teks": "Terima kasih"})
    assert reply.status_code == 201 and reply.json()["balasan_untuk"] == created.json()["id"]
    assert client.get(f"{API}/umpan-balik/", {"iki": iki_disetujui.pk}).json()["count"] == 2
    assert UmpanBalik.objects.count() == 2


# --- bulk cascade ---------------------------------------------------------------------------------------------


def test_bulk_cascade_to_many_subordinates_in_one_request(api, penilai, pegawai, bidang, outsider, periode):
    rhk = Rhk.objects.get(skp=skp_draft(penilai, periode))
    lain = [PegawaiFactory(atasan=penilai, unit=bidang) for _ in range(4)]
    data = {
        "rhk": rhk.pk,
        "bawahan": [pegawai.pk, *[p.pk for p in lain]],
        "iki": [{"uraian": "Dokumen tersusun", "satuan": "dokumen", "target": "12"}],
    }
    client = api(penilai)

    response = post_json(client, f"{API}/kaskade/", data)

    assert response.status_code == 201 and response.json()["jumlah"] == 5
    assert Iki.objects.filter(rhk__rhk_atasan=rhk).count() == 5

    asing = post_json(client, f"{API}/kaskade/", {**data, "bawahan": [outsider.pk]})
    assert asing.status_code == 400 and "bukan bawahan langsung Anda" in str(api_error(asing)["fields"])
    kosong = post_json(client, f"{API}/kaskade/", {**data, "bawahan": []})
    assert kosong.status_code == 400 and "Pilih paling sedikit satu bawahan" in str(api_error(kosong)["fields"])
    buruk = post_json(client, f"{API}/kaskade/", {**data, "iki": [{"uraian": "X", "satuan": "x", "target": "0"}]})
    assert buruk.status_code == 400
    assert Rhk.objects.filter(rhk_atasan=rhk).count() == 5
    assert post_json(api(outsider), f"{API}/kaskade/", data).status_code == 404
