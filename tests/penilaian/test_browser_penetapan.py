"""Browser test of the Penetapan Predikat Kinerja: the leader one level up sets the unit's annual predikat on the
distribution page, sees that the spread breaks the curve, writes the justification and sets the results; the
signed document opens from the page, on a desktop and on a phone. (Chromium through Playwright; skipped with the
reason when it is not installed.)"""

import pytest

from penilaian.models import PenetapanDistribusi
from tests.browser import login, screenshot

pytestmark = pytest.mark.browser


def test_set_the_units_predikat_justify_the_spread_and_open_the_penetapan(
    browser, live_server, jam, atasan, bidang, periode, tim
):
    jam(2026, 12, 20, 10, 0)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(30_000)
    login(page, live_server, "atasan")
    page.goto(f"{live_server.url}/penilaian/unit/{bidang.pk}/distribusi/")
    page.get_by_label("Predikat kinerja organisasi").select_option("baik")
    page.get_by_label("Dasar penetapan").fill("Capaian PK 96%.")
    page.get_by_role("button", name="Simpan predikat organisasi").click()
    # All four Baik in a Baik unit: more than the curve's 70 %, so the page says which rule is broken.
    pelanggaran = page.locator("[data-testid=pelanggaran]")
    pelanggaran.wait_for()
    assert "70%" in pelanggaran.inner_text()

    page.get_by_role("button", name="Tetapkan hasil tahunan unit").click()
    page.get_by_text("Justifikasi").first.wait_for()
    assert not PenetapanDistribusi.objects.filter(unit=bidang).exists()  # refused without a justification
    page.get_by_label("Justifikasi (wajib bila sebaran tidak sesuai kurva)").fill(
        "Unit kecil, seluruh target tercapai."
    )
    page.get_by_role("button", name="Tetapkan hasil tahunan unit").click()
    page.locator("[data-testid=penetapan]").wait_for()
    assert PenetapanDistribusi.objects.filter(unit=bidang).count() == 1

    page.get_by_role("link", name="Dokumen Penetapan Predikat Kinerja").click()
    page.get_by_text("PENETAPAN PREDIKAT KINERJA").first.wait_for()
    teks = page.content()
    assert 'data-testid="penetapan-draf"' not in teks
    for bagian in ("Capaian PK 96%.", "Unit kecil, seluruh target tercapai.", "Budi Pegawai", "Anggota 2"):
        assert bagian in teks, bagian
    assert page.locator('[data-testid="baris-penetapan"]').count() == 4
    screenshot(page, "penilaian-penetapan")

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    lebar = page.evaluate("document.documentElement.scrollWidth")
    assert lebar <= 392, f"halaman penetapan melebar ke samping di ponsel ({lebar} px)"
    screenshot(page, "penilaian-penetapan-ponsel")
    context.close()
