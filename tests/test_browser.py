"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Without /usr/bin/chromium (or without the playwright package) these tests are reported as SKIPPED with the
reason, never silently passed. Screenshots of the pages land in var/screenshots/ for a human to look at.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "rahasia-uji-123"


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium tidak terpasang di {CHROMIUM} (apt-get install chromium): uji browser dilewati.")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Paket playwright tidak terpasang: uji browser dilewati.")
    # Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from such a thread unless
    # told otherwise. The fixtures that create the test data run in this thread, so allow it for this module only.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _screenshot(page, name: str) -> Path:
    folder = Path(settings.VAR_DIR) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _login(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/")
    assert "/akun/login/" in page.url  # anonymous visitors are sent to the login page
    page.get_by_label("Nama pengguna", exact=True).fill(username)
    page.get_by_label("Sandi", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}/")


def test_pegawai_logs_in_and_sees_his_home_page(page, live_server, pegawai, penilai, atasan):
    _login(page, live_server, "pegawai")

    page.get_by_role("heading", name="Selamat datang, Budi Pegawai").wait_for()
    profil = page.locator("[data-testid=ringkasan-profil]")
    assert pegawai.nip in profil.inner_text()
    assert "Putri Penilai" in page.inner_text("main")
    assert page.locator(".topbar").get_by_text("Pegawai", exact=True).is_visible()
    assert page.locator("[data-testid=tim]").count() == 0
    # the stylesheet and htmx are served by the app itself
    assert page.evaluate("typeof window.htmx") == "object"
    assert page.evaluate("getComputedStyle(document.querySelector('.topbar')).backgroundColor") == "rgb(11, 79, 138)"
    _screenshot(page, "beranda-pegawai")

    page.get_by_role("link", name="Profil saya").click()
    page.get_by_role("heading", name="Profil saya").wait_for()
    assert "Dinas Uji" in page.inner_text("main")
    _screenshot(page, "profil-pegawai")

    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/akun/login/")


def test_admin_unit_logs_in_sees_his_unit_and_browses_the_tree(page, live_server, admin_unit, pegawai, outsider):
    _login(page, live_server, "admin.unit")

    summary = page.locator("[data-testid=ringkasan-unit]")
    summary.wait_for()
    assert "Dinas Uji" in summary.inner_text()
    _screenshot(page, "beranda-admin-unit")

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
    _screenshot(page, "pegawai-detail-admin")


def test_home_page_fits_a_phone_screen(browser, live_server, pegawai):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    page = context.new_page()
    try:
        _login(page, live_server, "pegawai")
        page.get_by_role("heading", name="Selamat datang, Budi Pegawai").wait_for()
        # no horizontal scrolling of the page itself; the menu is folded behind its button
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert not page.get_by_role("link", name="Profil saya").is_visible()
        page.locator("label.menu-button").click()
        assert page.get_by_role("link", name="Profil saya").is_visible()
        _screenshot(page, "beranda-pegawai-ponsel")
    finally:
        context.close()
