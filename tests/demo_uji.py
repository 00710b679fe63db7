"""One ``seed_demo`` for all the tests of a file that only read the demo (``seed_demo`` is the slowest thing a test
does: two appraisal years of ~200 pegawai).

``demo_sekali`` seeds inside a transaction that stays open while the file's tests run: each test still runs in its own
savepoint inside it (pytest-django's ``db`` rolls it back after the test, so a test that writes, e.g. seeding a
second time, leaves the demo as it found it), and the transaction is rolled back after the file's last test, so the
next file finds the database as migrations left it. The seed runs as a test's would: DEBUG on (``seed_demo`` refuses
otherwise), the fast password hasher, tasks in process, the default language, media in a temporary folder and,
when given, a fixed day.

Only for files whose tests all use ``db`` (not ``transactional_db`` or a live server: those need the data
committed). Used as a module-scoped fixture::

    @pytest.fixture(scope="module")
    def demo(django_db_setup, django_db_blocker, tmp_path_factory):
        with demo_sekali(django_db_blocker, media=tmp_path_factory.mktemp("media"), hari=dt.date(2026, 12, 1)):
            yield
"""

import contextlib
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone, translation

from kinerja.celery import app as celery_app


@contextlib.contextmanager
def demo_sekali(django_db_blocker, *, media: Path, hari: dt.date | None = None) -> Iterator[None]:
    atomic = transaction.atomic()
    eager = celery_app.conf.task_always_eager
    with (
        django_db_blocker.unblock(),
        pytest.MonkeyPatch.context() as mp,
        override_settings(
            DEBUG=True, MEDIA_ROOT=media, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
        ),
    ):
        if hari is not None:
            mp.setattr(timezone, "localdate", lambda *args, **kwargs: hari)
        celery_app.conf.task_always_eager = True
        translation.activate(settings.LANGUAGE_CODE)
        atomic.__enter__()
        try:
            call_command("seed_demo", stdout=io.StringIO())
        except BaseException as exc:
            atomic.__exit__(type(exc), exc, exc.__traceback__)
            raise
        finally:
            celery_app.conf.task_always_eager = eager
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
