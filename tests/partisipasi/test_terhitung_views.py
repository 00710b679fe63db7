"""Pages and endpoints of complaint figures: their query counts stay constant as data grows; the binding page
binds and recomputes; bad input is refused with a message."""

import pytest

from indikator.models import PeriodePenilaian, Realisasi
from partisipasi.models import IkiTerhitung
from tests.indikator.factories import PeriodeFactory, skp_disetujui
from tests.kepegawaian.factories import UnitKerjaFactory
from tests.partisipasi.test_terhitung import JULI, selesai_setelah


@pytest.fixture
def banyak(jam, kecamatan, kel_a, kategori, petugas_a):
    for n in range(6):
        UnitKerjaFactory(kode=f"KEL-X{n}", nama=f"Kelurahan X{n}", jenis="kelurahan", parent=kecamatan)
    for n in range(6):
        selesai_setelah(jam, kel_a, kategori, petugas_a, mulai=JULI, jam_durasi=5 + n)


@pytest.mark.parametrize("url", ["/partisipasi/peringkat/", "/api/v1/partisipasi/peringkat/"])
def test_ranking_query_count(client, banyak, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert client.get(url).status_code == 200


def test_unit_figures_query_count(client, banyak, kel_a, django_assert_max_num_queries):
    for url in (f"/partisipasi/angka/{kel_a.pk}/", f"/api/v1/partisipasi/angka/{kel_a.pk}/"):
        with django_assert_max_num_queries(7):
            response = client.get(url + "?mulai=2026-07-01&akhir=2026-07-31")
        assert response.status_code == 200
        assert "Kelurahan Menteng" in response.content.decode()


def test_bad_span_falls_back_to_the_current_month(client, banyak, kel_a):
    data = client.get(f"/api/v1/partisipasi/angka/{kel_a.pk}/?mulai=2026-08-01&akhir=2026-07-01").json()
    assert (data["mulai"], data["akhir"], data["angka"]["jumlah"]) == ("2026-07-01", "2026-07-31", 6)


def test_unknown_unit_is_404(client, db):
    assert client.get("/partisipasi/angka/999999/").status_code == 404
    assert client.get("/api/v1/partisipasi/angka/999999/").status_code == 404


def test_binding_page_binds_and_lists_with_constant_queries(
    as_user, banyak, lurah_a, kel_a, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    periode = PeriodeFactory(tahun=2026, periodisitas=PeriodePenilaian.Periodisitas.BULANAN)
    lurah_a.atasan.user.save()
    iki = skp_disetujui(lurah_a, periode).rhk.get().iki.get()
    client = as_user(lurah_a.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/partisipasi/terhitung/", {"iki": iki.pk, "unit": kel_a.pk, "ukuran": "jumlah"})
    assert response.status_code == 302
    assert Realisasi.objects.get(iki=iki, periode_ke=7).nilai == 6
    with django_assert_max_num_queries(12):
        assert "Kelurahan Menteng" in client.get("/partisipasi/terhitung/").content.decode()
    with django_assert_max_num_queries(12):
        assert client.get("/api/v1/partisipasi/iki-terhitung/").json()["count"] == 1
    ikatan = IkiTerhitung.objects.get()
    assert client.post(f"/partisipasi/terhitung/{ikatan.pk}/hitung/").status_code == 302
    assert client.post(f"/api/v1/partisipasi/iki-terhitung/{ikatan.pk}/hitung/").json()["tetap"] == [
        1,
        2,
        3,
        4,
        5,
        6,
        7,
    ]


def test_binding_api_refuses_bad_input_in_indonesian(as_user, lurah_a):
    periode = PeriodeFactory(tahun=2026)
    lurah_a.atasan.user.save()
    iki = skp_disetujui(lurah_a, periode).rhk.get().iki.get()
    response = as_user(lurah_a.user).post(
        "/api/v1/partisipasi/iki-terhitung/", {"iki": iki.pk, "unit": 999999, "ukuran": "modus"}
    )
    assert response.status_code == 400
    assert "Unit tidak dikenal" in response.content.decode()
    assert not IkiTerhitung.objects.exists()
