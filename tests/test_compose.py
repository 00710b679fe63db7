"""docker-compose.yml and the Dockerfile agree with what the code reads.

No Docker daemon is needed: the file is parsed with PyYAML, the environment of the app services is interpolated
the way Compose does it, and kinerja/settings.py is imported with that environment in a subprocess.
"""

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
APP_SERVICES = ("web", "worker", "beat")
# Read by the process a command starts rather than by settings.py (gunicorn reads WEB_CONCURRENCY itself).
READ_BY_COMMAND = {"PORT", "WEB_CONCURRENCY"}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def dockerfile() -> str:
    return (BASE_DIR / "Dockerfile").read_text()


def env_names_read_by_settings() -> set[str]:
    source = (BASE_DIR / "kinerja" / "settings.py").read_text()
    return set(re.findall(r"""\benv(?:\.\w+)?\(\s*["']([A-Z][A-Z0-9_]*)["']""", source))


def interpolate(value, given: dict) -> str:
    """Compose's ${NAME}, ${NAME:-default}, ${NAME:?error} and $$."""

    def replace(match):
        name, op, arg = match.group(1), match.group(2), match.group(3)
        if given.get(name):
            return given[name]
        if op == ":-":
            return arg
        if op == ":?":
            raise AssertionError(f"{name} is required: {arg}")
        return ""

    text = re.sub(r"\$\{([A-Z_][A-Z0-9_]*)(?:(:-|:\?)([^}]*))?\}", replace, str(value))
    return text.replace("$$", "$")


def service_env(compose: dict, name: str, given: dict) -> dict:
    environment = compose["services"][name].get("environment", {})
    if isinstance(environment, list):
        environment = dict(item.split("=", 1) for item in environment)
    return {key: interpolate(value, given) for key, value in environment.items()}


def command_text(service: dict) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else command


def test_stack_has_postgres_redis_web_worker_and_beat(compose):
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(compose["services"])


def test_every_long_running_service_has_a_healthcheck(compose):
    for name in ("postgres", "redis", *APP_SERVICES):
        healthcheck = compose["services"][name].get("healthcheck")
        assert healthcheck and healthcheck.get("test"), f"{name} has no healthcheck"
        assert healthcheck.get("timeout"), f"{name}'s healthcheck has no timeout"


def test_data_lives_in_named_volumes(compose):
    volumes = set(compose.get("volumes", {}))

    def mounts(name):
        return {entry.split(":")[0]: entry.split(":")[1] for entry in compose["services"][name].get("volumes", [])}

    assert mounts("postgres").get("pgdata") == "/var/lib/postgresql/data"
    assert mounts("redis").get("redisdata") == "/data"
    assert mounts("web").get("media") == mounts("worker").get("media")  # the worker reads uploaded files
    for name in compose["services"]:
        assert set(mounts(name)) <= volumes, f"{name} mounts an undeclared volume"


def test_commands_reference_the_wsgi_app_and_the_celery_app(compose):
    services = compose["services"]

    web = command_text(services["web"])
    assert web.startswith("gunicorn ")
    assert "kinerja.wsgi:application" in web
    worker = command_text(services["worker"]).split()
    assert worker[:4] == ["celery", "-A", "kinerja", "worker"]
    beat = command_text(services["beat"]).split()
    assert beat[:4] == ["celery", "-A", "kinerja", "beat"]
    # The modules the commands name exist.
    assert (BASE_DIR / "kinerja" / "wsgi.py").exists()
    assert (BASE_DIR / "kinerja" / "celery.py").exists()


def test_web_port_healthcheck_and_dockerfile_agree(compose, dockerfile):
    web = compose["services"]["web"]
    assert "--bind=0.0.0.0:8000" in command_text(web)
    assert web["ports"] == ["8000:8000"]
    assert "http://127.0.0.1:8000/healthz" in " ".join(web["healthcheck"]["test"])
    assert re.search(r"^EXPOSE 8000$", dockerfile, re.MULTILINE)


def test_app_services_wait_for_healthy_database_and_broker_and_for_migrations(compose):
    for name in APP_SERVICES:
        depends = compose["services"][name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"
        assert depends["migrate"]["condition"] == "service_completed_successfully"
    assert command_text(compose["services"]["migrate"]) == "python manage.py migrate --noinput"


def test_every_environment_variable_of_the_app_is_read_by_settings(compose):
    read = env_names_read_by_settings()
    assert {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "DJANGO_SECRET_KEY", "ALLOWED_HOSTS"} <= read

    for name in (*APP_SERVICES, "migrate"):
        names = set(compose["services"][name].get("environment", {}))
        unknown = names - read - READ_BY_COMMAND
        assert not unknown, f"{name} sets variables that nothing reads: {sorted(unknown)}"
        for required in ("DJANGO_DEBUG", "DJANGO_SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"):
            assert required in names, f"{name} lacks {required}"


def test_app_runs_in_production_mode_and_requires_a_secret(compose):
    env = compose["services"]["web"]["environment"]
    assert env["DJANGO_DEBUG"] == "0"
    with pytest.raises(AssertionError, match="DJANGO_SECRET_KEY is required"):
        service_env(compose, "web", given={})


def test_dockerfile_builds_a_slim_non_root_gunicorn_image(dockerfile):
    assert re.search(r"^FROM python:3\.11-slim", dockerfile, re.MULTILINE)
    users = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
    assert users and users[-1] not in ("root", "0")
    assert "manage.py collectstatic --noinput" in dockerfile
    assert "gunicorn kinerja.wsgi:application" in dockerfile
    assert "ENV " in dockerfile and "KINERJA_VAR_DIR=/app/var" in dockerfile


def test_dockerignore_keeps_local_state_out_of_the_image():
    ignored = set((BASE_DIR / ".dockerignore").read_text().split())
    assert {".git", ".venv", "var"} <= ignored


def test_settings_read_with_the_compose_environment_point_at_the_compose_services(compose, tmp_path):
    services = compose["services"]
    postgres_env = service_env(compose, "postgres", given={})
    given = {"DJANGO_SECRET_KEY": "s" * 10 + "-compose-test-" + "k" * 40}
    for name in APP_SERVICES:
        env = service_env(compose, name, given)
        # Container paths are checked against the volumes, then replaced so the host filesystem stays untouched.
        mounts = {entry.split(":")[1] for entry in services[name].get("volumes", [])}
        if "MEDIA_ROOT" in env:
            assert env["MEDIA_ROOT"] in mounts, f"{name}: MEDIA_ROOT is not on a volume"
        if "CELERY_BEAT_SCHEDULE_FILENAME" in env:
            assert str(Path(env["CELERY_BEAT_SCHEDULE_FILENAME"]).parent) in mounts
        env.update(
            KINERJA_VAR_DIR=str(tmp_path / name / "var"),
            MEDIA_ROOT=str(tmp_path / name / "media"),
            STATIC_ROOT=str(tmp_path / name / "static"),
            PATH=os.environ["PATH"],
        )
        env.pop("CELERY_BEAT_SCHEDULE_FILENAME", None)

        code = textwrap.dedent(
            """
            import json
            from kinerja import settings as s
            db = s.DATABASES["default"]
            print(json.dumps({"debug": s.DEBUG, "engine": db["ENGINE"], "host": db["HOST"], "name": db["NAME"],
                              "user": db["USER"], "password": db["PASSWORD"], "cache": s.CACHES["default"]["LOCATION"],
                              "broker": s.CELERY_BROKER_URL, "hosts": s.ALLOWED_HOSTS}))
            """
        )
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stderr
        read = json.loads(result.stdout.strip().splitlines()[-1])

        assert read["debug"] is False
        assert read["engine"] == "django.db.backends.postgresql"
        assert read["host"] == "postgres"
        assert read["name"] == postgres_env["POSTGRES_DB"]
        assert read["user"] == postgres_env["POSTGRES_USER"]
        assert read["password"] == postgres_env["POSTGRES_PASSWORD"]
        assert read["cache"].startswith("redis://redis:6379/")
        assert read["broker"].startswith("redis://redis:6379/")
        assert read["hosts"] == ["localhost", "127.0.0.1"]
