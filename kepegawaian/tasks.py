"""Celery tasks of kepegawaian: thin wrappers that take ids and call a service."""

from celery import shared_task

from kepegawaian import akun_massal, impor


@shared_task(acks_late=True, reject_on_worker_lost=True)
def impor_jalankan(job_id: int) -> bool:
    """Run an import job. Safe to run twice: the service claims the job with a conditional UPDATE, so a
    redelivered message finds the job already taken (or finished) and does nothing. A worker process killed
    mid-import puts the message back (``reject_on_worker_lost``); the redelivered run takes the job over (its
    runner's lock is gone) and imports it whole, once."""
    return impor.impor_job_run(job_id=job_id)


@shared_task(acks_late=True)
def akun_massal_jalankan(job_id: int) -> bool:
    """Create logins in bulk. Safe to run twice: the job is claimed with a conditional UPDATE, and each batch only
    takes pegawai still without a login."""
    return akun_massal.akun_massal_run(job_id=job_id)


@shared_task
def ringkasan_tugas_harian() -> int:
    """The daily e-mail of the to-do list to those who turned it on. Safe to run twice (one claim per person and
    day); not acks_late: a redelivered message would find every claim taken anyway."""
    from kepegawaian.ringkasan import ringkasan_tugas_run

    return ringkasan_tugas_run()
