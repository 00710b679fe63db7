"""``manage.py bangun_jakarta`` at a tiny size (issue 9): the shape the bench relies on. PostgreSQL only (the
command loads with COPY); on SQLite the test is skipped with the reason."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count

from indikator.models import Iki, Realisasi, Skp
from kepegawaian import access
from kepegawaian.models import Pegawai, UnitKerja, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def hanya_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip(
            "bangun_jakarta memuat data dengan COPY: hanya PostgreSQL (jalankan dengan DATABASE_URL=postgres://…)"
        )


def test_refuses_sqlite_with_a_reason():
    if connection.vendor == "postgresql":
        pytest.skip("the refusal is SQLite's")
    with pytest.raises(CommandError, match="memerlukan PostgreSQL"):
        call_command("bangun_jakarta", pegawai=300)


def test_builds_a_small_jakarta_with_the_real_shape(hanya_postgresql):
    call_command("bangun_jakarta", pegawai=300, iki=2, bulan=3, audit=500, tahun=2026)
    jenis = dict(UnitKerja.objects.order_by().values_list("jenis").annotate(n=Count("pk")))
    assert jenis["kecamatan"] == 44 and jenis["kelurahan"] == 267 and jenis["kota"] == 6
    assert jenis["sekolah"] >= 1 and jenis["upt"] == 44 and jenis["suku_dinas"] == 12
    # One root (the Sekda), depth 6, every path what the atasan links say.
    assert Pegawai.objects.filter(atasan__isnull=True).count() == 1
    jalur = dict(Pegawai.objects.values_list("pk", "jalur"))
    atasan = dict(Pegawai.objects.values_list("pk", "atasan_id"))
    for pk, j in jalur.items():
        assert j == (jalur[atasan[pk]] if atasan[pk] else "/") + f"{pk}/"
    assert max(j.count("/") - 1 for j in jalur.values()) == 6
    n = Pegawai.objects.count()
    assert Skp.objects.filter(status=Skp.Status.DISETUJUI).count() == n
    assert Iki.objects.count() == 2 * n and Realisasi.objects.count() == 6 * n
    # Logins: NIP + the shared password; the Sekda's scope is the whole province.
    sekda = Pegawai.objects.get(atasan__isnull=True)
    assert sekda.user.username == sekda.nip and sekda.user.check_password("kinerja-jakarta")
    assert access.akses_for(sekda.user).seluruh_provinsi
    guru = Pegawai.objects.filter(jabatan__nama="Guru").first()
    assert set(access.pegawai_visible(guru.user).values_list("pk", flat=True)) == {guru.pk}
    assert User.objects.filter(username="jakarta.bkd").exists()
    with pytest.raises(CommandError, match="sudah berisi"):
        call_command("bangun_jakarta", pegawai=300)
