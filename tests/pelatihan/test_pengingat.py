"""The monthly JP reminder: who gets mail (behind the pro-rata schedule, with an address), their penilai's summary,
and never twice in the same month."""

import datetime as dt

from django.core import mail

from pelatihan import services
from pelatihan.models import PengingatJp
from pelatihan.tasks import pengingat_bulanan
from tests.kepegawaian.factories import PegawaiFactory
from tests.pelatihan.factories import KegiatanFactory, ProgramFactory


def test_reminders_go_to_people_behind_schedule_and_their_penilai_once(
    pegawai, penilai, bidang, admin_unit, dinas, hari
):
    penilai.email = "penilai@example.test"
    penilai.save()
    pegawai.email = "budi@example.test"
    pegawai.save()
    rajin = PegawaiFactory(unit=bidang, atasan=penilai, email="rajin@example.test")
    tanpa_email = PegawaiFactory(unit=bidang, atasan=penilai)
    kegiatan = KegiatanFactory(
        unit_penyelenggara=dinas,
        program=ProgramFactory(jp=20),
        tanggal_mulai=dt.date(2026, 2, 2),
        tanggal_selesai=dt.date(2026, 2, 3),
        pendaftaran_mulai=dt.date(2026, 1, 1),
        pendaftaran_selesai=dt.date(2026, 1, 31),
    )
    hari(dt.date(2026, 1, 10))
    peserta = services.peserta_create_nominasi(actor=penilai.user, kegiatan=kegiatan, pegawai=[rajin])
    hari(dt.date(2026, 2, 3))
    services.kelulusan_grant(actor=admin_unit, kegiatan=kegiatan, peserta=[p.pk for p in peserta])

    hari(dt.date(2026, 7, 1))  # six months past: 10 JP expected by now
    assert pengingat_bulanan() == 3  # Budi and his penilai (0 JP each), then the penilai's summary of Budi
    penerima = sorted(m.to[0] for m in mail.outbox)
    assert penerima == ["budi@example.test", "penilai@example.test", "penilai@example.test"]
    ringkasan = next(m for m in mail.outbox if m.subject == "Ringkasan JP bawahan Anda")
    assert "Budi Pegawai: 0/20 JP" in ringkasan.body and rajin.nama not in ringkasan.body
    assert tanpa_email.nama not in ringkasan.body

    assert pengingat_bulanan() == 0  # the same month again: nothing
    assert len(mail.outbox) == 3
    hari(dt.date(2026, 8, 1))
    assert pengingat_bulanan() == 3  # a new month
    assert PengingatJp.objects.count() == 6


def test_nobody_is_behind_in_january(pegawai, hari):
    pegawai.email = "budi@example.test"
    pegawai.save()
    hari(dt.date(2026, 1, 1))
    assert pengingat_bulanan() == 0
