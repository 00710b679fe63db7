"""Headers and posture (issue 8): Content-Security-Policy without 'unsafe-inline' (no inline script or style in any
served template), its own policy for the Swagger UI, Permissions-Policy, no caching of personal pages, COOP on the
API docs, the language and session cookies, and a dependency audit."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.test_settings import SECRET, _env, _run

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Rendered to PDF by xhtml2pdf (which reads only inline <style>), never served to a browser.
PDF_TEMPLATES = {
    "indikator/skp_pdf.html",
    "pelatihan/sertifikat_pdf.html",
    "laporan/pdf.html",
    "penilaian/dokumen_pdf.html",
}


def _directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_pages_carry_a_csp_without_unsafe_inline(client, pegawai):
    client.force_login(pegawai.user)
    for url in (reverse("login"), reverse("beranda")):
        policy = _directives(client.get(url))
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
        assert not any("unsafe" in value for values in policy.values() for value in values), policy


def test_no_served_template_has_an_inline_script_or_style():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        name = path.relative_to(TEMPLATES).as_posix()
        if name in PDF_TEMPLATES:
            continue
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append(f"{name}: inline <script>")
        if re.search(r"<style\b", text):
            offenders.append(f"{name}: <style>")
        if re.search(r"\sstyle=[\"']", text):
            offenders.append(f"{name}: style= attribute")
        if re.search(r"\son[a-z]+=[\"']", text):
            offenders.append(f"{name}: inline event handler")
    assert offenders == []


@pytest.mark.django_db
def test_swagger_ui_has_its_own_policy_and_coop(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    policy = _directives(response)
    assert policy["script-src"] == ["'self'"]  # the start script is a file (?script=), not inline
    assert "'unsafe-inline'" in policy["style-src"]  # Swagger UI styles its own elements inline
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    script = re.search(r'<script src="([^"]*\?script=[^"]*)"', html)
    assert script is not None
    start = client.get(script.group(1).replace("&amp;", "&"))
    assert start.status_code == 200 and b"SwaggerUIBundle" in start.content


@pytest.mark.django_db
def test_permissions_policy_switches_unused_features_off(client):
    response = client.get(reverse("login"))
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


@pytest.mark.django_db
def test_personal_pages_and_the_api_are_not_cached(client, pegawai):
    client.force_login(pegawai.user)
    for url in (reverse("beranda"), "/api/v1/saya/", reverse("kepegawaian:organisasi")):
        cache_control = client.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, (url, cache_control)


@pytest.mark.django_db
def test_an_anonymous_public_answer_keeps_its_own_caching(client):
    response = client.get("/healthz")
    assert response.get("Cache-Control") != "private, no-store"  # healthz sets its own (never_cache)


@pytest.mark.django_db
def test_the_session_ends_with_the_browser_and_after_a_working_day(client, pegawai):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    client.force_login(pegawai.user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["max-age"] and not cookie["expires"]  # a browser-session cookie
    assert client.session.get_expiry_age() <= 8 * 60 * 60


def test_cookies_are_secure_and_same_site_in_production(tmp_path):
    env = _env(tmp_path, DJANGO_DEBUG="0", DJANGO_SECRET_KEY=SECRET, ALLOWED_HOSTS="kinerja.go.id")
    code = (
        "import json; from kinerja import settings as s; print(json.dumps({k: getattr(s, k) for k in ("
        "'LANGUAGE_COOKIE_SECURE', 'LANGUAGE_COOKIE_SAMESITE', 'LANGUAGE_COOKIE_HTTPONLY', 'SESSION_COOKIE_SECURE', "
        "'SESSION_COOKIE_SAMESITE', 'CSRF_COOKIE_SECURE')}))"
    )
    result = _run(["-c", code], env)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "LANGUAGE_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_SAMESITE": "Lax",
        "LANGUAGE_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SECURE": True,
    }


@pytest.mark.django_db
def test_the_language_cookie_set_by_the_switch_is_same_site_and_http_only(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["samesite"] == "Lax" and cookie["httponly"]


def _pypi_reachable() -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen("https://pypi.org/pypi/django/json", timeout=10) as answer:
            return answer.status == 200
    except OSError:
        return False


def test_no_installed_dependency_has_a_known_vulnerability(tmp_path):
    """pip-audit over the pinned constraints (every installed package), against the PyPI vulnerability data."""
    audit = Path(sys.executable).parent / "pip-audit"
    if not audit.exists() or shutil.which(str(audit)) is None:
        pytest.skip("pip-audit is not installed (make install puts it in .venv)")
    if not _pypi_reachable():
        pytest.skip("the vulnerability data (PyPI's JSON API) cannot be reached from this network")
    constraints = Path(settings.BASE_DIR) / "constraints.txt"
    result = subprocess.run(
        [
            str(audit),
            "--requirement",
            str(constraints),
            "--no-deps",
            "--disable-pip",
            "--vulnerability-service",
            "pypi",
            "--format",
            "json",
            "--progress-spinner",
            "off",
            "--cache-dir",
            str(tmp_path / "cache"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PIP_NO_INPUT": "1"},
    )
    report = json.loads(result.stdout or "{}") if result.stdout.strip().startswith("{") else {}
    vulnerable = [
        f"{d['name']} {d['version']}: {', '.join(v['id'] for v in d['vulns'])}"
        for d in report.get("dependencies", [])
        if d.get("vulns")
    ]
    assert report, result.stderr[-3000:]
    assert vulnerable == []
    assert result.returncode == 0, result.stderr[-3000:]
