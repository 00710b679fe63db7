"""Reads of the training history import (the job itself is kepegawaian's ``ImporJob``)."""

from django.db.models import QuerySet

from kepegawaian.access import impor_job_visible
from kepegawaian.models import ImporJob


def impor_riwayat_terakhir(user, n: int = 10) -> QuerySet[ImporJob]:
    """This admin's latest training history imports (``ImporJob`` of kind ``pelatihan``), newest first."""
    return impor_job_visible(user).filter(dibuat_oleh_id=user.pk, jenis=ImporJob.Jenis.PELATIHAN)[:n]
