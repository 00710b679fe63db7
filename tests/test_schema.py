"""The OpenAPI schema generates, validates and emits no warning; the docs page uses self-hosted assets only."""

import re
import subprocess
import sys

import pytest
import yaml
from django.conf import settings


def test_openapi_schema_generates_valid_without_warnings(tmp_path):
    schema_file = tmp_path / "schema.yaml"

    result = subprocess.run(
        [sys.executable, "manage.py", "spectacular", "--validate", "--fail-on-warn", "--file", str(schema_file)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stderr, result.stderr
    schema = yaml.safe_load(schema_file.read_text())
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Kinerja API"
    assert all(path.startswith("/api/v1/") for path in schema["paths"]), list(schema["paths"])


@pytest.mark.django_db
def test_schema_endpoint_serves_openapi(client):
    response = client.get("/api/schema/")

    assert response.status_code == 200
    assert b"openapi: 3." in response.content


@pytest.mark.django_db
def test_api_docs_page_loads_no_asset_from_another_host(client):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    external = re.findall(r"""(?:src|href)=["'](?:https?:)?//[^"']+""", html)
    assert external == []
