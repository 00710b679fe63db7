"""Uploaded file names lose control and bidi characters (kinerja.berkas.nama_berkas_bersih), in the three places
that keep or show a user's file name: indikator's evidence, pelatihan's certificates, partisipasi's photos."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from indikator import bukti
from kinerja.berkas import nama_berkas_bersih
from partisipasi import foto
from pelatihan import berkas as sertifikat

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
RLO = "laporan\u202efdp.exe"  # shown as "laporanexe.pdf"


@pytest.mark.parametrize(
    ("nama", "bersih"),
    [
        (RLO, "laporanfdp.exe"),
        ("a\u2066b\u2069c\u200e\u200f\u061c.pdf", "abc.pdf"),
        ("nilai\x00\x1b[31m\n\r\t.pdf", "nilai[31m.pdf"),
        ("zero\u200bwidth\ufeff.pdf", "zerowidth.pdf"),
        ("C:\\Users\\budi\\laporan akhir.pdf", "laporan akhir.pdf"),
        ("../../etc/passwd", "passwd"),
        ("\u202e\u202e", "berkas"),
        ("  Laporan   Triwulan III .pdf  ", "Laporan Triwulan III .pdf"),
        ("e\u0301.pdf", "\u00e9.pdf"),  # NFC
    ],
)
def test_file_names_are_cleaned(nama, bersih):
    assert nama_berkas_bersih(nama) == bersih


def test_a_long_name_keeps_its_extension():
    hasil = nama_berkas_bersih("a" * 400 + ".pdf")
    assert len(hasil) == 255 and hasil.endswith(".pdf")


def test_evidence_keeps_the_cleaned_original_name():
    assert bukti.periksa_berkas(ContentFile(PDF, name=RLO)).nama_asli == "laporanfdp.exe"


def test_certificate_keeps_the_cleaned_original_name():
    assert sertifikat.sertifikat_periksa(ContentFile(PDF, name=RLO)).nama_asli == "laporanfdp.exe"


def test_photo_refusal_names_the_cleaned_file():
    with pytest.raises(ValidationError) as exc:
        foto.foto_check(ContentFile(PDF, name="foto\u202egpj.exe"))
    pesan = " ".join(exc.value.message_dict["foto"])
    assert "fotogpj.exe" in pesan and "\u202e" not in pesan
