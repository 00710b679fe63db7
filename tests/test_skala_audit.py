"""The audit page at scale (issue 9) and its daily-use points (issue 7): every audited kind the admin may see,
filterable by kind, in local time, paged by position (keyset) so a deep page costs what the first does."""

import datetime as dt
import re

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from indikator.models import Iki, Realisasi, Rhk, Skp
from kepegawaian import services
from kepegawaian.models import Pegawai, PeranAdmin, UnitKerja
from kepegawaian.selectors import AUDIT_JENIS
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


def _catat(model_obj, repr_: str, action=LogEntry.Action.UPDATE) -> LogEntry:
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model_obj),
        object_pk=str(model_obj.pk),
        object_id=model_obj.pk,
        object_repr=repr_,
        action=action,
        changes={},
    )


def _semua_halaman(client, params) -> tuple[list[int], list[int], CaptureQueriesContext]:
    """Every entry id the page lists, following "older" links; the query count of each page; the last page's
    queries."""
    seen, counts, url = [], [], URL + "?" + "&".join(f"{k}={v}" for k, v in params.items())
    while url:
        with CaptureQueriesContext(connection) as tangkap:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(tangkap.captured_queries))
        seen += [r["entry"].pk for r in response.context["rows"]]
        url = (URL + "?" + response.context["lebih_lama"]) if response.context["lebih_lama"] else None
    return seen, counts, tangkap


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
    seen, counts, tangkap = _semua_halaman(as_user(admin_bkd), {"jenis": "pegawai"})
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


def test_admin_unit_pages_hold_exactly_his_entries_of_every_kind_newest_first(
    as_user, admin_unit, kinerja, pegawai, outsider, periode, bidang, dinas_lain
):
    """The admin unit's page is one query per kind glued by UNION ALL (docs/skala.md): across pages, with the
    filters, it lists exactly the entries of his rows of every kind, once each, in the order of the log."""
    skp_luar = Skp.objects.create(pegawai=outsider, periode=periode)
    iki_luar = Iki.objects.create(
        rhk=Rhk.objects.create(skp=skp_luar, uraian="RHK luar"), uraian="IKI luar", target="1", satuan="laporan"
    )
    real_luar = Realisasi.objects.create(iki=iki_luar, periode_ke=3, nilai=1)
    milik = [pegawai, bidang, kinerja["skp"], kinerja["realisasi"]]
    luar = [outsider, dinas_lain, skp_luar, real_luar]
    awal = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    for i in range(40):  # more than two pages of his, interleaved with as many of another unit's
        for obj in milik + luar:
            aksi = LogEntry.Action.CREATE if i % 2 else LogEntry.Action.UPDATE
            _catat(obj, f"Budi {i}" if i % 3 == 0 else f"Entri {i}", aksi)
    ct = ContentType.objects.get_for_model

    def expected(**saring):
        wanted = Q(pk__in=[])
        for obj in milik:
            wanted |= Q(content_type=ct(obj), object_id=obj.pk)
        urut = LogEntry.objects.filter(wanted, pk__gt=awal, **saring).order_by("-timestamp", "-pk")
        return list(urut.values_list("pk", flat=True))

    def baru(params) -> list[int]:  # the entries made here (the fixtures' own are checked by the tests above)
        return [pk for pk in _semua_halaman(client, params)[0] if pk > awal]

    client = as_user(admin_unit)
    seen, counts, _tangkap = _semua_halaman(client, {})
    assert [pk for pk in seen if pk > awal] == expected()
    assert len(seen) == len(set(seen))
    # Pages of these entries cost the same, the first and the deeper ones (the last one also holds the fixtures'
    # entries, whose changes name units and jabatan: one query more per kind they name, not per entry).
    assert len(counts) >= 4 and len(set(counts[1:-1])) == 1 and counts[1] <= counts[0]
    assert baru({"q": "budi"}) == expected(object_repr__icontains="budi")
    assert baru({"q": "bu"}) == expected(object_repr__icontains="bu")
    assert baru({"aksi": LogEntry.Action.CREATE, "jenis": "realisasi"}) == expected(
        action=LogEntry.Action.CREATE, content_type=ct(Realisasi)
    )
    punya_luar = LogEntry.objects.filter(pk__gt=awal).exclude(pk__in=expected()).values_list("pk", flat=True)
    assert len(punya_luar) == 40 * len(luar) and not set(seen) & set(punya_luar)


def test_admin_unit_page_queries_do_not_grow_with_the_entries(as_user, admin_unit, kinerja, pegawai):
    client = as_user(admin_unit)
    client.get(URL)  # per-process caches (content types, session)
    with CaptureQueriesContext(connection) as sedikit:
        assert client.get(URL).status_code == 200
    for i in range(120):
        _catat(kinerja["realisasi"], f"Entri {i}")
        _catat(pegawai, f"Budi {i}")
    with CaptureQueriesContext(connection) as banyak:
        assert client.get(URL).status_code == 200
    # One query per kind of row named on the page (units, jabatan, RHK/IKI), not per entry, plus one for the
    # entries of every kind at once: with many entries the fixtures' ones leave the first page, so it takes fewer.
    assert len(banyak.captured_queries) <= len(sedikit.captured_queries) <= 15
    assert sum("auditlog_logentry" in q["sql"] and "UNION ALL" in q["sql"] for q in banyak.captured_queries) == 1


def _bagian_dan_entri(client) -> tuple[int, set[int]]:
    """The number of per-kind parts in the admin unit's union, and the entries the first page lists."""
    with CaptureQueriesContext(connection) as tangkap:
        response = client.get(URL)
    assert response.status_code == 200
    union = [q["sql"] for q in tangkap.captured_queries if "auditlog_logentry" in q["sql"] and "UNION ALL" in q["sql"]]
    assert len(union) == 1
    return union[0].count("UNION ALL") + 1, {r["entry"].pk for r in response.context["rows"]}


def test_admin_unit_union_has_a_part_only_for_kinds_with_entries(as_user, admin_unit, kinerja):
    """A kind without any entry gets no part (its planning is what the page paid for most at scale); its first
    entry brings its part back at once, and the page lists it."""
    client = as_user(admin_unit)
    rhk = kinerja["skp"].rhk.get()
    LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Rhk)).delete()
    tanpa, _entri = _bagian_dan_entri(client)
    berlingkup = [j for j in AUDIT_JENIS.values() if j.ke_pegawai is not None or j.ke_unit is not None]
    assert 2 <= tanpa < len(berlingkup)
    pertama = _catat(rhk, "RHK pertama")
    dengan, entri = _bagian_dan_entri(client)
    assert dengan == tanpa + 1
    assert pertama.pk in entri
    assert pertama.pk in {r["entry"].pk for r in client.get(URL, {"jenis": "rhk"}).context["rows"]}


def test_admin_unit_union_with_one_kind_is_no_union(as_user, admin_unit, kinerja):
    rows = as_user(admin_unit).get(URL, {"jenis": "rhk"}).context["rows"]
    assert {r["entry"].object_id for r in rows} == {kinerja["skp"].rhk.get().pk}


def test_entries_of_a_moved_pegawai_follow_him(as_user, admin_bkd, admin_unit, kinerja, pegawai, outsider, bidang):
    """An entry is placed in a unit's scope by its row as it is now: a pegawai moved out takes his entries (his
    realisations' too) with him, one moved in brings his."""
    luar = _catat(outsider, "Oscar Luar")
    milik = _catat(kinerja["realisasi"], "Realisasi Budi")
    client = as_user(admin_unit)

    def terlihat() -> set[int]:
        seen, _counts, _tangkap = _semua_halaman(client, {})
        return set(seen)

    assert milik.pk in terlihat() and luar.pk not in terlihat()
    services.pegawai_update(actor=admin_bkd, pegawai=outsider, unit=bidang)
    services.pegawai_update(actor=admin_bkd, pegawai=pegawai, unit=UnitKerja.objects.get(kode="DINAS-LAIN"))
    sekarang = terlihat()
    assert luar.pk in sekarang and milik.pk not in sekarang


@pytest.mark.parametrize("params", [{"jenis": "pegawai"}, {"q": "sama"}], ids=["jenis", "search"])
def test_entries_of_one_instant_are_paged_once_each(as_user, admin_bkd, admin_unit, pegawai, params):
    """The position is (time, id): entries with the same timestamp across a page boundary are each listed once,
    in id order, for every shape (the admin BKD's single query, the admin unit's union, and the search's walk in
    time order, whose index orders by the time alone: the ties come by ``FETCH … WITH TIES``)."""
    ids = [_catat(pegawai, f"Sama {i}").pk for i in range(120)]
    LogEntry.objects.filter(pk__in=ids).update(timestamp=dt.datetime(2030, 1, 1, 8, 0, tzinfo=dt.UTC))
    for user in (admin_bkd, admin_unit):
        seen, counts, _tangkap = _semua_halaman(as_user(user), params)
        assert [pk for pk in seen if pk in set(ids)] == sorted(ids, reverse=True)
        assert seen[: len(ids)] == sorted(ids, reverse=True)  # newest instant first
        assert len(counts) >= 3


def _sql_entri(client, params) -> str:
    """The SQL of the page's entries query (the one that reads the log for the page)."""
    with CaptureQueriesContext(connection) as tangkap:
        assert client.get(URL, params).status_code == 200
    entri = [q["sql"] for q in tangkap.captured_queries if '"auditlog_logentry"."timestamp" DESC' in q["sql"]]
    return entri[-1]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the time-ordered trigram index is PostgreSQL's")
def test_search_walks_the_log_in_time_order_and_keeps_his_scope(
    as_user, admin_bkd, admin_unit, kinerja, pegawai, outsider, bidang
):
    """A search of three letters or more is one walk of the GiST index (timestamp, trigrams) newest first, for
    both admins (docs/skala.md), stopped at a page: not a part per kind, not every match sorted. The admin unit's
    walk keeps the entries whose row is in his units now, of every kind, and nothing of the others'."""
    luar = [_catat(outsider, f"Budi Luar {i}") for i in range(3)]
    milik = [_catat(pegawai, f"Budi Milik {i}") for i in range(3)]
    milik += [
        _catat(kinerja["realisasi"], "Realisasi Budi"),
        _catat(bidang, "Bidang Budi"),
        _catat(kinerja["skp"], "SKP Budi"),
    ]
    for user in (admin_bkd, admin_unit):
        sql = _sql_entri(as_user(user), {"q": "budi"})
        assert "<->" in sql and "WITH TIES" in sql and "UNION" not in sql
    dibuat = {e.pk for e in luar + milik}
    rows = as_user(admin_unit).get(URL, {"q": "budi"}).context["rows"]
    assert [r["entry"].pk for r in rows if r["entry"].pk in dibuat] == [e.pk for e in reversed(milik)]
    semua = as_user(admin_bkd).get(URL, {"q": "budi"}).context["rows"]
    assert dibuat <= {r["entry"].pk for r in semua}
    # no three letters in a row, no trigram: the per-kind shape, as before
    assert "UNION ALL" in _sql_entri(as_user(admin_unit), {"q": "bu"})
    assert "UNION ALL" in _sql_entri(as_user(admin_unit), {"q": "b-u"})


def test_search_page_queries_do_not_grow_with_the_matches(as_user, admin_bkd, admin_unit, kinerja, pegawai):
    for user in (admin_bkd, admin_unit):
        client = as_user(user)
        client.get(URL, {"q": "budi"})  # per-process caches (content types, session)
        with CaptureQueriesContext(connection) as sedikit:
            assert client.get(URL, {"q": "budi"}).status_code == 200
        for i in range(60):
            _catat(pegawai, f"Budi {i}")
            _catat(kinerja["realisasi"], f"Realisasi {i}")
        with CaptureQueriesContext(connection) as banyak:
            response = client.get(URL, {"q": "budi"})
        assert len(response.context["rows"]) == 50
        assert len(banyak.captured_queries) <= len(sedikit.captured_queries)


def test_every_kind_reaches_one_unit():
    """The search's scope asks each entry's row for its one unit (a scalar subquery): every registered kind's way
    to its unit follows foreign keys forward only (never a to-many relation, which would have several)."""
    for j in AUDIT_JENIS.values():
        jalan = f"{j.ke_pegawai}__unit" if j.ke_pegawai else ("unit" if j.ke_pegawai is not None else j.ke_unit)
        if not jalan:
            continue
        model = j.model_class()
        for nama in jalan.split("__"):
            medan = model._meta.get_field(nama)
            assert medan.many_to_one or medan.one_to_one, (j.kode, nama)
            assert not (medan.one_to_one and medan.auto_created), (j.kode, nama)  # a reverse one-to-one may be empty
            model = medan.related_model
        assert model is UnitKerja, j.kode
