"""The client's address, read one way everywhere: DRF's throttles, django-axes and the audit log.

``KINERJA_TRUSTED_PROXIES`` (settings, default 0) is the number of reverse proxies in front of the app, each
appending the address it saw to ``X-Forwarded-For``. With 0 the header is ignored (anyone can forge it) and the
address is ``REMOTE_ADDR``; with N the client is the N-th address from the right of the header (the one the
outermost trusted proxy saw), as DRF reads it with ``NUM_PROXIES = N``.

The per-client rate limit of the public forms (a citizen's complaint, a support, a question on a report) lives here
too: ``klien_kunci`` (a keyed hash, never the address itself) and ``batas_klien`` (a fixed window in the cache).
"""

from auditlog.middleware import AuditlogMiddleware as _AuditlogMiddleware
from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _


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


class TerlaluSering(Exception):
    """A client asked too often (rate limit). The API answers 429, the page 429 with the message."""

    def __init__(self, detik: int):
        self.detik = detik
        super().__init__(_("Terlalu banyak permintaan. Coba lagi dalam %(detik)d detik.") % {"detik": detik})


def klien_kunci(ident: str) -> str:
    """A keyed hash of the client's address: what rate limits and supports remember (never the address)."""
    return salted_hmac("partisipasi.klien", ident or "-").hexdigest()[:32]


def batas_klien(*, ruang: str, aksi: str, klien: str) -> None:
    """Fixed-window rate limit per client in the project's cache (Redis in production, shared by all workers).

    ``<RUANG>_BATAS_<AKSI>`` (settings) = (count, seconds), e.g. ``PARTISIPASI_BATAS_PENGADUAN`` = 5 complaints per
    hour per client; (5, 3600) when not set."""
    jumlah, detik = getattr(settings, f"{ruang.upper()}_BATAS_{aksi.upper()}", (5, 3600))
    if hitung_jendela(f"{ruang}:batas:{aksi}:{klien}", detik) > jumlah:
        raise TerlaluSering(detik)


def hitung_jendela(kunci: str, detik: int) -> int:
    """A fixed-window counter in the project's cache: the count after this one, in the window of ``detik`` seconds
    that the first count opened."""
    cache.add(kunci, 0, timeout=detik)
    try:
        return cache.incr(kunci)
    except ValueError:  # expired between add and incr
        cache.set(kunci, 1, timeout=detik)
        return 1
