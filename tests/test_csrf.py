"""CSRF sweep (issue 8): every state-changing HTML route, discovered automatically, refuses a POST without a CSRF
token from a signed-in user (403, Django's CSRF failure), and the refused POST changes nothing.

A route is state-changing when its view takes a POST: a POST with the check switched off (the test client's
default) does not answer 405, for the pegawai or for the admin BKD. The path ids are those of the route × role
matrix (``tests/akses_matrix.py``)."""

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from tests import akses_matrix as m
from tests.akses_uji import alamat_rute, html_routes, isi_parameter, kirim


def _state_changing(dunia, sesi):
    routes = []
    for rute in html_routes():
        aturan = m.aturan_html(rute)
        assert aturan is not None, f"{rute.key}: declare it in tests/akses_matrix.py first"
        url = aturan.url or alamat_rute(rute, isi_parameter(rute.params, aturan, dunia, m.PARAM_BAWAAN))
        if any(kirim(sesi, aktor, "POST", url, json=False).status_code != 405 for aktor in ("pegawai", "admin_bkd")):
            routes.append((rute.key, url))
    return routes


def tokenless_posts_accepted(user, routes) -> list[str]:
    """The routes that did not refuse a POST without a token (each POST rolled back); ``user=None``: anonymous."""
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    accepted = []
    for key, url in routes:
        with transaction.atomic():
            response = client.post(url, {})
            transaction.set_rollback(True)
        if response.status_code != 403 or b"CSRF" not in response.content:
            accepted.append(f"{key} ({url}): {response.status_code}")
    return accepted


def test_every_state_changing_page_refuses_a_post_without_a_csrf_token(dunia_akses, sesi_akses):
    """Signed in as the pegawai: Django's CSRF middleware refuses before the view, whatever the role, so one role
    suffices (the admin pages, which redirect him to their sign-in, are swept too)."""
    aktor = "pegawai"
    routes = _state_changing(dunia_akses, sesi_akses)
    keys = {key for key, _url in routes}
    # The discovery finds the forms it must (a few known ones, so that an empty discovery cannot pass).
    assert {"indikator:skp-ajukan", "indikator:realisasi-simpan", "kepegawaian:akun-sandi", "logout"} <= keys
    accepted = tokenless_posts_accepted(dunia_akses.users[aktor], routes)
    print(f"CSRF sweep as {aktor}: {len(routes)} state-changing routes")
    assert not accepted, "POST without a CSRF token was not refused:\n" + "\n".join(accepted)


def test_public_forms_refuse_an_anonymous_post_without_a_csrf_token(dunia_akses, sesi_akses):
    """The citizen's forms (a complaint, support, a review or reopening by the tracking code) are posted without an
    account: the anonymous visitor's tokenless POST is refused too. (The public complaint endpoints of the API take
    no session at all, so no CSRF applies there: ``partisipasi/api.py``.)"""
    public = []
    for key, url in _state_changing(dunia_akses, sesi_akses):
        aturan = m.HTML.get(key)
        anonim_boleh = aturan is not None and aturan.post and "anonim" in aturan.aktor
        if anonim_boleh and m.baca(aturan.post, aturan.aktor)["anonim"] == "ok":
            public.append((key, url))
    keys = {key for key, _url in public}
    assert {"partisipasi:pengaduan-baru", "partisipasi:dukung", "partisipasi:lacak-detail"} <= keys
    accepted = tokenless_posts_accepted(None, public)
    print(f"CSRF sweep as anonim: {len(public)} public state-changing routes")
    assert not accepted, "anonymous POST without a CSRF token was not refused:\n" + "\n".join(accepted)


@csrf_exempt
def _tanpa_csrf(request):
    return HttpResponse("disimpan")


urlpatterns = [path("uji-csrf/", _tanpa_csrf, name="uji-csrf")]


@pytest.mark.urls(__name__)
def test_the_sweep_reports_a_view_that_skips_the_check(pegawai):
    """The check itself: a csrf_exempt view takes the tokenless POST, and the sweep names it."""
    assert tokenless_posts_accepted(pegawai.user, [("uji-csrf", "/uji-csrf/")]) == ["uji-csrf (/uji-csrf/): 200"]
