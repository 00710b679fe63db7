"""The OpenAPI schema says what the API really sends and answers (checked by schemathesis, tests/test_schemathesis.py).

- Fields that are a URI or an e-mail address *or empty* (``blank=True`` model fields): DRF drops ``allow_blank``
  from read-only fields, so drf-spectacular would declare a bare ``format: uri``/``email`` that ``""`` breaks.
  ``UriAtauKosongField`` / ``EmailAtauKosongField`` declare "the format, or the empty string".
- ``lengkapi_jawaban_galat`` (a drf-spectacular postprocessing hook): the answers every operation can give because of
  the framework around it, in the one error shape — 404 for a page past the end or an invalid ``page`` on every
  paginated list, 400 for invalid query parameters or body (also "too many fields", ``kinerja.api.handler400``),
  401 for an operation that needs a login, 405 for a method the address does not offer.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

URI_ATAU_KOSONG = {"anyOf": [{"type": "string", "format": "uri"}, {"type": "string", "enum": [""]}]}
EMAIL_ATAU_KOSONG = {"anyOf": [{"type": "string", "format": "email"}, {"type": "string", "enum": [""]}]}


@extend_schema_field({**URI_ATAU_KOSONG, "readOnly": True})
class UriAtauKosongField(serializers.CharField):
    """A read-only URI that may be empty (``""``)."""


@extend_schema_field({**EMAIL_ATAU_KOSONG, "readOnly": True})
class EmailAtauKosongField(serializers.CharField):
    """A read-only e-mail address that may be empty (``""``)."""


_ERROR_REF = {"$ref": "#/components/schemas/Error"}
_DESKRIPSI = {
    "400": "Data atau parameter tidak valid (lihat error.fields), atau terlalu banyak isian.",
    "401": "Belum masuk atau token tidak valid.",
    "404": "Tidak ditemukan atau tidak boleh dilihat; untuk daftar: halaman di luar jangkauan.",
    "405": "Metode tidak diizinkan.",
}


def _tambah(operation: dict, code: str) -> None:
    responses = operation.setdefault("responses", {})
    if code not in responses:
        responses[code] = {"content": {"application/json": {"schema": _ERROR_REF}}, "description": _DESKRIPSI[code]}


def lengkapi_jawaban_galat(result, generator, request, public):
    """Postprocessing hook (``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]``): see the module's docstring."""
    if "Error" not in result.get("components", {}).get("schemas", {}):
        return result
    global_security = result.get("security")
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            parameters = operation.get("parameters", [])
            if any(p.get("in") == "query" and p.get("name") == "page" for p in parameters):
                _tambah(operation, "404")
            if any(p.get("in") == "query" for p in parameters) or "requestBody" in operation:
                _tambah(operation, "400")
            if any(p.get("in") == "path" for p in parameters):
                _tambah(operation, "404")
            security = operation.get("security", global_security) or []
            if security and {} not in security:
                _tambah(operation, "401")
    return result
