"""Browser test of the appraisal flow: the penilai rates a subordinate's annual result and finalises; the pegawai
sees the predikat, acknowledges it, then objects; the atasan pejabat penilai decides; the document shows the
decision. (Chromium through Playwright; skipped with the reason when it is not installed.)"""

import pytest

from penilaian.models import Evaluasi
from tests.browser import login, screenshot

pytestmark = pytest.mark.browser


def _sebagai(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(30_000)
    login(page, live_server, username)
    return context, page


def test_rate_finalise_acknowledge_object_decide_and_the_document_shows_it(
    browser, live_server, jam, penilai, pegawai, atasan, skp_pegawai
):
    jam(2026, 12, 5, 10, 0)  # the annual evaluation opens on 1 December
    context, page = _sebagai(browser, live_server, "penilai")
    page.goto(f"{live_server.url}/penilaian/tim/?ke=tahunan")
    page.locator("[data-testid=baris-evaluasi]", has_text="Budi Pegawai").get_by_role(
        "button", name="Buka evaluasi"
    ).click()
    page.get_by_label("Rating hasil kerja").select_option("sesuai")
    page.get_by_label("Rating perilaku kerja").select_option("sesuai")
    page.get_by_role("button", name="Simpan dan finalkan").click()
    page.get_by_text("Evaluasi telah difinalkan.").wait_for()
    assert "Baik" in page.locator("[data-testid=predikat]").inner_text()
    screenshot(page, "penilaian-final")
    context.close()

    context, page = _sebagai(browser, live_server, "pegawai")
    page.goto(f"{live_server.url}/penilaian/saya/")
    page.get_by_role("link", name="Buka").click()
    assert "Baik" in page.locator("[data-testid=predikat]").inner_text()
    page.get_by_role("button", name="Saya telah membaca evaluasi ini").click()
    page.get_by_text("Telah dibaca pegawai").wait_for()
    page.get_by_label("Alasan keberatan").fill("Capaian saya melebihi target pada triwulan IV.")
    page.get_by_role("button", name="Ajukan keberatan").click()
    page.get_by_text("Keberatan Anda telah diajukan").wait_for()
    context.close()

    context, page = _sebagai(browser, live_server, "atasan")
    page.goto(f"{live_server.url}/penilaian/keberatan/")
    page.get_by_role("link", name="Periksa dan putuskan").click()
    page.get_by_label("Hasil diubah").check()
    page.get_by_label("Alasan keputusan").fill("Bukti dukung triwulan IV kuat.")
    page.get_by_label("Rating hasil kerja baru").select_option("di_atas")
    page.get_by_label("Rating perilaku kerja baru").select_option("di_atas")
    page.get_by_role("button", name="Simpan keputusan (final)").click()
    page.get_by_text("Keputusan keberatan tersimpan.").wait_for()
    evaluasi = Evaluasi.objects.get(pegawai=pegawai, jenis="tahunan")
    page.goto(f"{live_server.url}/penilaian/evaluasi/{evaluasi.pk}/dokumen/dokumen/")
    teks = page.locator("[data-testid=dokumen]").inner_text()
    assert "SANGAT BAIK" in teks and "Hasil diubah" in teks and "Bukti dukung triwulan IV kuat." in teks
    screenshot(page, "penilaian-dokumen-keputusan")
    context.close()
    assert evaluasi.predikat == "sangat_baik"
