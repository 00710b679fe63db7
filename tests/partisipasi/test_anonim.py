"""Anonymisation of complainants' data after the retention period: name, contact and a kept photo location erased
once the complaint has been closed longer than PARTISIPASI_RETENSI_DATA_PELAPOR_HARI; open and recent ones kept;
the public trail untouched; one summary audit entry; a second run changes nothing. The clock is frozen (``jam``)."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from PIL import Image

from partisipasi import services, tasks
from partisipasi.models import Pengaduan
from tests.partisipasi.factories import jpeg_dengan_gps, pengaduan_baru

S = Pengaduan.Status
GPS_IFD = 0x8825


@pytest.fixture
def selesai(petugas_a, kel_a, kategori, jam):
    """A complaint filed with a photo whose location the citizen kept, then completed (on 15 July 2026)."""
    p = pengaduan_baru(kel_a, kategori, foto=[jpeg_dengan_gps()], simpan_lokasi=True)
    services.pengaduan_move(actor=petugas_a, pengaduan=p, ke=S.PROSES, versi=p.versi)
    p.refresh_from_db()
    services.pengaduan_move(actor=petugas_a, pengaduan=p, ke=S.SELESAI, versi=p.versi, alasan="Sudah dibersihkan.")
    p.refresh_from_db()
    return p


def _gps(foto) -> dict:
    with foto.berkas.open("rb") as fh, Image.open(fh) as img:
        return dict(img.getexif().get_ifd(GPS_IFD))


def _audit():
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Pengaduan), object_repr="anonimisasi_run"
    )


def test_personal_data_is_erased_after_the_retention_period_and_the_trail_is_kept(
    selesai, petugas_a, kel_a, kategori, jam, settings
):
    settings.PARTISIPASI_RETENSI_DATA_PELAPOR_HARI = 30
    terbuka = pengaduan_baru(kel_a, kategori)  # still open: its complainant may get a reply
    foto = selesai.foto.get()
    assert _gps(foto)  # the citizen chose to keep the location
    lacak_sebelum = list(selesai.riwayat.values_list("ke_status", "alasan", "pada"))

    jam.maju(days=29)
    assert services.anonimisasi_run().pengaduan == 0  # not yet: closed 29 days ago
    jam.maju(days=2)
    hasil = tasks.pelapor_anonimkan.delay().get()

    assert hasil == 1
    selesai.refresh_from_db()
    assert (selesai.nama_pelapor, selesai.kontak_pelapor) == ("", "")
    assert selesai.dianonimkan_pada == jam()
    foto.refresh_from_db()
    assert not foto.lokasi_disimpan and _gps(foto) == {}  # read back: the GPS block is gone
    assert list(selesai.riwayat.values_list("ke_status", "alasan", "pada")) == lacak_sebelum
    assert selesai.deskripsi and selesai.kelurahan == kel_a and selesai.rw == "03"
    terbuka.refresh_from_db()
    assert terbuka.nama_pelapor == "Siti Warga"

    entri = _audit().get()
    assert "1 pengaduan, 1 foto" in entri.changes["data_pelapor"][1]
    jejak = str(LogEntry.objects.filter(object_pk=str(selesai.pk)).values_list("changes", flat=True))
    assert "Siti" not in jejak and "1234" not in jejak  # no part of the name or the contact


def test_the_rating_comment_is_erased_and_the_rating_kept(selesai, jam, settings):
    """The citizen's comment is free text where people sign or leave a phone number; the 1-5 rating is a figure."""
    settings.PARTISIPASI_RETENSI_DATA_PELAPOR_HARI = 30
    jam.maju(days=1)
    services.ulasan_create(
        actor=None, pengaduan=selesai, rating=2, komentar="Lambat. Hubungi saya, Siti 0812-5555-1234"
    )
    jam.maju(days=30)
    assert services.anonimisasi_run().pengaduan == 1
    selesai.refresh_from_db()
    assert (selesai.rating, selesai.komentar_rating) == (2, "")
    riwayat_audit = str(LogEntry.objects.filter(object_pk=str(selesai.pk)).values_list("changes", flat=True))
    assert "0812-5555-1234" not in riwayat_audit  # the audit entry of the rating masked the comment


def test_a_second_run_changes_nothing_and_writes_no_audit_entry(selesai, jam, settings):
    settings.PARTISIPASI_RETENSI_DATA_PELAPOR_HARI = 30
    jam.maju(days=31)
    assert services.anonimisasi_run().pengaduan == 1
    sebelum = list(Pengaduan.objects.values())
    jam.maju(days=1)
    assert services.anonimisasi_run().pengaduan == 0
    assert list(Pengaduan.objects.values()) == sebelum
    assert _audit().count() == 1


def test_a_rejected_complaint_counts_from_its_rejection(petugas_a, kel_a, kategori, jam, settings):
    settings.PARTISIPASI_RETENSI_DATA_PELAPOR_HARI = 10
    p = pengaduan_baru(kel_a, kategori)
    jam.maju(days=5)
    services.pengaduan_move(actor=petugas_a, pengaduan=p, ke=S.DITOLAK, versi=p.versi, alasan="Bukan wewenang.")
    jam.maju(days=9)  # 14 days after filing, 9 after the rejection
    assert services.anonimisasi_run().pengaduan == 0
    jam.maju(days=2)
    assert services.anonimisasi_run().pengaduan == 1


def test_a_reopened_complaint_is_not_anonymised(selesai, jam, settings):
    settings.PARTISIPASI_RETENSI_DATA_PELAPOR_HARI = 1  # below the 7-day window: the window wins
    assert services.retensi_hari() == 7
    jam.maju(days=3)
    services.pengaduan_open(actor=None, pengaduan=selesai, alasan="Sampah menumpuk lagi.")
    jam.maju(days=30)
    assert services.anonimisasi_run().pengaduan == 0
    selesai.refresh_from_db()
    assert selesai.kontak_pelapor == "0812-5555-1234"


def test_batches(petugas_a, kel_a, kategori, jam, settings, monkeypatch):
    settings.PARTISIPASI_RETENSI_DATA_PELAPOR_HARI = 10
    monkeypatch.setattr("partisipasi.services.privasi.BATCH", 2)
    settings.PARTISIPASI_BATAS_PENGADUAN = (100, 3600)
    for _i in range(5):
        p = pengaduan_baru(kel_a, kategori)
        services.pengaduan_move(actor=petugas_a, pengaduan=p, ke=S.DITOLAK, versi=p.versi, alasan="Duplikat.")
    jam.maju(days=11)
    assert services.anonimisasi_run(sekarang=jam() + dt.timedelta(seconds=1)).pengaduan == 5
    assert not Pengaduan.objects.exclude(kontak_pelapor="").exists()
    assert _audit().count() == 1


def test_the_summary_entry_is_shown_on_the_audit_page_to_admin_bkd(client, selesai, admin_bkd, jam, settings):
    settings.PARTISIPASI_RETENSI_DATA_PELAPOR_HARI = 30
    jam.maju(days=31)
    services.anonimisasi_run()
    client.force_login(admin_bkd)
    response = client.get(reverse("kepegawaian:audit"), {"jenis": "pengaduan"})
    assert response.status_code == 200
    assert "dianonimkan: 1 pengaduan" in response.content.decode()
