"""The rest of the SKP doors of the API: "my SKP" of a period, the choices for an RHK's links (the atasan's RHK
and the unit's Perjanjian Kinerja, which a pegawai cannot list otherwise), dialog kinerja notes (recorded and
listed), ekspektasi khusus and feedback replies with bad input and the access rules."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indikator import services
from indikator.models import DialogKinerja, EkspektasiPerilaku, Iki, IndikatorUnit, Rhk, Skp, UmpanBalik
from tests.api_helpers import api_error, post_json
from tests.indikator.factories import IndikatorUnitFactory, PeriodeFactory, SkpFactory, skp_disetujui, skp_draft

API = "/api/v1"


def _versi(skp) -> int:
    return Skp.objects.get(pk=skp.pk).versi


# --- my SKP ---------------------------------------------------------------------------------------------------------


def test_my_skp_of_the_current_period_and_of_an_earlier_one(api, pegawai, penilai, periode):
    lalu = PeriodeFactory(tahun=2025)
    skp_lama = SkpFactory(pegawai=pegawai, periode=lalu)  # past its drafting deadline: built directly
    skp = skp_draft(pegawai, periode, rhk=2)
    client = api(pegawai)

    response = client.get(f"{API}/skp/saya/")

    assert response.status_code == 200
    assert response.json()["id"] == skp.pk and len(response.json()["rhk"]) == 2
    assert client.get(f"{API}/skp/saya/", {"periode": lalu.pk}).json()["id"] == skp_lama.pk


def test_my_skp_before_drafting_is_404_and_for_an_account_without_pegawai_403(api, pegawai, admin_bkd, periode):
    belum = api(pegawai).get(f"{API}/skp/saya/")
    assert belum.status_code == 404
    assert api_error(belum)["message"] == "Anda belum memiliki SKP untuk periode 2026."
    assert api(admin_bkd).get(f"{API}/skp/saya/").status_code == 403
    salah = api(pegawai).get(f"{API}/skp/saya/", {"periode": "dua"})
    assert salah.status_code == 400 and "periode" in api_error(salah)["fields"]


# --- choices for an RHK's links -------------------------------------------------------------------------------------


def test_owner_gets_the_atasan_rhk_and_the_unit_pk_to_link_and_can_use_them(api, pegawai, penilai, bidang, periode):
    rhk_atasan = Rhk.objects.get(skp=skp_draft(penilai, periode))
    pk = IndikatorUnitFactory(unit=bidang, periode=periode, jenis=IndikatorUnit.Jenis.PK, perspektif="penerima_layanan")
    IndikatorUnitFactory(unit=bidang, periode=periode, jenis=IndikatorUnit.Jenis.IKU)
    skp = services.skp_create(actor=pegawai.user, pegawai=pegawai, periode=periode)
    client = api(pegawai)
    assert client.get(f"{API}/rhk/", {"skp": rhk_atasan.skp_id}).json()["count"] == 0  # not his to browse

    response = client.get(f"{API}/skp/{skp.pk}/pilihan-tautan/")

    assert response.status_code == 200
    body = response.json()
    assert body["rhk_atasan"] == [
        {
            "id": rhk_atasan.pk,
            "skp": rhk_atasan.skp_id,
            "skp_status": "draft",
            "jenis": "utama",
            "uraian": rhk_atasan.uraian,
        }
    ]
    assert [i["id"] for i in body["indikator_unit"]] == [pk.pk]
    linked = post_json(
        client, f"{API}/rhk/", {"skp": skp.pk, "versi": _versi(skp), "uraian": "Turunan", "rhk_atasan": rhk_atasan.pk}
    )
    assert linked.status_code == 201 and linked.json()["rhk_atasan"] == rhk_atasan.pk


def test_link_choices_are_for_the_owner_only(api, pegawai, penilai, outsider, periode):
    skp = skp_draft(pegawai, periode)
    penilai_response = api(penilai).get(f"{API}/skp/{skp.pk}/pilihan-tautan/")
    assert penilai_response.status_code == 403
    assert api_error(penilai_response)["message"] == "Hanya pemilik SKP yang dapat mengubah SKP ini."
    assert api(outsider).get(f"{API}/skp/{skp.pk}/pilihan-tautan/").status_code == 404


# --- dialog kinerja ---------------------------------------------------------------------------------------------


def _dialog(penilai, skp, tanggal, catatan="Dialog"):
    return services.dialog_kinerja_create(actor=penilai.user, skp=skp, tanggal=tanggal, catatan=catatan)


def test_dialog_notes_are_listed_to_who_sees_the_skp_latest_first(api, pegawai, penilai, atasan, outsider, periode):
    skp = skp_draft(pegawai, periode)
    pertama = _dialog(penilai, skp, dt.date(2026, 1, 10), "Penetapan ekspektasi")
    kedua = _dialog(penilai, skp, dt.date(2026, 7, 1), "Tinjauan triwulan II")

    for actor in (pegawai, penilai, atasan):
        rows = api(actor).get(f"{API}/dialog-kinerja/", {"skp": skp.pk}).json()["results"]
        assert [r["id"] for r in rows] == [kedua.pk, pertama.pk]
    row = api(pegawai).get(f"{API}/dialog-kinerja/{pertama.pk}/").json()
    assert row["catatan"] == "Penetapan ekspektasi" and row["penilai_nama"] == "Putri Penilai"

    client = api(outsider)
    assert client.get(f"{API}/dialog-kinerja/").json()["count"] == 0
    hidden = client.get(f"{API}/dialog-kinerja/{pertama.pk}/")
    assert hidden.status_code == 404 and api_error(hidden)["message"] == "Catatan dialog kinerja tidak ditemukan."


def test_dialog_list_filters_by_pegawai_and_year_and_refuses_a_bad_id(api, pegawai, penilai, periode):
    skp = skp_draft(pegawai, periode)
    _dialog(penilai, skp, dt.date(2026, 7, 1))
    client = api(penilai)
    assert client.get(f"{API}/dialog-kinerja/", {"pegawai": pegawai.pk, "tahun": 2026}).json()["count"] == 1
    assert client.get(f"{API}/dialog-kinerja/", {"tahun": 2025}).json()["count"] == 0
    salah = client.get(f"{API}/dialog-kinerja/", {"skp": "abc"})
    assert salah.status_code == 400 and "skp" in api_error(salah)["fields"]


@pytest.mark.parametrize(
    "data, field, pesan",
    [
        ({"tanggal": "2026-07-01", "catatan": "  "}, "catatan", "Catatan dialog kinerja wajib diisi."),
        ({"tanggal": "2026-08-01", "catatan": "Nanti"}, "tanggal", "tidak boleh di masa depan"),
        ({"tanggal": "kemarin", "catatan": "x"}, "tanggal", ""),
    ],
)
def test_bad_dialog_note_is_a_400_and_nothing_is_saved(api, pegawai, penilai, periode, data, field, pesan):
    skp = skp_draft(pegawai, periode)
    response = post_json(api(penilai), f"{API}/skp/{skp.pk}/dialog/", data)
    assert response.status_code == 400
    assert pesan in " ".join(api_error(response)["fields"][field])
    assert not DialogKinerja.objects.exists()


def test_dialog_list_runs_the_same_queries_for_few_and_many(api, pegawai, penilai, periode, django_assert_num_queries):
    skp = skp_draft(pegawai, periode)
    client = api(penilai)
    _dialog(penilai, skp, dt.date(2026, 1, 5))
    with CaptureQueriesContext(connection) as sedikit:
        assert client.get(f"{API}/dialog-kinerja/").json()["count"] == 1
    for hari in range(1, 25):
        _dialog(penilai, skp, dt.date(2026, 6, hari))
    with django_assert_num_queries(len(sedikit.captured_queries)):
        assert client.get(f"{API}/dialog-kinerja/").json()["count"] == 25


# --- ekspektasi khusus pimpinan ---------------------------------------------------------------------------------


def test_ekspektasi_with_an_unknown_value_is_a_400_by_the_pegawai_403_and_stale_409(api, pegawai, penilai, periode):
    skp = skp_draft(pegawai, periode)
    url = f"{API}/skp/{skp.pk}/ekspektasi/"
    data = {"versi": _versi(skp), "nilai": "adaptif", "ekspektasi_khusus": "Cepat belajar"}

    unknown = post_json(api(penilai), url, {**data, "nilai": "jujur"})
    assert unknown.status_code == 400 and "nilai" in api_error(unknown)["fields"]
    own = post_json(api(pegawai), url, data)
    assert own.status_code == 403
    assert post_json(api(penilai), url, data).status_code == 200
    stale = post_json(api(penilai), url, {**data, "ekspektasi_khusus": "Versi lama"})
    assert stale.status_code == 409 and api_error(stale)["code"] == "konflik"
    assert EkspektasiPerilaku.objects.get(skp=skp, nilai="adaptif").ekspektasi_khusus == "Cepat belajar"


# --- feedback replies --------------------------------------------------------------------------------------------


def test_feedback_replies_by_the_penilai_and_refusals_for_others(api, pegawai, penilai, atasan, outsider, periode):
    iki = Iki.objects.get(rhk__skp=skp_disetujui(pegawai, periode))
    induk = services.umpan_balik_create(actor=penilai.user, iki=iki, periode_ke=3, teks="Lengkapi bukti")
    url = f"{API}/umpan-balik/{induk.pk}/balas/"

    kosong = post_json(api(pegawai), url, {"teks": " "})
    assert kosong.status_code == 400 and "teks" in api_error(kosong)["fields"]
    atasan_response = post_json(api(atasan), url, {"teks": "Saya ikut"})
    assert atasan_response.status_code == 403
    assert "pejabat penilainya yang dapat membalas" in api_error(atasan_response)["message"]
    assert post_json(api(outsider), url, {"teks": "Halo"}).status_code == 404
    lanjutan = post_json(api(penilai), url, {"teks": "Ditunggu minggu ini"})
    assert lanjutan.status_code == 201 and lanjutan.json()["penulis_nama"] == "Putri Penilai"
    assert list(UmpanBalik.objects.filter(balasan_untuk=induk).values_list("teks", flat=True)) == [
        "Ditunggu minggu ini"
    ]
