"""Production refuses a short secret key (issue 8): ``DJANGO_SECRET_KEY`` under 50 characters stops the start
instead of passing with a check warning. Settings are read in a fresh subprocess (see tests/test_settings.py)."""

import pytest

from tests.test_settings import SECRET, _env, _run


@pytest.mark.parametrize("key", ["kunci", "k" * 49])
def test_production_refuses_a_secret_key_shorter_than_50_characters(tmp_path, key):
    env = _env(tmp_path, DJANGO_DEBUG="0", DJANGO_SECRET_KEY=key, ALLOWED_HOSTS="kinerja.go.id")
    result = _run(["-c", "import kinerja.settings"], env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"DJANGO_SECRET_KEY terlalu pendek ({len(key)} karakter)" in result.stderr


def test_production_starts_with_a_50_character_key(tmp_path):
    key = (SECRET * 2)[:50]
    env = _env(tmp_path, DJANGO_DEBUG="0", DJANGO_SECRET_KEY=key, ALLOWED_HOSTS="kinerja.go.id")
    result = _run(["-c", "import kinerja.settings; print(len(kinerja.settings.SECRET_KEY))"], env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("50")
