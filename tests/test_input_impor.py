"""Import input that must become per-row errors, not "Terjadi kesalahan tak terduga": a NUL byte in a CSV cell, a
formula cell without a cached value; and an XLSX whose <dimension> lies is measured by its real rows."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from kepegawaian import impor, services
from kepegawaian.models import ImporJob, Pegawai, PeranAdmin, UnitKerja
from tests.kepegawaian.factories import UserFactory

KOLOM_PEGAWAI = ["nip", "nama", "status", "golongan", "jabatan", "jenis_jabatan", "kode_unit", "nip_atasan", "email"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def bkd(db):
    user = UserFactory(username="bkd.masukan")
    services.peran_grant(actor=None, user=user, peran=PeranAdmin.Peran.ADMIN_BKD)
    UnitKerja.add_root(kode="DNS", nama="Dinas Uji", jenis=UnitKerja.Jenis.PERANGKAT_DAERAH)
    return user


def _baris(i: int, nama: str = "Pegawai") -> list[str]:
    return [f"19700101200001100{i}", f"{nama} {i}", "PNS", "II/c", "Pengadministrasi Umum", "pelaksana", "DNS", "", ""]


def _kesalahan(job) -> list[tuple]:
    return [(e["lembar"], e["baris"], e["kolom"], e["pesan"]) for e in job.kesalahan]


def test_a_nul_byte_in_a_csv_cell_is_an_error_of_its_row(bkd):
    isi = ",".join(KOLOM_PEGAWAI) + "\n" + ",".join(_baris(1)) + "\n" + ",".join(_baris(2, "Bu\x00di")) + "\n"
    job = impor.impor_job_create(actor=bkd, berkas=[SimpleUploadedFile("pegawai.csv", isi.encode())])

    job.refresh_from_db()
    assert job.status == ImporJob.Status.GAGAL
    assert "tak terduga" not in job.pesan
    ((lembar, baris, kolom, pesan),) = _kesalahan(job)
    assert (lembar, baris, kolom) == ("pegawai.csv", 3, "nama")
    assert "NUL" in pesan
    assert not Pegawai.objects.exists()


def _xlsx(isi_sheet) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "pegawai"
    isi_sheet(ws)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_formula_without_a_cached_value_says_formulas_are_not_evaluated(bkd):
    def isi(ws):
        ws.append(KOLOM_PEGAWAI)
        ws.append(_baris(1))
        baris = _baris(2)
        baris[1] = '=CONCATENATE("Budi", " ", "Santoso")'  # openpyxl writes no cached value
        ws.append(baris)

    job = impor.impor_job_create(actor=bkd, berkas=[SimpleUploadedFile("pegawai.xlsx", _xlsx(isi))])

    job.refresh_from_db()
    assert job.status == ImporJob.Status.GAGAL
    ((lembar, baris, kolom, pesan),) = _kesalahan(job)
    assert (lembar, baris, kolom) == ("pegawai", 3, "nama")
    assert "rumus (formula) yang tidak dihitung" in pesan
    assert "wajib diisi" not in " ".join(e["pesan"] for e in job.kesalahan)


def _dimensi_bohong(xlsx: bytes, ref: str = "A1:I2") -> bytes:
    """The same workbook with the sheet's <dimension ref> replaced (a file written by another program)."""
    masuk = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as keluar:
        for item in masuk.infolist():
            data = masuk.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                teks = data.decode()
                teks, n = re.subn(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>', teks)
                assert n == 1
                data = teks.encode()
            keluar.writestr(item, data)
    return out.getvalue()


def test_an_xlsx_whose_dimension_lies_is_measured_and_read_by_its_real_rows(bkd, settings):
    def isi(ws):
        ws.append(KOLOM_PEGAWAI)
        for i in range(1, 8):
            ws.append(_baris(i))

    berkas = _dimensi_bohong(_xlsx(isi))  # declares one data row, holds seven
    assert impor.hitung_baris("pegawai.xlsx", io.BytesIO(berkas)) == 7

    settings.KEPEGAWAIAN_IMPOR_BATAS_SINKRON = 5
    queued = []
    from kepegawaian import tasks

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(tasks.impor_jalankan, "delay", lambda *args: queued.append(args))
        job = impor.impor_job_create(actor=bkd, berkas=[SimpleUploadedFile("pegawai.xlsx", berkas)])
    assert job.total_baris == 7 and job.status == ImporJob.Status.MENUNGGU  # large: went to the worker's path

    assert impor.impor_job_run(job_id=job.pk) is True
    job.refresh_from_db()
    assert job.status == ImporJob.Status.SELESAI, job.kesalahan
    assert Pegawai.objects.count() == 7
