"""Celery tasks of penilaian: thin wrappers that take ids and call a service."""

from celery import shared_task

from penilaian import services


@shared_task(acks_late=True)
def arsip_bangun(job_id: int) -> bool:
    """Build a unit's documents ZIP. Safe to run twice: the service claims the job with a conditional UPDATE."""
    return services.arsip_build(job_id=job_id)
