"""English is available beside the Indonesian source language: key pages render in English for a user who chose
it (the ``django_language`` cookie that the language switch sets), and the compiled catalog (``django.mo``, the one
Django reads) matches the translations in ``django.po`` (the one people edit).

No test here demands that every string is translated: other work adds Indonesian strings all the time, and an
untranslated string simply shows in Indonesian until ``makemessages``/``compilemessages`` are run again."""

import gettext
import shutil
import subprocess

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from indikator.models import Iki
from tests.indikator.factories import HARI_UJI, PeriodeFactory, skp_disetujui

PO = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


@pytest.fixture
def in_english(client):
    """A client of a user who switched to English. ``force_login``/``logout`` keep cookies, so log in first."""

    def login(user=None):
        if user is not None:
            client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return login


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_login_page_renders_in_english_for_a_user_who_chose_english(in_english, db):
    html = _html(in_english().get(reverse("login")))
    assert 'lang="en"' in html
    assert "Log in to Kinerja" in html
    assert "Username" in html
    assert "Masuk ke Kinerja" not in html


def test_login_page_stays_indonesian_without_the_language_cookie(client, db):
    html = _html(client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en"))
    assert 'lang="id"' in html
    assert "Masuk ke Kinerja" in html


def test_home_page_of_a_pegawai_renders_in_english(in_english, pegawai):
    html = _html(in_english(pegawai.user).get(reverse("beranda")))
    assert "Welcome, Budi Pegawai" in html
    assert "My performance" in html  # the link to the SKP dashboard
    assert "Direct superior (appraising official)" in html
    assert "Selamat datang" not in html


def test_home_page_of_an_admin_renders_in_english(in_english, admin_bkd):
    html = _html(in_english(admin_bkd).get(reverse("beranda")))
    assert "Jakarta Provincial Government at a glance" in html
    assert "Employees without a direct superior" in html


def test_skp_pages_render_in_english(in_english, pegawai, penilai, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: HARI_UJI)
    skp = skp_disetujui(pegawai, PeriodeFactory(tahun=2026))
    client = in_english(pegawai.user)

    html = _html(client.get(reverse("indikator:skp-detail", args=[skp.pk])))
    assert "Employee Performance Plan (SKP) 2026" in html
    assert "Service Oriented" in html  # BerAKHLAK values and their guides come from model choices
    assert "Work behaviour (BerAKHLAK)" in html
    assert "Berorientasi Pelayanan" not in html

    iki = Iki.objects.filter(rhk__skp=skp).get()
    html = _html(client.get(reverse("indikator:iki-realisasi", args=[iki.pk])))
    assert "Quarter III 2026" in html
    # a help text built with a placeholder at import time must still follow the language of the request
    assert "at most 10 MB. The file type is checked from its content." in html
    assert "paling besar 10 MB" not in html


def test_form_errors_are_in_english(in_english, pegawai, penilai, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: HARI_UJI)
    skp = skp_disetujui(pegawai, PeriodeFactory(tahun=2026))
    iki = Iki.objects.filter(rhk__skp=skp).get()
    response = in_english(pegawai.user).post(reverse("indikator:realisasi-simpan", args=[iki.pk, 3]), {"nilai": ""})
    html = response.content.decode()
    assert "The realisation value is required." in html
    assert "Nilai realisasi wajib diisi." not in html


def test_api_errors_are_in_english_for_a_user_who_chose_english(in_english, pegawai):
    response = in_english(pegawai.user).get("/api/v1/tidak-ada/")
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "API address not found."


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")
def test_compiled_english_catalog_matches_the_po_file(tmp_path):
    """``msgfmt --check`` accepts the .po (placeholders of every python-format entry intact), and the committed .mo
    holds exactly what compiling the .po gives: run ``manage.py compilemessages`` after editing translations."""
    fresh = tmp_path / "django.mo"
    result = subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(PO)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

    def catalog(path):
        with open(path, "rb") as fh:
            entries = dict(gettext.GNUTranslations(fh)._catalog)
        entries.pop("", None)  # the header: its creation date changes on every makemessages run
        return entries

    expected, compiled = catalog(fresh), catalog(MO)
    stale = sorted(str(k) for k in expected.keys() - compiled.keys())[:5]
    assert not stale, f"translations missing from django.mo, run compilemessages: {stale}"
    changed = sorted(str(k) for k in expected.keys() & compiled.keys() if expected[k] != compiled[k])[:5]
    assert not changed, f"translations changed in django.po but not in django.mo, run compilemessages: {changed}"
    gone = sorted(str(k) for k in compiled.keys() - expected.keys())[:5]
    assert not gone, f"django.mo holds translations no longer in django.po, run compilemessages: {gone}"


def test_wrong_login_is_explained_in_english_for_a_user_who_chose_english(in_english, db):
    html = _html(in_english().post(reverse("login"), {"username": "siapa", "password": "salah"}))

    assert "Please enter a correct username and password." in html
