"""Import jobs (``ImporJob``): small uploads run in the request, large ones (``KEPEGAWAIAN_IMPOR_BATAS_SINKRON``
rows) in a Celery job queued on commit; ``impor_job_run`` claims the job with a conditional UPDATE, so it is safe to
run twice.

The same job row, runner, progress and page carry other kinds of file import (``ImporJob.jenis``): a higher app
registers its kind with ``jenis_impor_daftar`` (how to read the files, how to validate and apply them, its upload
page and the template of its result), in its ``AppConfig.ready`` — this module never imports it.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kepegawaian.access import akses_for, impor_job_get_for_user
from kepegawaian.impor.baca import EKSTENSI, DataImpor, baca_berkas, hitung_baris
from kepegawaian.impor.periksa import ImporDitolak
from kepegawaian.impor.terapkan import data_import
from kepegawaian.models import ImporJob
from kinerja.antrian import enqueue_on_commit
from kinerja.audit import audit_record

logger = logging.getLogger(__name__)

MAKS_KESALAHAN_DISIMPAN = 1000


def batas_sinkron() -> int:
    """Uploads with more rows than this run as a Celery job."""
    return getattr(settings, "KEPEGAWAIAN_IMPOR_BATAS_SINKRON", 500)


def maks_ukuran_berkas() -> int:
    return getattr(settings, "KEPEGAWAIAN_IMPOR_MAKS_BYTES", 20 * 1024 * 1024)


# --- Kinds of import ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class JenisImpor:
    """One kind of file import run on ``ImporJob``: ``baca(berkas)`` reads the uploaded (name, file) pairs,
    ``terapkan(actor=, data=, progres=)`` validates all rows and applies them in one transaction (raising
    ``ImporDitolak`` or ``PermissionDenied``) and returns a dataclass with ``ada_perubahan`` (stored as the job's
    summary); ``url_unggah`` names the upload page, ``template_hasil`` the job page's result block."""

    baca: Callable[[list[tuple[str, IO[bytes]]]], DataImpor]  # a list of (name, file)
    terapkan: Callable[..., Any]
    url_unggah: str
    template_hasil: str = ""
    pesan_akses: Callable[[], str] = lambda: _("Hanya admin unit atau admin BKD yang dapat mengimpor data kepegawaian.")
    # The file types it takes and how its rows are counted (to choose between the request and a Celery job).
    ekstensi: tuple[str, ...] = EKSTENSI
    hitung_baris: Callable[[str, IO[bytes]], int] = hitung_baris


_JENIS_IMPOR: dict[str, JenisImpor] = {
    ImporJob.Jenis.IMPOR: JenisImpor(baca=baca_berkas, terapkan=data_import, url_unggah="kepegawaian:impor"),
}


def jenis_impor_daftar(jenis: str, jenis_impor: JenisImpor) -> None:
    """Register another kind of import (``jenis`` must be one of ``ImporJob.Jenis``)."""
    if jenis not in ImporJob.Jenis.values or jenis == ImporJob.Jenis.AKUN:
        raise ValueError(f"ImporJob.Jenis tidak mengenal {jenis!r}")
    _JENIS_IMPOR[jenis] = jenis_impor


def jenis_impor(jenis: str) -> JenisImpor | None:
    """The registered kind of a job (None: not a file import, e.g. bulk logins)."""
    return _JENIS_IMPOR.get(jenis)


# --- Jobs -------------------------------------------------------------------------------------------------------


def _kunci_progres(job_id: int) -> str:
    return f"kepegawaian:imporjob:{job_id}:progres"


def impor_job_create(*, actor, berkas: list, jenis: str = ImporJob.Jenis.IMPOR) -> ImporJob:
    """Store an upload as an ``ImporJob``; run it now when small, else queue it (after commit) for the worker.

    ``berkas``: one or two uploaded files (CSV or XLSX; an XLSX may hold both tables on two sheets). ``jenis``: the
    kind of import (registered with ``jenis_impor_daftar``); the kind's own ``terapkan`` checks the actor's scope.
    """
    jenis_ini = _JENIS_IMPOR[jenis]
    akses = akses_for(actor)
    if not akses.is_admin:
        raise PermissionDenied(jenis_ini.pesan_akses())
    berkas = [b for b in berkas if b]
    if not berkas:
        raise ValidationError({"berkas": _("Pilih berkas CSV atau XLSX yang akan diimpor.")})
    if len(berkas) > 2:
        raise ValidationError({"berkas": _("Paling banyak dua berkas sekaligus (unit dan pegawai).")})
    for b in berkas:
        if Path(b.name).suffix.lower() not in jenis_ini.ekstensi:
            if jenis_ini.ekstensi == EKSTENSI:
                pesan = _("%(nama)s: format berkas harus CSV atau XLSX.") % {"nama": b.name}
            else:
                format_ = "/".join(e.lstrip(".").upper() for e in jenis_ini.ekstensi)
                pesan = _("%(nama)s: format berkas harus %(format)s.") % {"nama": b.name, "format": format_}
            raise ValidationError({"berkas": pesan})
        if b.size > maks_ukuran_berkas():
            raise ValidationError(
                {
                    "berkas": _("%(nama)s terlalu besar (paling besar %(mb)d MB).")
                    % {"nama": b.name, "mb": maks_ukuran_berkas() // (1024 * 1024)}
                }
            )
    total = sum(jenis_ini.hitung_baris(b.name, b) for b in berkas)
    besar = total > batas_sinkron()
    with transaction.atomic():
        job = ImporJob(
            jenis=jenis,
            dibuat_oleh=actor,
            total_baris=total,
            berkas=berkas[0],
            nama_berkas=[Path(b.name).name for b in berkas],
        )
        if len(berkas) > 1:
            job.berkas_tambahan = berkas[1]
        job.save()
        if besar:
            _antrekan(job.pk)
    if not besar:
        impor_job_run(job_id=job.pk)
        job.refresh_from_db()
    return job


def _antrekan(job_id: int) -> None:
    """Queue the job after commit; when the broker does not answer, the job reads "Belum diantrekan" (the outbox
    sends it when the broker is back, or the admin queues it again)."""

    def tandai_tertunda() -> None:
        ImporJob.objects.filter(pk=job_id, status=ImporJob.Status.MENUNGGU).update(status=ImporJob.Status.TERTUNDA)

    enqueue_on_commit("kepegawaian.tasks.impor_jalankan", job_id, bila_tertunda=tandai_tertunda)


def impor_job_submit(*, actor, job: ImporJob) -> ImporJob:
    """Queue again a job that could not be queued ("Belum diantrekan"). The caller got ``job`` through
    ``impor_job_get_for_user``; the actor must be its uploader or admin BKD (404 otherwise)."""
    job = impor_job_get_for_user(actor, job.pk)
    if not job.bisa_diantrekan_lagi:
        raise ValidationError(_("Impor ini sudah diantrekan atau sudah selesai."))
    with transaction.atomic():
        diubah = ImporJob.objects.filter(pk=job.pk, status=ImporJob.Status.TERTUNDA).update(
            status=ImporJob.Status.MENUNGGU
        )
        if not diubah:
            raise ValidationError(_("Impor ini sudah diantrekan atau sudah selesai."))
        audit_record(
            instance=job,
            actor=actor,
            changes={"status": [ImporJob.Status.TERTUNDA, ImporJob.Status.MENUNGGU]},
        )
        _antrekan(job.pk)
    job.refresh_from_db()
    return job


def _progres_catat(job_id: int, persen: int) -> None:
    """Progress is best-effort: the cache carries it while the import's transaction hides the row's UPDATE. A
    cache that does not answer only means the bar moves less smoothly; it never decides the job's outcome."""
    try:
        cache.set(_kunci_progres(job_id), persen, timeout=3600)
    except Exception:  # redis-py ConnectionError/TimeoutError, OSError
        logger.warning("Cache tidak menjawab: progres impor #%s tidak dicatat", job_id, exc_info=True)


def _progres_hapus(job_id: int) -> None:
    try:
        cache.delete(_kunci_progres(job_id))
    except Exception:
        logger.warning("Cache tidak menjawab: progres impor #%s tidak dihapus", job_id, exc_info=True)


# The class of the PostgreSQL advisory locks that mark a running import (the second key is the job's id).
KUNCI_IMPOR = 0x4B50


@contextlib.contextmanager
def _kunci_pelari(job_id: int) -> Iterator[bool | None]:
    """Hold a session-level advisory lock on the job while it runs (PostgreSQL): True when this process has it,
    False when a live runner holds it. A runner that dies (worker killed, connection lost) releases it at once, so
    a redelivered message may take its job over without waiting for a time limit. None elsewhere (SQLite)."""
    if connection.vendor != "postgresql":
        yield None
        return
    with connection.cursor() as cur:
        cur.execute("SELECT pg_try_advisory_lock(%s, %s)", [KUNCI_IMPOR, job_id % 2**31])
        dapat = bool(cur.fetchone()[0])
    try:
        yield dapat
    finally:
        if dapat:
            try:
                with connection.cursor() as cur:
                    cur.execute("SELECT pg_advisory_unlock(%s, %s)", [KUNCI_IMPOR, job_id % 2**31])
            except DatabaseError:
                logger.warning("Kunci impor #%s tidak dapat dilepas (koneksi putus: dilepas server)", job_id)


def impor_job_run(*, job_id: int) -> bool:
    """Run one job, at most once at a time, to its end exactly once; returns False when another run has it or it
    is finished.

    On PostgreSQL the runner holds an advisory lock (``_kunci_pelari``): a job "Sedang berjalan" whose lock is free
    lost its runner (its transaction was rolled back, nothing of it saved), so this run claims it again at once —
    a task redelivered after its worker was killed (``acks_late`` + ``reject_on_worker_lost``) finishes the job.
    Elsewhere a running job is taken over only past the task time limit."""
    with _kunci_pelari(job_id) as dapat:
        if dapat is False:
            return False
        return _jalankan(job_id, pelari_mati_pasti=dapat is True)


def _jalankan(job_id: int, *, pelari_mati_pasti: bool) -> bool:
    batas_basi = timezone.now() - timedelta(seconds=getattr(settings, "CELERY_TASK_TIME_LIMIT", 720) + 60)
    berjalan = Q(status=ImporJob.Status.BERJALAN)
    if not pelari_mati_pasti:
        berjalan &= Q(mulai_pada__lt=batas_basi)
    diklaim = ImporJob.objects.filter(
        Q(status__in=[ImporJob.Status.MENUNGGU, ImporJob.Status.TERTUNDA]) | berjalan,
        pk=job_id,
    ).update(status=ImporJob.Status.BERJALAN, mulai_pada=timezone.now(), progres=0)
    if not diklaim:
        return False
    job = ImporJob.objects.select_related("dibuat_oleh").get(pk=job_id)

    def progres(persen: int) -> None:
        # Inside the import's transaction this UPDATE is not visible to others yet: the cache carries it.
        _progres_catat(job_id, persen)
        ImporJob.objects.filter(pk=job_id).update(progres=persen)

    try:
        berkas: list[tuple[str, IO[bytes]]] = []
        for i, f in enumerate(f for f in (job.berkas, job.berkas_tambahan) if f):
            nama = job.nama_berkas[i] if i < len(job.nama_berkas) else f.name
            with f.open("rb") as fh:
                berkas.append((nama, io.BytesIO(fh.read())))
        jenis_ini = _JENIS_IMPOR[job.jenis]
        data = jenis_ini.baca(berkas)
        ImporJob.objects.filter(pk=job_id).update(total_baris=data.total_baris)
        # The rows and the job's "Selesai" commit together: a worker killed in between leaves neither, and the
        # redelivered task applies the file again (else it would find every row there and report "no changes").
        with transaction.atomic():
            hasil = jenis_ini.terapkan(actor=job.dibuat_oleh, data=data, progres=progres)
            ImporJob.objects.filter(pk=job_id).update(
                status=ImporJob.Status.SELESAI,
                progres=100,
                ringkasan=asdict(hasil),
                pesan=_("Impor selesai.") if hasil.ada_perubahan else _("Impor selesai: tidak ada perubahan."),
                selesai_pada=timezone.now(),
            )
    except ImporDitolak as exc:
        ImporJob.objects.filter(pk=job_id).update(
            status=ImporJob.Status.GAGAL,
            kesalahan=[asdict(k) for k in exc.kesalahan[:MAKS_KESALAHAN_DISIMPAN]],
            jumlah_kesalahan=len(exc.kesalahan),
            pesan=_(
                "Berkas ditolak: %(n)d kesalahan ditemukan. Tidak ada data yang disimpan; perbaiki lalu unggah ulang."
            )
            % {"n": len(exc.kesalahan)},
            selesai_pada=timezone.now(),
        )
    except PermissionDenied as exc:
        ImporJob.objects.filter(pk=job_id).update(
            status=ImporJob.Status.GAGAL, pesan=str(exc), selesai_pada=timezone.now()
        )
    except Exception:
        logger.exception("Impor #%s gagal", job_id)
        ImporJob.objects.filter(pk=job_id).update(
            status=ImporJob.Status.GAGAL,
            pesan=_("Terjadi kesalahan tak terduga; tidak ada data yang disimpan. Coba lagi atau hubungi admin BKD."),
            selesai_pada=timezone.now(),
        )
    finally:
        _progres_hapus(job_id)
    return True


def impor_job_progres(job: ImporJob) -> int:
    """The job's progress in percent: the row's, or the live value from the cache while it is running."""
    if job.status != ImporJob.Status.BERJALAN:
        return 100 if job.status == ImporJob.Status.SELESAI else job.progres
    try:
        langsung = cache.get(_kunci_progres(job.pk)) or 0
    except Exception:
        langsung = 0  # the cache is down: the row's value is good enough
    return max(job.progres, langsung)
