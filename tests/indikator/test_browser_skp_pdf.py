"""Browser check of the SKP PDF made by a task: "Unduh PDF" on the SKP page opens a page that says the document is
being made; once the job has run, the page (polling with htmx) shows the download link, which downloads the PDF.
The job is held back (the queue call recorded, not run) so that the waiting state is seen, then run by hand as a
worker would. (Chromium through Playwright; skipped with the reason when it is not installed.)"""

import pytest

from indikator import services
from indikator.models import DokumenSkp
from indikator.services import dokumen
from tests.browser import login, screenshot
from tests.indikator.factories import skp_draft

pytestmark = pytest.mark.browser


def test_the_pdf_page_waits_then_offers_the_download(browser, live_server, monkeypatch, pegawai, penilai, periode):
    skp_pegawai = skp_draft(pegawai, periode)
    antre: list[int] = []
    monkeypatch.setattr(dokumen, "enqueue_on_commit", lambda nama, pk: antre.append(pk))
    for lebar, nama in ((1280, "desktop"), (390, "hp")):
        DokumenSkp.objects.all().delete()
        antre.clear()
        context = browser.new_context(viewport={"width": lebar, "height": 900}, locale="id-ID", accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(30_000)
        login(page, live_server, "pegawai")
        page.goto(f"{live_server.url}/indikator/skp/{skp_pegawai.pk}/")
        page.get_by_role("link", name="Unduh PDF").first.click()
        page.get_by_text("Dokumen PDF SKP sedang dibuat.").wait_for()
        assert page.locator("[data-testid=status-pdf]").inner_text() == "Menunggu"
        screenshot(page, f"skp-pdf-menunggu-{nama}")

        assert len(antre) == 1
        services.skp_pdf_build(dokumen_id=antre[0])  # the worker's turn
        unduh = page.locator("[data-testid=unduh-pdf]")
        unduh.wait_for()  # the htmx poll brought the link
        assert page.locator("[data-testid=status-pdf]").inner_text() == "Selesai"
        screenshot(page, f"skp-pdf-siap-{nama}")
        with page.expect_download() as info:
            unduh.click()
        assert info.value.suggested_filename.endswith(".pdf")
        with open(info.value.path(), "rb") as berkas:
            assert berkas.read(4) == b"%PDF"
        context.close()
