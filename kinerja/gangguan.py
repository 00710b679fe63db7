"""A database that does not answer (restart, failover, network) gives a fast, clean 503 instead of a 500.

``GangguanMiddleware`` turns ``OperationalError`` / ``InterfaceError`` raised by a view into 503 with
``Retry-After``: the one JSON error shape under ``/api/``, a short page elsewhere. Nothing was half-saved: the
transaction of the failed write was rolled back by the database. Once the server is back, the next request opens a
new connection (``CONN_HEALTH_CHECKS``), without restarting the app.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

COBA_LAGI_DETIK = 5


def pesan_gangguan() -> str:
    return _("Layanan sedang terganggu: basis data tidak dapat dihubungi. Tidak ada yang disimpan; coba lagi sebentar.")


def jawaban_gangguan(request) -> HttpResponse:
    """The 503 answer for ``request`` (also for the API's exception handler, should it catch every error)."""
    pesan = pesan_gangguan()
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"error": {"status": 503, "code": "service_unavailable", "message": pesan}}, status=503
        )
    else:
        # No template: rendering one would run context processors that query the database.
        judul = escape(_("Layanan sedang terganggu"))
        response = HttpResponse(
            f'<!doctype html><html lang="id"><meta charset="utf-8"><title>{judul}</title>'
            f"<h1>{judul}</h1><p>{escape(pesan)}</p></html>",
            status=503,
        )
    response["Retry-After"] = str(COBA_LAGI_DETIK)
    response["Cache-Control"] = "no-store"
    return response


class GangguanMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            logger.warning("Basis data tidak menjawab (%s %s): %s", request.method, request.path, exception)
            return jawaban_gangguan(request)
        return None
