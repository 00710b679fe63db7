"""The 20 JP compliance view at any size (issue 11): rows per unit one level below the level shown (grouped by the
unit path prefix in the database), drill-down into a managed unit, who is behind paged by keyset in name order
(people with 0 JP included, the PPPK cap applied), a constant number of queries."""

import pytest
from django.http import Http404
from django.urls import reverse

from pelatihan import selectors
from pelatihan.models import PelatihanEksternal, Peserta
from pelatihan.rekap import jp_tahunan_segarkan
from tests.kepegawaian.factories import PegawaiFactory, UnitKerjaFactory
from tests.pelatihan.factories import KegiatanFactory

NIP_PPPK = "199001012026092001"


def _jp(pegawai, jp, *, tahun=2026, kegiatan=None):
    """A completion written directly (not through ``kelulusan_grant``), with the JP summary refreshed as the
    services do."""
    kegiatan = kegiatan or KegiatanFactory()
    peserta = Peserta.objects.create(
        kegiatan=kegiatan,
        pegawai=pegawai,
        status="terdaftar",
        didaftarkan_oleh=kegiatan.dibuat_oleh,
        selesai=True,
        jp=jp,
        tahun_jp=tahun,
        kode_verifikasi=f"K{pegawai.pk:03d}-{jp:02d}{tahun % 100:02d}-{kegiatan.pk:04d}",
    )
    jp_tahunan_segarkan([(pegawai.pk, tahun)])
    return peserta


@pytest.fixture
def seksi(bidang):
    return UnitKerjaFactory(kode="DINAS-UJI-B1-S1", nama="Seksi Uji", jenis="seksi", parent=bidang)


def test_rows_group_the_subtree_one_level_below_and_drill_down(
    admin_unit, admin_bkd, pegawai, penilai, atasan, bidang, dinas, seksi, outsider
):
    staf = PegawaiFactory(unit=seksi, atasan=penilai)
    _jp(staf, 20)
    _jp(pegawai, 12)
    pppk = PegawaiFactory(unit=seksi, status="pppk", nip=NIP_PPPK, atasan=penilai)
    _jp(pppk, 30)  # counts as 24 (the PPPK cap), above the target of 20
    PelatihanEksternal.objects.create(
        pegawai=pegawai, judul="x", jenis="seminar", bidang="teknis", penyelenggara="x",
        tanggal_mulai="2026-02-01", tanggal_selesai="2026-02-01", jp=8, tahun_jp=2026,
        berkas="x.pdf", tipe="application/pdf", sha256="0" * 64, nama_asli="x.pdf", status="disetujui",
    )  # fmt: skip
    jp_tahunan_segarkan([(pegawai.pk, 2026)])
    _jp(atasan, 20, tahun=2025)  # another ledger year: not counted

    rows = {
        r.unit_nama: (r.jumlah, r.patuh, r.langsung, r.punya_anak)
        for r in selectors.kepatuhan_per_unit(user=admin_unit, tahun=2026)
    }
    # the bidang row counts its seksi too; the dinas row only the dinas's own people (the atasan)
    assert rows == {"Bidang Uji": (4, 3, False, True), "Dinas Uji": (1, 0, True, False)}
    # admin BKD: the perangkat daerah under the province
    bkd = {r.unit_nama: (r.jumlah, r.patuh) for r in selectors.kepatuhan_per_unit(user=admin_bkd, tahun=2026)}
    assert bkd["Dinas Uji"] == (5, 3) and bkd["Dinas Lain"] == (1, 0)
    # drill into the bidang: its seksi, and its own people
    unit = selectors.kepatuhan_unit_get(admin_unit, bidang.pk)
    rinci = {
        r.unit_nama: (r.jumlah, r.patuh, r.langsung)
        for r in selectors.kepatuhan_per_unit(user=admin_unit, tahun=2026, unit=unit)
    }
    assert rinci == {"Bidang Uji": (2, 1, True), "Seksi Uji": (2, 2, False)}
    with pytest.raises(Http404):
        selectors.kepatuhan_unit_get(admin_unit, outsider.unit_id)
    # who is behind: the people with 0 JP too, with their gap
    behind = {p.nama: p.kurang for p in selectors.pegawai_tertinggal(user=admin_unit, tahun=2026)}
    assert behind == {penilai.nama: 20, atasan.nama: 20}  # pegawai has 12 + 8 external = 20


def test_who_is_behind_is_paged_by_keyset_in_name_order(admin_unit, bidang):
    orang = [PegawaiFactory(unit=bidang, nama=f"Pegawai {i:02d}") for i in range(7)]
    _jp(orang[3], 20)
    seen, sesudah, halaman = [], "", 0
    while True:
        h = selectors.tertinggal_halaman(user=admin_unit, tahun=2026, sesudah=sesudah, per_halaman=2)
        seen += [p.nama for p in h.baris]
        halaman += 1
        if not h.berikut:
            break
        sesudah = h.berikut
    assert seen == sorted(seen) and len(seen) == len(set(seen))
    assert "Pegawai 03" not in seen and {f"Pegawai {i:02d}" for i in (0, 1, 2, 4, 5, 6)} <= set(seen)
    assert halaman == -(-len(seen) // 2)
    # a position that cannot be read starts from the beginning
    assert selectors.tertinggal_halaman(user=admin_unit, tahun=2026, sesudah="~x").baris[0].nama == seen[0]


@pytest.mark.parametrize("n", [1, 8])
def test_page_drill_down_and_next_page_keep_their_query_count(
    as_user, admin_unit, bidang, seksi, n, django_assert_max_num_queries
):
    for i in range(n):
        _jp(PegawaiFactory(unit=seksi, nama=f"Seksi {i:02d}"), 4)
        PegawaiFactory(unit=bidang, nama=f"Bidang {i:02d}")
    client = as_user(admin_unit)
    url = reverse("pelatihan:kepatuhan")
    with django_assert_max_num_queries(7):
        html = client.get(url + "?tahun=2026").content.decode()
    assert "Bidang Uji" in html and f"?tahun=2026&amp;unit={bidang.pk}" in html
    with django_assert_max_num_queries(8):  # + the unit drilled into
        html = client.get(url + f"?tahun=2026&unit={bidang.pk}").content.decode()
    assert "Seksi Uji" in html and "pegawai unit ini sendiri" in html
    with django_assert_max_num_queries(7):
        response = client.get(url + "?tahun=2026&sesudah=Bidang%2000~1")
    assert response.status_code == 200
    assert client.get(url + "?unit=abc").status_code == 404


def test_admin_cannot_drill_into_a_unit_outside_his_scope(as_user, admin_unit, dinas_lain):
    assert as_user(admin_unit).get(reverse("pelatihan:kepatuhan") + f"?unit={dinas_lain.pk}").status_code == 404
    assert as_user(admin_unit).get(reverse("pelatihan:kepatuhan-xlsx") + f"?unit={dinas_lain.pk}").status_code == 404
