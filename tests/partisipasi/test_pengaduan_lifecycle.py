"""The complaint lifecycle through the services: triage, forward (disposisi), respond, resolve, rate, reopen,
reject; support, merge, moderation; and who may do each (the services refuse, whichever door calls them)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from partisipasi import access, selectors, services
from partisipasi.models import Pengaduan, PetugasPengaduan
from tests.partisipasi.factories import pengaduan_baru

S = Pengaduan.Status


def _move(actor, pengaduan, ke, **kwargs):
    pengaduan.refresh_from_db()
    return services.pengaduan_move(actor=actor, pengaduan=pengaduan, ke=ke, versi=pengaduan.versi, **kwargs)


def test_full_lifecycle_with_timestamps_trail_and_rating(kel_a, kategori, petugas_a, anonymous, jam):
    pengaduan = pengaduan_baru(kel_a, kategori)
    jam.maju(hours=2)
    _move(petugas_a, pengaduan, S.KOORDINASI, alasan="Dikoordinasikan dengan ketua RW 03.")
    respons = jam()
    jam.maju(hours=5)
    tanggapan = services.pengaduan_reply(actor=petugas_a, pengaduan=pengaduan, teks="Petugas PPSU dijadwalkan besok.")
    _move(petugas_a, pengaduan, S.PROSES)
    jam.maju(days=1)
    pengaduan = _move(petugas_a, pengaduan, S.SELESAI, alasan="Saluran sudah dibersihkan.")

    assert pengaduan.respons_pertama_pada == respons
    assert pengaduan.selesai_pada == jam()
    assert tanggapan.unit == kel_a
    trail = [(r.dari_status, r.ke_status) for r in pengaduan.riwayat.all()]
    assert trail == [("", "menunggu"), ("menunggu", "koordinasi"), ("koordinasi", "proses"), ("proses", "selesai")]
    assert all(r.oleh == petugas_a for r in pengaduan.riwayat.all()[1:])

    jam.maju(days=3)
    pengaduan = services.ulasan_create(actor=anonymous, pengaduan=pengaduan, rating=4, komentar="Cepat, terima kasih.")
    assert (pengaduan.rating, pengaduan.komentar_rating) == (4, "Cepat, terima kasih.")
    with pytest.raises(ValidationError):
        services.ulasan_create(actor=anonymous, pengaduan=pengaduan, rating=5)


def test_disposisi_forwards_to_another_unit_with_a_reason(kel_a, kategori, petugas_a, petugas_dinas, dinas):
    pengaduan = pengaduan_baru(kel_a, kategori)
    with pytest.raises(ValidationError) as exc:
        _move(petugas_a, pengaduan, S.DISPOSISI, unit_tujuan_id=dinas.pk)
    assert "alasan" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _move(petugas_a, pengaduan, S.DISPOSISI, alasan="Kewenangan dinas.")
    assert "unit_tujuan" in exc.value.message_dict

    pengaduan = _move(petugas_a, pengaduan, S.DISPOSISI, alasan="Kewenangan Dinas Uji.", unit_tujuan_id=dinas.pk)

    assert pengaduan.unit_penanganan == dinas
    assert pengaduan.riwayat.last().unit_tujuan == dinas
    # The kelurahan's petugas no longer handles it (he still sees it: it is about his kelurahan) ...
    with pytest.raises(PermissionDenied):
        _move(petugas_a, pengaduan, S.PROSES)
    assert not access.can_see_kontak(petugas_a, pengaduan)
    # ... the receiving unit does.
    assert access.can_see_kontak(petugas_dinas, pengaduan)
    assert _move(petugas_dinas, pengaduan, S.PROSES).status == S.PROSES


@pytest.mark.parametrize(
    ("path", "ke"),
    [
        ((), S.SELESAI),  # Menunggu → Selesai skips Proses
        ((S.PROSES, S.SELESAI), S.PROSES),  # an officer cannot reopen
        ((S.DITOLAK,), S.PROSES),  # rejected is final
        ((), "entah"),
    ],
)
def test_a_transition_out_of_order_is_refused(kel_a, kategori, petugas_a, path, ke):
    pengaduan = pengaduan_baru(kel_a, kategori)
    for step in path:
        _move(petugas_a, pengaduan, step, alasan="alasan")
    before = pengaduan.riwayat.count()
    with pytest.raises(ValidationError) as exc:
        _move(petugas_a, pengaduan, ke)
    assert exc.value.message_dict["status"][0].startswith("Status tidak dapat diubah dari ")
    assert pengaduan.riwayat.count() == before


def test_a_stale_version_is_a_conflict(kel_a, kategori, petugas_a):
    from kinerja.db import KonflikVersi

    pengaduan = pengaduan_baru(kel_a, kategori)
    services.pengaduan_move(actor=petugas_a, pengaduan=pengaduan, ke=S.PROSES, versi=1)
    with pytest.raises(KonflikVersi):
        services.pengaduan_move(actor=petugas_a, pengaduan=pengaduan, ke=S.SELESAI, versi=1)


def test_rejection_needs_a_reason_shown_to_the_citizen(kel_a, kategori, petugas_a):
    pengaduan = pengaduan_baru(kel_a, kategori)
    with pytest.raises(ValidationError):
        _move(petugas_a, pengaduan, S.DITOLAK)
    _move(petugas_a, pengaduan, S.DITOLAK, alasan="Lokasi di luar wilayah Kelurahan Menteng.")
    dilacak = selectors.pengaduan_lacak(pengaduan.kode_lacak.lower())
    assert dilacak.riwayat.last().alasan == "Lokasi di luar wilayah Kelurahan Menteng."


def test_citizen_reopens_within_the_window_but_not_after(kel_a, kategori, petugas_a, anonymous, jam, settings):
    settings.PARTISIPASI_JENDELA_ULASAN_HARI = 7
    pengaduan = pengaduan_baru(kel_a, kategori)
    _move(petugas_a, pengaduan, S.PROSES)
    pengaduan = _move(petugas_a, pengaduan, S.SELESAI)
    jam.maju(days=6, hours=23)
    pengaduan = services.pengaduan_open(actor=anonymous, pengaduan=pengaduan, alasan="Sampah menumpuk lagi.")
    assert (pengaduan.status, pengaduan.selesai_pada, pengaduan.jumlah_dibuka_kembali) == (S.PROSES, None, 1)
    assert pengaduan.riwayat.last().alasan == "Dibuka kembali oleh pelapor: Sampah menumpuk lagi."

    pengaduan = _move(petugas_a, pengaduan, S.SELESAI)
    jam.maju(days=7, seconds=1)
    with pytest.raises(ValidationError) as exc:
        services.pengaduan_open(actor=anonymous, pengaduan=pengaduan, alasan="Lagi.")
    assert "dalam 7 hari" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        services.ulasan_create(actor=anonymous, pengaduan=pengaduan, rating=3)


def test_reopen_needs_a_reason_and_an_open_complaint_cannot_be_rated(kel_a, kategori, anonymous):
    pengaduan = pengaduan_baru(kel_a, kategori)
    with pytest.raises(ValidationError):
        services.pengaduan_open(actor=anonymous, pengaduan=pengaduan, alasan=" ")
    with pytest.raises(ValidationError):
        services.ulasan_create(actor=anonymous, pengaduan=pengaduan, rating=5)
    with pytest.raises(ValidationError) as exc:
        services.ulasan_create(actor=anonymous, pengaduan=pengaduan, rating=9)
    assert exc.value.message_dict["rating"] == ["Pilih penilaian 1 sampai 5."]


def test_the_window_is_configurable(kel_a, kategori, petugas_a, anonymous, jam, settings):
    settings.PARTISIPASI_JENDELA_ULASAN_HARI = 1
    pengaduan = pengaduan_baru(kel_a, kategori)
    _move(petugas_a, pengaduan, S.PROSES)
    pengaduan = _move(petugas_a, pengaduan, S.SELESAI)
    jam.maju(days=2)
    with pytest.raises(ValidationError):
        services.ulasan_create(actor=anonymous, pengaduan=pengaduan, rating=5)


def test_support_once_per_client_and_only_public_complaints(kel_a, kategori, anonymous):
    pengaduan = pengaduan_baru(kel_a, kategori)
    services.dukungan_create(actor=anonymous, klien="k1", pengaduan=pengaduan)
    pengaduan = services.dukungan_create(actor=anonymous, klien="k2", pengaduan=pengaduan)
    assert pengaduan.jumlah_dukungan == 2
    with pytest.raises(ValidationError) as exc:
        services.dukungan_create(actor=anonymous, klien="k1", pengaduan=pengaduan)
    assert exc.value.messages == ["Anda sudah mendukung pengaduan ini."]
    rahasia = pengaduan_baru(kel_a, kategori, publik=False)
    with pytest.raises(Http404):
        services.dukungan_create(actor=anonymous, klien="k1", pengaduan=rahasia)


def test_support_is_rate_limited(kel_a, kategori, anonymous, settings):
    settings.PARTISIPASI_BATAS_DUKUNGAN = (1, 3600)
    a, b = pengaduan_baru(kel_a, kategori), pengaduan_baru(kel_a, kategori)
    services.dukungan_create(actor=anonymous, klien="k1", pengaduan=a)
    with pytest.raises(services.TerlaluSering):
        services.dukungan_create(actor=anonymous, klien="k1", pengaduan=b)


def test_officer_merges_a_duplicate(kel_a, kategori, petugas_a, anonymous):
    utama, duplikat = pengaduan_baru(kel_a, kategori), pengaduan_baru(kel_a, kategori)
    services.dukungan_create(actor=anonymous, klien="k1", pengaduan=duplikat)

    duplikat = services.duplikat_link(actor=petugas_a, duplikat=duplikat, utama=utama)

    utama.refresh_from_db()
    assert duplikat.digabung_ke == utama
    assert not duplikat.terbuka
    assert utama.jumlah_dukungan == 2  # the duplicate's filer and its supporter
    assert f"nomor {utama.pk}" in duplikat.riwayat.last().alasan
    assert duplikat not in selectors.pengaduan_publik()
    with pytest.raises(ValidationError):
        services.duplikat_link(actor=petugas_a, duplikat=utama, utama=utama)


def test_merge_across_units_needs_both_units(kel_a, kel_b, kategori, petugas_a):
    with pytest.raises(PermissionDenied):
        services.duplikat_link(
            actor=petugas_a, duplikat=pengaduan_baru(kel_a, kategori), utama=pengaduan_baru(kel_b, kategori)
        )


def test_moderator_hides_spam_which_is_kept_with_who_hid_it(kel_a, kategori, moderator_a, petugas_a):
    pengaduan = pengaduan_baru(kel_a, kategori)
    with pytest.raises(PermissionDenied):
        services.pengaduan_set_tersembunyi(actor=petugas_a, pengaduan=pengaduan, tersembunyi=True, alasan="spam")
    with pytest.raises(ValidationError):
        services.pengaduan_set_tersembunyi(actor=moderator_a, pengaduan=pengaduan, tersembunyi=True)

    pengaduan = services.pengaduan_set_tersembunyi(
        actor=moderator_a, pengaduan=pengaduan, tersembunyi=True, alasan="Iklan obat."
    )

    assert Pengaduan.objects.filter(pk=pengaduan.pk, disembunyikan=True, disembunyikan_oleh=moderator_a).exists()
    assert pengaduan not in selectors.pengaduan_publik()
    assert pengaduan in selectors.pengaduan_antrian(petugas_a)  # still handled
    services.pengaduan_set_tersembunyi(actor=moderator_a, pengaduan=pengaduan, tersembunyi=False)
    assert pengaduan in selectors.pengaduan_publik()


def test_officer_of_kelurahan_a_neither_sees_nor_handles_b(kel_a, kel_b, kategori, petugas_a, petugas_b):
    pengaduan_b = pengaduan_baru(kel_b, kategori)
    with pytest.raises(Http404):
        access.pengaduan_get_for_user(petugas_a, pengaduan_b.pk)
    assert list(selectors.pengaduan_antrian(petugas_a)) == []
    assert not access.can_see_kontak(petugas_a, pengaduan_b)
    with pytest.raises(PermissionDenied):
        _move(petugas_a, pengaduan_b, S.PROSES)
    with pytest.raises(PermissionDenied):
        services.pengaduan_reply(actor=petugas_a, pengaduan=pengaduan_b, teks="x")
    assert access.can_see_kontak(petugas_b, pengaduan_b)


@pytest.mark.parametrize("who", ["anonymous", "pegawai", "admin_bkd", "admin_kota", "moderator_a", "lurah_a"])
def test_only_petugas_of_the_handling_unit_move_or_reply(request, kel_a, kategori, who):
    actor = request.getfixturevalue(who)
    actor = getattr(actor, "user", actor)
    pengaduan = pengaduan_baru(kel_a, kategori)
    with pytest.raises(PermissionDenied):
        _move(actor, pengaduan, S.PROSES)
    with pytest.raises(PermissionDenied):
        services.pengaduan_reply(actor=actor, pengaduan=pengaduan, teks="Ditindaklanjuti.")


def test_admins_see_but_not_the_contact_the_head_sees_the_contact(kel_a, kategori, admin_bkd, admin_kota, lurah_a):
    pengaduan = pengaduan_baru(kel_a, kategori)
    assert access.pengaduan_get_for_user(admin_bkd, pengaduan.pk) == pengaduan
    assert access.pengaduan_get_for_user(admin_kota, pengaduan.pk) == pengaduan
    assert not access.can_see_kontak(admin_bkd, pengaduan)
    assert not access.can_see_kontak(admin_kota, pengaduan)
    assert access.can_see_kontak(lurah_a.user, pengaduan)


def test_an_outsider_and_the_anonymous_see_nothing(kel_a, kategori, outsider, anonymous):
    pengaduan = pengaduan_baru(kel_a, kategori)
    for actor in (outsider.user, anonymous):
        with pytest.raises(Http404):
            access.pengaduan_get_for_user(actor, pengaduan.pk)


def test_reply_is_refused_when_empty_or_closed(kel_a, kategori, petugas_a):
    pengaduan = pengaduan_baru(kel_a, kategori)
    with pytest.raises(ValidationError) as exc:
        services.pengaduan_reply(actor=petugas_a, pengaduan=pengaduan, teks="  ")
    assert exc.value.message_dict["teks"] == ["Tanggapan tidak boleh kosong."]
    _move(petugas_a, pengaduan, S.DITOLAK, alasan="Bukan kewenangan.")
    with pytest.raises(ValidationError):
        services.pengaduan_reply(actor=petugas_a, pengaduan=pengaduan, teks="Maaf.")


def test_a_reply_is_the_first_response(kel_a, kategori, petugas_a, jam):
    pengaduan = pengaduan_baru(kel_a, kategori)
    jam.maju(hours=1)
    services.pengaduan_reply(actor=petugas_a, pengaduan=pengaduan, teks="Diterima.")
    pengaduan.refresh_from_db()
    assert pengaduan.respons_pertama_pada == jam()


def test_only_the_units_admin_grants_roles(kel_a, admin_kota, admin_unit, pegawai):
    with pytest.raises(PermissionDenied):
        services.petugas_grant(actor=admin_unit, user=pegawai.user, unit=kel_a, peran=PetugasPengaduan.Peran.PETUGAS)
    grant = services.petugas_grant(
        actor=admin_kota, user=pegawai.user, unit=kel_a, peran=PetugasPengaduan.Peran.PETUGAS
    )
    assert grant.diberikan_oleh == admin_kota
    with pytest.raises(ValidationError):
        services.petugas_grant(actor=admin_kota, user=pegawai.user, unit=kel_a, peran=PetugasPengaduan.Peran.PETUGAS)
    with pytest.raises(PermissionDenied):
        services.petugas_revoke(actor=admin_unit, grant=grant)
    services.petugas_revoke(actor=admin_kota, grant=grant)
    assert not PetugasPengaduan.objects.filter(user=pegawai.user).exists()


def test_unknown_tracking_code_is_a_404_with_a_message(db):
    with pytest.raises(Http404) as exc:
        selectors.pengaduan_lacak("TIDAKADA12")
    assert "Kode lacak tidak dikenal" in str(exc.value)
    with pytest.raises(Http404):
        selectors.pengaduan_lacak("")


def test_overdue_list_for_the_head(kel_a, kategori, lurah_a, jam, petugas_a):
    tepat = pengaduan_baru(kel_a, kategori)
    lambat = pengaduan_baru(kel_a, kategori)
    _move(petugas_a, tepat, S.PROSES)
    jam.maju(days=4)  # Sunday 19 July 2026: past 3 working days? No — Wed+3 working days = Mon 20 July.
    assert list(selectors.pengaduan_terlambat(lurah_a.user)) == []
    jam.set(dt.datetime(2026, 7, 21, 0, 0, 1, tzinfo=jam().tzinfo))  # first response due by the end of Mon 20
    assert list(selectors.pengaduan_terlambat(lurah_a.user)) == [lambat]
    jam.set(dt.datetime(2026, 7, 23, 0, 0, 1, tzinfo=jam().tzinfo))  # completion due by the end of Wed 22
    assert set(selectors.pengaduan_terlambat(lurah_a.user)) == {tepat, lambat}
