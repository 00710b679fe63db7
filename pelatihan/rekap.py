"""The JP summary per pegawai and ledger year (``JpTahunan``): what the compliance view reads instead of summing
every completion of the year (issue 9). The live rows stay the truth; this module is the only writer of the summary.

- ``jp_tahunan_segarkan``: the services call it, in their own transaction, after they changed the JP rows of some
  people (a completion, an approval of external training, an import). It recomputes those (pegawai, year) rows
  from the live rows — it does not add deltas, so it is right whatever the change was. Before reading the live
  sums it locks the summary rows (in key order): two transactions changing one person's JP at once wait for each
  other on his row, and the second one's sums (a new statement under READ COMMITTED) include the first one's rows.
- ``jp_tahunan_bangun``: the whole table again from the live rows, one set-based statement (the data migration,
  ``manage.py jp_tahunan_bangun``, the synthetic Jakarta's builder).
- ``jp_tahunan_selisih``: the rows where the summary and the live computation differ (empty when it is right; the
  command's ``--periksa`` and the tests).
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Sum

from pelatihan.models import JpTahunan, PelatihanEksternal, Peserta

BATCH = 2000


def _jp_hidup_sql() -> tuple[str, list]:
    """``(pegawai_id, tahun, jp)`` from the live rows: completed events plus approved external trainings."""
    bagian = [
        Peserta.objects.filter(selesai=True, tahun_jp__isnull=False).values_list("pegawai_id", "tahun_jp", "jp"),
        PelatihanEksternal.objects.filter(status=PelatihanEksternal.Status.DISETUJUI).values_list(
            "pegawai_id", "tahun_jp", "jp"
        ),
    ]
    sql = [qs.order_by().query.sql_with_params() for qs in bagian]
    query = (
        "SELECT t.pegawai_id AS pegawai_id, t.tahun_jp AS tahun, SUM(t.jp) AS jp FROM ("  # noqa: S608 - the ORM's own SQL, values are parameters
        + " UNION ALL ".join(s for s, _p in sql)
        + ") t GROUP BY t.pegawai_id, t.tahun_jp"
    )
    return query, [p for _s, params in sql for p in params]


def jp_tahunan_segarkan(kunci: Iterable[tuple[int, int | None]]) -> None:
    """Recompute the summary of these ``(pegawai_id, tahun)`` pairs from the live rows. Call it inside the
    transaction that changed them, after the change (a pair whose year is ``None`` is ignored: no JP yet)."""
    per_tahun: dict[int, set[int]] = defaultdict(set)
    for pegawai_id, tahun in kunci:
        if tahun is not None:
            per_tahun[int(tahun)].add(int(pegawai_id))
    if not per_tahun:
        return
    with transaction.atomic():
        for tahun in sorted(per_tahun):
            semua = sorted(per_tahun[tahun])
            for i in range(0, len(semua), BATCH):
                _segarkan_tahun(tahun, semua[i : i + BATCH])


def _segarkan_tahun(tahun: int, ids: list[int]) -> None:
    JpTahunan.objects.bulk_create([JpTahunan(pegawai_id=p, tahun=tahun) for p in ids], ignore_conflicts=True)
    baris = list(JpTahunan.objects.select_for_update().filter(tahun=tahun, pegawai_id__in=ids).order_by("pegawai_id"))
    jp: dict[int, int] = defaultdict(int)
    for qs in (
        Peserta.objects.filter(selesai=True, tahun_jp=tahun, pegawai_id__in=ids),
        PelatihanEksternal.objects.filter(
            status=PelatihanEksternal.Status.DISETUJUI, tahun_jp=tahun, pegawai_id__in=ids
        ),
    ):
        for pegawai_id, total in qs.order_by().values_list("pegawai_id").annotate(total=Sum("jp")):
            jp[pegawai_id] += int(total or 0)
    berubah = []
    for r in baris:
        if r.jp != jp[r.pegawai_id]:
            r.jp = jp[r.pegawai_id]
            berubah.append(r)
    if berubah:
        JpTahunan.objects.bulk_update(berubah, ["jp"], batch_size=500)


def jp_tahunan_bangun() -> int:
    """Rebuild the whole summary from the live rows (one transaction; writers of JP wait on the table lock on
    PostgreSQL, so none of their changes is lost). Returns the number of rows."""
    tabel = connection.ops.quote_name(JpTahunan._meta.db_table)
    query, params = _jp_hidup_sql()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {tabel} IN EXCLUSIVE MODE")
        cursor.execute(f"DELETE FROM {tabel}")  # noqa: S608 - the table's own name
        cursor.execute(f"INSERT INTO {tabel} (pegawai_id, tahun, jp) " + query, params)  # noqa: S608 - ORM SQL
        return cursor.rowcount


def jp_tahunan_selisih(batas: int = 20) -> list[tuple[int, int, int, int]]:
    """``(pegawai_id, tahun, summary, live)`` of up to ``batas`` pairs where the summary is wrong (a missing row
    counts as 0 JP, and so does a row of 0 JP that has no live rows)."""
    tabel = connection.ops.quote_name(JpTahunan._meta.db_table)
    query, params = _jp_hidup_sql()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT COALESCE(r.pegawai_id, h.pegawai_id), COALESCE(r.tahun, h.tahun), COALESCE(r.jp, 0),
                   COALESCE(h.jp, 0)
            FROM {tabel} r FULL OUTER JOIN ({query}) h
              ON h.pegawai_id = r.pegawai_id AND h.tahun = r.tahun
            WHERE COALESCE(r.jp, 0) <> COALESCE(h.jp, 0)
            ORDER BY 1, 2
            LIMIT %s
            """,  # noqa: S608 - the table's own name and the ORM's SQL
            [*params, batas],
        )
        return [tuple(int(v) for v in row) for row in cursor.fetchall()]  # type: ignore[misc]
