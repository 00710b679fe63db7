"""``manage.py bangun_jakarta`` at a tiny size (issues 9 and 13): the shape the bench relies on, and the year of
appraisal, training and complaints the province report reads. PostgreSQL only (the command loads with COPY); on
SQLite the tests are skipped with the reason."""

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count

from indikator.models import Iki, Realisasi, Skp
from kepegawaian import access
from kepegawaian.models import Pegawai, UnitKerja, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def hanya_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip(
            "bangun_jakarta memuat data dengan COPY: hanya PostgreSQL (jalankan dengan DATABASE_URL=postgres://…)"
        )


def test_refuses_sqlite_with_a_reason():
    if connection.vendor == "postgresql":
        pytest.skip("the refusal is SQLite's")
    with pytest.raises(CommandError, match="memerlukan PostgreSQL"):
        call_command("bangun_jakarta", pegawai=300)


def test_builds_a_small_jakarta_with_the_real_shape(hanya_postgresql):
    call_command("bangun_jakarta", pegawai=300, iki=2, bulan=3, audit=500, tahun=2026)
    jenis = dict(UnitKerja.objects.order_by().values_list("jenis").annotate(n=Count("pk")))
    assert jenis["kecamatan"] == 44 and jenis["kelurahan"] == 267 and jenis["kota"] == 6
    assert jenis["sekolah"] >= 1 and jenis["upt"] == 44 and jenis["suku_dinas"] == 12
    # One root (the Sekda), depth 6, every path what the atasan links say.
    assert Pegawai.objects.filter(atasan__isnull=True).count() == 1
    jalur = dict(Pegawai.objects.values_list("pk", "jalur"))
    atasan = dict(Pegawai.objects.values_list("pk", "atasan_id"))
    for pk, j in jalur.items():
        assert j == (jalur[atasan[pk]] if atasan[pk] else "/") + f"{pk}/"
    assert max(j.count("/") - 1 for j in jalur.values()) == 6
    n = Pegawai.objects.count()
    assert Skp.objects.filter(status=Skp.Status.DISETUJUI).count() == n
    assert Iki.objects.count() == 2 * n and Realisasi.objects.count() == 6 * n
    # Logins: NIP + the shared password; the Sekda's scope is the whole province.
    sekda = Pegawai.objects.get(atasan__isnull=True)
    assert sekda.user.username == sekda.nip and sekda.user.check_password("kinerja-jakarta")
    assert access.akses_for(sekda.user).seluruh_provinsi
    guru = Pegawai.objects.filter(jabatan__nama="Guru").first()
    assert set(access.pegawai_visible(guru.user).values_list("pk", flat=True)) == {guru.pk}
    assert User.objects.filter(username="jakarta.bkd").exists()
    with pytest.raises(CommandError, match="sudah berisi"):
        call_command("bangun_jakarta", pegawai=300)


# --- issue 13: a year of appraisal, training and complaints ---------------------------------------------------------

TABEL_BARU = [
    "penilaian.Evaluasi",
    "penilaian.UmpanBalikEvaluasi",
    "penilaian.KebutuhanPengembangan",
    "penilaian.Keberatan",
    "penilaian.PredikatUnit",
    "penilaian.PenetapanDistribusi",
    "pelatihan.Program",
    "pelatihan.Kegiatan",
    "pelatihan.Peserta",
    "pelatihan.Kehadiran",
    "pelatihan.UlasanKegiatan",
    "pelatihan.PelatihanEksternal",
    "partisipasi.Pengaduan",
    "partisipasi.RiwayatStatus",
    "partisipasi.Tanggapan",
    "partisipasi.PetugasPengaduan",
    "partisipasi.Forum",
    "partisipasi.KehadiranForum",
    "partisipasi.Aspirasi",
    "partisipasi.PembaruanAspirasi",
    "indikator.IndikatorUnit",
]


def _contoh(model, n: int = 40):
    """Up to ``n`` rows spread over the table (every k-th by key), not just its first ones."""
    pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
    langkah = max(1, len(pks) // n)
    return model.objects.filter(pk__in=pks[::langkah][:n])


def test_builds_a_year_of_appraisal_training_and_complaints_that_the_report_reads(hanya_postgresql):
    """One small build (a build takes tens of seconds on CI), then each part's checks in turn."""
    tahun = 2025
    call_command("bangun_jakarta", pegawai=300, iki=2, bulan=3, audit=500, tahun=tahun)
    _cek_tabel()
    _cek_penilaian()
    _cek_pelatihan(tahun)
    _cek_partisipasi(tahun)
    _cek_laporan(tahun)
    _cek_tanpa_dan_ganti()


def _cek_tabel():
    """Every new table has rows, and a sample of each satisfies the model (full_clean, constraints included)."""
    for nama in TABEL_BARU:
        model = apps.get_model(nama)
        assert model.objects.exists(), f"{nama} is empty"
        for obj in _contoh(model):
            obj.full_clean()  # the model's own validation, constraints included (Django 5 validates them)


def _cek_penilaian():
    """The predikat is the official matrix's; most Baik, some Sangat Baik, some weak; a need for every weak one."""
    from penilaian import aturan
    from penilaian.models import Evaluasi, KebutuhanPengembangan

    tahunan = Evaluasi.objects.filter(jenis="tahunan", status="final")
    # everyone with an approved SKP and an atasan (the Sekda's penilai is the Gubernur, not in the data)
    assert tahunan.count() == Pegawai.objects.filter(atasan__isnull=False).count()
    for rh, rp, predikat in Evaluasi.objects.values_list(
        "rating_hasil_kerja", "rating_perilaku", "predikat"
    ).distinct():
        assert predikat == aturan.predikat_pegawai(rh, rp)
    sebaran = dict(tahunan.order_by().values_list("predikat").annotate(n=Count("pk")))
    total = sum(sebaran.values())
    assert sebaran["baik"] > total / 2
    assert 0 < sebaran["sangat_baik"] < sebaran["baik"]
    assert sebaran.get("butuh_perbaikan", 0) + sebaran.get("kurang", 0) > 0
    # a month/quarter evaluation for each month that ended, the year 2025 being over: all twelve
    assert Evaluasi.objects.filter(jenis="periodik").count() == 12 * total
    # a development need for every weak result, none for the others
    lemah = Evaluasi.objects.filter(predikat__in=["butuh_perbaikan", "kurang", "sangat_kurang"])
    assert set(KebutuhanPengembangan.objects.filter(sumber="predikat").values_list("evaluasi_id", flat=True)) == set(
        lemah.values_list("pk", flat=True)
    )


def _cek_pelatihan(tahun):
    """People on both sides of 20 JP, units that comply and units that do not, unique certificate codes, needs
    closed by a completed training of the person after the need was raised."""
    from pelatihan import selectors as pelatihan_selectors
    from pelatihan.models import Peserta
    from penilaian.models import KebutuhanPengembangan

    bkd = User.objects.get(username="jakarta.bkd")
    orang = pelatihan_selectors.pegawai_dengan_jp(user=bkd, tahun=tahun)
    assert orang.filter(kurang__lte=0).exists() and orang.filter(kurang__gt=0).exists()
    persen = {b.persen for b in pelatihan_selectors.kepatuhan_per_unit(user=bkd, tahun=tahun) if b.jumlah >= 10}
    assert min(persen) < 50 < max(persen)  # some units comply, some do not
    kode = Peserta.objects.filter(selesai=True).values_list("kode_verifikasi", flat=True)
    assert len(set(kode)) == len(kode) > 0
    terpenuhi = KebutuhanPengembangan.objects.filter(status="terpenuhi", referensi_penutupan__startswith="pelatihan:")
    assert terpenuhi.exists() and KebutuhanPengembangan.objects.filter(status="terbuka").exists()
    for k in terpenuhi[:50]:
        kegiatan_id = int(k.referensi_penutupan.split(":")[1])
        ikut = Peserta.objects.get(kegiatan_id=kegiatan_id, pegawai_id=k.pegawai_id, selesai=True)
        assert k.evaluasi.difinalkan_pada < ikut.selesai_pada == k.ditutup_pada


def _cek_partisipasi(tahun):
    """The resolution-time selector has a median, some open complaints are overdue, the trail agrees with the row,
    aspirations in every status."""
    import datetime as dt

    from django.utils import timezone

    from partisipasi import selectors as partisipasi_selectors
    from partisipasi.models import Aspirasi, Pengaduan, RiwayatStatus

    akar = UnitKerja.objects.get(depth=1)
    angka = partisipasi_selectors.penyelesaian_angka(
        unit=akar, mulai=dt.date(tahun, 1, 1), akhir=dt.date(tahun, 12, 31)
    )
    assert angka.jumlah > 0 and 24 < angka.median_jam < angka.p90_jam
    assert 50 < angka.persen_tepat_waktu < 100
    terbuka = Pengaduan.objects.filter(status__in=partisipasi_selectors.STATUS_TERBUKA)
    assert terbuka.filter(partisipasi_selectors.terlambat_q(timezone.now())).exists()
    assert Pengaduan.objects.filter(rating__isnull=False).exists()
    assert set(Pengaduan.objects.values_list("status", flat=True)) >= {"selesai", "proses", "ditolak"}
    # the trail agrees with the row: the last step is the complaint's status, at its completion time when completed
    for p in _contoh(Pengaduan):
        akhir = RiwayatStatus.objects.filter(pengaduan=p).order_by("pada", "pk").last()
        assert akhir.ke_status == p.status
        if p.status == "selesai":
            assert akhir.pada == p.selesai_pada
    assert set(Aspirasi.objects.values_list("status", flat=True)) == set(Aspirasi.Status.values)


def _cek_laporan(tahun):
    """The province report's snapshot (``laporan.bab.susun_snapshot``) finds data in every chapter."""
    from laporan.bab import susun_snapshot

    snapshot = susun_snapshot(unit=UnitKerja.objects.get(depth=1), tahun=tahun)
    bab = snapshot["bab"]
    assert bab["iku"]["ada"] and bab["pegawai"]["ada_predikat"] and bab["pelatihan"]["ada"]
    assert bab["pelatihan"]["ada_kebutuhan"] and bab["layanan"]["ada"] and bab["layanan"]["aspirasi"]["ada"]
    assert bab["provinsi"]["ada"] and snapshot["ringkasan"]["median_hari"] is not None
    per_unit = snapshot["tabel"]["per_unit"]["baris"]
    assert any(baris[2] is not None for baris in per_unit)  # IKU capaian of the perangkat daerah


def _cek_tanpa_dan_ganti():
    """``--ganti`` empties the new tables too, ``--tanpa`` leaves the parts out, an unknown part is refused."""
    from partisipasi.models import Pengaduan
    from pelatihan.models import Peserta
    from penilaian.models import Evaluasi

    call_command("bangun_jakarta", pegawai=300, iki=1, bulan=1, audit=10, tahun=2025, ganti=True,
                 tanpa="penilaian,pelatihan,partisipasi")  # fmt: skip
    assert not Evaluasi.objects.exists() and not Peserta.objects.exists() and not Pengaduan.objects.exists()
    assert Pegawai.objects.exists()
    with pytest.raises(CommandError, match="tidak mengenal"):
        call_command("bangun_jakarta", pegawai=300, ganti=True, tanpa="laporan")
