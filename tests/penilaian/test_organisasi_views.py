"""The pages of the organisation's side: the distribution curve (chart, table, broken rules, finalisation with a
justification), calibration, the subtree / province overview (pinned queries), a pegawai's history and the evaluation
documents (HTML and PDF read back with pypdf)."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from penilaian import services
from penilaian.models import Evaluasi, PenetapanDistribusi, PerubahanKalibrasi, PredikatUnit
from tests.kepegawaian.factories import PegawaiFactory, UnitKerjaFactory
from tests.penilaian.conftest import tahunan_final


def test_the_distribution_page_shows_chart_table_and_each_broken_rule(as_user, atasan, bidang, periode, tim):
    services.predikat_unit_set(actor=atasan.user, unit=bidang, periode=periode, periode_ke=None, predikat="baik")
    html = as_user(atasan.user).get(reverse("penilaian:distribusi", args=[bidang.pk])).content.decode()
    assert 'data-testid="kurva"' in html and "<svg" in html
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None  # no inline script
    assert 'id="tabel-kurva"' in html and "100%" in html
    assert 'data-testid="pelanggaran"' in html and "paling banyak 70%" in html
    assert "Tetapkan hasil tahunan unit" in html


def test_finalising_off_the_curve_on_the_page_needs_a_justification(as_user, atasan, bidang, periode, tim):
    client = as_user(atasan.user)
    r = client.post(reverse("penilaian:predikat-unit", args=[bidang.pk]), {"ke": "tahunan", "predikat": "baik"})
    assert r.status_code == 302 and PredikatUnit.objects.get().predikat == "baik"
    r = client.post(reverse("penilaian:distribusi-tetapkan", args=[bidang.pk]), {"justifikasi": ""})
    assert r.status_code == 400 and "justifikasinya" in r.content.decode()
    assert not PenetapanDistribusi.objects.exists()
    r = client.post(reverse("penilaian:distribusi-tetapkan", args=[bidang.pk]), {"justifikasi": "Unit kecil."})
    assert r.status_code == 302
    html = client.get(reverse("penilaian:distribusi", args=[bidang.pk])).content.decode()
    assert 'data-testid="penetapan"' in html and "Unit kecil." in html


def test_the_pegawai_cannot_see_his_units_distribution(as_user, pegawai, outsider, bidang):
    assert as_user(pegawai.user).get(reverse("penilaian:distribusi", args=[bidang.pk])).status_code == 403
    assert as_user(outsider.user).get(reverse("penilaian:distribusi", args=[bidang.pk])).status_code == 404


def test_calibration_on_the_pages_opens_changes_with_a_reason_and_locks(as_user, atasan, bidang, periode, tim):
    client = as_user(atasan.user)
    url = reverse("penilaian:kalibrasi", args=[bidang.pk])
    assert 'data-testid="baris-penilai"' in client.get(url).content.decode()
    assert client.post(reverse("penilaian:kalibrasi-buka", args=[bidang.pk]), {"catatan": ""}).status_code == 302
    sesi = PerubahanKalibrasi.sesi.field.related_model.objects.get()
    ubah = reverse("penilaian:kalibrasi-ubah", args=[sesi.pk])
    data = {"evaluasi": tim[1].pk, "rating_hasil_kerja": "di_atas", "rating_perilaku": "di_atas", "alasan": ""}
    assert client.post(ubah, data).status_code == 400
    data["alasan"] = "Memimpin proyek unit."
    assert client.post(ubah, data).status_code == 302
    assert Evaluasi.objects.get(pk=tim[1].pk).predikat == "sangat_baik"
    html = client.get(url).content.decode()
    assert 'data-testid="perubahan"' in html and "Memimpin proyek unit." in html
    assert client.post(reverse("penilaian:kalibrasi-kunci", args=[sesi.pk])).status_code == 302
    sesi.refresh_from_db()
    assert sesi.status == "terkunci"


def test_the_subtree_view_counts_in_the_database_with_constant_queries(
    as_user, admin_unit, atasan, dinas, bidang, periode, skp_pegawai, tim, django_assert_max_num_queries
):
    services.predikat_unit_set(actor=admin_unit, unit=bidang, periode=periode, periode_ke=None, predikat="baik")
    client = as_user(admin_unit)
    with django_assert_max_num_queries(14) as sedikit:
        html = client.get(reverse("penilaian:sebaran")).content.decode()
    assert "Bidang Uji" in html and "Dinas Uji" in html and "aturan tidak terpenuhi" in html
    for i in range(4):  # more units and people: the same number of queries
        unit = UnitKerjaFactory(parent=bidang, kode=f"SUB-{i}", nama=f"Seksi {i}", jenis="bidang")
        for _j in range(3):
            tahunan_final(PegawaiFactory(unit=unit, atasan=atasan), periode=periode, skp=skp_pegawai)
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        html = client.get(reverse("penilaian:sebaran")).content.decode()
    assert "Seksi 3" in html


def test_the_province_view_is_for_admin_bkd_and_admins_only(as_user, admin_bkd, pegawai, dinas_lain, tim):
    html = as_user(admin_bkd).get(reverse("penilaian:sebaran")).content.decode()
    assert "Dinas Uji" in html and "Dinas Lain" in html and "Pemprov DKI Jakarta" in html
    assert as_user(pegawai.user).get(reverse("penilaian:sebaran")).status_code == 403


def test_the_history_lists_final_predikat_with_document_links(as_user, pegawai, outsider, tim):
    client = as_user(pegawai.user)
    assert client.get(reverse("penilaian:riwayat-saya")).status_code == 302
    html = client.get(reverse("penilaian:riwayat", args=[pegawai.pk])).content.decode()
    assert 'data-testid="baris-riwayat"' in html and "Baik" in html and "/dokumen/evaluasi/pdf/" in html
    assert as_user(outsider.user).get(reverse("penilaian:riwayat", args=[pegawai.pk])).status_code == 404


@pytest.mark.parametrize("jenis", ["evaluasi", "dokumen"])
def test_the_documents_render_as_page_and_pdf_with_names_and_predikat(as_user, pegawai, penilai, tim, jenis):
    client = as_user(pegawai.user)
    html = client.get(reverse("penilaian:dokumen", args=[tim[0].pk, jenis])).content.decode()
    assert "Budi Pegawai" in html and "BAIK" in html
    r = client.get(reverse("penilaian:dokumen-pdf", args=[tim[0].pk, jenis]))
    assert r["Content-Type"] == "application/pdf"
    teks = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(r.content)).pages)
    assert "Budi Pegawai" in teks and "Putri Penilai" in teks and "BAIK" in teks
    if jenis == "dokumen":
        assert "Ahmad Atasan" in teks  # the atasan pejabat penilai
    assert client.get(reverse("penilaian:dokumen", args=[tim[0].pk, "lain"])).status_code == 404


def test_the_document_shows_an_objections_decision(as_user, pegawai, penilai, atasan, tim):
    keberatan = services.keberatan_submit(actor=pegawai.user, evaluasi=tim[0], alasan="Capaian saya di atas target.")
    services.keberatan_decide(
        actor=atasan.user,
        keberatan=keberatan,
        keputusan="diubah",
        alasan_keputusan="Bukti dukung kuat.",
        rating_hasil_kerja="di_atas",
        rating_perilaku="di_atas",
    )
    r = as_user(pegawai.user).get(reverse("penilaian:dokumen-pdf", args=[tim[0].pk, "dokumen"]))
    teks = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(r.content)).pages)
    assert "SANGAT BAIK" in teks and "Hasil diubah" in teks and "Bukti dukung kuat." in teks
