"""The admins' pages: start a run, watch its progress (htmx poll), retry a failed unit, review, publish, withdraw."""

import pytest
from django.urls import reverse

from laporan import services
from laporan.models import ItemRun, Laporan, RunLaporan, StatusItem, StatusVersi
from tests.laporan.factories import TAHUN, iku

pytestmark = pytest.mark.django_db


def test_admin_bkd_starts_a_province_run_and_sees_it_finish(
    as_user, admin_bkd, pemprov, dinas, bidang, django_capture_on_commit_callbacks
):
    client = as_user(admin_bkd)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("laporan:run-daftar"), {"unit": pemprov.pk, "tahun": TAHUN})
    run = RunLaporan.objects.get()
    assert r.status_code == 302 and r["Location"] == run.get_absolute_url()
    halaman = client.get(run.get_absolute_url())
    assert halaman.status_code == 200
    teks = halaman.content.decode()
    assert 'value="100"' in teks and "3 dari 3 unit selesai" in teks
    assert "hx-get" not in teks  # finished: the poll stops


def test_the_progress_block_polls_while_the_run_is_running(as_user, admin_unit, dinas):
    run = RunLaporan.objects.create(unit=dinas, tahun=TAHUN, status=RunLaporan.Status.BERJALAN, jumlah_total=4,
                                    jumlah_selesai=1, jumlah_gagal=1)  # fmt: skip
    r = as_user(admin_unit).get(run.get_absolute_url(), HTTP_HX_REQUEST="true")
    teks = r.content.decode()
    assert r.status_code == 200 and "<html" not in teks
    assert 'hx-trigger="every 1s"' in teks and 'value="50"' in teks


def test_run_form_refuses_a_unit_outside_the_admins_subtree(as_user, admin_unit, dinas_lain):
    r = as_user(admin_unit).post(reverse("laporan:run-daftar"), {"unit": dinas_lain.pk, "tahun": TAHUN})
    assert r.status_code == 400
    assert not RunLaporan.objects.exists()


def test_run_list_pins_its_query_count(as_user, admin_bkd, dinas, django_assert_max_num_queries):
    for tahun in (TAHUN - 2, TAHUN - 1, TAHUN):
        RunLaporan.objects.create(unit=dinas, tahun=tahun, dimulai_oleh=admin_bkd)
    client = as_user(admin_bkd)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("laporan:run-daftar")).status_code == 200


def test_failed_unit_is_listed_in_plain_words_and_retried(
    as_user, admin_unit, dinas, django_capture_on_commit_callbacks
):
    waktu = "2026-01-15T02:00Z"
    run = RunLaporan.objects.create(unit=dinas, tahun=TAHUN, status=RunLaporan.Status.SEBAGIAN, jumlah_total=1,
                                    jumlah_gagal=1, mulai_pada=waktu, selesai_pada=waktu)  # fmt: skip
    item = ItemRun.objects.create(run=run, unit=dinas, status=StatusItem.GAGAL, galat="Waktu pengolahan habis.")
    client = as_user(admin_unit)
    assert "Waktu pengolahan habis." in client.get(run.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("laporan:item-ulang", args=[run.pk, item.pk]))
    assert r.status_code == 302
    item.refresh_from_db()
    run.refresh_from_db()
    assert item.status == StatusItem.SELESAI and run.status == RunLaporan.Status.SELESAI


def test_review_then_publish_then_withdraw_through_the_pages(as_user, admin_unit, admin_bkd, dinas):
    iku(dinas, indikator="Indeks kepuasan", target="90")
    from laporan import bab

    versi = services._versi_save(unit=dinas, tahun=TAHUN, data=bab.susun_snapshot(unit=dinas, tahun=TAHUN), run=None)
    laporan = Laporan.objects.get()
    unit_client = as_user(admin_unit)
    url = reverse("laporan:tinjau", args=[laporan.pk])
    assert "Indeks kepuasan" in unit_client.get(url).content.decode()  # the preview of the figures
    r = unit_client.post(url, {"tantangan": "", "langkah": "Pemantauan."})
    assert r.status_code == 400 and "Tantangan" in r.content.decode()
    assert unit_client.post(url, {"tantangan": "Anggaran.", "langkah": "Pemantauan."}).status_code == 302
    versi.refresh_from_db()
    assert versi.status == StatusVersi.DITINJAU
    assert unit_client.post(reverse("laporan:terbit", args=[laporan.pk])).status_code == 403
    bkd = as_user(admin_bkd)
    assert bkd.post(reverse("laporan:terbit", args=[laporan.pk])).status_code == 302
    versi.refresh_from_db()
    assert versi.status == StatusVersi.TERBIT
    assert bkd.post(reverse("laporan:tarik", args=[laporan.pk]), {"alasan": "Data salah input."}).status_code == 302
    versi.refresh_from_db()
    assert versi.status == StatusVersi.DITARIK and versi.alasan_tarik == "Data salah input."


def test_report_admin_list_pins_its_query_count(as_user, admin_bkd, dinas, dinas_lain, django_assert_max_num_queries):
    from laporan import bab

    for unit in (dinas, dinas_lain):
        services._versi_save(unit=unit, tahun=TAHUN, data=bab.susun_snapshot(unit=unit, tahun=TAHUN), run=None)
    client = as_user(admin_bkd)
    with django_assert_max_num_queries(12):
        r = client.get(reverse("laporan:kelola-daftar"))
    assert r.status_code == 200 and "Dinas Lain" in r.content.decode()
