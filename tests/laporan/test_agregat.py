"""The run's grouped figures (``bab.agregat_per_unit``: each family one GROUP BY over the whole subtree, added up per
unit path) against the apps' own per-unit selectors, for every unit of a tree; the same snapshot through a JSON
round trip (a slice stored on the unit's ``ItemRun``); a query count that does not grow with the units."""

import datetime as dt
import json
import zoneinfo

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kepegawaian.models import UnitKerja
from laporan import bab
from partisipasi import selectors as partisipasi_selectors
from partisipasi.models import Pengaduan
from pelatihan import selectors as pelatihan_selectors
from tests.kepegawaian.factories import PegawaiFactory, UnitKerjaFactory
from tests.laporan.factories import TAHUN, iki_dengan_realisasi, iku, pegawai_dengan_predikat, skp_setuju
from tests.laporan.test_bab import _forum
from tests.partisipasi.factories import pengaduan_baru
from tests.pelatihan.test_dampak import isi_dunia

pytestmark = pytest.mark.django_db
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def _pengaduan(kelurahan, *, dibuat, jam: float | None, tepat: bool = True, ditolak: bool = False):
    p = pengaduan_baru(kelurahan)
    ubah = {"dibuat": dibuat}
    if jam is not None:
        selesai = dibuat + dt.timedelta(hours=jam)
        ubah.update(status=Pengaduan.Status.SELESAI, selesai_pada=selesai,
                    batas_selesai=selesai + dt.timedelta(hours=1 if tepat else -1))  # fmt: skip
    elif ditolak:
        ubah["status"] = Pengaduan.Status.DITOLAK
    Pengaduan.objects.filter(pk=p.pk).update(**ubah)


@pytest.fixture
def dunia(pemprov, dinas, bidang, dinas_lain, atasan, penilai):
    """Every family in more than one unit at more than one depth: needs and training (pelatihan's hand-computed
    fixture), predikat, IKU with realisation, aspirations and complaints in kelurahan under a bidang and under
    another dinas."""
    isi_dunia(pemprov, dinas, bidang, atasan)
    pegawai_dengan_predikat(bidang, penilai, ["baik"] * 4 + ["sangat_baik", "butuh_perbaikan"])
    pegawai_dengan_predikat(dinas_lain, PegawaiFactory(unit=dinas_lain), ["baik"] * 6)
    skp = skp_setuju(atasan)
    a = iku(dinas, indikator="Indeks kepuasan", target="90", urutan=1)
    iki_dengan_realisasi(skp, target="90", nilai=["80", "99"], indikator_unit=a)
    b = iku(bidang, indikator="Waktu layanan", target="7", urutan=1)
    iki_dengan_realisasi(skp_setuju(penilai), target="7", nilai=["6.5"], indikator_unit=b)
    kel = UnitKerjaFactory(kode="KEL-B1", nama="Kelurahan B1", jenis="kelurahan", parent=bidang)
    kel_lain = UnitKerjaFactory(kode="KEL-LAIN", nama="Kelurahan Lain", jenis="kelurahan", parent=dinas_lain)
    _forum(kel, dt.datetime(2025, 3, 1, 9, tzinfo=WIB), ["diterima", "selesai", "selesai"])
    _forum(kel_lain, dt.datetime(2025, 4, 1, 9, tzinfo=WIB), ["diakomodir"])
    awal = dt.datetime(2025, 2, 3, 8, tzinfo=WIB)
    for i, jam in enumerate([5, 30, 47.5, 100, 200, None]):
        _pengaduan(kel, dibuat=awal + dt.timedelta(days=i), jam=jam, tepat=i % 2 == 0)
    _pengaduan(kel, dibuat=awal, jam=None, ditolak=True)
    for jam in (12, 60):
        _pengaduan(kel_lain, dibuat=awal, jam=jam)
    _pengaduan(kel_lain, dibuat=dt.datetime(2024, 12, 1, 8, tzinfo=WIB), jam=24 * 40)  # completed 2025, made 2024


@pytest.mark.parametrize("tahun", [TAHUN, TAHUN + 1])
def test_grouped_figures_equal_each_units_own_selectors(dunia, pemprov, tahun):
    semua = bab.agregat_per_unit(scope=pemprov, tahun=tahun)
    units = list(UnitKerja.objects.order_by("path"))
    assert set(semua) == {u.pk for u in units}
    mulai, akhir = dt.date(tahun, 1, 1), dt.date(tahun, 12, 31)
    diperiksa = {"jp": 0, "selesai": 0, "aspirasi": 0, "kebutuhan": 0}
    for unit in units:
        iris = semua[unit.pk]
        jp = pelatihan_selectors.kepatuhan_jp_ringkas(unit_path=unit.path, tahun=tahun)
        assert (iris["jp"]["jumlah"], iris["jp"]["patuh"], iris["jp"]["ada_data"]) == (
            jp["jumlah"], jp["patuh"], jp["ada_data"]
        )  # fmt: skip
        assert bab._dua(bab._bagi(iris["jp"]["jp_jumlah"], iris["jp"]["jp_n"])) == bab._dua(jp["jp_rata"])
        diperiksa["jp"] += bool(jp["jumlah"])
        for kunci, th in (("kini", tahun), ("lalu", tahun - 1)):
            sendiri = pelatihan_selectors.dampak_pelatihan_unit(unit=unit, tahun=th)
            baris = [(unit.path, area, int(latih), *angka) for area, latih, *angka in iris["kebutuhan"][kunci]]
            assert pelatihan_selectors.dampak_pelatihan_dari_baris(unit=unit, tahun=th, baris=baris) == sendiri
            diperiksa["kebutuhan"] += bool(sendiri.baris)
        s = partisipasi_selectors.penyelesaian_angka(unit=unit, mulai=mulai, akhir=akhir)
        jumlah, median, p90, persen = iris["selesai"]
        assert jumlah == s.jumlah and median == pytest.approx(s.median_jam) and p90 == pytest.approx(s.p90_jam)
        assert persen == pytest.approx(s.persen_tepat_waktu)
        diperiksa["selesai"] += bool(s.jumlah)
        d = partisipasi_selectors.pengaduan_diterima_angka(unit=unit, mulai=mulai, akhir=akhir)
        assert iris["diterima"] == {f: d[f] or 0 for f in ("diterima", "selesai", "ditolak")}
        a = partisipasi_selectors.aspirasi_status_angka(unit=unit, tahun=tahun)
        assert iris["aspirasi"] == {k: n for k, n in a.items() if n}
        diperiksa["aspirasi"] += bool(iris["aspirasi"])
    if tahun == TAHUN:  # the fixture is not empty where it matters: several units of each family
        assert all(n >= 3 for n in diperiksa.values()), diperiksa


def test_every_units_snapshot_from_the_runs_slice_equals_its_own_through_json(dunia, pemprov):
    semua = bab.agregat_per_unit(scope=pemprov, tahun=TAHUN)
    disimpan = json.loads(json.dumps(semua, cls=DjangoJSONEncoder))  # as ItemRun.agregat holds it
    for unit in UnitKerja.objects.order_by("path"):
        sendiri = bab.susun_snapshot(unit=unit, tahun=TAHUN)
        assert bab.susun_snapshot(unit=unit, tahun=TAHUN, agregat=semua[unit.pk]) == sendiri
        assert bab.susun_snapshot(unit=unit, tahun=TAHUN, agregat=disimpan[str(unit.pk)]) == sendiri
        json.dumps(sendiri, allow_nan=False)  # plain ints / strings / None, no Decimal
    data = bab.susun_snapshot(unit=pemprov, tahun=TAHUN)
    baris = {r[0]: r for r in data["tabel"]["per_unit"]["baris"]}
    dinas = UnitKerja.objects.get(kode="DINAS-UJI")
    selesai = partisipasi_selectors.penyelesaian_angka(
        unit=dinas, mulai=dt.date(TAHUN, 1, 1), akhir=dt.date(TAHUN, 12, 31)
    )
    assert baris["DINAS-UJI"][5] == selesai.jumlah == 5
    assert baris["DINAS-UJI"][6] == bab._dua(selesai.persen_tepat_waktu) == "60.00"
    assert baris["DINAS-LAIN"][5] == 3  # the one made in 2024 and completed in 2025 counts


def test_the_grouped_figures_take_the_same_queries_whatever_the_number_of_units(dunia, pemprov, dinas):
    with CaptureQueriesContext(connection) as sebelum:
        bab.agregat_per_unit(scope=pemprov, tahun=TAHUN)
    for i in range(4):
        unit = UnitKerjaFactory(kode=f"TAMBAH-{i}", nama=f"Tambahan {i}", jenis="bidang", parent=dinas)
        pegawai_dengan_predikat(unit, PegawaiFactory(unit=unit), ["baik"] * 5)
        iku(unit, indikator="Indeks", target="10")
    with CaptureQueriesContext(connection) as sesudah:
        bab.agregat_per_unit(scope=pemprov, tahun=TAHUN)
    assert len(sesudah.captured_queries) == len(sebelum.captured_queries)
    # reads only (PostgreSQL adds the SAVEPOINT / SET LOCAL jit / RELEASE around three of them)
    lain = ("SAVEPOINT", "RELEASE", "SET LOCAL", "BEGIN", "COMMIT")
    baca = [q["sql"] for q in sesudah.captured_queries if not q["sql"].lstrip().upper().startswith(lain)]
    assert len(baca) == 13
