"""List pagination at scale (issue 9): the realisation list pages by position (cursor, no count), every other list
by number with a capped count; both documented in the schema."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from indikator.models import Iki
from kepegawaian.models import Pegawai
from kinerja.api import _PaginatorTerbatas
from tests.indikator.factories import IkiFactory, PeriodeFactory, RealisasiFactory, RhkFactory, skp_disetujui
from tests.kepegawaian.factories import PegawaiFactory

pytestmark = pytest.mark.django_db
API = "/api/v1"


def _api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def test_realisation_list_walks_every_row_once_by_cursor(pegawai, penilai):
    skp = skp_disetujui(pegawai, PeriodeFactory(tahun=2026))
    iki = [Iki.objects.get(rhk__skp=skp)] + [IkiFactory(rhk=RhkFactory(skp=skp)) for _ in range(3)]
    dibuat = {RealisasiFactory(iki=i, periode_ke=ke).pk for i in iki for ke in (1, 2, 3)}
    client = _api(pegawai.user)
    seen, url, halaman = [], f"{API}/realisasi/?page_size=5", 0
    while url:
        body = client.get(url).json()
        assert "count" not in body
        seen += [r["id"] for r in body["results"]]
        url, halaman = body["next"], halaman + 1
    assert halaman == 3
    assert len(seen) == len(set(seen)) and set(seen) == dibuat


def test_a_forged_cursor_is_a_404_in_the_one_error_shape(pegawai):
    response = _api(pegawai.user).get(f"{API}/realisasi/", {"cursor": "bukan-penanda"})
    assert response.status_code == 404
    assert "Penanda halaman tidak valid" in response.json()["error"]["message"]


def test_page_number_lists_cap_the_count(admin_bkd, bidang, monkeypatch):
    for _ in range(4):
        PegawaiFactory(unit=bidang)
    client = _api(admin_bkd)
    body = client.get(f"{API}/pegawai/").json()
    assert body["count"] == Pegawai.objects.count() and body["count_terbatas"] is False
    monkeypatch.setattr(_PaginatorTerbatas, "BATAS_HITUNG", 3)
    capped = client.get(f"{API}/pegawai/", {"page_size": 2}).json()
    assert capped["count"] == 3 and capped["count_terbatas"] is True
    assert len(capped["results"]) == 2


def test_the_count_never_sorts(admin_bkd, bidang):
    """Ordering cannot change a count: sorting the visible rows to count them was what made the province-wide lists
    grow with the data."""
    PegawaiFactory(unit=bidang)
    client = _api(admin_bkd)
    for url in (f"{API}/pegawai/", f"{API}/skp/"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
        assert len(counts) == 1 and "ORDER BY" not in counts[0].upper(), url


def test_pages_past_the_cap_stay_reachable_in_order(admin_bkd, bidang, monkeypatch):
    for nama in ["Dewi", "Adi", "Citra", "Budi", "Eka", "Adi", "Fajar"]:
        PegawaiFactory(unit=bidang, nama=nama)
    expected = list(Pegawai.objects.order_by("nama", "pk").values_list("pk", flat=True))
    monkeypatch.setattr(_PaginatorTerbatas, "BATAS_HITUNG", 3)
    client = _api(admin_bkd)
    seen, url = [], f"{API}/pegawai/?page_size=2"
    while url:
        body = client.get(url).json()
        assert body["count"] == 3 and body["count_terbatas"] is True
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert seen == expected  # every row once, in the list's order, across the cap
    last = -(-len(expected) // 2)
    body = client.get(f"{API}/pegawai/", {"page_size": 2, "page": last}).json()
    assert body["next"] is None and body["previous"] is not None
    assert client.get(f"{API}/pegawai/", {"page_size": 2, "page": last + 1}).status_code == 404
    assert client.get(f"{API}/pegawai/", {"page_size": 2, "page": 0}).status_code == 404


def test_a_later_page_reads_its_rows_by_key_in_the_same_number_of_queries(admin_bkd, bidang):
    for _ in range(5):
        PegawaiFactory(unit=bidang)
    client = _api(admin_bkd)
    client.get(f"{API}/pegawai/")  # warm the per-process caches
    with CaptureQueriesContext(connection) as first:
        page1 = client.get(f"{API}/pegawai/", {"page_size": 2}).json()
    with CaptureQueriesContext(connection) as second:
        page2 = client.get(f"{API}/pegawai/", {"page_size": 2, "page": 2}).json()
    assert len(first.captured_queries) == len(second.captured_queries)
    rows = [q["sql"] for q in second.captured_queries if "LIMIT 2 OFFSET 2" in q["sql"]]
    assert len(rows) == 1 and " IN (SELECT " in rows[0]
    expected = list(Pegawai.objects.order_by("nama", "pk").values_list("pk", flat=True))
    assert [r["id"] for r in page1["results"] + page2["results"]] == expected[:4]
    assert page2["results"][0]["unit"]["id"] == bidang.pk  # the joined relations are read with the rows


def test_schema_documents_cursor_and_capped_count(client):
    schema = client.get("/api/schema/?format=json").json()
    realisasi = schema["paths"]["/api/v1/realisasi/"]["get"]
    assert "cursor" in {p["name"] for p in realisasi["parameters"]}
    ref = realisasi["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert "count" not in schema["components"]["schemas"][ref]["properties"]
    pegawai_ref = schema["paths"]["/api/v1/pegawai/"]["get"]["responses"]["200"]["content"]["application/json"]
    nama = pegawai_ref["schema"]["$ref"].rsplit("/", 1)[1]
    assert "count_terbatas" in schema["components"]["schemas"][nama]["properties"]
