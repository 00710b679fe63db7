"""The daily overdue digest: each handling unit's petugas and head get its overdue complaints by e-mail, once a
day per unit (a conditional claim), in Indonesian, without the complainant; nothing when nothing is overdue."""

import pytest
from django.core import mail

from partisipasi import services, tasks
from partisipasi.models import Pengaduan, PetugasPengaduan
from tests.kepegawaian.factories import UserFactory
from tests.partisipasi.factories import pengaduan_baru


@pytest.fixture
def penerima(petugas_a, petugas_b, moderator_a, lurah_a):
    for user, alamat in ((petugas_a, "petugas.a@uji.id"), (petugas_b, "petugas.b@uji.id"), (moderator_a, "mod@uji.id")):
        user.email = alamat
        user.save(update_fields=["email"])
    lurah_a.user.email = ""
    lurah_a.user.save(update_fields=["email"])
    lurah_a.email = "lurah.a@uji.id"  # the head's address from his pegawai record
    lurah_a.save(update_fields=["email"])
    return lurah_a


def test_the_units_officer_and_head_get_their_overdue_complaints_once_a_day(penerima, kel_a, kel_b, kategori, jam):
    terlambat = pengaduan_baru(kel_a, kategori)
    pengaduan_baru(kel_b, kategori)
    jam.maju(days=2)
    baru = pengaduan_baru(kel_a, kategori, klien="lain")  # filed later: not yet overdue
    jam.maju(days=5)  # 3 working days for the first response have passed for the first two only

    assert tasks.ringkasan_terlambat_harian.delay().get() == 2  # kel_a and kel_b
    ke = sorted(a for m in mail.outbox for a in m.to)
    assert ke == ["lurah.a@uji.id", "petugas.a@uji.id", "petugas.b@uji.id"]  # not the moderator
    surat_a = next(m for m in mail.outbox if m.to == ["petugas.a@uji.id"])
    assert surat_a.subject == "Kinerja: 1 pengaduan warga terlambat di Kelurahan Menteng"
    assert f"Pengaduan nomor {terlambat.pk}" in surat_a.body and f"nomor {baru.pk} " not in surat_a.body
    assert "Belum direspons" in surat_a.body and f"/partisipasi/petugas/{terlambat.pk}/" in surat_a.body
    assert "Siti" not in surat_a.body and "0812" not in surat_a.body and terlambat.kode_lacak not in surat_a.body

    mail.outbox.clear()
    jam.maju(hours=3)
    assert services.ringkasan_terlambat_run() == 0  # same day: claimed already
    assert mail.outbox == []
    jam.maju(days=1)
    assert services.ringkasan_terlambat_run() == 2  # the next day, again
    assert len(mail.outbox) == 3


def test_nothing_is_sent_when_nothing_is_overdue(penerima, petugas_a, kel_a, kategori, jam):
    p = pengaduan_baru(kel_a, kategori)
    jam.maju(days=1)
    assert services.ringkasan_terlambat_run() == 0
    services.pengaduan_move(actor=petugas_a, pengaduan=p, ke=Pengaduan.Status.PROSES, versi=p.versi)
    p.refresh_from_db()
    services.pengaduan_move(actor=petugas_a, pengaduan=p, ke=Pengaduan.Status.SELESAI, versi=p.versi)
    jam.maju(days=30)
    assert services.ringkasan_terlambat_run() == 0
    assert mail.outbox == []


def test_a_failed_mail_gives_the_claim_back(penerima, kel_a, kategori, jam, monkeypatch):
    pengaduan_baru(kel_a, kategori)
    jam.maju(days=7)

    def gagal(self, pesan):
        raise OSError("SMTP mati")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", gagal)
    assert services.ringkasan_terlambat_run() == 0
    monkeypatch.undo()
    assert services.ringkasan_terlambat_run() == 1


def test_officers_of_the_unit_above_and_inactive_accounts_are_not_mailed(kecamatan, kel_a, kategori, admin_kota, jam):
    atas = UserFactory(username="petugas.kec", email="kec@uji.id")
    services.petugas_grant(actor=admin_kota, user=atas, unit=kecamatan, peran=PetugasPengaduan.Peran.PETUGAS)
    mati = UserFactory(username="petugas.mati", email="mati@uji.id", is_active=False)
    services.petugas_grant(actor=admin_kota, user=mati, unit=kel_a, peran=PetugasPengaduan.Peran.PETUGAS)
    pengaduan_baru(kel_a, kategori)
    jam.maju(days=7)
    assert services.penerima_unit(kel_a) == []
    assert services.ringkasan_terlambat_run() == 0
