"""Every indikator list endpoint and list page runs a number of queries that does not grow with the data: each test
reads with a few rows, adds more rows of every kind, and reads again within the first count
(``django_assert_max_num_queries``), under a fixed ceiling as well."""

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from indikator.models import BuktiDukung, DialogKinerja, Iki, PembukaanKembali, Rhk, Skp, UmpanBalik
from tests.indikator.factories import (
    IkiFactory,
    IndikatorUnitFactory,
    PeriodeFactory,
    RealisasiFactory,
    RhkFactory,
    SkpFactory,
    skp_disetujui,
)
from tests.kepegawaian.factories import PegawaiFactory

API = "/api/v1"
PLAFON = 20  # no list reads more than this, whatever the size


@pytest.fixture
def data(pegawai, penilai, admin_bkd, bidang, periode):
    """The pegawai's approved SKP (his dashboard and realisation page), and ``tambah(n)`` for more of everything."""
    skp = skp_disetujui(pegawai, periode)
    iki = Iki.objects.get(rhk__skp=skp)
    realisasi = RealisasiFactory(iki=iki, periode_ke=3)
    tahun = itertools.count(2027)

    def tambah(n: int) -> None:
        for _ in range(n):
            # one more subordinate of the penilai: SKP, RHK, IKI, realisation, evidence, feedback, dialog, reopening
            orang = PegawaiFactory(atasan=penilai, unit=bidang)
            skp_lain = SkpFactory(
                pegawai=orang, periode=periode, status=Skp.Status.DISETUJUI, disetujui_pada=timezone.now()
            )
            iki_lain = IkiFactory(rhk=RhkFactory(skp=skp_lain))
            real = RealisasiFactory(iki=iki_lain, periode_ke=3)
            BuktiDukung.objects.create(realisasi=real, jenis=BuktiDukung.Jenis.TAUTAN, url="https://contoh.go.id/a")
            UmpanBalik.objects.create(
                iki=iki_lain, periode_ke=3, penulis=penilai.user, penulis_nama=penilai.nama, teks="Baik"
            )
            DialogKinerja.objects.create(
                skp=skp_lain, penilai=penilai, tanggal=dt.date(2026, 7, 1), catatan="Dialog", dicatat_oleh=penilai.user
            )
            PembukaanKembali.objects.create(
                periode=periode,
                pegawai=orang,
                berlaku_sampai=dt.date(2026, 8, 1),
                alasan="Sakit",
                dibuat_oleh=admin_bkd,
            )
            IndikatorUnitFactory(unit=bidang, periode=periode)
            PeriodeFactory(tahun=next(tahun))
            # and more on the pegawai's own SKP: an RHK with an IKI and its realisation, evidence and feedback
            own = IkiFactory(rhk=RhkFactory(skp=skp, jenis=Rhk.Jenis.UTAMA))
            RealisasiFactory(iki=own, periode_ke=3)
            BuktiDukung.objects.create(
                realisasi=realisasi, jenis=BuktiDukung.Jenis.TAUTAN, url="https://contoh.go.id/b"
            )
            UmpanBalik.objects.create(iki=iki, periode_ke=3, penulis=penilai.user, penulis_nama=penilai.nama, teks="Ok")

    tambah(2)
    return {"skp": skp, "iki": iki, "tambah": tambah}


def _tetap(client, url, data, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as sedikit:
        assert client.get(url).status_code == 200
    data["tambah"](4)
    with django_assert_max_num_queries(min(len(sedikit.captured_queries), PLAFON)):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "periode/",
        "indikator-unit/",
        "skp/",
        "rhk/",
        "iki/",
        "realisasi/",
        "bukti-dukung/",
        "umpan-balik/",
        "dialog-kinerja/",
        "pembukaan-kembali/",
        "tim/",
    ],
)
def test_list_endpoint_queries_do_not_grow(path, as_user, penilai, data, django_assert_max_num_queries):
    _tetap(as_user(penilai.user), f"{API}/{path}", data, django_assert_max_num_queries)


def test_dashboard_endpoint_queries_do_not_grow(as_user, pegawai, data, django_assert_max_num_queries):
    _tetap(as_user(pegawai.user), f"{API}/dasbor/", data, django_assert_max_num_queries)


@pytest.mark.parametrize("actor", ["penilai", "pegawai"])
def test_team_and_dashboard_pages_queries_do_not_grow(actor, request, as_user, data, django_assert_max_num_queries):
    user = request.getfixturevalue(actor).user
    url = reverse("indikator:tim" if actor == "penilai" else "indikator:dasbor")
    _tetap(as_user(user), url, data, django_assert_max_num_queries)


def test_skp_sheet_and_realisation_page_queries_do_not_grow(as_user, pegawai, data, django_assert_max_num_queries):
    client = as_user(pegawai.user)
    _tetap(client, reverse("indikator:skp-detail", args=[data["skp"].pk]), data, django_assert_max_num_queries)
    _tetap(client, reverse("indikator:iki-realisasi", args=[data["iki"].pk]), data, django_assert_max_num_queries)


@pytest.mark.parametrize(
    ("actor", "name", "query"),
    [
        ("admin_bkd", "indikator:periode", ""),
        ("admin_bkd", "indikator:pembukaan-kembali", ""),
        ("admin_bkd", "indikator:indikator-unit", "unit"),
    ],
)
def test_admin_list_pages_queries_do_not_grow(
    actor, name, query, request, as_user, bidang, data, django_assert_max_num_queries
):
    url = reverse(name) + (f"?unit={bidang.pk}" if query else "")
    _tetap(as_user(request.getfixturevalue(actor)), url, data, django_assert_max_num_queries)
