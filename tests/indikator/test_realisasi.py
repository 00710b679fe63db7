"""Realisation month by month, deadlines, reopening, evidence, feedback and dialog kinerja."""

import datetime as dt
import hashlib
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from indikator import bukti as bukti_mod
from indikator import services
from indikator.models import BuktiDukung, DialogKinerja, Iki, Realisasi, UmpanBalik
from kinerja.db import KonflikVersi
from tests.indikator.factories import PeriodeFactory, pdf_bytes, png_bytes, skp_disetujui, skp_draft


@pytest.fixture
def iki(pegawai, penilai, periode):
    skp = skp_disetujui(pegawai, periode)
    return Iki.objects.get(rhk__skp=skp)


# --- realisasi -----------------------------------------------------------------------------------------------


def test_pegawai_logs_realisation_for_the_open_quarter(pegawai, iki):
    r = services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="5", narasi="Lima laporan selesai")
    assert (r.nilai, r.narasi, r.versi, r.diubah_oleh) == (Decimal("5"), "Lima laporan selesai", 1, pegawai.user)
    r = services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="6", versi=r.versi)
    assert Realisasi.objects.get(iki=iki, periode_ke=3).nilai == Decimal("6") and r.versi == 2


def test_realisation_for_a_closed_quarter_is_refused(pegawai, iki):
    with pytest.raises(ValidationError, match=r"Triwulan II 2026 sudah ditutup \(batas 05-07-2026\)"):
        services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=2, nilai="5")
    assert not Realisasi.objects.exists()


def test_realisation_for_a_quarter_not_yet_begun_is_refused(pegawai, iki):
    with pytest.raises(ValidationError, match="Triwulan IV belum dimulai"):
        services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=4, nilai="5")


def test_quarter_number_outside_the_periodicity_is_refused(pegawai, iki):
    with pytest.raises(ValidationError, match="triwulanan ke-7"):
        services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=7, nilai="5")


def test_a_reopened_quarter_accepts_realisation_until_the_reopening_ends(
    pegawai, admin_unit, iki, periode, monkeypatch
):
    services.pembukaan_kembali_create(
        actor=admin_unit,
        periode=periode,
        pegawai=pegawai,
        periode_ke=2,
        berlaku_sampai=dt.date(2026, 7, 20),
        alasan="Pegawai cuti sakit pada awal Juli.",
    )
    services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=2, nilai="4")
    with pytest.raises(ValidationError, match="sudah ditutup"):
        services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=1, nilai="4")  # only quarter II was reopened

    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2026, 7, 21))
    r = Realisasi.objects.get(iki=iki, periode_ke=2)
    with pytest.raises(ValidationError, match="sudah ditutup"):
        services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=2, nilai="9", versi=r.versi)
    assert Realisasi.objects.get(iki=iki, periode_ke=2).nilai == Decimal("4")


def test_monthly_period_closes_each_month_on_its_day(pegawai, penilai, db):
    periode = PeriodeFactory(tahun=2026, periodisitas="bulanan", hari_batas_realisasi=20)
    iki = Iki.objects.get(rhk__skp=skp_disetujui(pegawai, periode))
    services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=6, nilai="1")  # June closes 20 July
    with pytest.raises(ValidationError, match="Mei 2026 sudah ditutup"):
        services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=5, nilai="1")


def test_realisation_needs_an_approved_skp(pegawai, periode):
    iki = Iki.objects.get(rhk__skp=skp_draft(pegawai, periode))
    with pytest.raises(ValidationError, match="setelah SKP disetujui"):
        services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="5")


def test_only_the_owner_logs_realisation(penilai, admin_bkd, iki):
    for actor in (penilai.user, admin_bkd):
        with pytest.raises(PermissionDenied):
            services.realisasi_save(actor=actor, iki=iki, periode_ke=3, nilai="5")
    assert not Realisasi.objects.exists()


def test_two_tabs_saving_the_same_month_the_stale_one_gets_a_conflict(pegawai, iki):
    pertama = services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="5")
    services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="6", versi=pertama.versi)
    with pytest.raises(KonflikVersi):
        services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="7", versi=pertama.versi)
    with pytest.raises(KonflikVersi):  # a "new" entry from a tab that did not see the first one
        services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="8")
    assert Realisasi.objects.get(iki=iki, periode_ke=3).nilai == Decimal("6")


def test_realisation_value_must_be_a_number(pegawai, iki):
    with pytest.raises(ValidationError, match="angka yang sah"):
        services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="lima")


# --- bukti dukung ---------------------------------------------------------------------------------------------


@pytest.fixture
def realisasi(pegawai, iki):
    return services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="5")


def test_a_real_pdf_is_stored_with_its_sha256(pegawai, realisasi):
    isi = pdf_bytes()
    bukti = services.bukti_create(
        actor=pegawai.user, realisasi=realisasi, berkas=SimpleUploadedFile("laporan juli.pdf", isi, "text/plain")
    )
    assert bukti.sha256 == hashlib.sha256(isi).hexdigest()
    assert (bukti.tipe, bukti.ukuran, bukti.nama_asli) == ("application/pdf", len(isi), "laporan juli.pdf")
    assert bukti.berkas.name.endswith(f"{bukti.sha256}.pdf")
    with default_storage.open(bukti.berkas.name) as f:
        assert f.read() == isi


def test_a_png_named_like_a_pdf_is_stored_as_png(pegawai, realisasi):
    bukti = services.bukti_create(
        actor=pegawai.user, realisasi=realisasi, berkas=SimpleUploadedFile("foto.pdf", png_bytes())
    )
    assert bukti.tipe == "image/png" and bukti.berkas.name.endswith(".png")


def test_a_text_file_named_pdf_is_refused_and_nothing_is_stored(pegawai, realisasi):
    palsu = SimpleUploadedFile("laporan.pdf", b"ini sebenarnya teks biasa, bukan PDF\n" * 10, "application/pdf")
    with pytest.raises(ValidationError, match="diperiksa dari isinya"):
        services.bukti_create(actor=pegawai.user, realisasi=realisasi, berkas=palsu)
    assert not BuktiDukung.objects.exists()
    assert not default_storage.exists("bukti")


def test_a_file_over_10_mb_is_refused(pegawai, realisasi):
    besar = SimpleUploadedFile("besar.pdf", pdf_bytes() + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError, match=r"terlalu besar \(10,0 MB\)"):
        services.bukti_create(actor=pegawai.user, realisasi=realisasi, berkas=besar)
    assert not BuktiDukung.objects.exists()


def test_xlsx_and_docx_are_recognised_by_their_parts_and_a_plain_zip_is_not():
    wb = Workbook()
    wb.active["A1"] = "Rekap"
    xlsx = io.BytesIO()
    wb.save(xlsx)
    assert bukti_mod.periksa_berkas(ContentFile(xlsx.getvalue(), name="rekap.bin")).ekstensi == "xlsx"

    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    assert bukti_mod.periksa_berkas(ContentFile(docx.getvalue(), name="surat.docx")).ekstensi == "docx"

    biasa = io.BytesIO()
    with zipfile.ZipFile(biasa, "w") as z:
        z.writestr("isi.txt", "bukan dokumen")
    with pytest.raises(ValidationError):
        bukti_mod.periksa_berkas(ContentFile(biasa.getvalue(), name="arsip.xlsx"))


def test_a_link_is_accepted_as_evidence_and_a_bad_url_is_not(pegawai, realisasi):
    bukti = services.bukti_create(actor=pegawai.user, realisasi=realisasi, url="https://jaki.jakarta.go.id/laporan/1")
    assert bukti.jenis == BuktiDukung.Jenis.TAUTAN and bukti.sha256 == ""
    with pytest.raises(ValidationError):
        services.bukti_create(actor=pegawai.user, realisasi=realisasi, url="bukan tautan")
    assert BuktiDukung.objects.count() == 1


def test_evidence_for_a_closed_quarter_is_refused(pegawai, admin_unit, iki, periode, monkeypatch):
    realisasi = services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="5")
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2026, 10, 6))
    with pytest.raises(ValidationError, match="sudah ditutup"):
        services.bukti_create(actor=pegawai.user, realisasi=realisasi, berkas=SimpleUploadedFile("a.png", png_bytes()))
    assert not BuktiDukung.objects.exists()


def test_deleting_evidence_removes_the_file_after_commit(pegawai, realisasi, django_capture_on_commit_callbacks):
    bukti = services.bukti_create(
        actor=pegawai.user, realisasi=realisasi, berkas=SimpleUploadedFile("a.png", png_bytes())
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.bukti_delete(actor=pegawai.user, bukti=bukti)
    assert not default_storage.exists(bukti.berkas.name)


# --- umpan balik and dialog ---------------------------------------------------------------------------------


def test_penilai_gives_feedback_and_the_pegawai_replies(pegawai, penilai, iki):
    ub = services.umpan_balik_create(actor=penilai.user, iki=iki, periode_ke=3, teks="Lampirkan notulen rapat.")
    balasan = services.umpan_balik_reply(actor=pegawai.user, umpan_balik=ub, teks="Sudah saya lampirkan.")
    assert balasan.balasan_untuk == ub and balasan.penulis_nama == pegawai.nama
    from indikator import selectors

    thread = list(selectors.umpan_balik_thread(iki=iki, periode_ke=3))
    assert thread == [ub] and list(thread[0].balasan.all()) == [balasan]


def test_feedback_comes_only_from_the_penilai_and_must_not_be_empty(pegawai, penilai, outsider, iki):
    for actor in (pegawai.user, outsider.user):
        with pytest.raises(PermissionDenied):
            services.umpan_balik_create(actor=actor, iki=iki, periode_ke=3, teks="Bagus")
    with pytest.raises(ValidationError, match="tidak boleh kosong"):
        services.umpan_balik_create(actor=penilai.user, iki=iki, periode_ke=3, teks="  ")
    ub = services.umpan_balik_create(actor=penilai.user, iki=iki, periode_ke=3, teks="Bagus")
    with pytest.raises(PermissionDenied):
        services.umpan_balik_reply(actor=outsider.user, umpan_balik=ub, teks="Ikut campur")
    assert UmpanBalik.objects.count() == 1


def test_penilai_records_a_dialog_kinerja(pegawai, penilai, iki):
    skp = iki.rhk.skp
    d = services.dialog_kinerja_create(
        actor=penilai.user, skp=skp, tanggal=dt.date(2026, 7, 10), catatan="Membahas target TW III", hasil="Sepakat"
    )
    assert d.penilai == penilai and DialogKinerja.objects.filter(skp=skp).count() == 1
    with pytest.raises(ValidationError, match="masa depan"):
        services.dialog_kinerja_create(actor=penilai.user, skp=skp, tanggal=dt.date(2026, 8, 1), catatan="Nanti")
    with pytest.raises(PermissionDenied):
        services.dialog_kinerja_create(actor=pegawai.user, skp=skp, tanggal=dt.date(2026, 7, 1), catatan="Sendiri")


def test_evidence_is_either_one_file_or_one_link(pegawai, realisasi):
    for kwargs in ({}, {"berkas": SimpleUploadedFile("a.png", png_bytes()), "url": "https://contoh.go.id/x"}):
        with pytest.raises(ValidationError, match="satu berkas atau satu tautan"):
            services.bukti_create(actor=pegawai.user, realisasi=realisasi, **kwargs)
    assert not BuktiDukung.objects.exists()
