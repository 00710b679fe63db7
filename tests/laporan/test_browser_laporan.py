"""Browser test of the annual report (issue 13): the admin BKD generates the province run, watches the progress bar
finish, writes the narrative and publishes; an anonymous visitor finds the report, sees the chart and downloads the
CSV; the public page fits a 390 px phone screen. Screenshots under var/screenshots/ (desktop and phone)."""

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import login, screenshot
from tests.laporan.factories import TAHUN, iki_dengan_realisasi, iku, skp_setuju

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _media_sementara(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _simpan(page, nama: str) -> None:
    path = screenshot(page, nama)
    folder = Path("/tmp/shots-lap")
    folder.mkdir(exist_ok=True)
    shutil.copy(path, folder / path.name)


def test_admin_generates_and_publishes_a_visitor_finds_it_sees_the_chart_and_downloads_csv(
    browser, live_server, pemprov, dinas, atasan, admin_bkd
):
    a = iku(dinas, indikator="Indeks kepuasan layanan", target="90", urutan=1)
    b = iku(dinas, indikator="Persentase dokumen tepat waktu", target="80", urutan=2)
    skp = skp_setuju(atasan)
    iki_dengan_realisasi(skp, target="90", nilai=["85", "95"], indikator_unit=a)
    iki_dengan_realisasi(skp, target="80", nilai=["70"], indikator_unit=b)

    admin = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = admin.new_page()
    page.set_default_timeout(30_000)
    try:
        login(page, live_server, admin_bkd.username)
        page.goto(f"{live_server.url}/laporan/kelola/proses/")
        page.get_by_label("Cakupan (unit dan seluruh unit di bawahnya)").select_option(str(pemprov.pk))
        page.get_by_label("Tahun laporan").fill(str(TAHUN))
        page.get_by_role("button", name="Buat laporan").click()
        page.wait_for_url("**/laporan/kelola/proses/*/")
        # the bar reaches 100% and the run says it is done (the page polls while it runs)
        expect(page.locator("#run-progres")).to_have_attribute("value", "100")
        page.locator("[data-status='selesai']").wait_for()
        _simpan(page, "laporan-proses-selesai")

        page.get_by_role("link", name="Lihat laporan").click()
        page.get_by_role("link", name="Dinas Uji").first.click()
        page.get_by_label("Tantangan", exact=True).fill("Realisasi dokumen tertinggal karena penyesuaian anggaran.")
        page.get_by_label("Langkah ke depan", exact=True).fill("Pemantauan bulanan bersama bidang.")
        page.get_by_role("button", name="Simpan narasi dan tandai sudah ditinjau").click()
        page.get_by_role("button", name="Terbitkan").click()
        page.get_by_text("Laporan diterbitkan.").wait_for()
    finally:
        admin.close()

    for lebar, nama in ((1280, "desktop"), (390, "ponsel")):
        tamu = browser.new_context(viewport={"width": lebar, "height": 900}, locale="id-ID", accept_downloads=True)
        page = tamu.new_page()
        page.set_default_timeout(30_000)
        try:
            page.goto(f"{live_server.url}/laporan/")
            page.get_by_label("Cari unit").fill("Dinas Uji")
            page.get_by_role("button", name="Tampilkan").click()
            page.get_by_role("link", name="Dinas Uji").click()
            page.get_by_role("heading", name=f"Laporan Kinerja Dinas Uji Tahun {TAHUN}").wait_for()
            grafik = page.locator("img[src*='/grafik/capaian.svg']")
            grafik.scroll_into_view_if_needed()
            # drawn and loaded (page.wait_for_function would need 'unsafe-eval', which the CSP refuses)
            expect(grafik).to_be_visible()
            for _i in range(100):
                if grafik.evaluate("img => img.complete && img.naturalWidth > 0"):
                    break
                page.wait_for_timeout(100)
            assert grafik.evaluate("img => img.naturalWidth") > 0
            assert "Indeks kepuasan layanan" in page.locator("#alt-capaian").inner_text()
            assert page.get_by_text("Pemantauan bulanan bersama bidang.").is_visible()
            if lebar == 390:
                assert page.evaluate("document.documentElement.scrollWidth") <= 390
            _simpan(page, f"laporan-publik-{nama}")
            with page.expect_download() as unduh:
                page.locator("a[href$='/tabel/iku.csv']").click()
            isi = Path(unduh.value.path()).read_text(encoding="utf-8-sig")
            assert isi.splitlines()[0].startswith("jenis,sasaran,indikator")
            assert "Indeks kepuasan layanan" in isi and "105.56" in isi  # 95 / 90
        finally:
            tamu.close()
