"""Shared API pieces: pagination and the one JSON error shape for every 4xx.

Every error body looks like::

    {"error": {"status": 400, "code": "invalid", "message": "Data tidak valid.", "fields": {"nip": ["..."]}}}
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


def _message_for(exc: Exception, default: str) -> str:
    detail = getattr(exc, "detail", None)
    if isinstance(detail, str):
        return detail
    return default


def exception_handler(exc, context):
    """DRF's handler, then reshaped; Django's own ValidationError (raised by services) becomes a 400."""
    if isinstance(exc, DjangoValidationError):
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(fields)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Data tidak ditemukan."))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    fields = None
    if isinstance(exc, exceptions.ValidationError):
        message = _("Data tidak valid.")
        detail = exc.detail
        fields = detail if isinstance(detail, dict) else {"non_field_errors": detail}
        if isinstance(detail, list) and detail:
            message = str(detail[0])
    else:
        message = _message_for(exc, response.status_text)
    code = getattr(exc, "default_code", "error")
    body = {"status": response.status_code, "code": code, "message": message}
    if fields is not None:
        body["fields"] = fields
    response.data = {"error": body}
    return response


def error_response(http_status: int, code: str, message: str) -> Response:
    return Response({"error": {"status": http_status, "code": code, "message": message}}, status=http_status)


__all__ = ["Pagination", "error_response", "exception_handler", "status"]
