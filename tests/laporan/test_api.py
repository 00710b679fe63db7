"""The public report API: anonymous, published data only, CKAN-like metadata, rate limited."""

import pytest

from laporan import bab, services
from tests.cache_uji import kosongkan_cache
from tests.laporan.factories import TAHUN, iku

pytestmark = pytest.mark.django_db


@pytest.fixture
def terbit(dinas, dinas_lain, admin_bkd):
    iku(dinas, indikator="Indeks kepuasan", target="90")
    versi = services._versi_save(unit=dinas, tahun=TAHUN, data=bab.susun_snapshot(unit=dinas, tahun=TAHUN), run=None)
    services.versi_review(actor=admin_bkd, versi=versi, tantangan="A.", langkah="B.")
    services.versi_publish(actor=admin_bkd, versi=versi)
    services._versi_save(unit=dinas_lain, tahun=TAHUN, data=bab.susun_snapshot(unit=dinas_lain, tahun=TAHUN), run=None)
    kosongkan_cache()
    return versi.laporan


def test_list_and_detail_show_published_reports_only(client, terbit, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        r = client.get("/api/v1/publik/laporan/", {"tahun": TAHUN})
    assert r.status_code == 200
    assert [x["unit"]["nama"] for x in r.json()["results"]] == ["Dinas Uji"]
    detail = client.get(f"/api/v1/publik/laporan/{terbit.pk}/").json()
    iku_tabel = next(t for t in detail["tabel"] if t["kunci"] == "iku")
    assert iku_tabel["baris"][0]["indikator"] == "Indeks kepuasan"
    lain = terbit.__class__.objects.exclude(pk=terbit.pk).get()
    assert client.get(f"/api/v1/publik/laporan/{lain.pk}/").status_code == 404


def test_dataset_metadata_has_the_ckan_fields(client, terbit):
    paket = client.get("/api/v1/publik/laporan/dataset/").json()["results"][0]
    for kunci in ("name", "title", "notes", "organization", "tags", "license_id", "resources", "metadata_created",
                  "metadata_modified"):  # fmt: skip
        assert kunci in paket
    assert paket["license_id"] == "cc-by-4.0"
    assert {r["format"] for r in paket["resources"]} >= {"CSV", "JSON", "PDF"}


def test_the_public_api_is_rate_limited(client, terbit, settings):
    settings.LAPORAN_API_BATAS = "3/minute"
    kode = [client.get("/api/v1/publik/laporan/").status_code for _ in range(4)]
    assert kode == [200, 200, 200, 429]
