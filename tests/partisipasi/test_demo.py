"""The demo data: complaints over the year in every demo kelurahan, and the lurah's resolution-time IKI showing a
value computed from them (a second run changes nothing)."""

import datetime as dt
import io
from decimal import Decimal

from django.utils import timezone

from indikator import demo as indikator_demo
from indikator.models import Realisasi
from kepegawaian import demo as kepegawaian_demo
from partisipasi import demo, selectors
from partisipasi.models import IkiTerhitung, Pengaduan


def test_demo_seed_fills_complaints_and_computes_the_bound_iki(db):
    out = io.StringIO()
    kepegawaian_demo.seed(out)
    indikator_demo.seed(out)
    demo.seed(out)

    semua = Pengaduan.objects.all()
    assert semua.count() == 2 * demo.PER_KELURAHAN
    sekarang = timezone.now()
    assert semua.filter(status="proses", batas_selesai__lt=sekarang).exists()  # overdue
    assert semua.filter(jumlah_dibuka_kembali__gt=0, status="selesai").exists()  # reopened
    assert semua.filter(rating__isnull=False).exists()  # rated
    assert semua.filter(status="ditolak").exists()

    ikatan = IkiTerhitung.objects.select_related("unit").get(unit__kode="KEL-MENTENG")
    juni = Realisasi.objects.get(iki=ikatan.iki, periode_ke=6)
    angka = selectors.penyelesaian_angka(unit=ikatan.unit, mulai=dt.date(2026, 6, 1), akhir=dt.date(2026, 6, 30))
    assert juni.sumber == "terhitung"
    assert juni.nilai == (Decimal(repr(angka.rata_jam)) / 24).quantize(Decimal("0.01"))
    assert juni.bukti.get().url.endswith(f"/partisipasi/angka/{ikatan.unit_id}/?mulai=2026-06-01&akhir=2026-06-30")

    versi = juni.versi
    demo.seed(out)
    assert Pengaduan.objects.count() == 2 * demo.PER_KELURAHAN
    assert Realisasi.objects.get(pk=juni.pk).versi == versi
