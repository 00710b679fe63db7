"""Browser tests (Chromium, Playwright) of what a pegawai and a penilai met on the realisation pages and around them:
the result of a save is where the eyes are, forms answer with the app's own Indonesian messages (no browser
bubble), closing a period asks first, and the team and SKP pages fit a laptop and a phone.

Skipped, with the reason, when /usr/bin/chromium or the playwright package is missing. Screenshots land in
var/screenshots/ for a human to look at. The fixed test day of tests/indikator/conftest.py (15 July 2026) holds for
the live server too: with a monthly period, June closed on 5 July and July is open.
"""

import pytest

import indikator.tasks  # noqa: F401  (registers the feedback notice queued after commit)
from indikator import services as svc
from indikator.models import Iki, PeriodePenilaian, Realisasi, Skp
from tests.browser import login, screenshot
from tests.indikator.factories import PeriodeFactory, skp_disetujui, skp_draft

pytestmark = pytest.mark.browser


@pytest.fixture
def periode_bulanan(db):
    return PeriodeFactory(tahun=2026, periodisitas=PeriodePenilaian.Periodisitas.BULANAN)


def _dalam_layar(page, selector: str) -> bool:
    return page.eval_on_selector(
        selector,
        "el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }",
    )


def _fokus_testid(page) -> str:
    page.wait_for_function("() => document.activeElement && document.activeElement.dataset.testid")
    return page.evaluate(
        "() => { const el = document.activeElement; const s = el && el.closest('section');"
        " return (s ? s.id : '') + ':' + (el ? el.dataset.testid || '' : ''); }"
    )


def test_result_of_a_save_is_beside_the_months_form_refused_or_saved(page, live_server, pegawai, periode_bulanan):
    iki = Iki.objects.get(rhk__skp=skp_disetujui(pegawai, periode_bulanan))
    login(page, live_server, "pegawai")
    page.goto(f"{live_server.url}/indikator/iki/{iki.pk}/realisasi/")
    juli = page.locator("#bulan-7")
    juli.get_by_label("Realisasi").fill("-5")
    with page.expect_navigation():
        juli.get_by_role("button", name="Simpan realisasi").click()

    # refused: the page comes back at July, the message beside July's form has the focus
    assert page.url.endswith("#bulan-7")
    assert _fokus_testid(page) == "bulan-7:ditolak"
    assert _dalam_layar(page, "#bulan-7 [data-testid=ditolak]")
    assert "Realisasi tidak boleh negatif" in page.inner_text("#bulan-7 [data-testid=ditolak]")
    assert page.evaluate("() => window.scrollY") > 1000  # not at the top, where January is
    screenshot(page, "realisasi-ditolak-juli")
    assert not Realisasi.objects.exists()

    juli.get_by_label("Realisasi").fill("5")
    with page.expect_navigation():
        juli.get_by_role("button", name="Simpan realisasi").click()
    page.locator("#bulan-7 [data-testid=disimpan]").wait_for()

    # saved: the message is in July's section, in view, with the focus; none at the top of the page
    assert page.url.endswith("#bulan-7")
    assert _fokus_testid(page) == "bulan-7:disimpan"
    assert _dalam_layar(page, "#bulan-7 [data-testid=disimpan]")
    assert page.inner_text("#bulan-7 [data-testid=disimpan]") == "Realisasi Juli telah disimpan."
    assert page.locator("ul.messages").count() == 0
    screenshot(page, "realisasi-disimpan-juli")
    assert Realisasi.objects.get(iki=iki, periode_ke=7).nilai == 5


def _kirim(page, tombol) -> None:
    with page.expect_navigation():
        tombol.click()


def test_empty_forms_get_the_apps_own_message_not_a_browser_bubble(page, live_server, pegawai, penilai, dinas, periode):
    # "Kembalikan dengan alasan" without a reason
    skp = skp_draft(pegawai, periode)
    skp = svc.skp_submit(actor=pegawai.user, skp=skp, versi=Skp.objects.get(pk=skp.pk).versi)
    login(page, live_server, "penilai")
    page.goto(f"{live_server.url}/indikator/skp/{skp.pk}/")
    _kirim(page, page.get_by_role("button", name="Kembalikan dengan alasan"))
    assert "Alasan pengembalian wajib diisi." in page.inner_text("main")
    assert Skp.objects.get(pk=skp.pk).status == Skp.Status.DIAJUKAN

    # "Kirim umpan balik" and "Balas" without a text
    skp = svc.skp_approve(actor=penilai.user, skp=skp, versi=Skp.objects.get(pk=skp.pk).versi)
    iki = Iki.objects.get(rhk__skp=skp)
    svc.umpan_balik_create(actor=penilai.user, iki=iki, periode_ke=3, teks="Lampirkan notulen.")
    page.goto(f"{live_server.url}/indikator/iki/{iki.pk}/realisasi/")
    _kirim(page, page.locator("#bulan-3").get_by_role("button", name="Kirim umpan balik"))
    assert "Umpan balik tidak boleh kosong." in page.inner_text("#bulan-3 [data-testid=ditolak]")
    _kirim(page, page.locator("#bulan-3").get_by_role("button", name="Balas"))
    assert "Balasan tidak boleh kosong." in page.inner_text("#bulan-3 [data-testid=ditolak]")
    assert _fokus_testid(page) == "bulan-3:ditolak"


def test_import_without_a_file_and_closing_a_period_ask_in_the_apps_words(page, live_server, admin_bkd, dinas, periode):
    login(page, live_server, "admin.bkd")
    page.goto(f"{live_server.url}/indikator/indikator-unit/?unit={dinas.pk}")
    _kirim(page, page.get_by_role("button", name="Impor", exact=True))
    assert "Pilih berkas XLSX yang akan diimpor." in page.inner_text("main")

    # "Tutup" asks first and says what closing does; "Batal" leaves the period open
    page.goto(f"{live_server.url}/indikator/periode/")
    _kirim(page, page.get_by_role("button", name="Tutup"))
    teks = page.inner_text("[data-testid=konfirmasi-tutup]")
    assert "Tutup periode 2026?" in teks and "seluruh pegawai di seluruh provinsi" in teks
    screenshot(page, "periode-tutup-konfirmasi")
    page.get_by_role("link", name="Batal").click()
    periode.refresh_from_db()
    assert periode.dibuka
    _kirim(page, page.get_by_role("button", name="Tutup"))
    _kirim(page, page.get_by_role("button", name="Ya, tutup periode 2026"))
    assert "Periode 2026 telah ditutup" in page.inner_text("main")
    periode.refresh_from_db()
    assert not periode.dibuka


def _tanpa_geser(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")


def _terlihat_utuh(page, selector: str) -> bool:
    return page.eval_on_selector(
        selector, "el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right <= window.innerWidth; }"
    )


@pytest.mark.parametrize("lebar", [1366, 390])
def test_team_and_skp_pages_fit_a_laptop_and_a_phone(browser, live_server, pegawai, penilai, periode_bulanan, lebar):
    skp = skp_disetujui(pegawai, periode_bulanan)
    context = browser.new_context(viewport={"width": lebar, "height": 800}, locale="id-ID")
    page = context.new_page()
    try:
        login(page, live_server, "penilai")
        page.goto(f"{live_server.url}/indikator/tim/")
        baris = "[data-testid=baris-tim]"
        assert _tanpa_geser(page)
        # the name, status, capaian and the action are in view without scrolling sideways (months may scroll)
        for sel in ("[data-testid=aksi-tim] a", "td .capaian"):
            dalam = page.eval_on_selector(
                f"{baris} {sel}",
                "el => { const r = el.getBoundingClientRect(), w = el.closest('.table-wrap').getBoundingClientRect();"
                " return r.width > 0 && r.right <= Math.min(w.right, window.innerWidth); }",
            )
            assert dalam, sel
        assert page.locator(baris).get_by_role("link", name=pegawai.nama).count() == 1
        screenshot(page, f"tim-{lebar}")

        page.goto(f"{live_server.url}/indikator/skp/{skp.pk}/")
        assert _tanpa_geser(page)
        for sel in ("[data-testid=iki-target]", "[data-testid=iki-capaian]", "[data-testid=iki] a:text('Realisasi')"):
            assert _terlihat_utuh(page, sel), sel
        screenshot(page, f"skp-{lebar}")
    finally:
        context.close()
