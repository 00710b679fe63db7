"""Every page fits a phone: each HTML route of the route × role matrix that renders a page (200, text/html) is
opened in Chromium at 390 × 844 px by the first actor its rule lets in, on the matrix's world of objects, and must
not be wider than the screen (a wide table scrolls inside its ``.table-wrap``, not the whole page). A new page is
checked as soon as it has its rule in tests/akses_matrix.py. Django's own admin (``admin:``) is not a page of
Kinerja and is left out. (Chromium through Playwright; skipped with the reason when it is not installed.)"""

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests import akses_matrix as m
from tests.akses_uji import alamat_rute, html_routes, isi_parameter, kirim
from tests.browser import screenshot

pytestmark = pytest.mark.browser

LEBAR = 390
#: the innermost elements that reach past the screen's right edge (what to wrap or let wrap), for the message
JS_PELEBAR = """(w) => {
  const lewat = (el) => el.getBoundingClientRect().right > w + 2;
  const nama = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  return [...document.body.querySelectorAll('*')].filter((el) => lewat(el) && ![...el.children].some(lewat))
    .slice(0, 3).map((el) => nama(el.parentElement) + ' > ' + nama(el));
}"""
#: who opens a page: the first of these its rule lets in (the people who use a phone first)
URUTAN_AKTOR = ("pegawai", "penilai", "atasan", "admin_unit", "admin_bkd", "anonim")


def _halaman(dunia, sesi) -> list[tuple[str, str, str]]:
    """(route, actor, address) of every page that renders HTML for some actor of its rule."""
    hasil = []
    for rute in html_routes():
        aturan = m.aturan_html(rute)
        if aturan is None or aturan.get is None or rute.key.startswith("admin:"):
            continue
        boleh = m.baca(aturan.get, aturan.aktor)
        aktor = next((a for a in URUTAN_AKTOR if boleh.get(a) == "ok"), None)
        if aktor is None:
            continue
        url = aturan.url or alamat_rute(rute, isi_parameter(rute.params, aturan, dunia, m.PARAM_BAWAAN))
        r = kirim(sesi, aktor, "GET", url, json=False)
        if r.status_code == 200 and r.get("Content-Type", "").startswith("text/html"):
            hasil.append((rute.key, aktor, url))
    return hasil


def test_every_page_fits_a_phone_screen(browser, live_server, dunia_akses, sesi_akses):
    halaman = _halaman(dunia_akses, sesi_akses)
    assert len(halaman) > 60, f"only {len(halaman)} pages found: the route discovery broke"
    konteks = {}
    melebar = []
    for key, aktor, url in halaman:
        if aktor not in konteks:
            context = browser.new_context(viewport={"width": LEBAR, "height": 844}, locale="id-ID")
            if sesi_akses[aktor] is not None:
                context.add_cookies(
                    [{"name": n, "value": c.value, "url": live_server.url} for n, c in sesi_akses[aktor].items()]
                )
            page = context.new_page()
            page.set_default_timeout(30_000)
            konteks[aktor] = (context, page)
        page = konteks[aktor][1]
        try:
            page.goto(f"{live_server.url}{url}", wait_until="load")
        except PlaywrightError as e:
            if "Download is starting" in str(e):
                continue  # a page that became its file (the SKP PDF once rendered): not a page to fit
            raise
        lebar = page.evaluate("document.documentElement.scrollWidth")
        if lebar > LEBAR + 2:
            nama = "ponsel-" + key.replace(":", "-")
            screenshot(page, nama)
            pelebar = ", ".join(page.evaluate(JS_PELEBAR, LEBAR))
            melebar.append(f"{key} ({url}) as {aktor}: {lebar} px ({pelebar}) — var/screenshots/{nama}.png")
    for context, _page in konteks.values():
        context.close()
    print(f"{len(halaman)} pages opened at {LEBAR} px")
    assert not melebar, f"pages wider than a {LEBAR} px phone:\n" + "\n".join(melebar)
