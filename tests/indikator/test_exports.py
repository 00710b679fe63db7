"""Exports: one SKP as the official-style PDF (text extracted with pypdf) and a team's realisation as XLSX."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from indikator import exports, services
from indikator.models import EkspektasiPerilaku, Iki, Skp
from kinerja.berkas import MIME_XLSX
from tests.indikator.factories import skp_disetujui, skp_draft
from tests.kepegawaian.factories import PegawaiFactory


def _teks_pdf(isi: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(isi)).pages)


def test_skp_pdf_has_the_header_people_table_perilaku_lampiran_and_signatures(pegawai, penilai, periode):
    skp = skp_draft(pegawai, periode, rhk=2)
    services.skp_update(actor=pegawai.user, skp=skp, versi=skp.versi, dukungan_sumber_daya="Laptop dan akses SIPD")
    skp = services.skp_submit(actor=pegawai.user, skp=skp, versi=Skp.objects.get(pk=skp.pk).versi)
    services.ekspektasi_set(
        actor=penilai.user, skp=skp, versi=skp.versi, nilai="kolaboratif", ekspektasi_khusus="Rajin berbagi data"
    )
    skp = services.skp_approve(actor=penilai.user, skp=skp, versi=Skp.objects.get(pk=skp.pk).versi)

    isi = exports.skp_pdf(skp=skp)

    assert isi.startswith(b"%PDF")
    teks = _teks_pdf(isi)
    for harus in (
        "SASARAN KINERJA PEGAWAI",
        "Budi Pegawai",
        pegawai.nip,
        "Putri Penilai",
        penilai.nip,
        "Analis Uji",
        "Kepala Bidang Uji",
        "Bidang Uji",
        "III/a Penata Muda",
        "2026",
        "RHK 1 Budi Pegawai",
        "IKI 2.1",
        "12 dokumen",
        "Berorientasi Pelayanan",
        "Rajin berbagi data",
        "Laptop dan akses SIPD",
    ):
        assert harus in teks, harus


def test_skp_pdf_keeps_the_snapshot_after_the_pegawai_moves(pegawai, penilai, periode, dinas_lain):
    skp = skp_disetujui(pegawai, periode)
    pegawai.unit = dinas_lain
    pegawai.save()

    teks = _teks_pdf(exports.skp_pdf(skp=Skp.objects.get(pk=skp.pk)))

    assert "Bidang Uji" in teks and "Dinas Lain" not in teks


def test_skp_pdf_download_is_for_who_sees_the_skp(
    client, pegawai, penilai, outsider, periode, django_capture_on_commit_callbacks
):
    skp = skp_draft(pegawai, periode)
    client.force_login(penilai.user)
    with django_capture_on_commit_callbacks(execute=True):  # the first request queues the document (a task)
        assert client.get(reverse("indikator:skp-pdf", args=[skp.pk])).status_code == 200
    response = client.get(reverse("indikator:skp-pdf", args=[skp.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"skp-2026-{pegawai.nip}-revisi-1.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(outsider.user)
    assert client.get(reverse("indikator:skp-pdf", args=[skp.pk])).status_code == 404


def test_team_xlsx_has_a_summary_and_realisation_per_indicator(client, pegawai, penilai, bidang, periode):
    skp = skp_disetujui(pegawai, periode, rhk=1, iki_per_rhk=2)
    iki = Iki.objects.filter(rhk__skp=skp).order_by("pk").first()
    services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="9")
    PegawaiFactory(atasan=penilai, unit=bidang, nama='=HYPERLINK("http://x")')
    client.force_login(penilai.user)

    response = client.get(reverse("indikator:tim-xlsx"))

    assert response.status_code == 200
    assert response["Content-Type"] == MIME_XLSX
    wb = load_workbook(io.BytesIO(response.content))
    ringkas, rinci = wb.worksheets
    rows = list(ringkas.iter_rows(values_only=True))
    assert rows[0][:4] == ("Nama", "NIP", "Jabatan", "Status SKP")
    budi = next(r for r in rows if r[0] == "Budi Pegawai")
    assert budi[1] == pegawai.nip and budi[3] == "Disetujui" and budi[4] == 2
    assert any(r[0] == '\'=HYPERLINK("http://x")' for r in rows)  # no formula injection
    realisasi = list(rinci.iter_rows(values_only=True))[1:]
    baris = next(r for r in realisasi if r[3] == iki.uraian)
    assert baris[6:10] == (None, None, 9, None)
    assert baris[10] == pytest.approx(75.0)
    assert len(realisasi) == 2


def test_team_xlsx_is_403_for_an_account_without_pegawai(client, admin_bkd, periode):
    # kepegawaian.access.pegawai_of_account: the same 403 on every door (the page said 404 before)
    client.force_login(admin_bkd)
    assert client.get(reverse("indikator:tim-xlsx")).status_code == 403


def test_pedoman_of_every_berakhlak_value_is_printed(pegawai, penilai, periode):
    teks = _teks_pdf(exports.skp_pdf(skp=skp_draft(pegawai, periode)))
    for nilai in EkspektasiPerilaku.Nilai:
        assert str(nilai.label) in teks
    assert "Memahami dan memenuhi kebutuhan masyarakat" in teks
