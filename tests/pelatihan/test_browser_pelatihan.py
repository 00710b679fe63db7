"""Browser test of a training from registration to a verified certificate: the pegawai registers for an event, the
organiser (the dinas' admin) records attendance and completion, the pegawai's JP bar moves, he downloads the
certificate, and an anonymous visitor verifies it by its code. Each page is also looked at on a 390 px phone.
(Chromium through Playwright; skipped with the reason when it is not installed.)"""

import datetime as dt
import shutil
from pathlib import Path

import pytest

from pelatihan.models import Peserta
from tests.browser import login, screenshot

pytestmark = pytest.mark.browser

PONSEL = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SALINAN = Path("/tmp/shots-peli")  # a copy for the reviewer of this change


def _konteks(browser, viewport=DESKTOP):
    context = browser.new_context(viewport=viewport, locale="id-ID", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return context, page


def _foto(page, nama: str) -> None:
    path = screenshot(page, nama)
    if SALINAN.parent.exists():
        SALINAN.mkdir(exist_ok=True)
        shutil.copy(path, SALINAN / path.name)


def _muat_di_ponsel(browser, live_server, username: str | None, url: str, nama: str) -> None:
    """The page on a 390 px phone: nothing pans sideways outside its scroll containers."""
    context, page = _konteks(browser, PONSEL)
    try:
        if username:
            login(page, live_server, username)
        page.goto(f"{live_server.url}{url}")
        page.locator("h1").first.wait_for()
        _foto(page, nama)
        assert page.evaluate("document.documentElement.scrollWidth") <= PONSEL["width"], nama
    finally:
        context.close()


def test_register_attend_complete_jp_bar_certificate_and_public_check(
    browser, live_server, pegawai, admin_unit, kegiatan, hari, tmp_path
):
    judul = kegiatan.program.judul
    # 1. the pegawai registers while the window is open (15 July)
    context, page = _konteks(browser)
    login(page, live_server, "pegawai")
    page.goto(f"{live_server.url}/pelatihan/saya/")
    assert page.locator("#jp-bar").get_attribute("value") == "0"
    page.goto(f"{live_server.url}/pelatihan/kegiatan/{kegiatan.pk}/")
    page.get_by_role("button", name="Daftar").click()
    page.get_by_text("Pendaftaran tersimpan.").wait_for()
    assert "Terdaftar" in page.get_by_text("Status Anda").inner_text()
    _foto(page, "pelatihan-terdaftar")
    context.close()
    peserta = Peserta.objects.get(pegawai=pegawai, kegiatan=kegiatan)

    # 2. the organiser records the first day's attendance and, on the last day, completion
    hari(dt.date(2026, 8, 5))
    context, page = _konteks(browser)
    login(page, live_server, "admin.unit")
    page.goto(f"{live_server.url}/pelatihan/kegiatan/{kegiatan.pk}/")
    kehadiran = page.locator("form", has=page.locator("button[name=kehadiran]"))
    kehadiran.locator("select[name=tanggal]").select_option("2026-08-03")
    kehadiran.get_by_label("Budi Pegawai").check()
    kehadiran.get_by_role("button", name="Simpan kehadiran").click()
    page.get_by_text("Kehadiran tersimpan.").wait_for()
    kelulusan = page.locator("form", has=page.locator("button[name=kelulusan]"))
    kelulusan.get_by_label("Budi Pegawai").check()
    kelulusan.get_by_role("button", name="Nyatakan selesai").click()
    page.get_by_text("Kelulusan tersimpan; JP dan sertifikat diberikan.").wait_for()
    baris = page.locator("tr", has_text="Budi Pegawai")
    assert "1" in baris.locator("td").nth(3).inner_text() and "12 JP" in baris.inner_text()
    _foto(page, "pelatihan-penyelenggara")
    context.close()

    # 3. the pegawai's JP bar moved (12 of 20 JP) and he downloads the certificate
    context, page = _konteks(browser)
    login(page, live_server, "pegawai")
    page.goto(f"{live_server.url}/pelatihan/saya/")
    page.get_by_role("heading", name="12 dari 20 JP").wait_for()
    assert page.locator("#jp-bar").get_attribute("value") == "60"
    page.get_by_text("Kurang 8 JP lagi.").wait_for()
    _foto(page, "pelatihan-jp-saya")
    with page.expect_download() as unduhan:
        page.get_by_role("link", name="Sertifikat", exact=True).click()
    berkas = tmp_path / unduhan.value.suggested_filename
    unduhan.value.save_as(berkas)
    peserta.refresh_from_db()
    assert berkas.name == f"sertifikat-{peserta.kode_verifikasi}.pdf"
    assert berkas.read_bytes().startswith(b"%PDF")
    context.close()

    # 4. an anonymous visitor checks the code (typed in lower case, without dashes)
    context, page = _konteks(browser)
    page.goto(f"{live_server.url}/pelatihan/verifikasi/")
    page.get_by_label("Kode verifikasi").fill(peserta.kode_verifikasi.replace("-", "").lower())
    page.get_by_role("button", name="Periksa").click()
    page.get_by_text("Budi Pegawai").first.wait_for()
    isi = page.locator("main").inner_text()
    assert judul in isi and "12" in isi
    assert pegawai.nip not in isi  # the name, programme, dates and JP, nothing more
    _foto(page, "pelatihan-verifikasi")
    page.goto(f"{live_server.url}/pelatihan/verifikasi/ZZZZ-ZZZZ-ZZZZ/")
    page.get_by_text("Kode verifikasi tidak dikenal").wait_for()
    context.close()

    # 5. the same pages on a phone
    _muat_di_ponsel(browser, live_server, "pegawai", "/pelatihan/saya/", "pelatihan-jp-saya-ponsel")
    _muat_di_ponsel(
        browser, live_server, "admin.unit", f"/pelatihan/kegiatan/{kegiatan.pk}/", "pelatihan-penyelenggara-ponsel"
    )
    _muat_di_ponsel(
        browser, live_server, None, f"/pelatihan/verifikasi/{peserta.kode_verifikasi}/", "pelatihan-verifikasi-ponsel"
    )
    _muat_di_ponsel(browser, live_server, "admin.unit", "/pelatihan/impor/", "pelatihan-impor-ponsel")
