"""The to-do items of pelatihan: JP behind schedule, events to rate, external trainings to approve, events whose
completion is still to record. A constant number of queries whatever the size of the team or scope."""

import datetime as dt

import pytest

from kinerja.tugas import tugas_untuk
from pelatihan import services
from pelatihan.jp import porsi_jadwal
from pelatihan.models import Jenis, PelatihanEksternal
from pelatihan.tugas import tugas_pegawai, tugas_penilai, tugas_penyelenggara
from tests.kepegawaian.factories import PegawaiFactory
from tests.pelatihan.factories import KegiatanFactory


def _kode(user) -> list[str]:
    return [t.kode for t in tugas_untuk(user)]


def _tugas(user, kode):
    (tugas,) = [t for t in tugas_untuk(user) if t.kode == kode]
    return tugas


@pytest.fixture
def selesai_12_jp(pegawai, admin_unit, kegiatan, hari):
    """The pegawai completed the 3–5 August event (12 JP) and attended its first day."""
    peserta = services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    hari(dt.date(2026, 8, 3))
    services.kehadiran_set(actor=admin_unit, kegiatan=kegiatan, tanggal=dt.date(2026, 8, 3), hadir=[peserta.pk])
    hari(dt.date(2026, 8, 6))
    services.kelulusan_grant(actor=admin_unit, kegiatan=kegiatan, peserta=[peserta.pk])
    return peserta


def test_the_schedule_share_counts_whole_months_past():
    awal = dt.date(2026, 1, 1)
    assert porsi_jadwal(awal=awal, hari=dt.date(2026, 1, 31)) == 0
    assert porsi_jadwal(awal=awal, hari=dt.date(2026, 3, 1)) == 2 / 12
    assert porsi_jadwal(awal=awal, hari=dt.date(2027, 6, 1)) == 1  # never more than the whole year
    assert porsi_jadwal(awal=dt.date(2026, 3, 1), hari=dt.date(2027, 2, 1)) == 11 / 12  # a PPPK contract year


def test_jp_behind_schedule_is_on_the_pegawais_list_with_the_figures(pegawai):
    tugas = _tugas(pegawai.user, "pelatihan.jp_tertinggal")  # 15 July: six months past, 10 of 20 JP expected
    assert "baru 0 dari 20 JP" in tugas.teks and "sekitar 10 JP" in tugas.teks
    assert tugas.url == "/pelatihan/" and not tugas.penting


def test_jp_on_schedule_is_not_a_task_and_falling_behind_again_is(pegawai, selesai_12_jp, hari):
    hari(dt.date(2026, 8, 10))  # 7 months past: 11.7 JP expected, 12 earned
    assert "pelatihan.jp_tertinggal" not in _kode(pegawai.user)
    hari(dt.date(2026, 10, 1))  # 9 months past: 15 expected; three quarters of the year gone -> important
    tugas = _tugas(pegawai.user, "pelatihan.jp_tertinggal")
    assert "baru 12 dari 20 JP" in tugas.teks and tugas.penting


def test_an_attended_event_waits_for_a_rating_for_thirty_days(pegawai, kegiatan, selesai_12_jp, hari):
    tugas = _tugas(pegawai.user, "pelatihan.ulasan_belum")
    assert tugas.url == f"/pelatihan/kegiatan/{kegiatan.pk}/#ulasan"
    services.ulasan_rate(actor=pegawai.user, kegiatan=kegiatan, nilai=5)
    assert "pelatihan.ulasan_belum" not in _kode(pegawai.user)
    hari(dt.date(2026, 9, 10))
    assert "pelatihan.ulasan_belum" not in _kode(pegawai.user)


def test_the_penilai_sees_external_trainings_to_approve(pegawai, penilai, atasan):
    for i in range(2):
        PelatihanEksternal.objects.create(
            pegawai=pegawai,
            judul=f"Kursus {i}",
            jenis=Jenis.KLASIKAL,
            bidang="teknis",
            penyelenggara="Lembaga Luar",
            tanggal_mulai=dt.date(2026, 6, 1),
            tanggal_selesai=dt.date(2026, 6, 2),
            jp=8,
            tahun_jp=2026,
            berkas="pelatihan/eksternal/x.pdf",
            tipe="application/pdf",
            sha256="0" * 64,
            nama_asli="x.pdf",
        )
    tugas = _tugas(penilai.user, "pelatihan.eksternal_menunggu")
    assert tugas.jumlah == 2 and tugas.peran == "penilai" and tugas.url == "/pelatihan/tim/#eksternal"
    assert "pelatihan.eksternal_menunggu" not in _kode(atasan.user)  # not his direct subordinate


def test_the_organiser_is_told_of_ended_events_without_completion(
    pegawai, admin_unit, admin_bkd, outsider, kegiatan, hari
):
    services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    hari(dt.date(2026, 8, 5))
    assert "pelatihan.kelulusan_belum" not in _kode(admin_unit)  # the last day is not over yet
    hari(dt.date(2026, 8, 6))
    tugas = _tugas(admin_unit, "pelatihan.kelulusan_belum")
    assert tugas.peran == "admin" and tugas.url == f"/pelatihan/kegiatan/{kegiatan.pk}/"
    assert "pelatihan.kelulusan_belum" in _kode(admin_bkd)
    assert "pelatihan.kelulusan_belum" not in _kode(outsider.user)


def test_queries_do_not_grow_with_the_team_or_scope(pegawai, penilai, admin_unit, bidang, kegiatan, hari):
    def hitung(user, fn):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            fn(user)
        return len(ctx.captured_queries)

    hari(dt.date(2026, 8, 6))
    for user in (penilai.user, admin_unit, pegawai.user):
        tugas_untuk(user)  # the roles of each user are read once and kept on the user object
    kecil = [
        hitung(penilai.user, tugas_penilai),
        hitung(admin_unit, tugas_penyelenggara),
        hitung(pegawai.user, tugas_pegawai),
    ]
    for _ in range(6):
        PegawaiFactory(unit=bidang, atasan=penilai)
        KegiatanFactory(unit_penyelenggara=kegiatan.unit_penyelenggara, tanggal_selesai=dt.date(2026, 8, 5))
    besar = [
        hitung(penilai.user, tugas_penilai),
        hitung(admin_unit, tugas_penyelenggara),
        hitung(pegawai.user, tugas_pegawai),
    ]
    assert besar == kecil
    assert besar == [1, 1, 3]
