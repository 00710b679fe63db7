"""A unit's evaluation documents as one ZIP (the Penetapan Predikat Kinerja of every finalised unit of its subtree, and
both documents of every final annual evaluation of the subtree), built
by a Celery job queued after commit; ``arsip_build`` claims the job with a conditional UPDATE, so a redelivered
message does nothing. The PDFs are rendered outside any transaction; the progress is written after each one."""

import io
import logging
import zipfile

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from indikator.models import PeriodePenilaian
from kepegawaian.models import UnitKerja
from kinerja.antrian import enqueue_on_commit
from kinerja.audit import audit_actor
from penilaian import access, dokumen
from penilaian.models import ArsipDokumenUnit, Evaluasi, PenetapanDistribusi

logger = logging.getLogger(__name__)


def arsip_run(*, actor, unit: UnitKerja, periode: PeriodePenilaian) -> ArsipDokumenUnit:
    """Queue the ZIP of the unit's documents (whoever may see the unit's distribution)."""
    access.require_calibrate(actor, unit)
    with transaction.atomic(), audit_actor(actor):
        job = ArsipDokumenUnit.objects.create(unit=unit, periode=periode, dibuat_oleh=actor)
        enqueue_on_commit("penilaian.tasks.arsip_bangun", job.pk)
    return job


def _arsip_perbarui(*, evaluasi: Evaluasi, sebab: str) -> list[ArsipDokumenUnit]:
    """A result changed by an objection decision or a calibration regenerates its documents: the evaluation pages and
    PDFs are read live, and every unit ZIP of the period that already holds the evaluation (the latest finished one of
    each unit above the pegawai) is queued again for the same maker, with ``sebab`` as its message until it runs.
    A unit with a job still waiting gets none (that one will read the new result). Private: called inside the
    service that changed the result (it checked the actor); the jobs are queued after its commit."""
    path = evaluasi.pegawai.unit.path
    paths = [path[:i] for i in range(UnitKerja.steplen, len(path) + 1, UnitKerja.steplen)]
    jobs = ArsipDokumenUnit.objects.filter(periode_id=evaluasi.periode_id, unit__path__in=paths).order_by("-pk")
    menunggu = set(jobs.filter(status=ArsipDokumenUnit.Status.MENUNGGU).values_list("unit_id", flat=True))
    terakhir: dict[int, ArsipDokumenUnit] = {}
    for job in jobs.filter(status=ArsipDokumenUnit.Status.SELESAI):
        terakhir.setdefault(job.unit_id, job)
    baru = []
    for unit_id, lama in terakhir.items():
        if unit_id in menunggu:
            continue
        job = ArsipDokumenUnit.objects.create(
            unit_id=unit_id, periode_id=evaluasi.periode_id, dibuat_oleh_id=lama.dibuat_oleh_id, pesan=sebab[:500]
        )
        enqueue_on_commit("penilaian.tasks.arsip_bangun", job.pk)
        baru.append(job)
    return baru


def arsip_build(*, job_id: int) -> bool:
    """Build the ZIP. Called by the task; the job was checked when it was queued."""
    diambil = ArsipDokumenUnit.objects.filter(pk=job_id, status=ArsipDokumenUnit.Status.MENUNGGU).update(
        status=ArsipDokumenUnit.Status.BERJALAN, progres=0
    )
    if not diambil:
        return False
    job = ArsipDokumenUnit.objects.select_related("unit", "periode").get(pk=job_id)
    try:
        evaluasi = list(
            Evaluasi.objects.filter(
                periode=job.periode,
                jenis=Evaluasi.Jenis.TAHUNAN,
                status=Evaluasi.Status.FINAL,
                pegawai__unit__path__startswith=job.unit.path,
            )
            .select_related("pegawai__unit", "pegawai__jabatan", "periode", "skp")
            .order_by("pegawai__nama", "pk")
        )
        ditetapkan = list(
            UnitKerja.objects.filter(
                path__startswith=job.unit.path,
                pk__in=PenetapanDistribusi.objects.filter(periode=job.periode).values("unit_id"),
            ).order_by("path")
        )
        out = io.BytesIO()
        langkah = max(1, len(ditetapkan) + len(evaluasi) * len(dokumen.DOKUMEN))
        n = 0
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as arsip:
            for unit in ditetapkan:  # each finalised unit's signed Penetapan Predikat Kinerja
                nama = dokumen.nama_berkas_penetapan(unit=unit, periode=job.periode)
                arsip.writestr(nama, dokumen.penetapan_pdf(unit=unit, periode=job.periode))
                n += 1
                ArsipDokumenUnit.objects.filter(pk=job_id).update(progres=min(99, n * 100 // langkah))
            for e in evaluasi:
                for jenis in dokumen.DOKUMEN:
                    nama = f"{e.pegawai.nip}-{dokumen.nama_berkas(evaluasi=e, jenis=jenis)}"
                    arsip.writestr(nama, dokumen.dokumen_pdf(evaluasi=e, jenis=jenis))
                    n += 1
                    ArsipDokumenUnit.objects.filter(pk=job_id).update(progres=min(99, n * 100 // langkah))
        job.berkas.save(f"dokumen-{job.unit.kode}-{job.periode.tahun}.zip", ContentFile(out.getvalue()), save=False)
        ArsipDokumenUnit.objects.filter(pk=job_id).update(
            berkas=job.berkas.name,
            jumlah=n,
            progres=100,
            status=ArsipDokumenUnit.Status.SELESAI,
            selesai_pada=timezone.now(),
            pesan=_("%(n)d dokumen siap diunduh.") % {"n": n}
            if n
            else _("Unit ini belum memiliki evaluasi tahunan final."),
        )
    except Exception:
        logger.exception("arsip dokumen unit #%s gagal", job_id)
        ArsipDokumenUnit.objects.filter(pk=job_id).update(
            status=ArsipDokumenUnit.Status.GAGAL,
            selesai_pada=timezone.now(),
            pesan=_("Arsip gagal dibuat karena kesalahan sistem; silakan coba lagi."),
        )
        return False
    return True
