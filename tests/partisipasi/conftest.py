"""Fixtures of the complaint tests: a slice of Jakarta's unit tree and the complaint roles on it.

pemprov ─ kota (Jakarta Pusat) ─ kecamatan (Menteng) ─ kel_a (Menteng) / kel_b (Gondangdia)
        └ dinas (Dinas Uji, from tests/conftest.py: the unit a complaint is forwarded to)

lurah_a heads kel_a (his atasan, the camat, works in the kecamatan); petugas_a / petugas_b handle complaints of
kel_a / kel_b; moderator_a moderates kel_a; admin_kota administers the kota and grants the roles.
The clock is fixed (``jam``) and can be moved: ``jam.set(datetime)``, ``jam.maju(days=…)``.
"""

import datetime as dt

import pytest
from django.utils import timezone

from kepegawaian import services as kepegawaian_services
from kepegawaian.models import Jabatan, PeranAdmin
from partisipasi import services
from partisipasi.models import PetugasPengaduan
from tests.cache_uji import kosongkan_cache
from tests.kepegawaian.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory, UserFactory
from tests.partisipasi.factories import KategoriFactory

JAKARTA = dt.timezone(dt.timedelta(hours=7))
# Wednesday 15 July 2026, 10:00 in Jakarta.
AWAL = dt.datetime(2026, 7, 15, 10, 0, tzinfo=JAKARTA)


class Jam:
    def __init__(self, sekarang):
        self.sekarang = sekarang

    def set(self, sekarang):
        self.sekarang = sekarang

    def maju(self, **delta):
        self.sekarang = self.sekarang + dt.timedelta(**delta)

    def __call__(self):
        return self.sekarang


@pytest.fixture(autouse=True)
def jam(monkeypatch):
    clock = Jam(AWAL)
    monkeypatch.setattr(timezone, "now", clock)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: timezone.localtime(clock()).date())
    return clock


@pytest.fixture(autouse=True)
def media_sementara(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def _cache_bersih():

    kosongkan_cache()
    yield
    kosongkan_cache()


@pytest.fixture
def kota(pemprov):
    return UnitKerjaFactory(kode="KOTA-JP", nama="Kota Administrasi Jakarta Pusat", jenis="kota", parent=pemprov)


@pytest.fixture
def kecamatan(kota):
    return UnitKerjaFactory(kode="KEC-MENTENG", nama="Kecamatan Menteng", jenis="kecamatan", parent=kota)


@pytest.fixture
def kel_a(kecamatan):
    return UnitKerjaFactory(kode="KEL-MENTENG", nama="Kelurahan Menteng", jenis="kelurahan", parent=kecamatan)


@pytest.fixture
def kel_b(kecamatan):
    return UnitKerjaFactory(kode="KEL-GONDANGDIA", nama="Kelurahan Gondangdia", jenis="kelurahan", parent=kecamatan)


@pytest.fixture
def admin_kota(kota):
    user = UserFactory(username="admin.kota")
    kepegawaian_services.peran_grant(actor=None, user=user, peran=PeranAdmin.Peran.ADMIN_UNIT, unit=kota)
    return user


def _petugas(username, unit, peran, admin):
    user = UserFactory(username=username)
    services.petugas_grant(actor=admin, user=user, unit=unit, peran=peran)
    return user


@pytest.fixture
def petugas_a(kel_a, admin_kota):
    return _petugas("petugas.a", kel_a, PetugasPengaduan.Peran.PETUGAS, admin_kota)


@pytest.fixture
def petugas_b(kel_b, admin_kota):
    return _petugas("petugas.b", kel_b, PetugasPengaduan.Peran.PETUGAS, admin_kota)


@pytest.fixture
def petugas_dinas(dinas, admin_bkd):
    return _petugas("petugas.dinas", dinas, PetugasPengaduan.Peran.PETUGAS, admin_bkd)


@pytest.fixture
def moderator_a(kel_a, admin_kota):
    return _petugas("moderator.a", kel_a, PetugasPengaduan.Peran.MODERATOR, admin_kota)


@pytest.fixture
def lurah_a(kel_a, kecamatan):
    camat = PegawaiFactory(user=UserFactory(username="camat"), unit=kecamatan)
    lurah = JabatanFactory(nama="Lurah", jenis=Jabatan.Jenis.ADMINISTRATOR)
    return PegawaiFactory(user=UserFactory(username="lurah.a"), unit=kel_a, atasan=camat, jabatan=lurah)


@pytest.fixture
def kategori(db):
    return KategoriFactory(kode="kebersihan", nama="Kebersihan lingkungan", batas_respons_hari=3, batas_selesai_hari=5)
