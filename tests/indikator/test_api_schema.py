"""Every page of indikator has its door in the API, documented in the OpenAPI schema (issue 3: "everything above
through /api/v1/ ... documented in the OpenAPI schema"). The table below is the map from each HTML address to the
API operation that does the same; a new page without an API counterpart fails here."""

import pytest
from drf_spectacular.generators import SchemaGenerator

import indikator.urls

#: HTML url name -> (method, API path) doing the same thing
HTML_KE_API = {
    "skp-saya": [("get", "/api/v1/skp/saya/"), ("post", "/api/v1/skp/")],
    "skp-detail": [("get", "/api/v1/skp/{id}/")],
    "skp-lampiran": [("patch", "/api/v1/skp/{id}/")],
    "skp-ajukan": [("post", "/api/v1/skp/{id}/ajukan/")],
    "skp-kembalikan": [("post", "/api/v1/skp/{id}/kembalikan/")],
    "skp-setujui": [("post", "/api/v1/skp/{id}/setujui/")],
    "skp-revisi": [("post", "/api/v1/skp/{id}/revisi/")],
    "skp-ekspektasi": [("post", "/api/v1/skp/{id}/ekspektasi/")],
    "skp-dialog": [("post", "/api/v1/skp/{id}/dialog/"), ("get", "/api/v1/dialog-kinerja/")],
    "skp-pdf": [("get", "/api/v1/skp/{id}/pdf/")],
    "rhk-tambah": [("post", "/api/v1/rhk/"), ("get", "/api/v1/skp/{id}/pilihan-tautan/")],
    "rhk-ubah": [("patch", "/api/v1/rhk/{id}/")],
    "rhk-hapus": [("delete", "/api/v1/rhk/{id}/")],
    "iki-tambah": [("post", "/api/v1/iki/")],
    "iki-ubah": [("patch", "/api/v1/iki/{id}/")],
    "iki-hapus": [("delete", "/api/v1/iki/{id}/")],
    "iki-realisasi": [("get", "/api/v1/realisasi/"), ("get", "/api/v1/umpan-balik/")],
    "realisasi-simpan": [("post", "/api/v1/realisasi/"), ("patch", "/api/v1/realisasi/{id}/")],
    "umpan-balik-tambah": [("post", "/api/v1/umpan-balik/")],
    "umpan-balik-balas": [("post", "/api/v1/umpan-balik/{id}/balas/")],
    "bukti-hapus": [("delete", "/api/v1/bukti-dukung/{id}/")],
    "bukti-unduh": [("get", "/api/v1/bukti-dukung/{id}/unduh/")],
    "dasbor": [("get", "/api/v1/dasbor/")],
    "tim": [("get", "/api/v1/tim/")],
    # the per-unit counts are the admin's to-do items; the list behind each number is the SKP list
    "pemantauan": [("get", "/api/v1/skp/"), ("get", "/api/v1/tugas/")],
    "tim-xlsx": [("get", "/api/v1/tim/xlsx/")],
    "kaskade": [("post", "/api/v1/kaskade/")],
    "periode": [("get", "/api/v1/periode/"), ("post", "/api/v1/periode/"), ("get", "/api/v1/periode/aktif/")],
    "periode-status": [("post", "/api/v1/periode/{id}/buka/"), ("post", "/api/v1/periode/{id}/tutup/")],
    "pembukaan-kembali": [("get", "/api/v1/pembukaan-kembali/"), ("post", "/api/v1/pembukaan-kembali/")],
    "indikator-unit": [
        ("get", "/api/v1/indikator-unit/"),
        ("post", "/api/v1/indikator-unit/"),
        ("post", "/api/v1/indikator-unit/impor/"),
    ],
}


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_every_indikator_page_is_mapped_to_the_api():
    names = {p.name for p in indikator.urls.urlpatterns}
    assert names == set(HTML_KE_API)


@pytest.mark.parametrize("name", sorted(HTML_KE_API))
def test_the_api_counterpart_of_each_page_is_documented(schema, name):
    for method, path in HTML_KE_API[name]:
        operation = schema["paths"].get(path, {}).get(method)
        assert operation is not None, f"{method.upper()} {path} ({name}) is not in the OpenAPI schema"
        assert operation.get("summary"), f"{method.upper()} {path} has no summary"
        documented = {str(code) for code in operation["responses"]}
        assert "401" in documented, f"{method.upper()} {path} does not document 401"
