"""Named actors shared by every app's tests.

pemprov ─ dinas (Dinas Uji) ─ bidang
        └ dinas_lain

atasan (kepala dinas)  ─ penilai (kepala bidang) ─ pegawai
outsider works in dinas_lain; admin_unit administers `dinas`; admin_bkd the whole province.
"""

import pytest
from django.conf import settings
from django.utils import translation

from kepegawaian import services
from kepegawaian.models import Jabatan, PeranAdmin
from kinerja.celery import app as celery_app
from tests.api_helpers import logged_in
from tests.kepegawaian.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory, UserFactory

pytest_plugins = ["tests.browser"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is deliberately slow; tests create many logins. (tests/test_settings.py checks Argon2 is the default.)"""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _indonesian_first():
    """Each test starts in the default language: a request in English must not leak into the next test."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _celery_runs_in_process():
    """Tasks queued by a test run in the test process instead of landing in a real broker (var/celery or Redis).
    tests/test_celery_worker.py switches this off to check a real worker."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def as_user(client):
    """``as_user(user)``: the test client signed in as that user (or pegawai)."""

    def login(user):
        return logged_in(client, user)

    return login


@pytest.fixture
def pemprov(db):
    return UnitKerjaFactory(kode="PEMPROV", nama="Pemprov DKI Jakarta", jenis="pemprov")


@pytest.fixture
def dinas(pemprov):
    return UnitKerjaFactory(kode="DINAS-UJI", nama="Dinas Uji", jenis="perangkat_daerah", parent=pemprov)


@pytest.fixture
def bidang(dinas):
    return UnitKerjaFactory(kode="DINAS-UJI-B1", nama="Bidang Uji", jenis="bidang", parent=dinas)


@pytest.fixture
def dinas_lain(pemprov):
    return UnitKerjaFactory(kode="DINAS-LAIN", nama="Dinas Lain", jenis="perangkat_daerah", parent=pemprov)


def _pegawai_with_login(username, **kwargs):
    user = UserFactory(username=username)
    return PegawaiFactory(user=user, **kwargs)


@pytest.fixture
def atasan(dinas):
    return _pegawai_with_login(
        "atasan",
        nama="Ahmad Atasan",
        unit=dinas,
        jabatan=JabatanFactory(nama="Kepala Dinas Uji", jenis=Jabatan.Jenis.JPT),
    )


@pytest.fixture
def penilai(bidang, atasan):
    return _pegawai_with_login(
        "penilai",
        nama="Putri Penilai",
        unit=bidang,
        atasan=atasan,
        jabatan=JabatanFactory(nama="Kepala Bidang Uji", jenis=Jabatan.Jenis.ADMINISTRATOR),
    )


@pytest.fixture
def pegawai(bidang, penilai):
    return _pegawai_with_login(
        "pegawai",
        nama="Budi Pegawai",
        unit=bidang,
        atasan=penilai,
        jabatan=JabatanFactory(nama="Analis Uji", jenis=Jabatan.Jenis.PELAKSANA),
    )


@pytest.fixture
def outsider(dinas_lain):
    return _pegawai_with_login("outsider", nama="Oscar Luar", unit=dinas_lain)


@pytest.fixture
def admin_unit(dinas):
    user = UserFactory(username="admin.unit")
    services.peran_grant(actor=None, user=user, peran=PeranAdmin.Peran.ADMIN_UNIT, unit=dinas)
    return user


@pytest.fixture
def admin_bkd(pemprov):
    user = UserFactory(username="admin.bkd")
    services.peran_grant(actor=None, user=user, peran=PeranAdmin.Peran.ADMIN_BKD)
    return user


@pytest.fixture
def anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()
