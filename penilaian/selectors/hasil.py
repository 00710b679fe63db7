"""A pegawai's result of one year for another app's aggregate query (the "did it work" page of ``pelatihan``
compares the year of a development need with the next one): the rank of the predikat of his final annual
evaluation, and the mean capaian of the IKI of his current approved SKP of that year. Each is the SQL of a table
keyed by ``pid`` that the caller joins, so that its query stays one query (and cheap to plan: no correlated
subquery per person).

The capaian of one IKI is indikator's ``CAPAIAN_IKI_SQL`` over the realisation that counts (the last month/quarter
filled in); the mean is over the IKI with a defined capaian (as the penilai's team page shows it)."""

from django.db.models import Case, F, IntegerField, QuerySet, Value, When

from indikator.models import Iki, Skp
from indikator.selectors import CAPAIAN_IKI_SQL, iki_realisasi_berlaku_subquery
from penilaian.aturan import Predikat
from penilaian.models import Evaluasi

#: the predikat as a number, best highest: a move up is a larger number
PERINGKAT_PREDIKAT: dict[str, int] = {
    Predikat.SANGAT_BAIK: 5,
    Predikat.BAIK: 4,
    Predikat.BUTUH_PERBAIKAN: 3,
    Predikat.KURANG: 2,
    Predikat.SANGAT_KURANG: 1,
}


def peringkat_predikat_tahunan_sql(*, pegawai_ids: QuerySet, tahun: int) -> tuple[str, list]:
    """SQL and parameters of a table ``(pid, p)``: for each of the pegawai ``pegawai_ids`` (a values queryset of
    ids) with a final annual evaluation of year ``tahun``, the rank (``PERINGKAT_PREDIKAT``) of its predikat."""
    peringkat = Case(
        *[When(predikat=p, then=Value(n)) for p, n in PERINGKAT_PREDIKAT.items()],
        default=Value(None),
        output_field=IntegerField(),
    )
    evaluasi = (
        Evaluasi.objects.filter(
            pegawai_id__in=pegawai_ids,
            periode__tahun=tahun,
            jenis=Evaluasi.Jenis.TAHUNAN,
            status=Evaluasi.Status.FINAL,
        )
        .annotate(pid=F("pegawai_id"), p=peringkat)
        .order_by()
        .values("pid", "p")
    )
    sql, params = evaluasi.query.sql_with_params()
    return sql, list(params)


def capaian_tahunan_sql(*, pegawai_ids: QuerySet, tahun: int) -> tuple[str, list]:
    """SQL and parameters of a table ``(pid, c)``: for each of the pegawai ``pegawai_ids`` (a values queryset of
    ids) who has one, the mean capaian (percent) of the IKI of his current approved SKP of year ``tahun``; ``c`` is
    NULL when no IKI has a defined capaian. One GROUP BY over the IKI, the realisation subquery once per IKI."""
    iki = (
        Iki.objects.filter(
            rhk__skp__pegawai_id__in=pegawai_ids,
            rhk__skp__periode__tahun=tahun,
            rhk__skp__status=Skp.Status.DISETUJUI,
            rhk__skp__terkini=True,
        )
        .annotate(r=iki_realisasi_berlaku_subquery(), orang=F("rhk__skp__pegawai_id"))
        .order_by()
        .values("arah", "target_bentuk", "target", "target_atas", "r", "orang")
    )
    sql, params = iki.query.sql_with_params()
    # S608: the only interpolations are a constant and the ORM's own SQL (its values are parameters)
    return f"SELECT i.orang AS pid, AVG({CAPAIAN_IKI_SQL}) AS c FROM ({sql}) i GROUP BY i.orang", list(params)  # noqa: S608
