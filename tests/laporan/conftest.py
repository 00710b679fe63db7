import pytest

from tests.cache_uji import kosongkan_cache


@pytest.fixture(autouse=True)
def _media_sementara(settings, tmp_path):
    """Charts and PDFs go to a temporary storage folder (Django resets default_storage on the setting change)."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _cache_kosong():
    """The report page's body is cached per version: ids repeat from one test to the next."""

    kosongkan_cache()
    yield
    kosongkan_cache()
