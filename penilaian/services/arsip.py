"""A unit's evaluation documents as one ZIP (both documents of every final annual evaluation of its subtree), built
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
from penilaian.models import ArsipDokumenUnit, Evaluasi

logger = logging.getLogger(__name__)


def arsip_run(*, actor, unit: UnitKerja, periode: PeriodePenilaian) -> ArsipDokumenUnit:
    """Queue the ZIP of the unit's documents (whoever may see the unit's distribution)."""
    access.require_calibrate(actor, unit)
    with transaction.atomic(), audit_actor(actor):
        job = ArsipDokumenUnit.objects.create(unit=unit, periode=periode, dibuat_oleh=actor)
        enqueue_on_commit("penilaian.tasks.arsip_bangun", job.pk)
    return job


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
        out = io.BytesIO()
        langkah = max(1, len(evaluasi) * len(dokumen.DOKUMEN))
        n = 0
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as arsip:
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
