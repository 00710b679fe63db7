"""The demo data: every demo pegawai has an approved SKP cascaded from his unit, with realisation and evidence."""

import io
from decimal import Decimal

from indikator import demo, selectors
from indikator.capaian import capaian_iki
from indikator.models import BuktiDukung, Iki, PeriodePenilaian, Realisasi, Rhk, Skp
from kepegawaian import demo as kepegawaian_demo
from kepegawaian.models import Pegawai


def test_demo_seed_builds_approved_cascaded_skp_with_realisation_and_evidence(db):
    out = io.StringIO()
    kepegawaian_demo.seed(out)
    demo.seed(out)

    jumlah_pegawai = Pegawai.objects.filter(aktif=True).count()
    tahun_ini, tahun_lalu = PeriodePenilaian.objects.order_by("-tahun")[:2]
    assert tahun_lalu.tahun == tahun_ini.tahun - 1  # the year before, for the comparisons of the later apps
    for periode in (tahun_ini, tahun_lalu):
        disetujui = Skp.objects.filter(periode=periode, status=Skp.Status.DISETUJUI, terkini=True)
        assert disetujui.count() == jumlah_pegawai, periode.tahun
    assert not Rhk.objects.filter(status_tautan=Rhk.StatusTautan.PUTUS).exists()
    # below the top, every RHK utama serves an RHK of the atasan
    assert not Rhk.objects.filter(jenis="utama", rhk_atasan__isnull=True, skp__pegawai__atasan__isnull=False).exists()

    # the kelurahan's complaint resolution time (lower is better) reaches the complaint officer
    iki = Iki.objects.filter(
        rhk__skp__pegawai__unit__kode="KEL-MENTENG",
        rhk__skp__pegawai__jabatan__nama="Pengelola Pengaduan Masyarakat",
        uraian="Rata-rata waktu penyelesaian pengaduan masyarakat",
    ).first()
    assert iki is not None and iki.arah == "turun" and iki.target == Decimal("7")
    r = Realisasi.objects.filter(iki=iki).order_by("-periode_ke").first()
    if r is not None:  # none when the demo runs in January
        assert capaian_iki(iki, r.nilai).nilai is not None

    berkas = BuktiDukung.objects.filter(jenis="berkas")
    assert all(len(b.sha256) == 64 for b in berkas)

    pegawai = Pegawai.objects.get(user__username="demo.pegawai")
    dashboard = selectors.dasbor_pegawai(pegawai=pegawai, periode=tahun_ini)
    assert dashboard.skp.status == Skp.Status.DISETUJUI and dashboard.iki

    sebelum = (Skp.objects.count(), Realisasi.objects.count(), BuktiDukung.objects.count())
    demo.seed(out)
    assert (Skp.objects.count(), Realisasi.objects.count(), BuktiDukung.objects.count()) == sebelum
