import pytest


@pytest.fixture(autouse=True)
def _media_sementara(settings, tmp_path):
    """Charts and PDFs go to a temporary storage folder (Django resets default_storage on the setting change)."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _cache_kosong():
    """The report page's body is cached per version: ids repeat from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
