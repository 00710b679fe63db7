"""Browser test of the SKP cycle in Debian's Chromium (Playwright) against pytest-django's live server:
the pegawai drafts an SKP with two RHK and submits it; the penilai returns it with a reason; the pegawai fixes it
and resubmits; the penilai approves; the pegawai logs a quarter's realisation with a PDF.

Skipped, with the reason, when /usr/bin/chromium or the playwright package is missing. Screenshots of the pages
land in var/screenshots/ for a human to look at. The live server runs in this process, so the fixed test day of
tests/indikator/conftest.py (15 July 2026: triwulan III open) holds for it too.
"""

import pytest

from indikator import services
from indikator.models import BuktiDukung, Realisasi, Skp
from tests.browser import login, screenshot
from tests.indikator.factories import PeriodeFactory, pdf_bytes, skp_disetujui, skp_draft

pytestmark = pytest.mark.browser


def _logout(page) -> None:
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/akun/login/")


def _tambah_rhk(page, uraian: str, rhk_atasan: str | None = None) -> None:
    page.get_by_role("link", name="+ Tambah RHK").click()
    page.get_by_role("heading", name="Tambah rencana hasil kerja").wait_for()
    page.locator("#id_uraian").fill(uraian)
    if rhk_atasan:
        page.locator("#id_rhk_atasan").select_option(label=rhk_atasan)
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("RHK telah ditambahkan.").wait_for()


def _tambah_iki(page, nomor_rhk: int, uraian: str, satuan: str, target: str) -> None:
    page.locator("[data-testid=rhk]").nth(nomor_rhk).get_by_role("link", name="+ Tambah indikator").click()
    page.get_by_role("heading", name="Tambah indikator kinerja individu").wait_for()
    page.locator("#id_uraian").fill(uraian)
    page.locator("#id_satuan").fill(satuan)
    page.locator("#id_target").fill(target)
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Indikator telah ditambahkan.").wait_for()


def test_skp_cycle_draft_return_fix_approve_and_a_quarters_realisation(page, live_server, pegawai, penilai, periode):
    # The penilai's own plan is still a draft: the pegawai is not blocked by it.
    skp_atasan = skp_draft(penilai, periode, rhk=1)
    rhk_atasan = skp_atasan.rhk.get().uraian

    # 1. The pegawai drafts an SKP with two RHK and submits it.
    login(page, live_server, "pegawai")
    page.locator("[data-testid=kinerja-saya]").get_by_role("link", name="SKP saya").click()
    page.get_by_role("button", name="Buat draf SKP").click()
    page.get_by_role("heading", name="Sasaran Kinerja Pegawai 2026").wait_for()
    _tambah_rhk(page, "Tersusunnya laporan pengaduan masyarakat", rhk_atasan=f"Utama: {rhk_atasan} [Draf]")
    _tambah_iki(page, 0, "Jumlah laporan pengaduan yang tersusun", "laporan", "12")
    _tambah_rhk(page, "Terselesaikannya aduan warga tepat waktu")
    _tambah_iki(page, 1, "Aduan diselesaikan", "aduan", "5")
    assert page.locator("[data-testid=rhk]").count() == 2
    assert "Menunggu persetujuan SKP atasan" in page.inner_text("main")
    screenshot(page, "skp-draf")
    page.get_by_role("button", name="Ajukan ke pejabat penilai").click()
    page.get_by_text("SKP telah diajukan").wait_for()
    assert page.locator("[data-testid=status-skp]").first.inner_text() == "Diajukan"
    _logout(page)

    # 2. The penilai returns it with a reason, from his team page.
    login(page, live_server, "penilai")
    page.get_by_role("link", name="Tim saya").first.click()
    page.get_by_role("heading", name="Tim saya").wait_for()
    screenshot(page, "tim-penilai")
    page.get_by_role("link", name="Tinjau").click()
    page.locator("#id_alasan").fill("Target aduan terlalu rendah; naikkan menjadi 20.")
    page.get_by_role("button", name="Kembalikan dengan alasan").click()
    page.get_by_text("SKP telah dikembalikan").wait_for()
    _logout(page)

    # 3. The pegawai reads the reason, fixes the target and resubmits.
    login(page, live_server, "pegawai")
    page.get_by_role("link", name="SKP saya").first.click()
    alasan = page.locator("[data-testid=alasan-pengembalian]")
    assert "naikkan menjadi 20" in alasan.inner_text()
    page.locator("[data-testid=rhk]").nth(1).locator("[data-testid=iki]").get_by_role("link", name="Ubah").click()
    page.locator("#id_target").fill("20")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Indikator telah disimpan.").wait_for()
    assert "20 aduan" in page.inner_text("main")
    page.get_by_role("button", name="Ajukan ke pejabat penilai").click()
    page.get_by_text("SKP telah diajukan").wait_for()
    _logout(page)

    # 4. The penilai approves.
    login(page, live_server, "penilai")
    page.goto(f"{live_server.url}/indikator/tim/")
    page.get_by_role("link", name="Tinjau").click()
    page.get_by_role("button", name="Setujui SKP").click()
    page.get_by_text("SKP telah disetujui.").wait_for()
    skp = Skp.objects.get(pegawai=pegawai, terkini=True)
    assert skp.status == Skp.Status.DISETUJUI and skp.penilai_nama == "Putri Penilai"
    _logout(page)

    # 5. The pegawai logs triwulan III with a PDF as evidence.
    login(page, live_server, "pegawai")
    page.get_by_role("link", name="SKP saya").first.click()
    assert page.get_by_role("button", name="Buat revisi").is_visible()
    screenshot(page, "skp-disetujui")
    page.locator("[data-testid=rhk]").nth(0).get_by_role("link", name="Realisasi").click()
    periode_3 = page.locator("[data-testid=periode-3]")
    periode_3.locator("#id_r3-nilai").fill("7")
    periode_3.locator("#id_r3-narasi").fill("Tujuh laporan selesai sampai September.")
    periode_3.locator("#id_b3-berkas").set_input_files(
        files=[{"name": "laporan-triwulan-3.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Laporan")}]
    )
    periode_3.get_by_role("button", name="Simpan realisasi").click()
    page.get_by_text("Realisasi Triwulan III telah disimpan.").wait_for()
    bukti = BuktiDukung.objects.get()
    periode_3 = page.locator("[data-testid=periode-3]")
    # the hash is in the file's details line (closed until opened), not in the visible text
    assert bukti.sha256 not in periode_3.inner_text()
    periode_3.get_by_text("Rincian berkas").click()
    assert bukti.sha256 in periode_3.inner_text()
    assert "58,33%" in periode_3.inner_text()  # 7 of 12
    assert Realisasi.objects.get().narasi == "Tujuh laporan selesai sampai September."
    # closed quarters are read-only
    assert page.locator("#id_r1-nilai").count() == 0
    screenshot(page, "realisasi")

    # 6. The dashboard draws the chart from the vendored Chart.js.
    page.get_by_role("link", name="Dasbor", exact=True).click()
    page.locator("[data-testid=grafik-iki]").first.wait_for()
    page.wait_for_function("document.querySelector('canvas[data-grafik]').dataset.drawn === '1'")
    assert page.evaluate("typeof window.Chart") == "function"
    screenshot(page, "dasbor")


def test_admin_pages_render(page, live_server, admin_bkd, pegawai, periode):
    services.pembukaan_kembali_create(
        actor=admin_bkd, periode=periode, pegawai=pegawai, berlaku_sampai=periode.batas_penyusunan_skp, alasan="Cuti"
    )
    login(page, live_server, "admin.bkd")
    page.get_by_role("link", name="Periode", exact=True).click()
    page.get_by_role("heading", name="Periode penilaian").wait_for()
    assert "2026" in page.inner_text("main")
    screenshot(page, "periode")
    page.get_by_role("link", name="Buka kembali isian pegawai").click()
    assert "Cuti" in page.inner_text("main")
    screenshot(page, "pembukaan-kembali")


def test_monthly_dashboard_stays_within_the_page_width(page, live_server, pegawai, penilai):
    # twelve month columns under each chart used to spill out of the cards and widen the page
    periode = PeriodeFactory(tahun=2026, periodisitas="bulanan")
    skp_disetujui(pegawai, periode, rhk=2)
    login(page, live_server, "pegawai")
    page.goto(f"{live_server.url}/indikator/dasbor/")
    page.locator("[data-testid=grafik-iki]").nth(1).wait_for()

    lebih = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")

    screenshot(page, "dasbor-bulanan")
    assert lebih <= 0
