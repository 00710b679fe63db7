"""The kelurahan head's dashboard: open complaints by age group (one grouped query, hand-counted groups), the
overdue list by the service levels (across a weekend), who sees it (the head, the officers, an admin for his
subtree; not a plain pegawai), the link on the home page, and a query count that does not grow with the data."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partisipasi import selectors, services
from partisipasi.models import Pengaduan
from tests.partisipasi.conftest import AWAL
from tests.partisipasi.factories import pengaduan_baru

URL = reverse("partisipasi:dasbor")


def _pada(jam, kel, kategori, *, hari: float):
    """A complaint filed ``hari`` days before AWAL (Wednesday 15 July 2026, 10:00), the clock back at AWAL."""
    jam.set(AWAL - dt.timedelta(days=hari))
    p = pengaduan_baru(kel, kategori)
    jam.set(AWAL)
    return p


@pytest.fixture
def data(jam, kel_a, kel_b, kategori, petugas_a):
    """Open complaints of kel_a aged 0, 1.5, 3, 5, 10 and 20 days (5 working days to complete, 3 to respond), one of
    them answered; one completed (not open); one of kel_b."""
    p = {n: _pada(jam, kel_a, kategori, hari=n) for n in (0, 1.5, 3, 5, 10, 20)}
    pengaduan = Pengaduan.objects.get(pk=p[5].pk)
    services.pengaduan_move(actor=petugas_a, pengaduan=pengaduan, ke="proses", versi=pengaduan.versi, alasan="")
    selesai = _pada(jam, kel_a, kategori, hari=2)
    services.pengaduan_move(actor=petugas_a, pengaduan=selesai, ke="proses", versi=selesai.versi, alasan="")
    selesai.refresh_from_db()
    services.pengaduan_move(actor=petugas_a, pengaduan=selesai, ke="selesai", versi=selesai.versi, alasan="Beres.")
    p["b"] = _pada(jam, kel_b, kategori, hari=30)
    return p


def test_age_groups_and_overdue_list_by_the_service_levels(data, lurah_a):
    umur = selectors.pengaduan_umur(lurah_a.user)
    (baris,) = umur.baris  # the head of kel_a sees his kelurahan only
    assert baris.unit_nama == "Kelurahan Menteng"
    # 0 and 1.5 days: 0–1; 3: 2–3; 5: 4–7; 10: 8–14; 20: >14 (the completed one is not open)
    assert baris.kelompok == (2, 1, 1, 1, 1) and baris.jumlah == 6
    # Filed Sunday 5 July (10 days): 5 working days end Friday 10 July -> overdue; filed Thursday 25 June: overdue;
    # filed Friday 10 July (5 days): the third working day is today, the fifth Friday 17 July -> not yet.
    assert baris.terlambat == 2
    terlambat = list(selectors.pengaduan_terlambat_daftar(lurah_a.user))
    assert terlambat == [data[20], data[10]]  # the most overdue first


def test_the_groups_are_one_query(data, lurah_a, django_assert_num_queries):
    selectors.pengaduan_umur(lurah_a.user)  # the roles are read once per request (cached on the user)
    with django_assert_num_queries(1):
        selectors.pengaduan_umur(lurah_a.user)


def test_the_page_for_the_head_the_officer_and_the_admin(data, as_user, lurah_a, petugas_a, admin_kota, pegawai):
    page = as_user(lurah_a).get(URL)
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-testid="umur-per-unit"' not in text  # one unit: the figures are the table
    assert f'href="/partisipasi/petugas/{data[20].pk}/"' in text and f"/partisipasi/petugas/{data[3].pk}/" not in text
    assert "Siti Warga" not in text and "0812-5555-1234" not in text  # no contact on the dashboard

    assert as_user(petugas_a).get(URL).status_code == 200
    admin = as_user(admin_kota).get(URL).content.decode()  # the kota's admin: both kelurahan, one row each
    assert 'data-testid="umur-per-unit"' in admin and "Kelurahan Gondangdia" in admin
    assert as_user(pegawai).get(URL).status_code == 404


def test_linked_from_the_home_page_of_the_head_only(data, as_user, lurah_a, pegawai):
    assert URL in as_user(lurah_a).get("/").content.decode()
    assert URL not in as_user(pegawai).get("/").content.decode()


def test_page_query_count_does_not_grow_with_the_complaints(jam, data, as_user, lurah_a, kel_a, kategori):
    client = as_user(lurah_a)

    def jumlah():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx.captured_queries)

    kecil = jumlah()
    for n in range(12):
        _pada(jam, kel_a, kategori, hari=n * 1.7)
    client = as_user(lurah_a)
    assert jumlah() == kecil
    assert kecil <= 12
