"""The signed Penetapan Predikat Kinerja of a unit: organisation predikat, the spread against the curve, the broken
rules and the justification, the list of pegawai, the leader's signature block; as a page and a PDF (read back with
pypdf) from one template; a draft before the finalisation; in the unit's ZIP; the list's queries pinned."""

import io
import zipfile

import pytest
from django.urls import reverse
from pypdf import PdfReader

from penilaian import services
from penilaian.models import ArsipDokumenUnit, Evaluasi
from tests.kepegawaian.factories import PegawaiFactory
from tests.penilaian.conftest import tahunan_final


def _teks_pdf(isi: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(isi)).pages)


@pytest.fixture
def ditetapkan(admin_unit, bidang, periode, tim):
    """The bidang's annual results set by its admin for the leader one level up: all Baik, off the Baik curve."""
    services.predikat_unit_set(
        actor=admin_unit, unit=bidang, periode=periode, periode_ke=None, predikat="baik", catatan="Capaian PK 96%."
    )
    return services.distribusi_finalize(
        actor=admin_unit, unit=bidang, periode=periode, justifikasi="Unit kecil, seluruh target tercapai."
    )


def test_the_finalised_units_penetapan_as_page_and_pdf(as_user, atasan, bidang, ditetapkan):
    assert ditetapkan.penandatangan_nama == "Ahmad Atasan"  # the leader one level up signs, though an admin recorded it
    client = as_user(atasan.user)
    html = client.get(reverse("penilaian:penetapan", args=[bidang.pk])).content.decode()
    assert 'data-testid="penetapan-draf"' not in html
    assert "BAIK" in html and "Capaian PK 96%." in html and "Unit kecil, seluruh target tercapai." in html
    assert html.count('data-testid="baris-penetapan"') == 4 and "Anggota 2" in html
    assert "diubah oleh keputusan keberatan" not in html  # no footnote without a changed row
    r = client.get(reverse("penilaian:penetapan-pdf", args=[bidang.pk]))
    assert r["Content-Type"] == "application/pdf" and "penetapan-predikat-kinerja-2026-" in r["Content-Disposition"]
    teks = _teks_pdf(r.content)
    for bagian in (
        "PENETAPAN PREDIKAT KINERJA",
        "Bidang Uji",
        "BAIK",
        "paling banyak 70%",  # the broken rule
        "Unit kecil, seluruh target tercapai.",  # the justification
        "Budi Pegawai",
        "Anggota 1",
        "Yang menetapkan",
        "Ahmad Atasan",  # the signature block
    ):
        assert bagian in teks, bagian


def test_before_the_finalisation_the_penetapan_is_a_draft(as_user, atasan, bidang, periode, tim):
    services.predikat_unit_set(actor=atasan.user, unit=bidang, periode=periode, periode_ke=None, predikat="baik")
    client = as_user(atasan.user)
    html = client.get(reverse("penilaian:penetapan", args=[bidang.pk])).content.decode()
    assert 'data-testid="penetapan-draf"' in html and "(diisi saat penetapan)" in html
    teks = _teks_pdf(client.get(reverse("penilaian:penetapan-pdf", args=[bidang.pk])).content)
    assert "DRAF" in teks and "Yang akan menetapkan" in teks and "Ahmad Atasan" in teks


def test_the_distribution_page_links_the_penetapan(as_user, atasan, bidang, ditetapkan):
    html = as_user(atasan.user).get(reverse("penilaian:distribusi", args=[bidang.pk])).content.decode()
    assert reverse("penilaian:penetapan", args=[bidang.pk]) in html
    assert reverse("penilaian:penetapan-pdf", args=[bidang.pk]) in html


def test_a_later_objection_decision_shows_beside_the_spread_as_set(as_user, atasan, pegawai, bidang, tim, ditetapkan):
    keberatan = services.keberatan_submit(actor=pegawai.user, evaluasi=tim[0], alasan="Capaian saya di atas target.")
    services.keberatan_decide(
        actor=atasan.user,
        keberatan=keberatan,
        keputusan="diubah",
        alasan_keputusan="Bukti dukung kuat.",
        rating_hasil_kerja="di_atas",
        rating_perilaku="di_atas",
    )
    html = as_user(atasan.user).get(reverse("penilaian:penetapan", args=[bidang.pk])).content.decode()
    assert 'data-testid="penetapan-berubah"' in html
    assert "Sangat Baik *" in html  # Budi's line, marked as changed by the decision
    assert "diubah oleh keputusan keberatan atasan pejabat penilai" in html  # and the footnote that explains the *


def test_only_those_who_see_the_distribution_see_the_penetapan(as_user, pegawai, outsider, bidang, ditetapkan):
    assert as_user(pegawai.user).get(reverse("penilaian:penetapan", args=[bidang.pk])).status_code == 403
    assert as_user(outsider.user).get(reverse("penilaian:penetapan-pdf", args=[bidang.pk])).status_code == 404


def test_the_penetapan_list_runs_constant_queries(
    as_user, atasan, penilai, bidang, periode, skp_pegawai, ditetapkan, django_assert_max_num_queries
):
    client = as_user(atasan.user)
    url = reverse("penilaian:penetapan", args=[bidang.pk])
    with django_assert_max_num_queries(30) as sedikit:
        client.get(url)
    for i in range(6):
        tahunan_final(
            PegawaiFactory(unit=bidang, atasan=penilai, nama=f"Tambahan {i}"), periode=periode, skp=skp_pegawai
        )
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count('data-testid="baris-penetapan"') == Evaluasi.objects.filter(jenis="tahunan").count() == 10


def test_the_units_zip_holds_its_penetapan(as_user, admin_unit, bidang, ditetapkan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.arsip_run(actor=admin_unit, unit=bidang, periode=ditetapkan.periode)
    job = ArsipDokumenUnit.objects.get(pk=job.pk)
    assert job.status == "selesai" and job.jumlah == 1 + 4 * 2
    isi = zipfile.ZipFile(job.berkas.open("rb"))
    nama = [n for n in isi.namelist() if n.startswith("penetapan-predikat-kinerja-")]
    assert len(nama) == 1
    teks = _teks_pdf(isi.read(nama[0]))
    assert "PENETAPAN PREDIKAT KINERJA" in teks and "Ahmad Atasan" in teks
