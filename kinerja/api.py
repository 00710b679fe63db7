"""Shared API pieces: pagination and the one JSON error shape for every 4xx.

Every error body looks like::

    {"error": {"status": 400, "code": "invalid", "message": "Data tidak valid: nip.", "fields": {"nip": ["..."]}}}

``fields`` is present only for validation errors (400), flat: one key per field, a nested field's key is its path
(``iki.0.target``), each with a list of messages. ``message`` is always a sentence in Indonesian (or the
request's language) that can be shown to a person as it is. The same shape is produced for errors raised by DRF
(401, 403, 404, 405, 406, 415, 429 …), for Django's ``ValidationError`` raised by services, for ``Http404`` raised by
the access layer, for unknown addresses under ``/api/`` (``api_not_found``), for requests Django refuses before a
view runs (more than ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` fields or query parameters, a body over
``DATA_UPLOAD_MAX_MEMORY_SIZE``: ``handler400``) and for unexpected server errors (``handler500``, status 500).
"""

from collections.abc import Sequence
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.core.paginator import Page as DjangoPage
from django.core.paginator import Paginator as DjangoPaginator
from django.db import connections
from django.db.models import QuerySet
from django.http import Http404, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import defaults
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import CursorPagination as BaseCursorPagination
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from kinerja.db import KonflikVersi

# Token first: an unauthenticated request gets 401 with this challenge, also when the session is the usual way in.
AUTH_HEADER = 'Token realm="api"'


# A viewset over the rows the signed-in user may see. ``scoped_queryset()`` gives those rows; while the OpenAPI schema
# is generated there is no user, so the class's empty ``queryset`` stands in. One object is looked up among the visible
# rows only: a row that does not exist and one the user may not see are the same 404, with ``not_found_message``. A
# viewset whose access layer has its own ``*_get_for_user`` overrides ``get_object``. (No docstring: drf-spectacular
# would copy it into the description of every endpoint of the viewsets that use it.)
class ScopedViewSetMixin:
    # Provided by the viewset this is mixed into (declared here for the type checker only).
    queryset: QuerySet[Any]
    kwargs: dict[str, Any]

    not_found_message = gettext_lazy("Data tidak ditemukan.")

    def scoped_queryset(self):
        raise NotImplementedError

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset.none()
        return self.scoped_queryset()

    def get_object(self):
        obj = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if obj is None:
            raise Http404(self.not_found_message)
        return obj


class Konflik(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "konflik"
    default_detail = gettext_lazy("Data ini sudah diubah di tempat lain sejak Anda membacanya. Muat ulang lalu ulangi.")


class _HalamanTerbatas(DjangoPage):
    """A page of a list whose count stopped at the cap: whether a next page exists is known from one row fetched
    beyond this page, not from the (unknown) number of pages."""

    def __init__(self, object_list, number, paginator, ada_berikut: bool | None = None) -> None:
        super().__init__(object_list, number, paginator)
        self.ada_berikut = ada_berikut

    def has_next(self) -> bool:
        if self.ada_berikut is not None:
            return self.ada_berikut
        return super().has_next()


class _PaginatorTerbatas(DjangoPaginator):
    """Page numbers whose cost does not grow with the data (issue 9).

    - ``count`` counts at most ``BATAS_HITUNG`` rows, without the list's ORDER BY (``SELECT COUNT(*) FROM (SELECT
      id ... LIMIT n)``: the order cannot change a count, and sorting 60,000 joined rows to count them was what made
      the province-wide lists slow). Beyond the cap the number of pages is unknown, but every page stays reachable:
      a page past the cap is read like any other and ``next`` is known from one extra row.
    - A page after the first picks its rows' keys on the ordering alone (an index-only walk) and reads the rows and
      their joined relations for those keys only (``pk IN (SELECT pk ... ORDER BY ... LIMIT n OFFSET m)``), instead
      of joining every skipped row. Same number of queries as a plain slice."""

    BATAS_HITUNG = 10_000

    @cached_property
    def count(self) -> int:
        qs = cast(QuerySet, self.object_list)  # the API lists page querysets
        if not qs.query.distinct_fields:
            qs = qs.order_by()
        return qs[: self.BATAS_HITUNG + 1].count()

    @property
    def terbatas(self) -> bool:
        return self.count > self.BATAS_HITUNG

    def validate_number(self, number):
        if not self.terbatas:
            return super().validate_number(number)
        try:
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from exc
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number

    def _baris(self, bottom: int, top: int):
        qs = cast(QuerySet, self.object_list)
        query = qs.query
        if (
            bottom == 0
            or query.distinct
            or query.combinator
            or any(getattr(a, "contains_aggregate", False) for a in query.annotations.values())
            or not connections[qs.db].features.allow_sliced_subqueries_with_in
        ):
            return qs[bottom:top]
        kunci = qs.values("pk")[bottom:top]
        return qs.filter(pk__in=kunci)[: top - bottom]

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if not self.terbatas:
            top = bottom + self.per_page
            if top + self.orphans >= self.count:
                top = self.count
            return _HalamanTerbatas(self._baris(bottom, top), number, self)
        rows = list(self._baris(bottom, bottom + self.per_page + 1))
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        return _HalamanTerbatas(rows[: self.per_page], number, self, ada_berikut=len(rows) > self.per_page)


class PermintaanDitolak(exceptions.APIException):
    """A request Django refused to read (``SuspiciousOperation``): too many fields, too large, and the like."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "bad_request"
    default_detail = gettext_lazy("Permintaan tidak dapat diproses.")


def _permintaan_ditolak(exc: SuspiciousOperation) -> PermintaanDitolak:
    if isinstance(exc, TooManyFieldsSent):
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        return PermintaanDitolak(
            _("Permintaan berisi terlalu banyak isian atau parameter (paling banyak %(batas)s).") % {"batas": limit},
            code="too_many_fields",
        )
    if isinstance(exc, TooManyFilesSent):
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FILES
        return PermintaanDitolak(
            _("Permintaan berisi terlalu banyak berkas (paling banyak %(batas)s).") % {"batas": limit},
            code="too_many_files",
        )
    if isinstance(exc, RequestDataTooBig):
        megabyte = (settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0) // (1024 * 1024)
        return PermintaanDitolak(
            _("Isi permintaan terlalu besar (paling banyak %(mb)s MB di luar berkas).") % {"mb": megabyte},
            code="request_too_large",
        )
    return PermintaanDitolak()


class Pagination(PageNumberPagination):
    """Page numbers, with ``count`` capped at 10.000 (``count_terbatas`` says when the cap was reached; pages past
    it stay reachable through ``next`` or a page number)."""

    django_paginator_class = _PaginatorTerbatas
    page_size_query_param = "page_size"
    max_page_size = 500
    # Lazy, so they follow the request's language; DRF formats them with str methods, the stubs want a plain str.
    invalid_page_message = gettext_lazy("Halaman tidak ditemukan.")  # type: ignore[assignment]
    page_query_description = gettext_lazy("Nomor halaman (mulai dari 1).")  # type: ignore[assignment]
    page_size_query_description = gettext_lazy(  # type: ignore[assignment]
        "Jumlah baris per halaman (bawaan 50, paling banyak 500)."
    )

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        paginator = cast(_PaginatorTerbatas, self.page.paginator)  # type: ignore[union-attr]  # set by paginate_queryset
        response.data["count"] = min(paginator.count, paginator.BATAS_HITUNG)
        response.data["count_terbatas"] = paginator.terbatas
        return response

    def get_paginated_response_schema(self, schema):
        hasil = super().get_paginated_response_schema(schema)
        hasil["properties"]["count"]["description"] = str(
            gettext_lazy("Jumlah baris, paling banyak 10.000 (lihat count_terbatas).")
        )
        hasil["properties"]["count_terbatas"] = {
            "type": "boolean",
            "description": str(
                gettext_lazy(
                    "Benar bila barisnya lebih dari 10.000: count berhenti di situ dan jumlah halaman tidak "
                    "diketahui; halaman berikutnya tetap dapat dibuka lewat next (ada selama masih ada baris)."
                )
            ),
        }
        hasil["required"] = [*hasil.get("required", []), "count_terbatas"]
        return hasil


class CursorPagination(BaseCursorPagination):
    """For the big collections (realisations: ~2 million rows a year): ``next`` / ``previous`` links carry a
    position, so a deep page costs what the first does, and there is no ``count`` (counting is what made the list
    slow). A viewset sets ``ordering`` to its own unique order."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "-pk"
    invalid_cursor_message = gettext_lazy("Penanda halaman tidak valid. Mulai lagi dari halaman pertama.")  # type: ignore[assignment]
    cursor_query_description = gettext_lazy(  # type: ignore[assignment]
        "Penanda posisi halaman, diambil dari tautan `next` atau `previous` (tanpa penanda: halaman pertama)."
    )
    page_size_query_description = gettext_lazy(  # type: ignore[assignment]
        "Jumlah baris per halaman (bawaan 50, paling banyak 500)."
    )


def _django_validation_fields(exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        fields = exc.message_dict
        if NON_FIELD_ERRORS in fields:
            fields = dict(fields)
            fields["non_field_errors"] = fields.pop(NON_FIELD_ERRORS)
        return fields
    return {"non_field_errors": exc.messages}


def _flat_fields(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF nests the errors of nested serializers and list items (``{"iki": [{}, {"target": [...]}]}``); the one
    shape has one level: ``{"iki.1.target": [...]}``. A list of messages stays a list of messages."""
    if isinstance(detail, dict):
        items = [(str(key), value) for key, value in detail.items()]
    elif isinstance(detail, list) and detail and not all(isinstance(item, str) for item in detail):
        items = [(str(index), value) for index, value in enumerate(detail)]
    else:
        messages = detail if isinstance(detail, list) else [detail]
        return {prefix or "non_field_errors": [str(message) for message in messages]} if messages else {}
    flat: dict[str, list[str]] = {}
    for key, value in items:
        flat.update(_flat_fields(value, f"{prefix}.{key}" if prefix else key))
    return flat


def _validation_message(detail) -> str:
    """A readable summary: the message itself when there is one field (or none) to point at, else the fields to fix."""
    if isinstance(detail, list):
        return str(detail[0]) if detail else _("Data tidak valid.")
    if isinstance(detail, dict):
        general = detail.get("non_field_errors")
        if general:
            return str(general[0])
        if len(detail) == 1:
            (errors,) = detail.values()
            if isinstance(errors, list) and errors and isinstance(errors[0], str):
                return str(errors[0])
        if detail:
            return _("Data tidak valid: periksa isian %(fields)s.") % {"fields": ", ".join(str(k) for k in detail)}
    return _("Data tidak valid.")


def _message(exc: exceptions.APIException, context) -> str:
    request = context.get("request") if context else None
    if isinstance(exc, exceptions.NotAuthenticated):
        return _("Anda belum masuk. Masuk terlebih dahulu atau kirim header 'Authorization: Token <token>'.")
    if isinstance(exc, exceptions.AuthenticationFailed):
        return _("Autentikasi gagal: token tidak valid atau sudah dicabut, atau akun tidak aktif.")
    if isinstance(exc, exceptions.MethodNotAllowed):
        method = request.method if request is not None else ""
        return _("Metode %(method)s tidak diizinkan pada alamat ini.") % {"method": method}
    if isinstance(exc, exceptions.Throttled):
        wait: float | None = exc.wait  # type: ignore[attr-defined]  # set by Throttled.__init__, not in the stubs
        if wait is not None:
            return _("Terlalu banyak permintaan. Coba lagi dalam %(detik)d detik.") % {"detik": max(1, round(wait))}
        return _("Terlalu banyak permintaan. Coba lagi nanti.")
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return _("Jenis isi permintaan tidak didukung; kirim JSON (Content-Type: application/json).")
    if isinstance(exc, exceptions.NotAcceptable):
        return _("Format jawaban yang diminta (header Accept) tidak tersedia; gunakan application/json.")
    if isinstance(exc, exceptions.ParseError):
        text = str(getattr(exc, "detail", ""))
        if text.startswith("Multipart form parse error"):
            return _(
                "Isi permintaan multipart tidak dapat dibaca: periksa Content-Type (termasuk boundary) dan isinya."
            )
        if text.startswith("JSON parse error"):
            return _("Isi permintaan tidak dapat dibaca: JSON tidak valid.")
        return _("Isi permintaan tidak dapat dibaca.")
    detail = getattr(exc, "detail", None)
    if isinstance(exc, exceptions.PermissionDenied) and str(detail).startswith("CSRF Failed"):
        return _("Token CSRF tidak ada atau tidak cocok. Muat ulang halaman lalu coba lagi.")
    if isinstance(exc, exceptions.NotFound) and str(detail) in ("Not found.", str(exc.default_detail)):
        return _("Data tidak ditemukan.")
    if isinstance(detail, str) and detail:
        return str(detail)
    return str(exc.default_detail)


def exception_handler(exc, context):
    """DRF's handler, then reshaped into the one error body.

    ``KonflikVersi`` (a stale ``versi``, ``kinerja.db``) becomes a 409 with code ``konflik``; Django's
    ``ValidationError`` (raised by services) becomes a 400 with ``fields``; ``Http404`` from the access
    layer a 404; a missing or bad login a 401 with a ``WWW-Authenticate`` challenge (DRF would coerce it to 403
    because session authentication, listed first, has no challenge).
    """
    if isinstance(exc, KonflikVersi):
        exc = Konflik(exc.messages[0])
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_django_validation_fields(exc))
    elif isinstance(exc, Http404):
        # The access layer raises Http404 with an Indonesian message; Django's own ("No X matches …") is replaced.
        text = str(exc)
        exc = exceptions.NotFound(
            text if text and "matches the given query" not in text else _("Data tidak ditemukan.")
        )
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    elif isinstance(exc, SuspiciousOperation):
        exc = _permintaan_ditolak(exc)
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        exc.status_code = status.HTTP_401_UNAUTHORIZED
        # DRF reads ``auth_header`` from the exception when present; the stubs do not declare it.
        exc.auth_header = getattr(exc, "auth_header", None) or AUTH_HEADER  # type: ignore[union-attr]
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    body = {"status": response.status_code, "code": _code(exc)}
    if isinstance(exc, exceptions.ValidationError):
        fields = _flat_fields(exc.detail)
        body["message"] = _validation_message(fields)
        body["fields"] = fields
    else:
        body["message"] = _message(exc, context)
    response.data = {"error": body}
    return response


def _code(exc: exceptions.APIException) -> str:
    if isinstance(exc, exceptions.PermissionDenied) and str(getattr(exc, "detail", "")).startswith("CSRF Failed"):
        return "csrf_failed"
    if isinstance(exc, PermintaanDitolak):
        return getattr(exc.detail, "code", None) or exc.default_code
    return getattr(exc, "default_code", "error")


def error_response(http_status: int, code: str, message: str) -> Response:
    return Response({"error": {"status": http_status, "code": code, "message": message}}, status=http_status)


# --- Errors Django answers itself (handler400 / handler500 in kinerja.urls) --------------------------------------


def _is_api(request) -> bool:
    return request.path_info.startswith("/api/")


def _json_error(http_status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": {"status": http_status, "code": code, "message": message}}, status=http_status)


def handler400(request, exception=None):
    """A ``SuspiciousOperation`` raised before or outside a DRF view (Django's ``response_for_exception``): the error
    shape under ``/api/``, Django's page elsewhere."""
    if not _is_api(request):
        return defaults.bad_request(request, exception)
    if isinstance(exception, SuspiciousOperation):
        refused = _permintaan_ditolak(exception)
        return _json_error(400, _code(refused), str(refused.detail))
    return _json_error(400, "bad_request", str(PermintaanDitolak.default_detail))


def handler500(request):
    """An unexpected error (already logged by Django with its traceback): the error shape under ``/api/``, without
    any detail of the failure; Django's page elsewhere."""
    if not _is_api(request):
        return defaults.server_error(request)
    return _json_error(
        500,
        "server_error",
        _("Terjadi kesalahan tak terduga di server. Kesalahan sudah dicatat; coba lagi nanti."),
    )


# --- The error shape in the OpenAPI schema ----------------------------------------------------------------------


class ErrorBodySerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="Kode status HTTP, sama dengan status jawaban.")
    code = serializers.CharField(help_text="Kode mesin, mis. invalid, not_found, not_authenticated, throttled.")
    message = serializers.CharField(help_text="Pesan untuk manusia, dalam bahasa Indonesia.")
    fields = serializers.DictField(  # type: ignore[assignment]  # the body's "fields" key shadows Serializer.fields
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Hanya untuk 400: pesan kesalahan per isian.",
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorBodySerializer()


def error_responses(*codes: int) -> dict:
    """``responses=`` entries for ``extend_schema``: the documented error codes of an endpoint."""
    # Imported here: DRF imports this module (pagination) while its generics are half-loaded.
    from drf_spectacular.utils import OpenApiResponse

    descriptions = {
        400: "Data tidak valid (lihat error.fields).",
        401: "Belum masuk atau token tidak valid.",
        403: "Tidak berwenang melakukan tindakan ini.",
        404: "Tidak ditemukan atau tidak boleh dilihat.",
        405: "Metode tidak diizinkan.",
        409: "Data sudah diubah di tempat lain sejak Anda membacanya (versi usang).",
        429: "Terlalu banyak permintaan.",
        500: "Kesalahan tak terduga di server.",
        503: "Layanan sementara tidak tersedia; tidak ada yang tersimpan. Coba lagi nanti.",
    }
    return {code: OpenApiResponse(ErrorSerializer, description=descriptions.get(code, "")) for code in codes}


def id_path():
    """The ``{id}`` path parameter, typed as an integer in the schema."""
    from drf_spectacular.types import OpenApiTypes
    from drf_spectacular.utils import OpenApiParameter

    return OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)


def api_doc(
    summary,
    *,
    ok: Any = None,
    ok_status: int = 200,
    errors: tuple[int, ...] = (401,),
    request: Any = ...,
    detail: bool = False,
    parameters: tuple = (),
    description=None,
    **extra: Any,
):
    """One endpoint's OpenAPI entry in one line: what it answers (``ok`` with ``ok_status``, or
    ``responses=`` for several media types), the error codes it
    documents, its request body and, for ``detail=True``, the ``{id}`` path parameter.

    ``api_doc(_l("Setujui SKP"), ok=s.SkpDetailSerializer, request=s.VersiInputSerializer, detail=True,
    errors=(400, 401, 403, 404, 409))`` stands for the ``extend_schema(...)`` it returns. Use it as a decorator on an
    ``@action`` or as a value of ``extend_schema_view(list=..., create=...)``."""
    from drf_spectacular.utils import extend_schema

    responses = extra.pop("responses", None) or {ok_status: ok}
    kwargs: dict[str, Any] = {"summary": summary, **extra}
    if description is not None:
        kwargs["description"] = description
    if request is not ...:
        kwargs["request"] = request
    params = [id_path()] if detail else []
    params.extend(parameters)
    if params:
        kwargs["parameters"] = params
    kwargs["responses"] = {**responses, **error_responses(*errors)}
    return extend_schema(**kwargs)


# --- Public endpoints ---------------------------------------------------------------------------------------------


class Publik:
    """Base (first in the bases) of an endpoint for anyone without an account: no authentication at all (no
    session, so no CSRF token for a citizen's client), no permission check."""

    authentication_classes: Sequence[Any] = ()
    permission_classes: Sequence[Any] = (AllowAny,)


# --- Unknown addresses under /api/ --------------------------------------------------------------------------------


class ApiNotFoundView(APIView):
    """Catch-all for ``/api/…`` addresses that match nothing: a 404 in the error shape, not Django's HTML page."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    schema = None  # not an endpoint: left out of the OpenAPI schema

    def http_method_not_allowed(self, request, *args, **kwargs):
        path = request.path
        if not path.endswith("/"):
            try:
                match = resolve(path + "/")
            except Resolver404:
                match = None
            if match is not None and getattr(match.func, "cls", None) is not ApiNotFoundView:
                raise exceptions.NotFound(
                    _("Alamat tidak ditemukan. Maksud Anda %(path)s/ (dengan garis miring di akhir)?") % {"path": path}
                )
        raise exceptions.NotFound(_("Alamat API tidak ditemukan."))


api_not_found = ApiNotFoundView.as_view()


__all__ = [
    "ErrorSerializer",
    "Konflik",
    "api_doc",
    "id_path",
    "CursorPagination",
    "Pagination",
    "ScopedViewSetMixin",
    "api_not_found",
    "error_response",
    "error_responses",
    "exception_handler",
    "handler400",
    "handler500",
    "status",
]
