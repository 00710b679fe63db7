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

#: the files that take a minute or more each (servers in subprocesses, a browser over every page, the whole matrix),
#: the longest first (CI's junit)
BERAT = (
    "tests/test_schemathesis.py",
    "tests/test_browser_axe.py",
    "tests/test_akses_matrix.py",
    "tests/test_cadangan.py",
    "tests/test_browser_ponsel.py",
    "tests/test_akses_matrix_api.py",
)
TANDA_LAMBAT = ("browser", "gangguan", "worker")


def pytest_configure(config):
    """pytest-xdist's ``--dist loadfile`` hands out files by default in its own order, the files with the most
    tests first (``--loadscope-reorder``): the long files of BERAT have few tests, so they started last and the run
    ended with one of them on one worker while the other idled (the schemathesis file began at 94 %). Off, so that
    the files go out in the order ``pytest_collection_modifyitems`` gives."""
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False


def pytest_collection_modifyitems(config, items):
    """The long files first (the longest first, in BERAT's order), then the other slow ones (browser, faults, real
    workers), then the rest: pytest-xdist hands out files in this order (``pytest_configure``), so that the end of
    ``make test`` is many short files shared by both workers, not one long file while the other worker idles. The
    same order in every worker (a stable sort by fixed keys)."""

    def berat(item) -> tuple[int, int]:
        berkas = item.nodeid.split("::")[0]
        if berkas in BERAT:
            return 0, BERAT.index(berkas)
        return (1 if any(item.get_closest_marker(t) for t in TANDA_LAMBAT) else 2), 0

    items.sort(key=berat)


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


@pytest.fixture
def admin_lain(dinas_lain):
    """An admin unit of another unit (dinas_lain): the IDOR probe of the unit-scoped pages and endpoints."""
    user = UserFactory(username="admin.lain")
    services.peran_grant(actor=None, user=user, peran=PeranAdmin.Peran.ADMIN_UNIT, unit=dinas_lain)
    return user


@pytest.fixture
def dunia_akses(
    monkeypatch,
    settings,
    tmp_path,
    pegawai,
    penilai,
    atasan,
    outsider,
    admin_unit,
    admin_lain,
    admin_bkd,
    dinas,
    bidang,
):
    """The objects of the route × role matrix (tests/akses_uji.py), on the indikator tests' fixed day (realisation of
    triwulan III open), with a private cache (the token throttle counts requests) and a temporary media directory."""
    from django.db import transaction
    from django.utils import timezone

    from tests.akses_uji import bangun_dunia
    from tests.indikator.factories import HARI_UJI

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: HARI_UJI)
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "matrix"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    # One transaction, as the services expect (some lock rows): a live-server test runs in autocommit.
    with transaction.atomic():
        return bangun_dunia(
            pegawai=pegawai,
            penilai=penilai,
            atasan=atasan,
            outsider=outsider,
            admin_unit=admin_unit,
            admin_lain=admin_lain,
            admin_bkd=admin_bkd,
            dinas=dinas,
            bidang=bidang,
        )


@pytest.fixture
def sesi_akses(dunia_akses):
    """A signed-in session per actor of the matrix (tests/akses_uji.AKTOR)."""
    from tests.akses_uji import sesi_per_aktor

    return sesi_per_aktor(dunia_akses)
