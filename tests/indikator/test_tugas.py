"""The to-do list (kinerja.tugas + indikator.tugas): what is waiting for each role, computed from the data.

The day is HARI_UJI (15 July 2026): triwulan III is open for realisation until 5 October, triwulan II closed on
5 July."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indikator import services
from indikator.models import Skp
from kinerja.tugas import tugas_untuk
from tests.indikator.factories import RealisasiFactory, skp_disetujui, skp_draft
from tests.kepegawaian.factories import PegawaiFactory, UserFactory


def _kode(user) -> list[str]:
    return [t.kode for t in tugas_untuk(user)]


def test_pegawai_without_skp_is_asked_to_draft_it_by_the_deadline(pegawai, periode):
    (tugas,) = [t for t in tugas_untuk(pegawai.user) if t.kode == "indikator.skp_susun"]
    assert "31 Desember 2026" in tugas.teks
    assert tugas.url == reverse("indikator:skp-saya")


def test_returned_skp_comes_first_with_the_reason(pegawai, periode):
    skp = skp_draft(pegawai, periode)
    skp = services.skp_submit(actor=pegawai.user, skp=skp, versi=skp.versi)
    assert "indikator.skp_setujui" in _kode(pegawai.atasan.user)
    assert "indikator.skp_susun" not in _kode(pegawai.user)
    services.skp_return(actor=pegawai.atasan.user, skp=skp, versi=skp.versi, alasan="Target IKI 1.1 terlalu rendah")

    pertama = tugas_untuk(pegawai.user)[0]
    assert pertama.kode == "indikator.skp_perbaiki" and pertama.penting
    assert "Target IKI 1.1 terlalu rendah" in pertama.teks
    assert "indikator.skp_setujui" not in _kode(pegawai.atasan.user)


def test_open_quarter_without_realisation_is_due_on_its_deadline(pegawai, periode):
    skp = skp_disetujui(pegawai, periode, rhk=1, iki_per_rhk=2)
    (tugas,) = [t for t in tugas_untuk(pegawai.user) if t.kode == "indikator.realisasi_isi"]
    assert "Triwulan III" in tugas.teks and "2 indikator" in tugas.teks and "5 Oktober 2026" in tugas.teks
    for iki in skp.rhk.get().iki.all():
        RealisasiFactory(iki=iki, periode_ke=3)
    assert "indikator.realisasi_isi" not in _kode(pegawai.user)


def test_penilai_sees_subordinates_with_missing_realisation_of_the_closed_quarter(pegawai, penilai, periode):
    skp = skp_disetujui(pegawai, periode, rhk=1, iki_per_rhk=1)
    (tugas,) = [t for t in tugas_untuk(penilai.user) if t.kode == "indikator.realisasi_bawahan_kurang"]
    assert tugas.jumlah == 1 and "Triwulan II" in tugas.teks and tugas.peran == "penilai"
    RealisasiFactory(iki=skp.rhk.get().iki.get(), periode_ke=2)
    assert "indikator.realisasi_bawahan_kurang" not in _kode(penilai.user)


def test_feedback_is_a_task_for_whoever_has_not_had_the_last_word(pegawai, penilai, periode):
    skp = skp_disetujui(pegawai, periode)
    iki = skp.rhk.get().iki.get()
    ub = services.umpan_balik_create(actor=penilai.user, iki=iki, periode_ke=3, teks="Lampirkan notulen rapat.")
    assert "indikator.umpan_balik_tanggapi" in _kode(pegawai.user)
    assert "indikator.umpan_balik_balas" not in _kode(penilai.user)

    services.umpan_balik_reply(actor=pegawai.user, umpan_balik=ub, teks="Sudah saya lampirkan.")
    assert "indikator.umpan_balik_tanggapi" not in _kode(pegawai.user)
    assert "indikator.umpan_balik_balas" in _kode(penilai.user)


def test_admin_unit_sees_skp_not_yet_approved_in_his_scope(admin_unit, pegawai, outsider, periode):
    skp_draft(pegawai, periode)
    kode = _kode(admin_unit)
    assert "indikator.pemantauan_draft" in kode
    (belum,) = [t for t in tugas_untuk(admin_unit) if t.kode == "indikator.pemantauan_belum"]
    assert belum.jumlah == 2  # the penilai and the atasan; the outsider's unit is not his
    assert belum.url == reverse("indikator:pemantauan") + "?status=belum"


def test_to_do_list_of_a_penilai_runs_the_same_queries_for_2_and_20_subordinates(penilai, bidang, periode):
    def hitung() -> int:
        user = type(penilai.user).objects.get(pk=penilai.user_id)  # fresh: no role cached on the object
        with CaptureQueriesContext(connection) as ctx:
            tugas_untuk(user)
        return len(ctx.captured_queries)

    for n in range(2):
        skp_disetujui(PegawaiFactory(unit=bidang, atasan=penilai, user=UserFactory(username=f"b{n}")), periode)
    sedikit = hitung()
    for n in range(2, 20):
        bawahan = PegawaiFactory(unit=bidang, atasan=penilai, user=UserFactory(username=f"b{n}"))
        skp = skp_draft(bawahan, periode)
        services.skp_submit(actor=bawahan.user, skp=skp, versi=skp.versi)
    assert hitung() == sedikit
    (tugas,) = [t for t in tugas_untuk(penilai.user) if t.kode == "indikator.skp_setujui"]
    assert tugas.jumlah == 18


def test_home_page_lists_the_tasks_and_the_badge_counts_them(as_user, pegawai, periode):
    client = as_user(pegawai.user)
    html = client.get(reverse("beranda")).content.decode()
    assert 'data-testid="tugas"' in html and "Susun SKP Anda untuk periode 2026" in html
    badge = client.get(reverse("tugas-jumlah")).content.decode()
    jumlah = len(tugas_untuk(pegawai.user))  # SKP to draft, and the other apps' items (e.g. JP behind schedule)
    assert 'data-testid="jumlah-tugas"' in badge and f">{jumlah}<" in badge and jumlah >= 1


def test_nothing_waiting_says_so(as_user, admin_bkd):
    client = as_user(admin_bkd)
    html = client.get(reverse("beranda")).content.decode()
    assert "Tidak ada yang menunggu Anda saat ini." in html
    assert client.get(reverse("tugas-jumlah")).content.decode().strip() == ""


def test_api_lists_the_same_tasks(api, pegawai, periode):
    response = api(pegawai.user).get("/api/v1/tugas/")
    assert response.status_code == 200
    (item,) = [t for t in response.json() if t["kode"] == "indikator.skp_susun"]
    assert item["url"] == "/indikator/skp/" and item["tenggat"] == "2026-12-31" and item["penting"] is False


def test_api_tasks_need_a_login(client):
    response = client.get("/api/v1/tugas/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


# --- the monitoring page behind the admin's numbers -------------------------------------------------------------


def test_monitoring_page_counts_per_unit_and_lists_who_is_behind_each_number(
    as_user, admin_unit, pegawai, penilai, outsider, periode
):
    skp_draft(pegawai, periode)
    client = as_user(admin_unit)
    response = client.get(reverse("indikator:pemantauan"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bidang Uji" in html and "Dinas Lain" not in html

    daftar = client.get(reverse("indikator:pemantauan"), {"status": Skp.Status.DRAFT}).content.decode()
    assert "Budi Pegawai" in daftar and "Putri Penilai" not in daftar
    belum = client.get(reverse("indikator:pemantauan"), {"status": "belum"}).content.decode()
    assert "Putri Penilai" in belum and "Budi Pegawai" not in belum and "Oscar Luar" not in belum


def test_monitoring_page_is_for_admins_only_and_within_their_scope(as_user, admin_unit, pegawai, dinas_lain, periode):
    assert as_user(pegawai.user).get(reverse("indikator:pemantauan")).status_code == 404
    response = as_user(admin_unit).get(reverse("indikator:pemantauan"), {"unit": dinas_lain.pk})
    assert response.status_code == 404


@pytest.mark.parametrize("jumlah", [3, 30])
def test_monitoring_page_query_count_does_not_grow(
    as_user, admin_bkd, bidang, periode, django_assert_max_num_queries, jumlah
):
    for _n in range(jumlah):
        PegawaiFactory(unit=bidang)
    client = as_user(admin_bkd)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("indikator:pemantauan")).status_code == 200
