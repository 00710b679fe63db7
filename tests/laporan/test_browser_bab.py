"""Browser check of the newer chapters on the province report (needs met, did it work, aspirations, per-unit
summary): readable on desktop and on a 390 px phone without horizontal scrolling of the page. Screenshots under
var/screenshots/ (and /tmp/shots-lapbab/)."""

import shutil
from pathlib import Path

import pytest

from tests.browser import screenshot
from tests.laporan.factories import TAHUN, iki_dengan_realisasi, iku, skp_setuju
from tests.laporan.test_publik import _terbitkan

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _media_sementara(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_province_report_new_chapters_on_desktop_and_phone(browser, live_server, pemprov, dinas, atasan, admin_bkd):
    from laporan import bab

    a = iku(dinas, indikator="Indeks kepuasan layanan", target="90", urutan=1)
    iki_dengan_realisasi(skp_setuju(atasan), target="90", nilai=["95"], indikator_unit=a)
    data = bab.susun_snapshot(unit=pemprov, tahun=TAHUN)
    data["bab"]["pelatihan"].update(ada_kebutuhan=True, ada_dampak=True, jumlah_kebutuhan=28, kebutuhan_terpenuhi=12,
                                    persen_kebutuhan_terpenuhi="42.86")  # fmt: skip
    data["tabel"]["kebutuhan"] = {"baris": [["teknis", 28, 12, "42.86"], ["manajerial", "< 5", "< 5", None]]}
    latih = ["teknis", "latih", 12, 10, "< 5", 0, "< 5", "60.00", "82.73", "22.73"]
    tidak = ["teknis", "tidak", 15, "< 5", "< 5", 0, 0, "60.00", "66.67", "6.67"]
    data["tabel"]["dampak"] = {"baris": [latih, tidak]}
    data["bab"]["layanan"]["aspirasi"] = {"ada": True, "jumlah": 8, "ditindaklanjuti": 6,
                                          "persen_ditindaklanjuti": "75.00"}  # fmt: skip
    data["tabel"]["aspirasi"] = {"baris": [["diterima", 2, "25.00"], ["selesai", 6, "75.00"]]}
    laporan = _terbitkan(pemprov, TAHUN, admin_bkd, data=data)
    folder = Path("/tmp/shots-lapbab")
    folder.mkdir(exist_ok=True)
    for nama, lebar in (("laporan-bab-desktop", 1280), ("laporan-bab-390", 390)):
        ctx = browser.new_context(viewport={"width": lebar, "height": 900}, locale="id-ID")
        page = ctx.new_page()
        page.goto(f"{live_server.url}/laporan/{laporan.pk}/")
        assert page.get_by_role("heading", name="Ringkasan per perangkat daerah").is_visible()
        assert page.get_by_role("heading", name="Apakah pelatihan berhasil?").is_visible()
        assert page.get_by_role("heading", name="Tindak lanjut aspirasi warga").is_visible()
        lebar_isi = page.evaluate("document.documentElement.scrollWidth")
        assert lebar_isi <= lebar + 1
        shutil.copy(screenshot(page, nama), folder / f"{nama}.png")
        ctx.close()
