"""Registration by the pegawai, nomination by the penilai, the quota, the waiting list, cancellation."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pelatihan import services
from pelatihan.models import Kegiatan, Peserta
from tests.kepegawaian.factories import PegawaiFactory, UserFactory
from tests.pelatihan.factories import KegiatanFactory


def _kuota_set(actor, k, kuota):
    fields = ("tanggal_mulai", "tanggal_selesai", "pendaftaran_mulai", "pendaftaran_selesai", "moda", "tempat")
    return services.kegiatan_update(actor=actor, kegiatan=k, kuota=kuota, **{f: getattr(k, f) for f in fields})


def _seats(kegiatan) -> int:
    return Kegiatan.objects.get(pk=kegiatan.pk).jumlah_terdaftar


def test_pegawai_registers_and_takes_a_seat(pegawai, kegiatan):
    peserta = services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    assert peserta.status == Peserta.Status.TERDAFTAR
    assert peserta.cara == Peserta.Cara.MANDIRI
    assert _seats(kegiatan) == 1


def test_registering_twice_is_refused(pegawai, kegiatan):
    services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    with pytest.raises(ValidationError, match="sudah terdaftar"):
        services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    assert Peserta.objects.count() == 1
    assert _seats(kegiatan) == 1


@pytest.mark.parametrize("tanggal", [dt.date(2026, 7, 9), dt.date(2026, 7, 21)])
def test_registration_outside_the_window_is_refused(pegawai, kegiatan, hari, tanggal):
    hari(tanggal)
    with pytest.raises(ValidationError, match="hanya dibuka 10 Juli 2026 s.d. 20 Juli 2026"):
        services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    assert not Peserta.objects.exists()


def test_account_without_pegawai_gets_403(admin_unit, kegiatan):
    with pytest.raises(PermissionDenied):
        services.peserta_create(actor=admin_unit, kegiatan=kegiatan)


def test_non_target_is_refused(pegawai, kegiatan, dinas_lain):
    kegiatan.program.target_unit.set([dinas_lain])
    with pytest.raises(ValidationError, match="tidak termasuk sasaran"):
        services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)


def test_full_event_puts_the_next_person_on_the_waiting_list(pegawai, penilai, atasan, dinas):
    kegiatan = KegiatanFactory(unit_penyelenggara=dinas, kuota=1)
    services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    tunggu = services.peserta_create(actor=penilai.user, kegiatan=kegiatan)
    assert tunggu.status == Peserta.Status.MENUNGGU
    assert _seats(kegiatan) == 1
    with pytest.raises(ValidationError, match="Kuota kegiatan ini sudah penuh"):
        services.peserta_create(actor=atasan.user, kegiatan=kegiatan, daftar_tunggu=False)
    assert not Peserta.objects.filter(pegawai=atasan).exists()


def test_a_freed_seat_goes_to_the_first_on_the_waiting_list(pegawai, penilai, atasan, dinas):
    kegiatan = KegiatanFactory(unit_penyelenggara=dinas, kuota=1)
    duduk = services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    pertama = services.peserta_create(actor=penilai.user, kegiatan=kegiatan)
    kedua = services.peserta_create(actor=atasan.user, kegiatan=kegiatan)

    services.peserta_revoke(actor=pegawai.user, peserta=duduk)

    status = dict(Peserta.objects.values_list("pk", "status"))
    assert status == {duduk.pk: "batal", pertama.pk: "terdaftar", kedua.pk: "menunggu"}
    assert _seats(kegiatan) == 1


def test_a_larger_quota_moves_the_waiting_list_up(admin_unit, pegawai, penilai, dinas):
    kegiatan = KegiatanFactory(unit_penyelenggara=dinas, kuota=1)
    services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    tunggu = services.peserta_create(actor=penilai.user, kegiatan=kegiatan)
    _kuota_set(admin_unit, kegiatan, 2)
    assert Peserta.objects.get(pk=tunggu.pk).status == Peserta.Status.TERDAFTAR
    assert _seats(kegiatan) == 2


def test_quota_below_seated_people_is_refused(admin_unit, pegawai, penilai, kegiatan):
    services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    services.peserta_create(actor=penilai.user, kegiatan=kegiatan)
    with pytest.raises(ValidationError, match=r"\(2 orang\)"):
        _kuota_set(admin_unit, kegiatan, 1)
    assert Kegiatan.objects.get(pk=kegiatan.pk).kuota == 10


def test_outsider_cannot_cancel_someone_elses_registration(pegawai, outsider, kegiatan):
    peserta = services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    with pytest.raises(PermissionDenied):
        services.peserta_revoke(actor=outsider.user, peserta=peserta)
    assert Peserta.objects.get(pk=peserta.pk).status == Peserta.Status.TERDAFTAR


def test_penilai_nominates_several_subordinates_at_once(penilai, bidang, kegiatan):
    bawahan = [PegawaiFactory(unit=bidang, atasan=penilai) for _i in range(3)]
    hasil = services.peserta_create_nominasi(actor=penilai.user, kegiatan=kegiatan, pegawai=bawahan)
    assert len(hasil) == 3
    assert set(Peserta.objects.values_list("cara", "didaftarkan_oleh")) == {("nominasi", penilai.user.pk)}
    assert _seats(kegiatan) == 3


def test_nomination_is_all_or_nothing(penilai, pegawai, bidang, kegiatan):
    services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    lain = PegawaiFactory(unit=bidang, atasan=penilai)
    with pytest.raises(ValidationError) as exc:
        services.peserta_create_nominasi(actor=penilai.user, kegiatan=kegiatan, pegawai=[pegawai, lain])
    assert "Budi Pegawai sudah terdaftar" in str(exc.value)
    assert not Peserta.objects.filter(pegawai=lain).exists()
    assert _seats(kegiatan) == 1


def test_nominating_someone_who_is_not_a_direct_subordinate_is_403(atasan, pegawai, kegiatan):
    with pytest.raises(PermissionDenied, match="bukan bawahan langsung"):
        services.peserta_create_nominasi(actor=atasan.user, kegiatan=kegiatan, pegawai=[pegawai])
    assert not Peserta.objects.exists()


def test_admin_of_another_unit_cannot_schedule_in_mine(outsider, dinas, kegiatan):
    user = UserFactory()
    with pytest.raises(PermissionDenied):
        services.kegiatan_create(
            actor=user,
            program=kegiatan.program,
            unit_penyelenggara=dinas,
            tanggal_mulai=dt.date(2026, 9, 1),
            tanggal_selesai=dt.date(2026, 9, 2),
            kuota=5,
            pendaftaran_mulai=dt.date(2026, 8, 1),
            pendaftaran_selesai=dt.date(2026, 8, 20),
            tempat="Aula",
        )


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        ({"tanggal_selesai": dt.date(2026, 8, 31)}, "Tanggal selesai tidak boleh sebelum tanggal mulai."),
        ({"pendaftaran_selesai": dt.date(2026, 7, 31)}, "Pendaftaran tidak boleh ditutup sebelum dibuka."),
        ({"kuota": 0}, "Kuota paling sedikit 1 orang."),
        ({"tempat": ""}, "Tempat wajib diisi"),
        ({"moda": "daring", "tempat": ""}, "Tautan wajib diisi"),
    ],
)
def test_bad_event_is_refused_with_a_clear_message(admin_unit, dinas, kegiatan, ubah, pesan):
    data = {
        "program": kegiatan.program,
        "unit_penyelenggara": dinas,
        "tanggal_mulai": dt.date(2026, 9, 1),
        "tanggal_selesai": dt.date(2026, 9, 2),
        "kuota": 5,
        "pendaftaran_mulai": dt.date(2026, 8, 1),
        "pendaftaran_selesai": dt.date(2026, 8, 20),
        "tempat": "Aula",
        **ubah,
    }
    with pytest.raises(ValidationError) as exc:
        services.kegiatan_create(actor=admin_unit, **data)
    assert pesan in str(exc.value)
    assert Kegiatan.objects.count() == 1
