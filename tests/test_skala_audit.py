"""The audit page at scale (issue 9) and its daily-use points (issue 7): every audited kind the admin may see,
filterable by kind, in local time, paged by position (keyset) so a deep page costs what the first does."""

import datetime as dt
import re

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indikator.models import Iki, Realisasi, Rhk, Skp
from kepegawaian import services
from kepegawaian.models import Pegawai, PeranAdmin
from tests.indikator.factories import PeriodeFactory, RealisasiFactory, skp_disetujui
from tests.kepegawaian.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/kepegawaian/audit/"


@pytest.fixture
def periode(db):
    return PeriodeFactory(tahun=2026)


@pytest.fixture
def kinerja(pegawai, outsider, periode):
    """An approved SKP with a realisation each for the pegawai (in the admin unit's subtree) and the outsider."""
    skp = skp_disetujui(pegawai, periode)
    real = RealisasiFactory(iki=Iki.objects.get(rhk__skp=skp), periode_ke=3)
    return {"skp": skp, "realisasi": real}


def _jenis(response) -> set[str]:
    return {row["entry"].content_type.model for row in response.context["rows"]}


def test_bkd_sees_skp_approvals_and_realisations_and_filters_by_kind(as_user, admin_bkd, kinerja):
    client = as_user(admin_bkd)
    semua = _jenis(client.get(URL))
    assert {"skp", "realisasi", "pegawai"} <= semua
    hanya = client.get(URL, {"jenis": "realisasi"})
    assert _jenis(hanya) == {"realisasi"}
    assert [r["entry"].object_id for r in hanya.context["rows"]] == [kinerja["realisasi"].pk]
    skp = client.get(URL, {"jenis": "skp", "aksi": LogEntry.Action.UPDATE}).context["rows"]
    assert any(c["baru"] == str(Skp.Status.DISETUJUI.label) for r in skp for c in r["changes"])
    assert 'value="realisasi"' in client.get(URL).content.decode()


def test_admin_unit_sees_realisations_of_his_subtree_only(as_user, admin_unit, kinerja, outsider, periode, penilai):
    lain = Realisasi.objects.create(
        iki=Iki.objects.create(
            rhk=Rhk.objects.create(skp=Skp.objects.create(pegawai=outsider, periode=periode), uraian="RHK luar"),
            uraian="IKI luar",
            target="1",
            satuan="laporan",
        ),
        periode_ke=3,
        nilai=1,
    )
    rows = as_user(admin_unit).get(URL, {"jenis": "realisasi"}).context["rows"]
    ids = [r["entry"].object_id for r in rows]
    assert ids == [kinerja["realisasi"].pk]
    assert lain.pk not in ids


def test_deep_pages_follow_the_position_and_cost_the_same(as_user, admin_bkd, bidang):
    for i in range(120):
        LogEntry.objects.create(
            content_type=ContentType.objects.get_for_model(Pegawai),
            object_pk=str(i),
            object_id=i,
            object_repr=f"Orang {i}",
            action=LogEntry.Action.UPDATE,
            changes={},
        )
    client = as_user(admin_bkd)
    seen, url, counts = [], URL + "?jenis=pegawai", []
    while url:
        with CaptureQueriesContext(connection) as tangkap:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(tangkap.captured_queries))
        seen += [r["entry"].pk for r in response.context["rows"]]
        url = (URL + "?" + response.context["lebih_lama"]) if response.context["lebih_lama"] else None
    expected = list(
        LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Pegawai))
        .order_by("-timestamp", "-pk")
        .values_list("pk", flat=True)
    )
    assert seen == expected  # every entry once, newest first, across pages
    assert len(counts) >= 3
    assert max(counts[1:]) <= counts[0] + 1  # a deep page runs no more queries than the first (no COUNT, no OFFSET)
    assert "COUNT(" not in " ".join(q["sql"] for q in tangkap.captured_queries).upper()


def test_a_forged_position_is_refused_in_indonesian(as_user, admin_bkd):
    response = as_user(admin_bkd).get(URL, {"sebelum": "kemarin~x"})
    assert response.status_code == 400
    assert "Tautan halaman tidak valid" in response.content.decode()


def test_times_inside_changes_are_local_not_raw_utc(as_user, admin_bkd, pegawai):
    login = UserFactory(username="calon.admin")
    peran = services.peran_grant(actor=admin_bkd, user=login, peran=PeranAdmin.Peran.ADMIN_UNIT, unit=pegawai.unit)
    PeranAdmin.objects.filter(pk=peran.pk).update(diberikan_pada=dt.datetime(2026, 12, 1, 8, 45, 54, tzinfo=dt.UTC))
    entry = LogEntry.objects.get_for_object(peran).get(action=LogEntry.Action.CREATE)
    entry.changes = {"diberikan_pada": ["None", "2026-12-01 08:45:54.358236"]}
    entry.save()
    html = as_user(admin_bkd).get(URL, {"jenis": "peran"}).content.decode()
    assert "2026-12-01 08:45:54" not in html
    assert re.search(r"1 Des(ember)? 2026 15:45", html)
