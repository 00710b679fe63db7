"""Logins in bulk: one action creates a login for every active pegawai without one, in a unit subtree or in the file
of an earlier import, as a Celery job on the import's job row (``ImporJob`` with ``jenis="akun"``: the same
progress bar and page).

Each new login (username = the NIP) is handed over in one of two ways:
- ``email``: a one-time activation link (Django's password-reset token: it stops working once a password is set) is
  mailed to the pegawai; the login has no usable password until then. A pegawai without an e-mail gets a code.
- ``kode``: a one-time code, which is the login's temporary password; the admin downloads the list once (then it is
  erased from the server) and hands the codes out. Signing in with it forces a new password at once
  (``User.wajib_ganti_sandi``).

The job works in batches, each in its own transaction: progress is the committed row (no cache), a worker that dies
leaves the logins made so far, and running the job again continues with the pegawai still without a login.
"""

from __future__ import annotations

import csv
import io
import logging
import secrets
from datetime import timedelta

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from kepegawaian import access
from kepegawaian.impor.baca import baca_berkas
from kepegawaian.models import ImporJob, Pegawai, UnitKerja, User
from kinerja.antrian import enqueue_on_commit
from kinerja.audit import audit_actor, audit_record

logger = logging.getLogger(__name__)

BATCH = 50
ALFABET_KODE = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
PANJANG_KODE = 12


def _kode_baru() -> str:
    kode = "".join(secrets.choice(ALFABET_KODE) for _i in range(PANJANG_KODE))
    return f"{kode[:4]}-{kode[4:8]}-{kode[8:]}"


def url_dasar() -> str:
    """The site's address for links in e-mails sent by the worker (which has no request)."""
    return getattr(settings, "KINERJA_URL_DASAR", "http://127.0.0.1:8000").rstrip("/")


def tautan_aktivasi(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return url_dasar() + reverse("aktivasi", args=[uid, token])


# --- Who is concerned ---------------------------------------------------------------------------------------------


def _nip_dari_impor(job: ImporJob) -> list[str]:
    berkas = []
    for i, f in enumerate(f for f in (job.berkas, job.berkas_tambahan) if f):
        nama = job.nama_berkas[i] if i < len(job.nama_berkas) else f.name
        with f.open("rb") as fh:
            berkas.append((nama, io.BytesIO(fh.read())))
    data = baca_berkas(berkas)
    return [b["nip"].replace(" ", "") for b in data.pegawai if b["nip"]]


def sasaran(job: ImporJob) -> QuerySet[Pegawai]:
    """The active pegawai without a login that this job is for, within what its creator manages (re-read at each
    run: the scope is the creator's as it is now)."""
    qs = Pegawai.objects.filter(access.pegawai_manage_q(job.dibuat_oleh), aktif=True, user__isnull=True)
    if job.akun_unit_id is not None:
        unit = UnitKerja.objects.get(pk=job.akun_unit_id)
        return qs.filter(unit__path__startswith=unit.path)
    assert job.akun_sumber is not None
    return qs.filter(nip__in=_nip_dari_impor(job.akun_sumber))


# --- Writes ---------------------------------------------------------------------------------------------------------


def akun_massal_create(
    *, actor, metode: str, unit: UnitKerja | None = None, impor_job: ImporJob | None = None
) -> ImporJob:
    """Queue a bulk creation of logins for ``unit``'s subtree (a unit the actor manages) or for the pegawai of the
    file of ``impor_job`` (a finished import the actor may see). Admins only."""
    access.require_admin(actor)
    if (unit is None) == (impor_job is None):
        raise ValidationError(_("Pilih satu sasaran: unit kerja atau berkas impor."))
    if metode not in ImporJob.Metode.values:
        raise ValidationError({"metode": _("Pilih cara aktivasi: email atau kode sekali pakai.")})
    if unit is not None:
        access.require_unit_manager(actor, unit)
    if impor_job is not None:
        impor_job = access.impor_job_get_for_user(actor, impor_job.pk)
        if impor_job.jenis != ImporJob.Jenis.IMPOR or impor_job.status != ImporJob.Status.SELESAI:
            raise ValidationError(_("Akun hanya dapat dibuat dari impor yang telah selesai."))
    with transaction.atomic():
        job = ImporJob(
            jenis=ImporJob.Jenis.AKUN, dibuat_oleh=actor, akun_unit=unit, akun_sumber=impor_job, akun_metode=metode
        )
        job.total_baris = sasaran(job).count()
        if impor_job is not None:
            job.nama_berkas = impor_job.nama_berkas
        job.full_clean(exclude=["berkas"])
        job.save()
        audit_record(
            instance=job,
            actor=actor,
            action=LogEntry.Action.CREATE,
            changes={"akun_massal": ["—", f"{job.total_baris} pegawai, {metode}"]},
        )
        enqueue_on_commit("kepegawaian.tasks.akun_massal_jalankan", job.pk)
    return job


def _buat_batch(job: ImporJob, pegawai_ids: list[int]) -> tuple[list[dict], list[User], int]:
    """One batch in one transaction: the logins and the codes. Returns (codes, logins to mail, skipped)."""
    kode_baru: list[dict] = []
    surat: list[User] = []
    lewati = 0
    with transaction.atomic(), audit_actor(job.dibuat_oleh):
        daftar = list(Pegawai.objects.select_for_update().filter(pk__in=pegawai_ids, aktif=True, user__isnull=True))
        dipakai = set(User.objects.filter(username__in=[p.nip for p in daftar]).values_list("username", flat=True))
        for p in daftar:
            if p.nip in dipakai:
                lewati += 1  # another login already carries this NIP as its username: left to the admin
                continue
            user = User(username=p.nip, email=p.email, first_name=p.nama[:150], is_active=True)
            if job.akun_metode == ImporJob.Metode.EMAIL and p.email:
                user.set_unusable_password()
                surat.append(user)
            else:
                kode = _kode_baru()
                user.set_password(kode)
                user.wajib_ganti_sandi = True
                kode_baru.append({"nip": p.nip, "nama": p.nama, "username": p.nip, "kode": kode})
            user.save()
            p.user = user
            p.save(update_fields=["user"])
        if kode_baru:
            job.kode_sekali = [*ImporJob.objects.get(pk=job.pk).kode_sekali, *kode_baru]
            ImporJob.objects.filter(pk=job.pk).update(kode_sekali=job.kode_sekali)
    return kode_baru, surat, lewati


def _kirim_aktivasi(users: list[User]) -> int:
    """Mail the activation links (after the batch committed: slow I/O outside the transaction). Returns how many
    could not be sent (logged; the admin can give those a code by resetting the password)."""
    pesan = []
    for user in users:
        konteks = {"user": user, "tautan": tautan_aktivasi(user), "url_dasar": url_dasar()}
        pesan.append(
            EmailMessage(
                subject=_("Aktivasi akun Kinerja Anda"),
                body=render_to_string("registration/aktivasi_email.txt", konteks),
                to=[user.email],
            )
        )
    if not pesan:
        return 0
    try:
        terkirim = get_connection(fail_silently=False).send_messages(pesan) or 0
    except Exception:
        logger.exception("Email aktivasi gagal dikirim")
        return len(pesan)
    return len(pesan) - terkirim


def akun_massal_run(*, job_id: int) -> bool:
    """Run a bulk-login job (the worker). Claims it with a conditional UPDATE (a waiting job, or one whose worker
    died past the time limit); returns False when another run has it."""
    batas_basi = timezone.now() - timedelta(seconds=getattr(settings, "CELERY_TASK_TIME_LIMIT", 720) + 60)
    diklaim = ImporJob.objects.filter(
        Q(status=ImporJob.Status.MENUNGGU) | Q(status=ImporJob.Status.BERJALAN, mulai_pada__lt=batas_basi),
        pk=job_id,
        jenis=ImporJob.Jenis.AKUN,
    ).update(status=ImporJob.Status.BERJALAN, mulai_pada=timezone.now(), progres=0)
    if not diklaim:
        return False
    job = ImporJob.objects.select_related("dibuat_oleh", "akun_sumber").get(pk=job_id)
    hasil = {"akun_baru": 0, "kode": 0, "email": 0, "email_gagal": 0, "lewati": 0}
    try:
        ids = list(sasaran(job).order_by("pk").values_list("pk", flat=True))
        total = len(ids)
        ImporJob.objects.filter(pk=job_id).update(total_baris=total)
        for i in range(0, total, BATCH):
            kode, surat, lewati = _buat_batch(job, ids[i : i + BATCH])
            hasil["kode"] += len(kode)
            hasil["email"] += len(surat)
            hasil["lewati"] += lewati
            hasil["akun_baru"] += len(kode) + len(surat)
            hasil["email_gagal"] += _kirim_aktivasi(surat)
            ImporJob.objects.filter(pk=job_id).update(progres=min(99, (i + BATCH) * 100 // max(total, 1)))
    except Exception:
        logger.exception("Pembuatan akun #%s gagal", job_id)
        ImporJob.objects.filter(pk=job_id).update(
            status=ImporJob.Status.GAGAL,
            ringkasan=hasil,
            pesan=_(
                "Terjadi kesalahan tak terduga. %(n)d akun yang sudah dibuat tetap ada; jalankan lagi untuk pegawai "
                "lainnya."
            )
            % {"n": hasil["akun_baru"]},
            selesai_pada=timezone.now(),
        )
    else:
        ImporJob.objects.filter(pk=job_id).update(
            status=ImporJob.Status.SELESAI,
            progres=100,
            ringkasan=hasil,
            pesan=_("Selesai: %(n)d akun login baru.") % {"n": hasil["akun_baru"]},
            selesai_pada=timezone.now(),
        )
    return True


def can_take_kode(user, job: ImporJob) -> bool:
    """Only the admin who ran the job receives its one-time codes."""
    return job.jenis == ImporJob.Jenis.AKUN and job.dibuat_oleh_id == getattr(user, "pk", None)


def akun_massal_close(*, actor, job: ImporJob) -> list[dict]:
    """Hand the one-time codes over, once: returns them and erases them from the job (audited, without the codes).
    404 for a job the actor may not see; 403 for one he did not run."""
    job = access.impor_job_get_for_user(actor, job.pk)
    if not can_take_kode(actor, job):
        raise PermissionDenied(_("Hanya admin yang menjalankan pembuatan akun ini yang menerima kode sekali pakai."))
    with transaction.atomic():
        job = ImporJob.objects.select_for_update().get(pk=job.pk)
        kode = list(job.kode_sekali)
        if not kode:
            raise ValidationError(_("Daftar kode sudah diunduh dan telah dihapus dari server."))
        job.kode_sekali = []
        job.save(update_fields=["kode_sekali"])
        audit_record(instance=job, actor=actor, changes={"kode_sekali": [f"{len(kode)} kode", "diunduh, dihapus"]})
    return kode


def kode_csv(kode: list[dict]) -> str:
    out = io.StringIO()
    tulis = csv.writer(out)
    tulis.writerow([_("NIP"), _("Nama"), _("Nama pengguna"), _("Kode sekali pakai")])
    for k in kode:
        tulis.writerow([k["nip"], k["nama"], k["username"], k["kode"]])
    return out.getvalue()
