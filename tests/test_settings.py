"""Settings come from the environment. Each case imports the settings in a fresh subprocess, because settings are
read once per process and the test process itself runs with whatever the developer or CI exported."""

import json
import os
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings

SECRET = "p9Xv-" + "k" * 30 + "-Qz7_" + "m" * 20  # 60 characters, more than 5 unique: what check --deploy wants
PASSTHROUGH = ("PATH", "HOME", "LANG", "SYSTEMROOT", "TMPDIR")


def _env(tmp_path, **values) -> dict:
    """A clean environment: nothing of the caller's DATABASE_URL, REDIS_URL, DJANGO_* leaks in."""
    env = {key: os.environ[key] for key in PASSTHROUGH if key in os.environ}
    env["KINERJA_VAR_DIR"] = str(tmp_path / "var")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(values)
    return env


def _run(args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def _settings_in_subprocess(tmp_path, **values) -> dict:
    code = textwrap.dedent(
        """
        import json
        from kinerja import settings as s
        print(json.dumps({
            "DEBUG": s.DEBUG,
            "ENGINE": s.DATABASES["default"]["ENGINE"],
            "DB_NAME": str(s.DATABASES["default"]["NAME"]),
            "DB_OPTIONS": s.DATABASES["default"].get("OPTIONS", {}),
            "CACHE": s.CACHES["default"]["BACKEND"],
            "BROKER": s.CELERY_BROKER_URL,
            "RESULT_BACKEND": s.CELERY_RESULT_BACKEND,
            "SECRET_KEY_LEN": len(s.SECRET_KEY),
            "ALLOWED_HOSTS": s.ALLOWED_HOSTS,
            "SESSION_COOKIE_SECURE": getattr(s, "SESSION_COOKIE_SECURE", False),
            "CSRF_COOKIE_SECURE": getattr(s, "CSRF_COOKIE_SECURE", False),
            "SECURE_HSTS_SECONDS": getattr(s, "SECURE_HSTS_SECONDS", 0),
            "SECURE_SSL_REDIRECT": getattr(s, "SECURE_SSL_REDIRECT", False),
            "STATICFILES": s.STORAGES["staticfiles"]["BACKEND"],
            "LANGUAGE_CODE": s.LANGUAGE_CODE,
            "LANGUAGES": [code for code, _ in s.LANGUAGES],
            "TIME_ZONE": s.TIME_ZONE,
        }))
        """
    )
    result = _run(["-c", code], _env(tmp_path, **values))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_nothing_set_gives_sqlite_locmem_cache_embedded_broker_and_debug(tmp_path):
    s = _settings_in_subprocess(tmp_path)

    assert s["DEBUG"] is True
    assert s["ENGINE"] == "django.db.backends.sqlite3"
    assert s["DB_NAME"] == str(tmp_path / "var" / "kinerja.sqlite3")
    assert "journal_mode=WAL" in s["DB_OPTIONS"]["init_command"]
    assert s["DB_OPTIONS"]["timeout"] >= 5
    assert s["CACHE"] == "django.core.cache.backends.locmem.LocMemCache"
    assert s["BROKER"] == "filesystem://"
    assert (tmp_path / "var" / "celery" / "queue").is_dir()
    assert s["SECRET_KEY_LEN"] >= 50
    assert (tmp_path / "var" / "dev-secret-key").exists()  # kept, so sessions survive a restart


def test_language_and_time_zone_are_indonesian(tmp_path):
    s = _settings_in_subprocess(tmp_path)

    assert s["LANGUAGE_CODE"] == "id"
    assert s["LANGUAGES"] == ["id", "en"]
    assert s["TIME_ZONE"] == "Asia/Jakarta"


def test_database_and_redis_urls_switch_to_postgresql_and_redis(tmp_path):
    s = _settings_in_subprocess(
        tmp_path,
        DATABASE_URL="postgres://kinerja:rahasia@db.internal:5432/kinerja",
        REDIS_URL="redis://cache.internal:6379/0",
    )

    assert s["ENGINE"] == "django.db.backends.postgresql"
    assert s["DB_NAME"] == "kinerja"
    assert s["DB_OPTIONS"]["connect_timeout"] == 5
    assert s["CACHE"] == "django.core.cache.backends.redis.RedisCache"
    assert s["BROKER"] == "redis://cache.internal:6379/0"
    assert s["RESULT_BACKEND"] == "redis://cache.internal:6379/0"


def test_celery_broker_url_wins_over_redis_url(tmp_path):
    s = _settings_in_subprocess(
        tmp_path, REDIS_URL="redis://cache.internal:6379/0", CELERY_BROKER_URL="redis://broker.internal:6379/1"
    )

    assert s["BROKER"] == "redis://broker.internal:6379/1"


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = _run(["-c", "import kinerja.settings"], _env(tmp_path, DJANGO_DEBUG="0", ALLOWED_HOSTS="kinerja.go.id"))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY wajib diisi" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    result = _run(["-c", "import kinerja.settings"], _env(tmp_path, DJANGO_DEBUG="0", DJANGO_SECRET_KEY=SECRET))

    assert result.returncode != 0
    assert "ALLOWED_HOSTS wajib diisi" in result.stderr


def test_production_mode_has_secure_cookies_hsts_and_hashed_static_files(tmp_path):
    s = _settings_in_subprocess(tmp_path, DJANGO_DEBUG="0", DJANGO_SECRET_KEY=SECRET, ALLOWED_HOSTS="kinerja.go.id")

    assert s["DEBUG"] is False
    assert s["ALLOWED_HOSTS"] == ["kinerja.go.id"]
    assert s["SECRET_KEY_LEN"] == len(SECRET)
    assert s["SESSION_COOKIE_SECURE"] is True
    assert s["CSRF_COOKIE_SECURE"] is True
    assert s["SECURE_HSTS_SECONDS"] >= 31536000
    assert s["SECURE_SSL_REDIRECT"] is True
    assert s["STATICFILES"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"DATABASE_URL": "postgres://kinerja:rahasia@127.0.0.1:5432/kinerja", "REDIS_URL": "redis://127.0.0.1:6379/0"},
    ],
    ids=["sqlite", "postgresql-redis"],
)
def test_check_deploy_is_clean_in_production_mode(tmp_path, extra):
    env = _env(tmp_path, DJANGO_DEBUG="0", DJANGO_SECRET_KEY=SECRET, ALLOWED_HOSTS="kinerja.go.id", **extra)

    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_passwords_are_hashed_with_argon2_by_default():
    from django.contrib.auth.hashers import Argon2PasswordHasher

    from kinerja import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert Argon2PasswordHasher().encode("kinerja-demo", "garamgaramgaram").startswith("argon2$argon2id$")


def test_ui_is_indonesian_even_when_the_browser_prefers_english(client, db):
    response = client.get("/akun/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "id"


def test_english_is_available_through_the_language_switch(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/akun/login/"})
    response = client.get("/akun/login/")
    assert response.headers["Content-Language"] == "en"
