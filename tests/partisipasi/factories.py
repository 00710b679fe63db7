"""Factories of the complaint tests. Complaints are filed through the service (so deadlines, trail and audit
are what the app makes); categories and holidays are plain rows (configuration)."""

import io

import factory
from PIL import Image

from partisipasi import services
from partisipasi.models import HariLibur, KategoriPengaduan


class KategoriFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KategoriPengaduan
        django_get_or_create = ("kode",)

    kode = factory.Sequence(lambda n: f"kategori-{n}")
    nama = factory.Sequence(lambda n: f"Kategori {n}")
    batas_respons_hari = 3
    batas_selesai_hari = 5


class HariLiburFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HariLibur
        django_get_or_create = ("tanggal",)

    nama = "Hari libur"


_klien = iter(range(1, 10**9))


def pengaduan_baru(kelurahan, kategori=None, **kwargs):
    data = {
        "actor": None,
        "klien": f"uji-{next(_klien)}",
        "kategori_id": (kategori or KategoriFactory()).pk,
        "kelurahan_id": kelurahan.pk,
        "rw": "03",
        "deskripsi": "Saluran air di depan rumah nomor 12 tersumbat sampah sejak seminggu.",
        "nama_pelapor": "Siti Warga",
        "kontak_pelapor": "0812-5555-1234",
    }
    data.update(kwargs)
    return services.pengaduan_create(**data)


def jpeg_dengan_gps(nama="foto.jpg", ukuran=(64, 48)) -> io.BytesIO:
    """A real JPEG carrying EXIF with a GPS block (latitude of Menteng), as phones write them."""
    img = Image.new("RGB", ukuran, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "KameraUji"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "S"
    gps[2] = (6.0, 11.0, 45.0)
    gps[3] = "E"
    gps[4] = (106.0, 50.0, 0.0)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", exif=exif)
    buf.seek(0)
    buf.name = nama
    return buf


def png(nama="foto.png") -> io.BytesIO:
    buf = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 255, 128)).save(buf, format="PNG")
    buf.seek(0)
    buf.name = nama
    return buf
