"""The client's address, read one way everywhere: DRF's throttles, django-axes and the audit log.

``KINERJA_TRUSTED_PROXIES`` (settings, default 0) is the number of reverse proxies in front of the app, each
appending the address it saw to ``X-Forwarded-For``. With 0 the header is ignored (anyone can forge it) and the
address is ``REMOTE_ADDR``; with N the client is the N-th address from the right of the header (the one the
outermost trusted proxy saw), as DRF reads it with ``NUM_PROXIES = N``.
"""

from auditlog.middleware import AuditlogMiddleware as _AuditlogMiddleware
from django.conf import settings


def alamat_klien(request) -> str:
    """The client address of a Django (or DRF) request, under ``KINERJA_TRUSTED_PROXIES``."""
    meta = request.META
    remote = meta.get("REMOTE_ADDR", "") or ""
    jumlah = getattr(settings, "KINERJA_TRUSTED_PROXIES", 0)
    xff = meta.get("HTTP_X_FORWARDED_FOR")
    if jumlah <= 0 or not xff:
        return remote
    alamat = [a.strip() for a in xff.split(",")]
    return alamat[-min(jumlah, len(alamat))] or remote


class AuditlogMiddleware(_AuditlogMiddleware):
    """django-auditlog's middleware, but the recorded ``remote_addr`` is ``alamat_klien`` (auditlog itself takes
    the first, forgeable, address of ``X-Forwarded-For``)."""

    @staticmethod
    def _get_remote_addr(request):
        if getattr(settings, "AUDITLOG_DISABLE_REMOTE_ADDR", False):  # set by auditlog.conf at start-up
            return None
        return alamat_klien(request) or None
