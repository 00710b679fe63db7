"""An IKI added by a revision later in the year owes nothing for the months that had closed before it existed: they
are "ditutup tanpa isian" on the realisation page, apart on the team page, the dashboard and the to-do list. And
each viewer is told what is true for him: a month open for the pegawai is read-only for her penilai."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indikator import selectors, services
from indikator.models import Iki, PeriodePenilaian, Skp
from kinerja.tugas import tugas_untuk
from tests.indikator.factories import PeriodeFactory, RealisasiFactory, skp_disetujui

JULI = 7  # the test day is 15 July 2026: January–June are closed, July is open until 5 August


@pytest.fixture
def bulanan(db):
    return PeriodeFactory(tahun=2026, periodisitas=PeriodePenilaian.Periodisitas.BULANAN)


@pytest.fixture
def revisi(pegawai, penilai, bulanan):
    """Revision 2 of the pegawai's SKP: IKI ``lama`` (filled January–June) and IKI ``baru`` added today."""
    skp = skp_disetujui(pegawai, bulanan)
    lama = Iki.objects.get(rhk__skp=skp)
    for ke in range(1, 7):
        RealisasiFactory(iki=lama, periode_ke=ke, nilai=Decimal(ke))
    skp2 = services.skp_revise(actor=pegawai.user, skp=skp, versi=skp.versi)
    rhk2 = skp2.rhk.get()
    baru = services.iki_create(
        actor=pegawai.user,
        rhk=rhk2,
        versi=Skp.objects.get(pk=skp2.pk).versi,
        uraian="Indikator baru dari revisi",
        satuan="laporan",
        target="4",
    )
    skp2 = services.skp_submit(actor=pegawai.user, skp=skp2, versi=Skp.objects.get(pk=skp2.pk).versi)
    skp2 = services.skp_approve(actor=penilai.user, skp=skp2, versi=skp2.versi)
    return {"skp": skp2, "lama": Iki.objects.get(rhk__skp=skp2, asal=lama), "baru": baru}


def test_an_iki_added_by_a_revision_counts_from_that_day_and_a_copy_keeps_its_origin(revisi, hari_uji):
    assert revisi["baru"].berlaku_sejak == hari_uji
    assert revisi["lama"].berlaku_sejak is None  # there from the start


def test_team_page_counts_only_the_months_the_iki_could_be_filled(penilai, bulanan, revisi):
    (baris,) = selectors.tim_penilai(penilai=penilai, periode=bulanan)
    for sel in baris.sel[:6]:
        assert (sel.terisi, sel.jumlah_iki, sel.tanpa_isian, sel.status) == (1, 1, 1, "lengkap"), sel
    juli = baris.sel[JULI - 1]
    assert (juli.terisi, juli.jumlah_iki, juli.tanpa_isian, juli.status) == (0, 2, 0, "kosong")
    assert baris.kosong == 1  # July only, not January–June


def test_team_page_says_closed_without_entry_instead_of_a_debt(as_user, penilai, revisi):
    page = as_user(penilai).get(reverse("indikator:tim")).content.decode()
    assert page.count("1 indikator ditutup tanpa isian (ditambahkan setelah batasnya)") == 6
    assert ">1/1<" in page and ">1/2<" not in page


def test_dashboard_does_not_count_closed_months_before_the_iki_existed(pegawai, bulanan, revisi, as_user):
    d = selectors.dasbor_pegawai(pegawai=pegawai, periode=bulanan)
    assert sorted((k.iki.pk, k.ke) for k in d.kosong) == sorted([(revisi["lama"].pk, JULI), (revisi["baru"].pk, JULI)])
    assert [(k.iki.pk, k.ke) for k in d.tanpa_isian] == [(revisi["baru"].pk, ke) for ke in range(1, 7)]
    page = as_user(pegawai).get(reverse("indikator:dasbor")).content.decode()
    assert "6 isian ditutup tanpa isian" in page
    assert 'data-testid="jumlah-kosong">2<' in page


def test_penilai_is_not_told_of_a_missing_june_for_an_iki_added_in_july(penilai, revisi):
    assert "indikator.realisasi_bawahan_kurang" not in [t.kode for t in tugas_untuk(penilai.user)]
    Iki.objects.filter(pk=revisi["baru"].pk).update(berlaku_sejak=None)  # had it been there all year: a debt
    assert "indikator.realisasi_bawahan_kurang" in [t.kode for t in tugas_untuk(penilai.user)]


def _keadaan(html: str, ke: int) -> str:
    bagian = html.split(f'id="bulan-{ke}"', 1)[1].split("</h2>", 1)[0]
    return " ".join(bagian.split())


def test_realisation_page_shows_closed_months_before_the_iki_as_such(as_user, pegawai, revisi):
    html = as_user(pegawai).get(reverse("indikator:iki-realisasi", args=[revisi["baru"].pk])).content.decode()
    assert "ditutup tanpa isian" in _keadaan(html, 3)
    assert "terbuka" in _keadaan(html, JULI) and "hanya dibaca" not in _keadaan(html, JULI)
    lama = as_user(pegawai).get(reverse("indikator:iki-realisasi", args=[revisi["lama"].pk])).content.decode()
    assert "ditutup, hanya dibaca" in _keadaan(lama, 3)


def test_penilai_sees_the_month_open_for_the_pegawai_and_read_only_for_himself(as_user, penilai, revisi):
    html = as_user(penilai).get(reverse("indikator:iki-realisasi", args=[revisi["lama"].pk])).content.decode()
    juli = _keadaan(html, JULI)
    assert "terbuka bagi pegawai sampai 5 Agu" in juli and "hanya dibaca bagi Anda" in juli
    assert "ditutup" not in juli
    assert "ditutup, hanya dibaca" in _keadaan(html, 6)
    assert 'name="r7-nilai"' not in html  # he may not write it
