"""The PostgreSQL settings docs/skala.md names are those docker-compose.yml gives the database (issue 9)."""

from pathlib import Path

import yaml
from django.conf import settings


def _flags() -> dict[str, str]:
    compose = yaml.safe_load((Path(settings.BASE_DIR) / "docker-compose.yml").read_text())
    command = compose["services"]["postgres"]["command"]
    assert command[0] == "postgres"
    pairs = command[1:]
    assert all(flag == "-c" for flag in pairs[0::2])
    return dict(item.split("=", 1) for item in pairs[1::2])


def test_postgres_gets_the_settings_that_matter_at_scale():
    flags = _flags()
    assert flags["work_mem"] == "16MB"
    assert flags["maintenance_work_mem"] == "256MB"
    assert flags["random_page_cost"] == "1.1"
    doc = (Path(settings.BASE_DIR) / "docs" / "skala.md").read_text()
    for name, value in flags.items():
        assert f"{name}={value}" in doc, name
