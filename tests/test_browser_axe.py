"""Accessibility: axe-core (vendored in tests/vendor/, never from a CDN) on the main pages of every role, on the demo
data, at desktop and phone width. Fails on any finding of impact "serious" or "critical", listing each rule, the
page and the first offending elements, so that the fix is obvious from the failure alone.
"""

import io
from pathlib import Path

import pytest

from tests.browser import screenshot

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe-core-4.14.1.min.js"
DEMO_PASSWORD = "kinerja-demo"

# (login, [paths]) — the pages each role opens every working day.
HALAMAN = {
    "demo.pegawai": ["/", "/kepegawaian/profil/", "/indikator/skp/", "/indikator/dasbor/", "{iki_realisasi}"],
    "demo.penilai": ["/", "/indikator/tim/", "/indikator/tim/kaskade/", "{skp_bawahan}"],
    "demo.atasan": ["/", "/indikator/tim/"],
    "demo.unit": [
        "/",
        "/kepegawaian/organisasi/",
        "/kepegawaian/audit/",
        "/kepegawaian/impor/",
        "/indikator/indikator-unit/",
    ],
    "demo.admin": ["/", "/indikator/periode/", "/kepegawaian/peran/", "/kepegawaian/audit/"],
}
SERIUS = ("serious", "critical")


@pytest.fixture
def demo_data(transactional_db):
    from indikator import demo as indikator_demo
    from kepegawaian import demo as kepegawaian_demo

    out = io.StringIO()
    kepegawaian_demo.seed(out)
    indikator_demo.seed(out)


def _isi(path: str) -> str:
    from indikator.models import Iki, Skp

    if path == "{iki_realisasi}":
        iki = Iki.objects.filter(rhk__skp__pegawai__user__username="demo.pegawai", rhk__skp__terkini=True).first()
        return f"/indikator/iki/{iki.pk}/realisasi/"
    if path == "{skp_bawahan}":
        skp = Skp.objects.filter(pegawai__atasan__user__username="demo.penilai", terkini=True).first()
        return f"/indikator/skp/{skp.pk}/"
    return path


def _masuk(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/akun/login/")
    page.get_by_label("Nama pengguna", exact=True).fill(username)
    page.get_by_label("Sandi", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}/")


def _temuan(page) -> list[dict]:
    # axe-core goes in as an inline script, which the pages' CSP refuses: the contexts here use bypass_csp=True
    # (tests/test_browser.py drives the same pages with the CSP on).
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    hasil = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ["violations"]});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                           nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
        }"""
    )
    return [v for v in hasil if v["impact"] in SERIUS]


def _periksa(browser, live_server, lebar: int) -> list[str]:
    """The findings at one width: every role's pages, then the login page signed out."""
    masalah = []
    for username, paths in HALAMAN.items():
        context = browser.new_context(viewport={"width": lebar, "height": 900}, locale="id-ID", bypass_csp=True)
        page = context.new_page()
        page.set_default_timeout(20_000)
        try:
            _masuk(page, live_server, username)
            for path in paths:
                url = _isi(path)
                response = page.goto(f"{live_server.url}{url}")
                assert response is not None and response.status == 200, (username, url, lebar)
                for v in _temuan(page):
                    masalah.append(
                        f"{username} {url} [{lebar}px]: {v['id']} ({v['impact']}) {v['help']} → {v['nodes']}"
                    )
            if lebar == 390:
                screenshot(page, f"axe-{username}-ponsel")
        finally:
            context.close()
    # the login page, signed out
    context = browser.new_context(viewport={"width": lebar, "height": 900}, locale="id-ID", bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/akun/login/")
        for v in _temuan(page):
            masalah.append(f"anonim /akun/login/ [{lebar}px]: {v['id']} ({v['impact']}) {v['help']} → {v['nodes']}")
    finally:
        context.close()
    return masalah


def test_main_pages_of_every_role_have_no_serious_axe_findings(browser, live_server, demo_data):
    """Desktop (1280 px) and phone (390 px) in one test: one seeding of the demo serves both widths (a live-server
    test's database is emptied after it), and the findings of both are listed together."""
    masalah = _periksa(browser, live_server, 1280) + _periksa(browser, live_server, 390)
    assert not masalah, "axe-core menemukan masalah aksesibilitas serius:\n" + "\n".join(masalah)
