"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Without /usr/bin/chromium (or without the playwright package) these tests are reported as SKIPPED with the
reason, never silently passed. Screenshots of the pages land in var/screenshots/ for a human to look at.
"""

import pytest

from tests.browser import login, screenshot

pytestmark = pytest.mark.browser


def test_pegawai_logs_in_and_sees_his_home_page(page, live_server, pegawai, penilai, atasan):
    login(page, live_server, "pegawai")

    page.get_by_role("heading", name="Selamat datang, Budi Pegawai").wait_for()
    profil = page.locator("[data-testid=ringkasan-profil]")
    assert pegawai.nip in profil.inner_text()
    assert "Putri Penilai" in page.inner_text("main")
    assert page.locator(".topbar").get_by_text("Pegawai", exact=True).is_visible()
    assert page.locator("[data-testid=tim]").count() == 0
    # the stylesheet and htmx are served by the app itself
    assert page.evaluate("typeof window.htmx") == "object"
    assert page.evaluate("getComputedStyle(document.querySelector('.topbar')).backgroundColor") == "rgb(11, 79, 138)"
    screenshot(page, "beranda-pegawai")

    page.get_by_role("link", name="Profil saya").click()
    page.get_by_role("heading", name="Profil saya").wait_for()
    assert "Dinas Uji" in page.inner_text("main")
    screenshot(page, "profil-pegawai")

    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/akun/login/")


def test_admin_unit_logs_in_sees_his_unit_and_browses_the_tree(page, live_server, admin_unit, pegawai, outsider):
    login(page, live_server, "admin.unit")

    summary = page.locator("[data-testid=ringkasan-unit]")
    summary.wait_for()
    assert "Dinas Uji" in summary.inner_text()
    screenshot(page, "beranda-admin-unit")

    summary.get_by_role("link", name="Jelajahi organisasi").click()
    page.get_by_role("heading", name="Organisasi").wait_for()
    tree = page.locator("#pohon-unit")
    assert "Bidang Uji" in tree.inner_text()
    assert "Dinas Lain" not in tree.inner_text()

    tree.get_by_role("link", name="Bidang Uji").click()
    page.get_by_role("heading", name="Bidang Uji").wait_for()
    page.get_by_label("Cari nama atau NIP").fill("Budi")
    page.get_by_role("button", name="Cari").click()
    page.get_by_role("link", name="Budi Pegawai").click()
    page.get_by_role("heading", name="Ubah unit, jabatan dan atasan").wait_for()
    screenshot(page, "pegawai-detail-admin")


def test_home_page_fits_a_phone_screen(browser, live_server, pegawai):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    page = context.new_page()
    try:
        login(page, live_server, "pegawai")
        page.get_by_role("heading", name="Selamat datang, Budi Pegawai").wait_for()
        # no horizontal scrolling of the page itself; the menu is folded behind its button
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert not page.get_by_role("link", name="Profil saya").is_visible()
        page.locator("label.menu-button").click()
        assert page.get_by_role("link", name="Profil saya").is_visible()
        screenshot(page, "beranda-pegawai-ponsel")
    finally:
        context.close()
