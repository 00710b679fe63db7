"""Browser: the "Peran admin" page does not pan sideways on a phone (a .sr-only header escaped its scroll
container), and a pegawai signs in with his NIP through the form."""

import pytest

from tests.browser import PASSWORD, login, screenshot

pytestmark = pytest.mark.browser


def test_peran_admin_page_fits_a_phone_screen(browser, live_server, admin_bkd, admin_unit):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    page = context.new_page()
    try:
        login(page, live_server, "admin.bkd")
        page.goto(f"{live_server.url}/kepegawaian/peran/")
        page.get_by_role("heading", name="Peran admin").first.wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(page, "peran-admin-ponsel")
    finally:
        context.close()


def test_pegawai_signs_in_with_his_nip_in_the_browser(page, live_server, pegawai):
    page.goto(f"{live_server.url}/")
    page.get_by_label("Nama pengguna", exact=True).fill(pegawai.nip)
    page.get_by_label("Sandi", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("heading", name="Selamat datang, Budi Pegawai").wait_for()
