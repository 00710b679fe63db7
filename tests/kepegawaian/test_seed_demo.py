"""`manage.py seed_demo`: the demo slice of Pemprov DKI, its five logins, and its guards."""

import io
import random

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError

from kepegawaian import demo
from kepegawaian.access import akses_for, peran_labels
from kepegawaian.models import Pegawai, PeranAdmin, UnitKerja, User
from kepegawaian.validators import nip_parts
from kinerja.management.commands import seed_demo


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True  # pytest-django runs tests with DEBUG off


@pytest.fixture
def kepegawaian_only(monkeypatch):
    """Only this app's step: the other apps' steps are tested with their apps."""
    monkeypatch.setattr(seed_demo, "STEPS", [demo.seed])


def test_seed_demo_creates_the_five_logins_with_their_roles(db, debug_on):
    call_command("seed_demo", stdout=io.StringIO())

    for username in ("demo.admin", "demo.unit", "demo.atasan", "demo.penilai", "demo.pegawai"):
        assert User.objects.get(username=username).check_password("kinerja-demo"), username
    admin = User.objects.get(username="demo.admin")
    assert akses_for(admin).is_bkd
    unit_admin = User.objects.get(username="demo.unit")
    grant = PeranAdmin.objects.get(user=unit_admin)
    assert (grant.peran, grant.unit.kode, grant.unit.jenis) == ("admin_unit", "DISDIK", "perangkat_daerah")

    pegawai = Pegawai.objects.get(user__username="demo.pegawai")
    assert pegawai.atasan.user.username == "demo.penilai"
    assert pegawai.atasan.atasan.user.username == "demo.atasan"
    assert "Pejabat penilai" in peran_labels(User.objects.get(username="demo.penilai"))
    assert "Atasan pejabat penilai" in peran_labels(User.objects.get(username="demo.atasan"))
    assert pegawai.unit.path.startswith(grant.unit.path)  # demo.unit manages the demo chain


def test_seed_demo_builds_a_realistic_slice_with_a_complete_supervisor_chain(db, debug_on, kepegawaian_only):
    call_command("seed_demo", stdout=io.StringIO())

    semua = Pegawai.objects.select_related("jabatan", "unit")
    assert 180 <= semua.count() <= 220
    for p in semua:
        nip_parts(p.nip)  # raises on an invalid NIP
    assert [p.jabatan.nama for p in semua.filter(atasan__isnull=True)] == ["Sekretaris Daerah Provinsi DKI Jakarta"]
    assert {p.jabatan.jenis for p in semua} == {"jpt", "administrator", "pengawas", "pelaksana", "fungsional"}
    kelurahan = UnitKerja.objects.get(kode="KEL-GONDANGDIA")
    assert [u.nama for u in UnitKerja.objects.get_ancestors(kelurahan)] == [
        "Pemerintah Provinsi DKI Jakarta",
        "Kota Administrasi Jakarta Pusat",
        "Kecamatan Menteng",
    ]
    sekolah = UnitKerja.objects.filter(jenis="sekolah", path__startswith=UnitKerja.objects.get(kode="DISDIK").path)
    assert sekolah.count() >= 3
    guru = semua.filter(unit__in=sekolah, jabatan__nama__startswith="Guru", jabatan__jenis="fungsional")
    assert guru.count() >= 30
    assert UnitKerja.objects.filter(jenis="upt", nama__contains="Puskesmas").exists()


def test_seed_demo_twice_changes_nothing(db, debug_on, kepegawaian_only):
    call_command("seed_demo", stdout=io.StringIO())
    nips = set(Pegawai.objects.values_list("nip", flat=True))
    logs = LogEntry.objects.count()

    call_command("seed_demo", stdout=io.StringIO())

    assert set(Pegawai.objects.values_list("nip", flat=True)) == nips
    assert LogEntry.objects.count() == logs


def test_demo_rows_are_deterministic():
    assert demo.bangun(random.Random(demo.BENIH)) == demo.bangun(random.Random(demo.BENIH))


def test_seed_demo_if_empty_does_nothing_when_units_exist(pemprov, debug_on):
    call_command("seed_demo", "--if-empty", stdout=io.StringIO())

    assert not Pegawai.objects.exists()
    assert not User.objects.filter(username__startswith="demo.").exists()


def test_seed_demo_refuses_with_debug_off(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")

    assert not UnitKerja.objects.exists()
    assert not User.objects.filter(username__startswith="demo.").exists()


def test_every_demo_pegawai_signs_in_with_his_nip_and_the_demo_password(client, db, debug_on, kepegawaian_only):
    call_command("seed_demo", stdout=io.StringIO())

    semua = Pegawai.objects.filter(aktif=True)
    assert not semua.filter(user__isnull=True).exists()
    # The hash is computed once and reused: every NIP login carries the same one.
    assert User.objects.filter(username__in=semua.values("nip")).values("password").distinct().count() == 1
    someone = semua.exclude(user__username__startswith="demo.").order_by("nip").last()
    response = client.post("/akun/login/", {"username": someone.nip, "password": "kinerja-demo"})
    assert response.status_code == 302
    # The named logins stay, and their pegawai can use the NIP too.
    named = Pegawai.objects.get(user__username="demo.pegawai")
    client.logout()
    assert client.post("/akun/login/", {"username": named.nip, "password": "kinerja-demo"}).status_code == 302
    before = User.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert User.objects.count() == before  # running it twice changes nothing
