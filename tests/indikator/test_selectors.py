"""The team page and the dashboard: right content, and a query count that does not grow with the data."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indikator import selectors, services
from indikator.models import Iki, Realisasi, Skp
from tests.indikator.factories import IkiFactory, RealisasiFactory, RhkFactory, SkpFactory, skp_disetujui, skp_draft
from tests.kepegawaian.factories import PegawaiFactory


def _tim_dengan_data(penilai, periode, n, *, iki_per_orang=3):
    """n subordinates, each with an approved SKP, iki_per_orang IKI and realisation for quarters I and II."""
    for p in PegawaiFactory.create_batch(n, atasan=penilai, unit=penilai.unit):
        skp = SkpFactory(
            pegawai=p, periode=periode, status=Skp.Status.DISETUJUI, disetujui_pada=dt.datetime.now(dt.UTC)
        )
        rhk = RhkFactory(skp=skp)
        for _ in range(iki_per_orang):
            iki = IkiFactory(rhk=rhk, target=Decimal("12"))
            RealisasiFactory(iki=iki, periode_ke=1, nilai=Decimal("3"))
            RealisasiFactory(iki=iki, periode_ke=2, nilai=Decimal("6"))


def _jumlah_query(fn):
    with CaptureQueriesContext(connection) as q:
        fn()
    return len(q)


def test_team_page_query_count_is_the_same_for_6_and_60_subordinates(penilai, periode, db):
    _tim_dengan_data(penilai, periode, 6)
    kecil = _jumlah_query(lambda: selectors.tim_penilai(penilai=penilai, periode=periode))
    _tim_dengan_data(penilai, periode, 54, iki_per_orang=5)
    besar = _jumlah_query(lambda: selectors.tim_penilai(penilai=penilai, periode=periode))
    assert kecil == besar <= 5
    assert len(selectors.tim_penilai(penilai=penilai, periode=periode)) == 60


def test_team_page_shows_status_filled_and_missing_months_and_capaian(pegawai, penilai, periode):
    _tim_dengan_data(penilai, periode, 1)
    skp_draft(pegawai, periode)
    rows = {r.pegawai.pk: r for r in selectors.tim_penilai(penilai=penilai, periode=periode)}

    draf = rows[pegawai.pk]
    assert draf.skp.status == Skp.Status.DRAFT and draf.status_skp == "Draf"
    lain = next(r for pk, r in rows.items() if pk != pegawai.pk)
    assert [s.status for s in lain.sel] == ["lengkap", "lengkap", "kosong", "belum"]
    assert lain.kosong == 1  # triwulan III has begun and is empty
    assert lain.capaian.dibulatkan == Decimal("50.00")  # latest entry 6 of 12
    assert lain.capaian.pita.kunci == "merah"


def test_team_page_lists_a_subordinate_without_skp(pegawai, penilai, periode):
    rows = selectors.tim_penilai(penilai=penilai, periode=periode)
    assert [(r.pegawai, r.skp, r.status_skp) for r in rows] == [(pegawai, None, "Belum disusun")]


def test_dashboard_query_count_does_not_grow_with_the_skp(pegawai, penilai, periode):
    skp = skp_disetujui(pegawai, periode)
    kecil = _jumlah_query(lambda: selectors.dasbor_pegawai(pegawai=pegawai, periode=periode))
    for _ in range(10):
        rhk = RhkFactory(skp=skp)
        for _ in range(4):
            iki = IkiFactory(rhk=rhk)
            RealisasiFactory(iki=iki, periode_ke=1)
    services.umpan_balik_create(
        actor=penilai.user, iki=Iki.objects.filter(rhk__skp=skp).first(), periode_ke=1, teks="Ok"
    )
    besar = _jumlah_query(lambda: selectors.dasbor_pegawai(pegawai=pegawai, periode=periode))
    assert kecil == besar <= 7


def test_dashboard_shows_target_and_realisation_by_quarter_missing_entries_and_deadlines(pegawai, penilai, periode):
    skp = skp_disetujui(pegawai, periode)
    iki = Iki.objects.get(rhk__skp=skp)
    Realisasi.objects.create(iki=iki, periode_ke=1, nilai=Decimal("3"))  # entered back then (now closed)
    services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="9")

    d = selectors.dasbor_pegawai(pegawai=pegawai, periode=periode)

    (baris,) = d.iki
    assert [t.realisasi for t in baris.titik] == [Decimal("3"), None, Decimal("9"), None]
    assert baris.target_grafik == Decimal("12")
    assert baris.capaian.teks == "75,00%"
    assert [(k.ke, k.terbuka) for k in d.kosong] == [(2, False)]  # quarter II missing and already closed
    # the SKP is approved, so its drafting deadline is no longer shown
    assert [t.tanggal for t in d.tenggat] == [dt.date(2026, 10, 5), dt.date(2027, 1, 5), dt.date(2027, 1, 31)]


def test_dashboard_without_skp_still_shows_deadlines(pegawai, periode):
    d = selectors.dasbor_pegawai(pegawai=pegawai, periode=periode)
    assert d.skp is None and d.iki == [] and d.tenggat


def test_skp_lembar_loads_the_whole_skp_in_a_constant_number_of_queries(pegawai, penilai, periode):
    skp = skp_disetujui(pegawai, periode, rhk=2, iki_per_rhk=2)
    ikis = list(Iki.objects.filter(rhk__skp=skp).order_by("pk"))
    services.realisasi_save(actor=pegawai.user, iki=ikis[0], periode_ke=3, nilai="1")
    kecil = _jumlah_query(lambda: selectors.skp_lembar(skp=skp))
    for iki in ikis[1:]:
        services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="1")
    for iki in ikis:
        services.umpan_balik_create(actor=penilai.user, iki=iki, periode_ke=3, teks="Lanjutkan")
    lembar = selectors.skp_lembar(skp=skp)
    besar = _jumlah_query(lambda: selectors.skp_lembar(skp=skp))
    assert kecil == besar
    assert [len(r.iki_list) for r in lembar.rhk_list] == [2, 2]
    assert len(lembar.ekspektasi_list) == 7
    assert lembar.rhk_list[0].iki_list[0].realisasi_list[0].nilai == Decimal("1")


def test_skp_berlaku_is_the_latest_approved_revision(pegawai, penilai, periode):
    lama = skp_disetujui(pegawai, periode)
    services.skp_revise(actor=pegawai.user, skp=lama, versi=Skp.objects.get(pk=lama.pk).versi)
    assert selectors.skp_berlaku(pegawai=pegawai, periode=periode) == lama
    assert selectors.skp_terkini(pegawai=pegawai, periode=periode).revisi == 2


def test_rhk_atasan_pilihan_lists_the_atasans_current_rhk(pegawai, penilai, periode):
    skp_penilai = skp_draft(penilai, periode, rhk=2)
    assert list(selectors.rhk_atasan_pilihan(pegawai=pegawai, periode=periode)) == list(
        skp_penilai.rhk.order_by("jenis", "urutan", "pk")
    )
    assert not selectors.rhk_atasan_pilihan(pegawai=penilai.atasan, periode=periode).exists()


@pytest.mark.parametrize(("periodisitas", "jumlah"), [("triwulan", 4), ("bulanan", 12)])
def test_period_helpers(periodisitas, jumlah, db):
    from tests.indikator.factories import PeriodeFactory

    p = PeriodeFactory(tahun=2027, periodisitas=periodisitas)
    assert p.daftar_periode_ke == list(range(1, jumlah + 1))
    assert p.batas_realisasi(jumlah) == dt.date(2028, 1, 5)  # December / triwulan IV closes in January
    assert p.periode_ke_untuk_tanggal(dt.date(2027, 5, 20)) == (2 if periodisitas == "triwulan" else 5)
    assert p.label_periode_ke(1) == ("Triwulan I" if periodisitas == "triwulan" else "Januari")


def test_penilai_to_do_lists_submitted_skp_of_his_subordinates(pegawai, penilai, atasan, periode):
    skp = skp_draft(pegawai, periode)
    assert not selectors.skp_menunggu_persetujuan(penilai=penilai, periode=periode).exists()
    services.skp_submit(actor=pegawai.user, skp=skp, versi=skp.versi)
    assert list(selectors.skp_menunggu_persetujuan(penilai=penilai, periode=periode)) == [skp]
    assert not selectors.skp_menunggu_persetujuan(penilai=atasan, periode=periode).exists()


def test_status_summary_counts_current_skp_by_status_and_those_without(pegawai, penilai, atasan, periode):
    skp_draft(pegawai, periode)
    skp_disetujui(penilai, periode)
    from kepegawaian.models import Pegawai

    ringkas = selectors.skp_status_ringkas(periode=periode, pegawai_qs=Pegawai.objects.all())
    assert ringkas == {"draft": 1, "disetujui": 1, "belum": 1}
