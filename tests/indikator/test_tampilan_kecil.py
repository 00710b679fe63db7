"""Small things met on the way: the unit select's empty choice, the IKU/PK page in the menu, file sizes as people
read them, the SHA-256 of evidence only in a details line."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indikator import services
from indikator.models import Iki
from indikator.models.realisasi import ukuran_berkas_label
from tests.indikator.factories import pdf_bytes, skp_disetujui


@pytest.mark.parametrize(
    ("ukuran", "label"),
    [(309, "309 B"), (1024, "1,0 KB"), (12_800, "12,5 KB"), (1_258_291, "1,2 MB"), (3 * 1024**3, "3,0 GB")],
)
def test_file_sizes_are_written_as_people_read_them(ukuran, label):
    assert ukuran_berkas_label(ukuran) == label


def test_iku_page_asks_to_pick_a_unit_and_is_in_the_menu(as_user, admin_unit, periode):
    page = as_user(admin_unit).get(reverse("indikator:indikator-unit")).content.decode()
    assert ">Pilih unit kerja…</option>" in page and "---------" not in page
    home = as_user(admin_unit).get(reverse("indikator:periode")).content.decode()
    nav = home.split("<nav", 1)[1].split("</nav>", 1)[0]
    assert f'href="{reverse("indikator:indikator-unit")}"' in nav and "IKU/PK" in nav


def test_evidence_shows_its_size_in_bytes_and_its_hash_only_in_details(as_user, pegawai, periode):
    iki = Iki.objects.get(rhk__skp=skp_disetujui(pegawai, periode))
    isi = pdf_bytes("Laporan")
    berkas = SimpleUploadedFile("laporan.pdf", isi, content_type="application/pdf")
    r = services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="5", berkas=berkas)
    bukti = r.bukti.get()
    page = as_user(pegawai).get(reverse("indikator:iki-realisasi", args=[iki.pk])).content.decode()
    assert f'data-testid="ukuran">({len(isi)} B)<' in page and "bita" not in page
    sebelum, rincian = page.split("<details", 1)
    assert bukti.sha256 not in sebelum and bukti.sha256 in rincian.split("</details>", 1)[0]
