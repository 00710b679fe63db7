"""In a real browser: a citizen files a complaint with a photo and follows it by its code, the kelurahan officer
handles and resolves it, the citizen rates it, and the lurah's IKI bound to the complaint count shows the new
computed realisation once the job (``partisipasi.services.terhitung``) runs on demand. Also the head's dashboard
and the public forum page on a desktop and a 390 px phone (screenshots under var/screenshots/)."""

import datetime as dt
import shutil
from pathlib import Path

import pytest
from django.utils import timezone

from indikator.models import PeriodePenilaian, Realisasi
from partisipasi import services
from partisipasi.models import IkiTerhitung, Pengaduan
from tests.browser import login, screenshot
from tests.indikator.factories import PeriodeFactory, skp_disetujui
from tests.partisipasi.factories import jpeg_dengan_gps, pengaduan_baru

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots-parf")


@pytest.fixture(autouse=True)
def jam():
    """The real clock here (the package's fixed clock would expire the browser's session cookie at once)."""


def _shot(page, name):
    path = screenshot(page, name)
    SHOTS.mkdir(exist_ok=True)
    shutil.copy(path, SHOTS / path.name)


@pytest.fixture
def ikatan(lurah_a, kel_a):
    """The lurah's IKI (approved SKP of this year, monthly) bound to the number of complaints his kelurahan
    completed; computed once now (nothing completed yet)."""
    lurah_a.atasan.user.save()
    periode = PeriodeFactory(tahun=timezone.localdate().year, periodisitas=PeriodePenilaian.Periodisitas.BULANAN)
    iki = skp_disetujui(lurah_a, periode).rhk.get().iki.get()
    ikatan = IkiTerhitung.objects.create(iki=iki, unit=kel_a, ukuran=IkiTerhitung.Ukuran.JUMLAH)
    services.realisasi_terhitung_run(actor=None, ikatan=ikatan)
    return ikatan


def _realisasi_bulan_ini(ikatan):
    return Realisasi.objects.filter(iki=ikatan.iki, periode_ke=timezone.localdate().month).first()


def test_complaint_from_citizen_to_officer_to_rating_to_the_computed_indicator(
    browser, live_server, tmp_path, kel_a, kategori, petugas_a, ikatan
):
    assert _realisasi_bulan_ini(ikatan).nilai == 0
    foto = tmp_path / "genangan.jpg"
    foto.write_bytes(jpeg_dengan_gps().getvalue())

    # 1. The citizen, without an account, files a complaint with a photo and lands on its tracking page.
    warga = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID").new_page()
    warga.set_default_timeout(30_000)
    warga.goto(f"{live_server.url}/partisipasi/pengaduan/baru/")
    warga.get_by_label("Kategori").select_option(label=kategori.nama)
    warga.get_by_label("Kelurahan").select_option(label=kel_a.nama)
    warga.get_by_label("RW").fill("4")
    warga.get_by_label("Uraian pengaduan").fill("Genangan setinggi 30 cm di depan SD, saluran tertutup sampah.")
    warga.get_by_label("Foto (paling banyak 3)").set_input_files(str(foto))
    warga.get_by_label("Nomor telepon atau email (tidak wajib)").fill("0813-1111-2222")
    warga.get_by_role("button", name="Kirim pengaduan").click()
    warga.wait_for_url("**/partisipasi/lacak/*/")
    pengaduan = Pengaduan.objects.get()
    kode = pengaduan.kode_lacak
    assert kode in warga.content() and "0813-1111-2222" not in warga.content()
    assert warga.locator("img[alt='Foto pengaduan']").evaluate("img => img.naturalWidth") > 0
    _shot(warga, "partisipasi-lacak-ponsel")

    # 2. The officer of the kelurahan takes it up, answers and resolves it.
    petugas = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID").new_page()
    petugas.set_default_timeout(30_000)
    login(petugas, live_server, "petugas.a")
    petugas.goto(f"{live_server.url}/partisipasi/petugas/")
    petugas.get_by_role("link", name=str(pengaduan.pk), exact=True).click()
    assert "0813-1111-2222" in petugas.content()  # the handling unit sees the contact
    petugas.get_by_label("Status baru").select_option("proses")
    petugas.get_by_role("button", name="Simpan status").click()
    petugas.get_by_label("Tanggapan resmi").fill("Petugas PPSU membersihkan saluran hari ini.")
    petugas.get_by_role("button", name="Kirim tanggapan").click()
    petugas.get_by_label("Status baru").select_option("selesai")
    petugas.get_by_label("Alasan/keterangan").fill("Saluran sudah bersih, genangan surut.")
    petugas.get_by_role("button", name="Simpan status").click()
    petugas.get_by_text("Saluran sudah bersih, genangan surut.").first.wait_for()
    assert Pengaduan.objects.get().status == Pengaduan.Status.SELESAI

    # 3. The citizen follows it by code, sees the answer, and rates the result.
    warga.goto(f"{live_server.url}/partisipasi/lacak/")
    warga.get_by_label("Kode lacak").fill(kode.lower())
    warga.get_by_role("button", name="Lacak").click()
    warga.get_by_text("Petugas PPSU membersihkan saluran hari ini.").wait_for()
    warga.get_by_label("5", exact=True).check()
    warga.get_by_label("Komentar (tidak wajib)").fill("Cepat, terima kasih.")
    warga.get_by_role("button", name="Kirim penilaian").click()
    warga.get_by_text("5/5").wait_for()
    assert Pengaduan.objects.get().rating == 5

    # 4. The computed IKI job, on demand: the lurah's realisation of this month becomes 1 completed complaint,
    #    marked computed, and his realisation page shows it.
    services.realisasi_terhitung_run(actor=None, ikatan=ikatan)
    realisasi = _realisasi_bulan_ini(ikatan)
    assert (realisasi.nilai, realisasi.sumber) == (1, "terhitung")
    lurah = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID").new_page()
    lurah.set_default_timeout(30_000)
    login(lurah, live_server, "lurah.a")
    lurah.goto(f"{live_server.url}/indikator/iki/{ikatan.iki_id}/realisasi/")
    lurah.get_by_text("1 pengaduan diselesaikan Kelurahan Menteng", exact=False).first.wait_for()
    _shot(lurah, "partisipasi-realisasi-terhitung")
    for p in (warga, petugas, lurah):
        p.context.close()


def test_dashboard_and_forum_pages_on_desktop_and_phone(browser, live_server, kel_a, kategori, lurah_a, petugas_a):
    sekarang = timezone.now()
    for hari in (0, 2, 5, 9, 20):
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(timezone, "now", lambda hari=hari: sekarang - dt.timedelta(days=hari))
            pengaduan_baru(kel_a, kategori)
    forum = services.forum_create(
        actor=petugas_a,
        kelurahan_id=kel_a.pk,
        jenis="rembuk_rw",
        topik="Rembuk RW: usulan tahun depan",
        mulai=sekarang + dt.timedelta(days=3),
        selesai=sekarang + dt.timedelta(days=3, hours=2),
        tempat="Aula kelurahan",
    )
    for lebar, nama in ((1280, "desktop"), (390, "ponsel")):
        context = browser.new_context(viewport={"width": lebar, "height": 900}, locale="id-ID")
        page = context.new_page()
        page.set_default_timeout(30_000)
        try:
            login(page, live_server, "lurah.a")
            page.get_by_role("link", name="Dasbor pengaduan").click()
            page.get_by_role("heading", name="Dasbor pengaduan warga").wait_for()
            assert page.locator("[data-kelompok='0'] .stat-value").inner_text() == "1"  # 0–1 days: the new one
            assert page.get_by_test_id("jumlah-terlambat").locator(".stat-value").inner_text() == "2"
            assert page.evaluate("document.documentElement.scrollWidth") <= lebar
            _shot(page, f"partisipasi-dasbor-{nama}")
            page.goto(f"{live_server.url}/partisipasi/forum/?kelurahan={kel_a.pk}")
            page.get_by_role("link", name=f"Rembuk RW: {forum.topik}").wait_for()
            assert page.evaluate("document.documentElement.scrollWidth") <= lebar
            _shot(page, f"partisipasi-forum-{nama}")
        finally:
            context.close()
