"""Filing a complaint (``services.pengaduan_create``): what a citizen without an account may do, and what bad
input is refused with nothing saved."""

import io

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from partisipasi import services
from partisipasi.foto import MAKS_UKURAN_FOTO
from partisipasi.models import FotoPengaduan, Pengaduan, RiwayatStatus
from tests.cache_uji import kosongkan_cache
from tests.partisipasi.factories import KategoriFactory, jpeg_dengan_gps, pengaduan_baru, png


def test_anonymous_citizen_files_a_complaint_and_gets_a_tracking_code(anonymous, kel_a, kategori):
    pengaduan = pengaduan_baru(kel_a, kategori, actor=anonymous, rw="3")

    assert len(pengaduan.kode_lacak) == 10
    assert pengaduan.status == Pengaduan.Status.MENUNGGU
    assert pengaduan.unit_penanganan == kel_a
    assert pengaduan.rw == "03"
    trail = list(RiwayatStatus.objects.filter(pengaduan=pengaduan).values_list("dari_status", "ke_status"))
    assert trail == [("", "menunggu")]
    entry = LogEntry.objects.get_for_object(pengaduan).get()
    assert entry.actor is None
    # The contact is personal data: the audit trail masks it.
    assert "0812-5555-1234" not in str(entry.changes)


def test_tracking_codes_differ(kel_a, kategori):
    assert pengaduan_baru(kel_a, kategori).kode_lacak != pengaduan_baru(kel_a, kategori).kode_lacak


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"deskripsi": "   "}, "deskripsi", "Uraian pengaduan wajib diisi."),
        ({"rw": "tiga"}, "rw", "RW diisi dengan angka, mis. 03."),
        ({"kelurahan_id": 999999}, "kelurahan", "Kelurahan tidak dikenal. Pilih kelurahan dari daftar."),
        ({"kelurahan_id": "abc"}, "kelurahan", "Kelurahan tidak dikenal. Pilih kelurahan dari daftar."),
        ({"kategori_id": 999999}, "kategori", "Kategori tidak dikenal. Pilih kategori dari daftar."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(kel_a, kategori, changes, field, message):
    with pytest.raises(ValidationError) as exc:
        pengaduan_baru(kel_a, kategori, **changes)
    assert exc.value.message_dict[field] == [message]
    assert not Pengaduan.objects.exists()


def test_a_unit_that_is_not_a_kelurahan_is_unknown(kecamatan, kategori):
    with pytest.raises(ValidationError) as exc:
        pengaduan_baru(kecamatan, kategori)
    assert "kelurahan" in exc.value.message_dict


def test_an_inactive_category_is_refused(kel_a):
    with pytest.raises(ValidationError):
        pengaduan_baru(kel_a, KategoriFactory(aktif=False))


def test_honeypot_filled_is_refused(kel_a, kategori):
    with pytest.raises(ValidationError) as exc:
        pengaduan_baru(kel_a, kategori, jebakan="http://spam.example")
    assert "Muat ulang halaman" in exc.value.messages[0]
    assert not Pengaduan.objects.exists()


def _exif_of(pengaduan) -> Image.Exif:
    foto = FotoPengaduan.objects.get(pengaduan=pengaduan)
    with foto.berkas.open("rb") as fh, Image.open(fh) as img:
        return img.getexif()


def test_photo_gps_and_exif_are_stripped_read_back(kel_a, kategori):
    asli = jpeg_dengan_gps()
    with Image.open(asli) as img:
        assert img.getexif().get_ifd(0x8825)  # the fixture really carries GPS
    asli.seek(0)

    pengaduan = pengaduan_baru(kel_a, kategori, foto=[asli])

    exif = _exif_of(pengaduan)
    assert not exif.get_ifd(0x8825)
    assert 0x010F not in exif  # camera make gone too
    foto = FotoPengaduan.objects.get(pengaduan=pengaduan)
    assert (foto.tipe, foto.lebar, foto.tinggi, foto.lokasi_disimpan) == ("image/jpeg", 64, 48, False)


def test_photo_keeps_gps_when_the_citizen_chooses_to(kel_a, kategori):
    pengaduan = pengaduan_baru(kel_a, kategori, foto=[jpeg_dengan_gps()], simpan_lokasi=True)

    gps = _exif_of(pengaduan).get_ifd(0x8825)
    assert gps[1] == "S"
    assert FotoPengaduan.objects.get(pengaduan=pengaduan).lokasi_disimpan


def test_png_is_accepted_and_stays_png(kel_a, kategori):
    pengaduan = pengaduan_baru(kel_a, kategori, foto=[png()])
    assert FotoPengaduan.objects.get(pengaduan=pengaduan).tipe == "image/png"


def test_more_than_three_photos_are_refused(kel_a, kategori):
    with pytest.raises(ValidationError) as exc:
        pengaduan_baru(kel_a, kategori, foto=[png() for _i in range(4)])
    assert exc.value.message_dict["foto"] == ["Paling banyak 3 foto."]
    assert not FotoPengaduan.objects.exists()


def test_a_pdf_named_jpg_is_refused(kel_a, kategori, media_sementara):
    palsu = SimpleUploadedFile("foto.jpg", b"%PDF-1.4\n1 0 obj<<>>endobj\n", content_type="image/jpeg")
    with pytest.raises(ValidationError) as exc:
        pengaduan_baru(kel_a, kategori, foto=[palsu])
    assert exc.value.message_dict["foto"] == ["Berkas foto.jpg bukan gambar JPEG, PNG atau WebP yang dapat dibaca."]
    assert not Pengaduan.objects.exists()
    assert not list(media_sementara.rglob("*.*"))


def test_a_gif_is_not_among_the_accepted_images(kel_a, kategori):
    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, format="GIF")
    with pytest.raises(ValidationError):
        pengaduan_baru(kel_a, kategori, foto=[SimpleUploadedFile("a.gif", buf.getvalue())])


def test_an_oversized_photo_is_refused(kel_a, kategori):
    besar = SimpleUploadedFile("besar.jpg", b"\xff\xd8" + b"0" * (MAKS_UKURAN_FOTO + 1))
    with pytest.raises(ValidationError) as exc:
        pengaduan_baru(kel_a, kategori, foto=[besar])
    assert exc.value.message_dict["foto"] == ["Foto besar.jpg terlalu besar: paling besar 5 MB per foto."]


def test_a_truncated_image_is_refused(kel_a, kategori):
    data = jpeg_dengan_gps().getvalue()[:200]
    with pytest.raises(ValidationError):
        pengaduan_baru(kel_a, kategori, foto=[SimpleUploadedFile("potong.jpg", data)])


def test_rate_limit_per_client(kel_a, kategori, settings):
    settings.PARTISIPASI_BATAS_PENGADUAN = (2, 3600)
    pengaduan_baru(kel_a, kategori, klien="klien-1")
    pengaduan_baru(kel_a, kategori, klien="klien-1")
    with pytest.raises(services.TerlaluSering):
        pengaduan_baru(kel_a, kategori, klien="klien-1")
    pengaduan_baru(kel_a, kategori, klien="klien-2")  # another client is not limited
    assert Pengaduan.objects.count() == 3


def test_rate_limit_window_passes(kel_a, kategori, settings):

    settings.PARTISIPASI_BATAS_PENGADUAN = (1, 3600)
    pengaduan_baru(kel_a, kategori, klien="klien-1")
    with pytest.raises(services.TerlaluSering):
        pengaduan_baru(kel_a, kategori, klien="klien-1")
    kosongkan_cache()  # the window expired (the cache forgot the counter)
    pengaduan_baru(kel_a, kategori, klien="klien-1")
