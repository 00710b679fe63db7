"""Fixtures of the pelatihan tests. Every test runs on a fixed day, ``HARI_UJI`` (15 July 2026), unless it moves
the clock itself with ``hari``."""

import pytest
from django.utils import timezone

from tests.pelatihan.factories import HARI_UJI, KegiatanFactory


@pytest.fixture(autouse=True)
def hari(monkeypatch):
    """``hari(date)`` moves today; by default it is HARI_UJI."""

    def set_hari(tanggal):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tanggal)
        return tanggal

    set_hari(HARI_UJI)
    return set_hari


@pytest.fixture(autouse=True)
def media_sementara(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def kegiatan(dinas):
    """An event organised by Dinas Uji (its admin_unit manages it), open for registration today."""
    return KegiatanFactory(unit_penyelenggara=dinas)


@pytest.fixture
def api(as_user):
    return as_user
