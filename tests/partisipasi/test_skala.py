"""Issue 9 (scale) for the complaint pages: who sees which complaint is still exactly the path rule now that it is
written as ``unit = ANY(ARRAY(..)) OR kelurahan = ANY(ARRAY(..))`` (``access.UnitDalam``) instead of a join on the
unit's path; the officer's open queue is a condition the named partial indexes serve (PostgreSQL); the public
ranking's figures are the same with ``COUNT(*)``; and the queue's query count does not grow with other
kelurahan's complaints."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kepegawaian.access import akses_for
from partisipasi import access, selectors, services
from partisipasi.models import STATUS_TERBUKA_NILAI, Pengaduan, PetugasPengaduan
from tests.kepegawaian.factories import UnitKerjaFactory, UserFactory
from tests.partisipasi.factories import pengaduan_baru


def _aturan_path(user) -> set[int]:
    """The rule as the docstring of ``partisipasi.access`` states it, evaluated in Python over every complaint:
    BKD all; otherwise the handling unit or the kelurahan lies in a subtree of the user's complaint roles or of the
    units he administers."""
    akses = akses_for(user)
    if akses.user_id is None:
        return set()
    if akses.is_bkd:
        return set(Pengaduan.objects.values_list("pk", flat=True))
    paths = access.peran_pengaduan(user).penangan_paths + akses.admin_unit_paths
    return {
        p.pk
        for p in Pengaduan.objects.select_related("unit_penanganan", "kelurahan")
        if any(p.unit_penanganan.path.startswith(x) or p.kelurahan.path.startswith(x) for x in paths)
    }


@pytest.fixture
def dunia(kel_a, kel_b, kecamatan, dinas, kategori, petugas_a, admin_kota, admin_bkd):
    """Complaints of kel_a (one open, one completed, one forwarded to the dinas), of kel_b, and the officer of the
    kecamatan (a role on the unit above both kelurahan)."""
    a = pengaduan_baru(kel_a, kategori)
    selesai = pengaduan_baru(kel_a, kategori)
    services.pengaduan_move(actor=petugas_a, pengaduan=selesai, ke="proses", versi=selesai.versi)
    selesai.refresh_from_db()
    services.pengaduan_move(actor=petugas_a, pengaduan=selesai, ke="selesai", versi=selesai.versi, alasan="Beres.")
    ke_dinas = pengaduan_baru(kel_a, kategori)
    services.pengaduan_move(
        actor=petugas_a,
        pengaduan=ke_dinas,
        ke="disposisi",
        versi=ke_dinas.versi,
        alasan="Kewenangan dinas.",
        unit_tujuan_id=dinas.pk,
    )
    b = pengaduan_baru(kel_b, kategori)
    petugas_kec = UserFactory(username="petugas.kec")
    services.petugas_grant(actor=admin_kota, user=petugas_kec, unit=kecamatan, peran=PetugasPengaduan.Peran.PETUGAS)
    return {"a": a, "selesai": selesai, "ke_dinas": ke_dinas, "b": b, "petugas_kec": petugas_kec}


def test_visible_is_exactly_the_path_rule(
    dunia, lurah_a, petugas_a, petugas_b, petugas_dinas, moderator_a, admin_kota, admin_unit, admin_bkd, pegawai
):
    users = [
        lurah_a.user,
        petugas_a,
        petugas_b,
        petugas_dinas,
        moderator_a,
        dunia["petugas_kec"],
        admin_kota,
        admin_unit,
        admin_bkd,
        pegawai.user,
    ]
    for user in users:
        dilihat = set(access.pengaduan_visible(user).values_list("pk", flat=True))
        assert dilihat == _aturan_path(user), user.username
    # the cases that matter, spelled out: the lurah keeps seeing what he forwarded (his kelurahan), the dinas sees
    # it (it handles it) and nothing else, the kecamatan's officer both kelurahan, a plain pegawai nothing
    assert set(access.pengaduan_visible(lurah_a.user)) == {dunia["a"], dunia["selesai"], dunia["ke_dinas"]}
    assert set(access.pengaduan_visible(petugas_dinas)) == {dunia["ke_dinas"]}
    assert set(access.pengaduan_visible(dunia["petugas_kec"])) == {
        dunia["a"],
        dunia["selesai"],
        dunia["ke_dinas"],
        dunia["b"],
    }
    assert not access.pengaduan_visible(pegawai.user).exists()
    # the queue: open ones only, oldest first
    assert list(selectors.pengaduan_antrian(lurah_a.user)) == [dunia["a"], dunia["ke_dinas"]]
    assert list(selectors.pengaduan_antrian(petugas_dinas)) == [dunia["ke_dinas"]]


def test_the_open_statuses_are_those_of_the_partial_indexes():
    """The queue filters on ``selectors.STATUS_TERBUKA``; the partial indexes are defined on the model's tuple: the
    same values, and exactly the statuses of a complaint still being handled."""
    assert selectors.STATUS_TERBUKA == STATUS_TERBUKA_NILAI
    assert {s for s in Pengaduan.Status.values if Pengaduan(status=s).terbuka} == set(STATUS_TERBUKA_NILAI)
    nama = {i.name: i for i in Pengaduan._meta.indexes}
    for n in ("pengaduan_terbuka_unit_idx", "pengaduan_terbuka_kel_idx"):
        kondisi = dict(nama[n].condition.children)
        assert tuple(kondisi["status__in"]) == STATUS_TERBUKA_NILAI and kondisi["digabung_ke__isnull"] is True


def _banyak(kecamatan, kategori, n: int) -> None:
    """``n`` complaints of 200 other kelurahan over the past months, bulk-inserted (the planner's choice needs a
    table shaped like Jakarta's: many kelurahan, few complaints open): one in 16 open, the rest completed."""
    sekarang = timezone.now()
    lain = [
        UnitKerjaFactory(kode=f"KEL-SKALA-{k}", nama=f"Kelurahan Skala {k}", jenis="kelurahan", parent=kecamatan)
        for k in range(200)
    ]
    baris = []
    for i in range(n):
        kelurahan = lain[i % len(lain)]
        dibuat = sekarang - dt.timedelta(hours=3 * i + 1)
        selesai = i % 16 != 0
        baris.append(
            Pengaduan(
                kode_lacak=f"SKL{i:09d}",
                kategori=kategori,
                kelurahan=kelurahan,
                unit_penanganan=kelurahan,
                rw="001",
                deskripsi="Uji skala.",
                status="selesai" if selesai else "proses",
                dibuat=dibuat,
                batas_respons=dibuat + dt.timedelta(days=3),
                batas_selesai=dibuat + dt.timedelta(days=5),
                selesai_pada=dibuat + dt.timedelta(days=2) if selesai else None,
            )
        )
    Pengaduan.objects.bulk_create(baris)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE partisipasi_pengaduan")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL plans")
def test_the_open_queue_is_served_by_the_partial_indexes(dunia, lurah_a, kecamatan, kategori):
    """With sequential scans disabled, the queue's count is a BitmapOr of the two partial indexes: the condition
    is one an index serves (the join on the unit's path was not, so every complaint was read)."""
    _banyak(kecamatan, kategori, 3000)
    qs = selectors.pengaduan_antrian(lurah_a.user).order_by()
    sql, params = qs.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(r[0] for r in cursor.fetchall())
    assert "BitmapOr" in plan, plan
    for indeks, kolom in (
        ("pengaduan_terbuka_unit_idx", "unit_penanganan_id"),
        ("pengaduan_terbuka_kel_idx", "kelurahan_id"),
    ):
        assert f"Bitmap Index Scan on {indeks}" in plan and f"Index Cond: ({kolom} = ANY" in plan, plan
    assert "Seq Scan on partisipasi_pengaduan" not in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL plans")
def test_the_ranking_span_is_an_index_only_range(dunia, kecamatan, kategori):
    """The ranking of a month reads the month's entries of ``pengaduan_selesai_rentang_idx`` and nothing else
    (COUNT(*), not COUNT(id): every column it needs is in the index)."""
    _banyak(kecamatan, kategori, 3000)
    hari = timezone.localdate()
    with CaptureQueriesContext(connection) as ctx:
        selectors.penyelesaian_per_unit(mulai=hari - dt.timedelta(days=30), akhir=hari)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + ctx.captured_queries[0]["sql"])
        plan = "\n".join(r[0] for r in cursor.fetchall())
    assert "Index Only Scan using pengaduan_selesai_rentang_idx" in plan, plan


def test_queue_query_count_does_not_grow_with_other_kelurahan(dunia, as_user, lurah_a, kel_b, kategori):
    client = as_user(lurah_a)
    url = reverse("partisipasi:antrian")

    def jumlah(u):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(u).status_code == 200
        return len(ctx.captured_queries)

    sebelum = {u: jumlah(u) for u in (url, f"{url}?terlambat=1", reverse("partisipasi:dasbor"))}
    for _ in range(15):
        pengaduan_baru(kel_b, kategori)
    client = as_user(lurah_a)
    assert {u: jumlah(u) for u in sebelum} == sebelum
