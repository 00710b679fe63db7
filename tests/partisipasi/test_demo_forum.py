"""The demo forums: every demo kelurahan has the three kinds of forum, past ones with minutes and coming ones open
for attendance, and aspirations in every status with dated public updates (a second run changes nothing)."""

import io

from django.utils import timezone

from indikator import demo as indikator_demo
from kepegawaian import demo as kepegawaian_demo
from partisipasi import demo
from partisipasi.models import Aspirasi, Forum, KehadiranForum, PembaruanAspirasi


def test_demo_forums_and_aspirations_in_every_status(db, client):
    out = io.StringIO()
    kepegawaian_demo.seed(out)
    indikator_demo.seed(out)
    demo.seed(out)
    sekarang = timezone.now()
    for kode in ("KEL-MENTENG", "KEL-GONDANGDIA"):
        forums = Forum.objects.filter(kelurahan__kode=kode)
        assert set(forums.values_list("jenis", flat=True)) == set(Forum.Jenis.values)
        lalu, akan = forums.filter(selesai__lt=sekarang), forums.filter(selesai__gte=sekarang)
        assert lalu.count() == 3 and all(f.notulen for f in lalu)
        assert akan.count() == 2 and all(f.jumlah_hadir == f.kehadiran.count() > 0 for f in akan)
        aspirasi = Aspirasi.objects.filter(forum__kelurahan__kode=kode)
        assert set(aspirasi.values_list("status", flat=True)) == set(Aspirasi.Status.values)
        for a in aspirasi:
            trail = list(a.pembaruan.all())
            assert trail[0].status == "diterima" and trail[-1].status == a.status and trail[-1].pada <= sekarang
    assert not KehadiranForum.objects.exclude(nama="").exists()

    page = client.get("/partisipasi/forum/").content.decode()
    assert "Lahan di kedua sisi jalan milik warga" in page  # the public reason of a not-recommended one

    jumlah = (Forum.objects.count(), Aspirasi.objects.count(), PembaruanAspirasi.objects.count())
    demo.seed(out)
    assert (Forum.objects.count(), Aspirasi.objects.count(), PembaruanAspirasi.objects.count()) == jumlah
