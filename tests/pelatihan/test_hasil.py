"""Attendance per day and completion (bulk): completion grants the JP in the ledger year and a certificate code."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pelatihan import services
from pelatihan.models import Kehadiran, Peserta
from tests.kepegawaian.factories import PegawaiFactory


@pytest.fixture
def dua_peserta(pegawai, penilai, kegiatan):
    return [services.peserta_create(actor=p.user, kegiatan=kegiatan) for p in (pegawai, penilai)]


def test_organiser_records_a_days_attendance(admin_unit, kegiatan, dua_peserta, hari):
    hari(dt.date(2026, 8, 3))
    a, b = dua_peserta
    assert services.kehadiran_set(actor=admin_unit, kegiatan=kegiatan, tanggal=dt.date(2026, 8, 3), hadir=[a.pk]) == 1
    assert dict(Kehadiran.objects.values_list("peserta_id", "hadir")) == {a.pk: True, b.pk: False}
    # recording the day again changes it, never duplicates it
    services.kehadiran_set(actor=admin_unit, kegiatan=kegiatan, tanggal=dt.date(2026, 8, 3), hadir=[a.pk, b.pk])
    assert dict(Kehadiran.objects.values_list("peserta_id", "hadir")) == {a.pk: True, b.pk: True}


def test_attendance_outside_the_dates_or_in_the_future_is_refused(admin_unit, kegiatan, dua_peserta, hari):
    hari(dt.date(2026, 8, 3))
    with pytest.raises(ValidationError, match="di luar jadwal"):
        services.kehadiran_set(actor=admin_unit, kegiatan=kegiatan, tanggal=dt.date(2026, 8, 6), hadir=[])
    with pytest.raises(ValidationError, match="belum tiba"):
        services.kehadiran_set(actor=admin_unit, kegiatan=kegiatan, tanggal=dt.date(2026, 8, 4), hadir=[])
    assert not Kehadiran.objects.exists()


def test_only_the_organiser_records_attendance(penilai, outsider, kegiatan, dua_peserta, hari):
    hari(dt.date(2026, 8, 3))
    for actor in (penilai.user, outsider.user):
        with pytest.raises(PermissionDenied):
            services.kehadiran_set(actor=actor, kegiatan=kegiatan, tanggal=dt.date(2026, 8, 3), hadir=[])


def test_completion_grants_jp_and_a_verification_code(admin_unit, kegiatan, dua_peserta, hari):
    hari(dt.date(2026, 8, 5))
    selesai = services.kelulusan_grant(actor=admin_unit, kegiatan=kegiatan, peserta=[p.pk for p in dua_peserta])
    assert len(selesai) == 2
    for p in Peserta.objects.all():
        assert p.selesai and p.jp == 12 and p.tahun_jp == 2026
        assert len(p.kode_verifikasi) == 14 and p.kode_verifikasi.count("-") == 2
    assert len(set(Peserta.objects.values_list("kode_verifikasi", flat=True))) == 2


def test_completion_before_the_event_ends_is_refused(admin_unit, kegiatan, dua_peserta, hari):
    hari(dt.date(2026, 8, 4))
    with pytest.raises(ValidationError, match="setelah kegiatan selesai"):
        services.kelulusan_grant(actor=admin_unit, kegiatan=kegiatan, peserta=[dua_peserta[0].pk])
    assert not Peserta.objects.filter(selesai=True).exists()


def test_completion_twice_or_of_a_stranger_is_refused_and_nothing_saved(admin_unit, kegiatan, dua_peserta, hari):
    hari(dt.date(2026, 8, 6))
    a, b = dua_peserta
    services.kelulusan_grant(actor=admin_unit, kegiatan=kegiatan, peserta=[a.pk])
    with pytest.raises(ValidationError, match="Sudah dinyatakan selesai"):
        services.kelulusan_grant(actor=admin_unit, kegiatan=kegiatan, peserta=[a.pk, b.pk])
    assert not Peserta.objects.get(pk=b.pk).selesai
    with pytest.raises(ValidationError, match="bukan peserta terdaftar"):
        services.kelulusan_grant(actor=admin_unit, kegiatan=kegiatan, peserta=[b.pk, 999999])


def test_a_completed_training_cannot_be_cancelled(admin_unit, pegawai, kegiatan, dua_peserta, hari):
    hari(dt.date(2026, 8, 5))
    services.kelulusan_grant(actor=admin_unit, kegiatan=kegiatan, peserta=[dua_peserta[0].pk])
    with pytest.raises(ValidationError, match="sudah selesai"):
        services.peserta_revoke(actor=pegawai.user, peserta=dua_peserta[0])


def test_pppk_completion_counts_in_his_contract_year(admin_unit, bidang, penilai, kegiatan, hari):
    # TMT September (NIP digits 13-14 = 09): an event ending 5 August 2026 belongs to contract year 2025/26.
    from tests.kepegawaian.factories import UserFactory

    pppk = PegawaiFactory(unit=bidang, atasan=penilai, status="pppk", nip="199001012021092001", user=UserFactory())
    peserta = services.peserta_create(actor=pppk.user, kegiatan=kegiatan)
    hari(dt.date(2026, 8, 5))
    services.kelulusan_grant(actor=admin_unit, kegiatan=kegiatan, peserta=[peserta.pk])
    assert Peserta.objects.get(pk=peserta.pk).tahun_jp == 2025
