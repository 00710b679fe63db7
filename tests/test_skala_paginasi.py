"""List pagination at scale (issue 9): the realisation list pages by position (cursor, no count), every other list
by number with a capped count; both documented in the schema."""

import pytest
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


def test_schema_documents_cursor_and_capped_count(client):
    schema = client.get("/api/schema/?format=json").json()
    realisasi = schema["paths"]["/api/v1/realisasi/"]["get"]
    assert "cursor" in {p["name"] for p in realisasi["parameters"]}
    ref = realisasi["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert "count" not in schema["components"]["schemas"][ref]["properties"]
    pegawai_ref = schema["paths"]["/api/v1/pegawai/"]["get"]["responses"]["200"]["content"]["application/json"]
    nama = pegawai_ref["schema"]["$ref"].rsplit("/", 1)[1]
    assert "count_terbatas" in schema["components"]["schemas"][nama]["properties"]
