"""Runs and their units: idempotency (twice → one report), partial failure and retry of one unit, versions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from kinerja.celery import app as celery_app
from laporan import services, tasks
from laporan.models import ItemRun, Laporan, RunLaporan, StatusItem, StatusRun, StatusVersi, VersiLaporan
from tests.laporan.factories import TAHUN, iku

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(admin_bkd, pemprov, dinas, bidang, dinas_lain, django_capture_on_commit_callbacks):
    iku(dinas, indikator="Indeks kepuasan", target="90")
    with django_capture_on_commit_callbacks(execute=True):
        return services.run_create(actor=admin_bkd, unit=pemprov, tahun=TAHUN)


def test_a_province_run_makes_one_report_per_unit_and_finishes(run, pemprov, dinas, bidang, dinas_lain):
    run.refresh_from_db()
    assert run.status == StatusRun.SELESAI
    assert (run.jumlah_total, run.jumlah_selesai, run.jumlah_gagal) == (4, 4, 0)
    assert run.progres == 100 and run.selesai_pada is not None
    assert set(Laporan.objects.values_list("unit_id", flat=True)) == {pemprov.pk, dinas.pk, bidang.pk, dinas_lain.pk}
    assert VersiLaporan.objects.filter(status=StatusVersi.DIBUAT).count() == 4


def test_running_the_tasks_twice_leaves_one_report_per_unit_and_year(run, admin_bkd, pemprov):
    # The same run redelivered, its units redelivered, and a second run of the same year.
    tasks.run_jalankan.apply(args=[run.pk])
    for item in ItemRun.objects.filter(run=run):
        ItemRun.objects.filter(pk=item.pk).update(status=StatusItem.BERJALAN)  # as if the worker died mid-task
        tasks.item_jalankan.apply(args=[item.pk])
    RunLaporan.objects.filter(pk=run.pk).update(status=StatusRun.SELESAI)
    kedua = services.run_create(actor=admin_bkd, unit=pemprov, tahun=TAHUN)
    tasks.run_jalankan.apply(args=[kedua.pk])
    assert Laporan.objects.count() == 4
    assert VersiLaporan.objects.count() == 4  # unchanged figures: the draft is updated, not duplicated
    assert ItemRun.objects.filter(run=run, status=StatusItem.SELESAI).count() == 4


def test_a_failed_unit_does_not_fail_the_run_and_is_retried_alone(
    monkeypatch, admin_bkd, pemprov, dinas, bidang, dinas_lain, django_capture_on_commit_callbacks
):
    from laporan import bab

    asli = bab.susun_snapshot

    def rusak(*, unit, tahun, agregat=None):
        if unit.pk == dinas_lain.pk:
            raise ZeroDivisionError("boom")
        return asli(unit=unit, tahun=tahun, agregat=agregat)

    monkeypatch.setattr(bab, "susun_snapshot", rusak)
    with django_capture_on_commit_callbacks(execute=True):
        run = services.run_create(actor=admin_bkd, unit=pemprov, tahun=TAHUN)
    run.refresh_from_db()
    assert run.status == StatusRun.SEBAGIAN
    assert (run.jumlah_selesai, run.jumlah_gagal) == (3, 1)
    gagal = ItemRun.objects.get(run=run, status=StatusItem.GAGAL)
    assert gagal.unit == dinas_lain
    assert "kesalahan tak terduga" in gagal.galat and "boom" not in gagal.galat

    monkeypatch.setattr(bab, "susun_snapshot", asli)
    with django_capture_on_commit_callbacks(execute=True):
        services.item_retry(actor=admin_bkd, item=gagal)
    run.refresh_from_db()
    assert run.status == StatusRun.SELESAI and run.jumlah_gagal == 0
    assert Laporan.objects.filter(unit=dinas_lain).count() == 1


def test_a_transient_database_error_is_retried_not_marked_failed(monkeypatch, run):
    from django.db import OperationalError

    from laporan import bab

    item = ItemRun.objects.filter(run=run).first()
    ItemRun.objects.filter(pk=item.pk).update(status=StatusItem.ANTRI)
    monkeypatch.setattr(bab, "susun_snapshot", lambda **kw: (_ for _ in ()).throw(OperationalError("gone")))
    celery_app.conf.task_eager_propagates = True
    from celery.exceptions import Retry

    with pytest.raises((Retry, OperationalError)):
        tasks.item_jalankan.apply(args=[item.pk], throw=True)
    item.refresh_from_db()
    assert item.status != StatusItem.GAGAL


def test_regenerating_a_published_report_makes_a_new_version(run, admin_bkd, admin_unit, dinas):
    laporan = Laporan.objects.get(unit=dinas)
    v1 = laporan.versi.get()
    services.versi_review(actor=admin_unit, versi=v1, tantangan="Anggaran.", langkah="Pemantauan.")
    services.versi_publish(actor=admin_bkd, versi=v1)
    iku(dinas, indikator="Indikator baru", target="10")
    item = ItemRun.objects.get(run=run, unit=dinas)
    ItemRun.objects.filter(pk=item.pk).update(status=StatusItem.ANTRI)
    tasks.item_jalankan.apply(args=[item.pk])
    laporan.refresh_from_db()
    assert list(laporan.versi.order_by("nomor").values_list("nomor", "status")) == [(1, "terbit"), (2, "dibuat")]
    assert laporan.versi_publik_id == v1.pk  # the public still sees version 1
    v2 = laporan.versi.get(nomor=2)
    assert "jumlah_iku: 1 → 2" in v2.perubahan
    assert v2.tantangan == "Anggaran."


def test_review_publish_withdraw_workflow(run, admin_bkd, admin_unit, dinas):
    laporan = Laporan.objects.get(unit=dinas)
    versi = laporan.versi.get()
    with pytest.raises(ValidationError):
        services.versi_publish(actor=admin_bkd, versi=versi)  # not reviewed yet
    with pytest.raises(ValidationError) as e:
        services.versi_review(actor=admin_unit, versi=versi, tantangan="", langkah="x")
    assert "tantangan" in e.value.message_dict
    services.versi_review(actor=admin_unit, versi=versi, tantangan="Anggaran.", langkah="Pemantauan.")
    with pytest.raises(PermissionDenied):
        services.versi_publish(actor=admin_unit, versi=versi)  # only admin BKD publishes
    services.versi_publish(actor=admin_bkd, versi=versi)
    laporan.refresh_from_db()
    assert laporan.versi_publik.status == StatusVersi.TERBIT
    with pytest.raises(ValidationError):
        services.laporan_withdraw(actor=admin_bkd, laporan=laporan, alasan="  ")
    with pytest.raises(PermissionDenied):
        services.laporan_withdraw(actor=admin_unit, laporan=laporan, alasan="Salah data.")
    services.laporan_withdraw(actor=admin_bkd, laporan=laporan, alasan="Salah data.")
    laporan.refresh_from_db()
    assert laporan.versi_publik.status == StatusVersi.DITARIK
    assert laporan.versi_publik.alasan_tarik == "Salah data."


def test_outsiders_are_refused_by_every_write_service(run, pegawai, outsider, admin_lain, admin_unit, dinas, pemprov):
    laporan = Laporan.objects.get(unit=dinas)
    versi = laporan.versi.get()
    with pytest.raises(PermissionDenied):
        services.run_create(actor=pegawai.user, unit=dinas, tahun=TAHUN)
    with pytest.raises(PermissionDenied):
        services.run_create(actor=admin_lain, unit=dinas, tahun=TAHUN)
    with pytest.raises(PermissionDenied):
        services.run_create(actor=admin_unit, unit=pemprov, tahun=TAHUN)  # the province is BKD's
    with pytest.raises(Http404):
        services.versi_review(actor=admin_lain, versi=versi, tantangan="a", langkah="b")
    with pytest.raises(PermissionDenied):
        services.versi_review(actor=outsider.user, versi=versi, tantangan="a", langkah="b")
    with pytest.raises(PermissionDenied):
        services.versi_publish(actor=outsider.user, versi=versi)
    with pytest.raises(PermissionDenied):
        services.laporan_withdraw(actor=outsider.user, laporan=laporan, alasan="x")
    item = ItemRun.objects.get(run=run, unit=dinas)
    with pytest.raises(Http404):
        services.item_retry(actor=admin_lain, item=item)


def test_a_second_run_is_refused_while_one_is_running(admin_unit, dinas):
    services.run_create(actor=admin_unit, unit=dinas, tahun=TAHUN)  # queued: on_commit never fires in this test
    with pytest.raises(ValidationError):
        services.run_create(actor=admin_unit, unit=dinas, tahun=TAHUN)
    with pytest.raises(ValidationError):
        services.run_create(actor=admin_unit, unit=dinas, tahun=1999)


def test_the_schedule_starts_the_province_run_once(pemprov, dinas, monkeypatch):
    assert len(services.run_create_terjadwal(tahun=TAHUN)) == 1
    assert services.run_create_terjadwal(tahun=TAHUN) == []
    assert RunLaporan.objects.get().dimulai_oleh is None


def test_report_tasks_opt_in_to_redelivery_and_route_to_their_queue(settings):
    for task in (tasks.run_jalankan, tasks.kelompok_jalankan, tasks.item_jalankan, tasks.run_provinsi_terjadwal):
        assert task.acks_late and task.reject_on_worker_lost
        assert task.time_limit and task.soft_time_limit
        assert celery_app.amqp.router.route({}, task.name)["queue"].name == "laporan"
    assert settings.CELERY_BEAT_SCHEDULE["laporan-tahunan-provinsi"]["schedule"].day_of_month == {15}
