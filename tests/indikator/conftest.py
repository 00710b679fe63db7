"""Fixtures of the indikator tests. Every test here runs on a fixed day, ``HARI_UJI`` (15 July 2026): triwulan
I and II of 2026 are closed for realisation, triwulan III is open, triwulan IV has not begun."""

import pytest
from django.utils import timezone

from tests.indikator.factories import HARI_UJI, PeriodeFactory


@pytest.fixture(autouse=True)
def hari_uji(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: HARI_UJI)
    return HARI_UJI


@pytest.fixture
def periode(db):
    return PeriodeFactory(tahun=2026)


@pytest.fixture(autouse=True)
def media_sementara(settings, tmp_path):
    """Evidence files go to a temporary directory, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def api(as_user):
    """The API tests call it ``api``: ``api(pegawai).get(...)``."""
    return as_user
