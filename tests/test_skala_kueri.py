"""Pages that used to ask the database the same question twice (issue 9, "repeated queries"): the realisation page
(the reopening check once, not once per past month), the cascade page (the subordinates' exists() once, shared
with the header's role labels), the pegawai page (his login loaded with him; the admin's right asked once). Each
page runs no identical statement twice, within a pinned count."""

import collections
import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from indikator.models import Iki, PembukaanKembali
from tests.indikator.factories import PeriodeFactory, skp_disetujui

pytestmark = pytest.mark.django_db


@pytest.fixture
def periode(db):
    return PeriodeFactory(tahun=2026)


def _kueri(user, url) -> list[str]:
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as tangkap:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in tangkap.captured_queries]


def _tanpa_ulang(sql: list[str], plafon: int) -> None:
    ulang = {s: n for s, n in collections.Counter(sql).items() if n > 1}
    assert not ulang, ulang
    assert len(sql) <= plafon


def test_realisation_page_checks_reopening_once(pegawai, atasan, admin_bkd, periode):
    skp = skp_disetujui(pegawai, periode)
    iki = Iki.objects.get(rhk__skp=skp)
    PembukaanKembali.objects.create(
        periode=periode, pegawai=pegawai, berlaku_sampai=dt.date(2026, 12, 31), alasan="Sakit", dibuat_oleh=admin_bkd
    )
    url = f"/indikator/iki/{iki.pk}/realisasi/"
    sql = _kueri(pegawai.user, url)
    _tanpa_ulang(sql, 13)
    assert sum("indikator_pembukaankembali" in s for s in sql) == 1
    _tanpa_ulang(_kueri(atasan.user, url), 12)


def test_cascade_page_asks_for_subordinates_once(penilai, pegawai, periode):
    sql = _kueri(penilai.user, "/indikator/tim/kaskade/")
    _tanpa_ulang(sql, 13)  # 13: the cascade form shows each subordinate's SKP status (one grouped query)


@pytest.mark.parametrize("siapa", ["atasan", "admin_unit"])
def test_pegawai_page_loads_the_login_with_the_pegawai(siapa, request, pegawai):
    actor = request.getfixturevalue(siapa)
    user = getattr(actor, "user", actor)
    sql = _kueri(user, f"/kepegawaian/pegawai/{pegawai.pk}/")
    _tanpa_ulang(sql, 10 if siapa == "atasan" else 12)
    # The login of the pegawai comes with him (select_related), not by a query of its own.
    assert sum(s.startswith('SELECT "kepegawaian_user"') for s in sql) == 1  # the signed-in user only
