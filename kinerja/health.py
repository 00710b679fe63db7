"""``GET /healthz``: is the database, the cache and the Celery broker reachable?

Answers JSON ``{"status": "ok"|"error", "checks": {"database": "ok", "cache": "ok", "broker": "error"}}`` with
200 when everything is up and 503 otherwise; the body names what is down, the log says why (the public body
never carries connection strings or exception text). Every check has a short timeout so that a load balancer
never waits on a dead dependency.

``GET /healthz?worker=1`` (DEBUG or staff only: it occupies a web thread for a few seconds) also queues the
``ping`` task and waits for a worker to answer, proving the whole asynchronous path end to end.
"""

import logging
import os
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection

logger = logging.getLogger(__name__)

BROKER_TIMEOUT = 2  # seconds
WORKER_TIMEOUT = 8  # seconds: the filesystem transport polls once a second


def check_database() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("SELECT 1 did not return 1")


def check_cache() -> None:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    try:
        if cache.get(key) != "1":
            raise RuntimeError("cache did not return the value just written")
    finally:
        cache.delete(key)


def check_broker() -> None:
    url = settings.CELERY_BROKER_URL
    if url.startswith("filesystem://"):
        options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
        for key in ("data_folder_in", "data_folder_out"):
            folder = options.get(key)
            if not folder or not os.path.isdir(folder) or not os.access(folder, os.W_OK | os.X_OK):
                raise RuntimeError(f"filesystem broker folder {key} is missing or not writable")
        return
    options = {"socket_connect_timeout": BROKER_TIMEOUT, "socket_timeout": BROKER_TIMEOUT}
    connection = Connection(url, connect_timeout=BROKER_TIMEOUT, transport_options=options)
    try:
        connection.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT)
    finally:
        connection.release()


def check_worker() -> None:
    from kinerja.tasks import ping

    # Plain apply_async, not delay_on_commit: nothing here is inside a transaction and we need the result handle.
    result = ping.apply_async()
    try:
        if result.get(timeout=WORKER_TIMEOUT) != "pong":
            raise RuntimeError("unexpected answer from the ping task")
    finally:
        result.forget()


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
}


def _run(name: str, check: Callable[[], None]) -> str:
    try:
        check()
    except Exception:
        logger.exception("Health check %s failed", name)
        return "error"
    return "ok"


def _may_ping_worker(request) -> bool:
    if settings.DEBUG:
        return True
    try:
        return request.user.is_staff
    except Exception:  # the session lives in the database, which may be the thing that is down
        return False


@never_cache
@require_GET
def healthz(request):
    checks = {name: _run(name, check) for name, check in CHECKS.items()}
    if request.GET.get("worker") == "1" and _may_ping_worker(request):
        checks["worker"] = "error" if checks["broker"] != "ok" else _run("worker", check_worker)
    down = [name for name, state in checks.items() if state != "ok"]
    body = {"status": "error" if down else "ok", "checks": checks}
    if down:
        body["message"] = _("Layanan tidak tersedia: %(layanan)s.") % {"layanan": ", ".join(down)}
    return JsonResponse(body, status=503 if down else 200)


@never_cache
@require_GET
def sehat(request):
    """``GET /sehat/``: the cheapest answer the app gives (no database, no cache): the baseline the load bench
    (bench/load_campuran.py) measures the pages against, and a liveness probe."""
    return HttpResponse("ok", content_type="text/plain")
