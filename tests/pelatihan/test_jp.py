"""The JP ledger: arithmetic for PNS and PPPK, the PPPK contract year boundary, the compliance of a subtree."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pelatihan import jp, selectors, services
from pelatihan.models import PelatihanEksternal, Peserta
from pelatihan.rekap import jp_tahunan_bangun
from tests.kepegawaian.factories import PegawaiFactory, UserFactory
from tests.pelatihan.factories import KegiatanFactory, ProgramFactory, pdf_bytes

NIP_PPPK_TMT_SEPTEMBER = "199001012021092001"


def test_pns_ledger_year_is_the_calendar_year():
    assert jp.tahun_buku(status="pns", nip="198001012005011001", tanggal=dt.date(2026, 12, 31)) == 2026
    assert jp.tahun_buku(status="pns", nip="198001012005011001", tanggal=dt.date(2027, 1, 1)) == 2027


def test_pppk_ledger_year_is_the_contract_year_from_the_tmt_month():
    tanggal = {dt.date(2026, 8, 31): 2025, dt.date(2026, 9, 1): 2026, dt.date(2027, 1, 5): 2026}
    for hari, tahun in tanggal.items():
        assert jp.tahun_buku(status="pppk", nip=NIP_PPPK_TMT_SEPTEMBER, tanggal=hari) == tahun
    assert jp.rentang_tahun_buku(status="pppk", nip=NIP_PPPK_TMT_SEPTEMBER, tahun=2026) == (
        dt.date(2026, 9, 1),
        dt.date(2027, 8, 31),
    )


def test_pns_saldo_gap_to_20():
    saldo = jp.saldo_hitung(status="pns", tahun=2026, jp_kegiatan=12, jp_eksternal=3)
    assert (saldo.jp_diakui, saldo.kekurangan, saldo.tercapai, saldo.persen) == (15, 5, False, 75)
    saldo = jp.saldo_hitung(status="pns", tahun=2026, jp_kegiatan=30, jp_eksternal=0)
    assert (saldo.jp_diakui, saldo.kekurangan, saldo.tercapai, saldo.persen) == (30, 0, True, 100)


def test_pppk_counts_at_most_24_jp():
    saldo = jp.saldo_hitung(status="pppk", tahun=2026, jp_kegiatan=20, jp_eksternal=10)
    assert (saldo.jp_total, saldo.jp_diakui, saldo.melebihi_batas, saldo.tercapai) == (30, 24, True, True)


def _selesai(admin, kegiatan, *orang, hari):
    peserta = [services.peserta_create(actor=p.user, kegiatan=kegiatan) for p in orang]
    hari(kegiatan.tanggal_selesai)
    services.kelulusan_grant(actor=admin, kegiatan=kegiatan, peserta=[p.pk for p in peserta])
    hari(dt.date(2026, 7, 15))


def test_ledger_sums_events_and_approved_external_of_the_year(admin_unit, pegawai, penilai, kegiatan, hari):
    _selesai(admin_unit, kegiatan, pegawai, hari=hari)  # 12 JP, ends 5 August 2026
    berkas = SimpleUploadedFile("s.pdf", pdf_bytes())
    data = {"jenis": "seminar", "bidang": "teknis", "penyelenggara": "LAN", "jp": 5, "berkas": berkas}
    ext = services.eksternal_submit(
        actor=pegawai.user,
        judul="Seminar",
        tanggal_mulai=dt.date(2026, 3, 1),
        tanggal_selesai=dt.date(2026, 3, 2),
        **data,
    )
    pending = services.eksternal_submit(
        actor=pegawai.user,
        judul="Belum disetujui",
        tanggal_mulai=dt.date(2026, 3, 1),
        tanggal_selesai=dt.date(2026, 3, 2),
        **{**data, "berkas": SimpleUploadedFile("t.pdf", pdf_bytes() + b" ")},
    )
    services.eksternal_approve(actor=penilai.user, eksternal=ext)

    buku = selectors.jp_buku(pegawai=pegawai, tahun=2026)
    assert (buku.saldo.jp_kegiatan, buku.saldo.jp_eksternal, buku.saldo.kekurangan) == (12, 5, 3)
    assert pending.pk not in [e.pk for e in buku.eksternal]
    assert selectors.jp_buku(pegawai=pegawai, tahun=2027).saldo.jp_total == 0


def test_compliance_per_unit_aggregates_in_one_query(
    admin_unit, pegawai, penilai, atasan, bidang, dinas, hari, django_assert_num_queries
):
    besar = KegiatanFactory(unit_penyelenggara=dinas, program=ProgramFactory(jp=24))
    _selesai(admin_unit, besar, pegawai, hari=hari)  # pegawai (bidang) reaches 20; penilai (bidang) and atasan do not
    pppk = PegawaiFactory(unit=bidang, status="pppk", nip=NIP_PPPK_TMT_SEPTEMBER, user=UserFactory())
    Peserta.objects.filter(pegawai=pegawai).update(tahun_jp=2026)
    PelatihanEksternal.objects.all().delete()
    jp_tahunan_bangun()  # the two writes above bypass the services: rebuild the summary the table reads

    with django_assert_num_queries(1):  # one grouped query (the admin's roles are cached on the user)
        rows = selectors.kepatuhan_per_unit(user=admin_unit, tahun=2026)
    per_unit = {r.unit_nama: (r.jumlah, r.patuh) for r in rows}
    assert per_unit == {"Bidang Uji": (3, 1), "Dinas Uji": (1, 0)}
    behind = list(selectors.pegawai_tertinggal(user=admin_unit, tahun=2026))
    assert {p.pk for p in behind} == {penilai.pk, atasan.pk, pppk.pk}
    assert all(p.kurang == 20 for p in behind)


@pytest.mark.django_db
def test_compliance_of_a_non_admin_is_empty(pegawai):
    assert selectors.kepatuhan_per_unit(user=pegawai.user, tahun=2026) == []
