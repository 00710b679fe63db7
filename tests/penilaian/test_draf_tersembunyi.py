"""A draft is the penilai's: its pegawai sees the ratings, the predikat and the evaluation's feedback only once it is
final (page, documents, API alike; ``access.can_see_rating``); his superiors and admins see the draft."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from penilaian import services
from tests.penilaian.conftest import realisasi_semua

UMPAN_BALIK = "Laporan triwulan terlambat dua minggu."


@pytest.fixture
def draf(penilai, pegawai, periode, skp_pegawai):
    realisasi_semua(skp_pegawai, 12)
    e = services.evaluasi_open(actor=penilai.user, pegawai=pegawai, periode=periode, periode_ke=2)
    return services.evaluasi_save(
        actor=penilai.user,
        evaluasi=e,
        versi=e.versi,
        rating_hasil_kerja="sesuai",
        rating_perilaku="di_atas",
        umpan_balik_perilaku={"kompeten": UMPAN_BALIK},
        rating_nilai={"kompeten": "di_atas"},
    )


def test_the_pegawai_does_not_see_his_drafts_ratings_on_the_page(as_user, pegawai, atasan, draf):
    html = as_user(pegawai.user).get(draf.get_absolute_url()).content.decode()
    assert 'data-testid="rating-disembunyikan"' in html
    assert 'data-testid="predikat"' not in html and UMPAN_BALIK not in html
    html = as_user(atasan.user).get(draf.get_absolute_url()).content.decode()
    assert 'data-testid="predikat"' in html and UMPAN_BALIK in html


def test_the_pegawai_does_not_see_his_drafts_ratings_in_the_documents(as_user, pegawai, draf):
    client = as_user(pegawai.user)
    html = client.get(reverse("penilaian:dokumen", args=[draf.pk, "evaluasi"])).content.decode()
    assert "BAIK" not in html and "Di Atas Ekspektasi" not in html and UMPAN_BALIK not in html
    r = client.get(reverse("penilaian:dokumen-pdf", args=[draf.pk, "evaluasi"]))
    teks = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
    assert "Budi Pegawai" in teks and "BAIK" not in teks


def test_the_api_leaves_a_drafts_ratings_out_for_its_pegawai(as_user, pegawai, penilai, draf):
    data = as_user(pegawai.user).get(f"/api/v1/evaluasi/{draf.pk}/").json()
    assert (data["rating_hasil_kerja"], data["predikat"], data["rating_nilai"]) == ("", "", {})
    data = as_user(penilai.user).get(f"/api/v1/evaluasi/{draf.pk}/").json()
    assert (data["rating_hasil_kerja"], data["predikat"]) == ("sesuai", "baik")


def test_once_final_the_pegawai_sees_everything(as_user, pegawai, penilai, draf):
    services.evaluasi_finalize(actor=penilai.user, evaluasi=draf, versi=draf.versi)
    client = as_user(pegawai.user)
    html = client.get(draf.get_absolute_url()).content.decode()
    assert 'data-testid="predikat"' in html and UMPAN_BALIK in html
    assert client.get(f"/api/v1/evaluasi/{draf.pk}/").json()["predikat"] == "baik"
