"""The OpenAPI schema says what the API sends (issue 8): each mismatch schemathesis found, pinned here so that it
stays fixed without a live server (tests/test_schemathesis.py runs the whole check)."""

import pytest
from drf_spectacular.generators import SchemaGenerator
from jsonschema import Draft7Validator, FormatChecker
from rest_framework.test import APIClient

from tests.cache_uji import kosongkan_cache


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.fixture(autouse=True)
def _clean_cache():
    kosongkan_cache()
    yield
    kosongkan_cache()


def _valid(schema, component: str, value) -> bool:
    """Does ``value`` satisfy the component's property schema (refs resolved within the document)?"""
    name, prop = component.split(".")
    sub = {**schema["components"]["schemas"][name]["properties"][prop], "components": schema["components"]}
    sub = _resolve(sub, schema)
    return Draft7Validator(sub, format_checker=FormatChecker()).is_valid(value)


def _resolve(node, schema):
    if isinstance(node, dict):
        if "$ref" in node:
            return _resolve(schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]], schema)
        resolved = {k: _resolve(v, schema) for k, v in node.items() if k not in ("components", "nullable")}
        if node.get("nullable"):  # OpenAPI 3.0's nullable, in JSON Schema terms
            return {"anyOf": [resolved, {"type": "null"}]}
        return resolved
    if isinstance(node, list):
        return [_resolve(v, schema) for v in node]
    return node


def test_blank_values_the_api_sends_are_declared(schema):
    assert _valid(schema, "BuktiDukung.url", "")
    assert _valid(schema, "BuktiDukung.url", "https://contoh.go.id/laporan.pdf")
    assert _valid(schema, "Akun.email", "") and _valid(schema, "PegawaiDetail.email", "")
    assert not _valid(schema, "Akun.email", "bukan-email")
    assert _valid(schema, "IndikatorUnit.perspektif", "") and _valid(schema, "Rhk.perspektif", "")
    assert _valid(schema, "IndikatorUnit.perspektif", "anggaran")
    assert not _valid(schema, "IndikatorUnit.perspektif", "lain")


def test_blank_choices_of_an_evaluation_and_an_objection_are_declared(schema):
    # A rating not given yet, a decision not taken, a draft's rating hidden from its pegawai: the API sends "".
    for component in (
        "Evaluasi.rating_hasil_kerja",
        "Evaluasi.saran_hasil_kerja",
        "Evaluasi.predikat",
        "Evaluasi.area_pengembangan",
        "Evaluasi.mandiri_perilaku",
        "Keberatan.keputusan",
        "Keberatan.rating_hasil_kerja_semula",
        "Keberatan.predikat_semula",
        "Keberatan.bukti_tautan",
    ):
        assert _valid(schema, component, ""), component
    assert _valid(schema, "Evaluasi.rating_hasil_kerja", "sesuai")
    assert not _valid(schema, "Evaluasi.rating_hasil_kerja", "lain")
    assert _valid(schema, "Keberatan.bukti_tautan", "https://contoh.go.id/bukti.pdf")
    # A step of a complaint that moved it to no unit.
    assert _valid(schema, "Riwayat.unit_tujuan", None) and _valid(schema, "Riwayat.unit_tujuan", "Kelurahan Gondangdia")


def test_unduh_is_an_absolute_url_or_null(schema, client, pegawai):
    from indikator.api.serializers import BuktiDukungSerializer

    assert _valid(schema, "BuktiDukung.unduh", None)
    assert _valid(schema, "BuktiDukung.unduh", "http://testserver/api/v1/bukti-dukung/1/unduh/")
    # (format "uri" is checked by schemathesis; jsonschema's checker needs an extra package for it)

    class Berkas:
        pk, jenis = 7, "berkas"

    from django.test import RequestFactory

    request = RequestFactory().get("/api/v1/bukti-dukung/")
    field = BuktiDukungSerializer(context={"request": request})
    assert field.get_unduh(Berkas()) == "http://testserver/api/v1/bukti-dukung/7/unduh/"


def test_evidence_download_declares_every_file_type_it_serves(schema):
    from indikator.bukti import TIPE_DIIZINKAN

    content = schema["paths"]["/api/v1/bukti-dukung/{id}/unduh/"]["get"]["responses"]["200"]["content"]
    assert set(TIPE_DIIZINKAN) <= set(content)
    assert "application/octet-stream" not in content


def test_every_paginated_list_documents_its_404_page(schema):
    lists = [
        (path, item["get"])
        for path, item in schema["paths"].items()
        if "get" in item and any(p.get("name") == "page" for p in item["get"].get("parameters", []))
    ]
    assert len(lists) > 10
    missing = [path for path, op in lists if 404 not in op["responses"] and "404" not in op["responses"]]
    assert missing == []


@pytest.mark.django_db
def test_page_zero_answers_the_documented_404_in_the_shape(client, pegawai):
    client.force_login(pegawai.user)
    response = client.get("/api/v1/pegawai/", {"page": 0})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "put", "patch"])
def test_undeclared_methods_on_token_answer_405(method, db):
    response = getattr(APIClient(), method)("/api/v1/token/")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


@pytest.mark.django_db
def test_revoking_a_token_still_needs_a_login():
    response = APIClient().delete("/api/v1/token/")
    assert response.status_code == 401


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/partisipasi/pengaduan/%C3%9A/", "/api/v1/partisipasi/petugas/pengaduan/9x_/"])
def test_a_non_numeric_id_is_a_json_404_not_a_500(client, admin_bkd, url):
    client.force_login(admin_bkd)
    response = client.get(url)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.django_db
def test_an_id_filter_beyond_bigint_is_a_400_not_a_500(client, admin_bkd):
    client.force_login(admin_bkd)
    response = client.get("/api/v1/indikator-unit/", {"unit": "46652100076498367545344"})
    assert response.status_code == 400
    assert "unit" in response.json()["error"]["fields"]
