"""Several units per task (``laporan.tasks.kelompok_jalankan``, ``LAPORAN_UNIT_PER_TUGAS``): one claim, one storing
transaction and one recount per chunk, while a unit that fails is still marked alone, in plain words, and retried
alone; the storing takes a constant number of statements whatever the number of units; the bulk writes keep the
audit trail."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from laporan import bab, services, tasks
from laporan.models import ItemRun, Laporan, RunLaporan, StatusItem, StatusRun, StatusVersi, VersiLaporan
from tests.kepegawaian.factories import UnitKerjaFactory
from tests.laporan.factories import TAHUN, iku

pytestmark = pytest.mark.django_db


@pytest.fixture
def dua_per_tugas(monkeypatch, settings):
    settings.LAPORAN_UNIT_PER_TUGAS = 2
    monkeypatch.setattr(tasks, "LANGKAH_PROGRES", 1)
    antre = []
    asli = tasks.enqueue_now

    def catat(nama, *args):
        antre.append((nama, args))
        return asli(nama, *args)

    monkeypatch.setattr(tasks, "enqueue_now", catat)
    return antre


def test_a_run_queues_its_units_in_chunks_and_ends_with_one_report_each(
    dua_per_tugas, admin_bkd, pemprov, dinas, bidang, dinas_lain, django_capture_on_commit_callbacks
):
    iku(dinas, indikator="Indeks kepuasan", target="90")
    with django_capture_on_commit_callbacks(execute=True):
        run = services.run_create(actor=admin_bkd, unit=pemprov, tahun=TAHUN)
    run.refresh_from_db()
    kelompok = [args[0] for nama, args in dua_per_tugas if nama == "laporan.tasks.kelompok_jalankan"]
    assert [len(k) for k in kelompok] == [2, 2]
    assert sorted(i for k in kelompok for i in k) == sorted(
        ItemRun.objects.filter(run=run).values_list("pk", flat=True)
    )
    assert (run.status, run.jumlah_total, run.jumlah_selesai, run.jumlah_gagal) == (StatusRun.SELESAI, 4, 4, 0)
    assert Laporan.objects.count() == 4 and VersiLaporan.objects.filter(status=StatusVersi.DIBUAT).count() == 4
    for item in ItemRun.objects.filter(run=run):
        assert item.versi.laporan.unit_id == item.unit_id and item.agregat is None and item.percobaan == 1
    # the chunk redelivered (its units claimed again, as after a killed worker): no second report or version
    for k in kelompok:
        ItemRun.objects.filter(pk__in=k).update(status=StatusItem.BERJALAN)
        tasks.kelompok_jalankan.apply(args=[k])
    assert Laporan.objects.count() == 4 and VersiLaporan.objects.count() == 4
    assert set(ItemRun.objects.filter(run=run).values_list("status", "percobaan")) == {(StatusItem.SELESAI, 2)}


def test_the_bulk_writes_keep_the_audit_trail(
    admin_bkd, pemprov, dinas, bidang, dinas_lain, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.run_create(actor=admin_bkd, unit=pemprov, tahun=TAHUN)

    def entri(model, aksi):
        return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model), action=aksi)

    assert entri(Laporan, LogEntry.Action.CREATE).count() == 4
    assert entri(VersiLaporan, LogEntry.Action.CREATE).count() == 4
    assert all("data" not in e.changes_dict for e in entri(VersiLaporan, LogEntry.Action.CREATE))
    # new figures: the drafts are updated in place, each update in the trail
    iku(dinas, indikator="Indikator baru", target="10")
    with django_capture_on_commit_callbacks(execute=True):
        services.run_create(actor=admin_bkd, unit=pemprov, tahun=TAHUN)
    diubah = entri(VersiLaporan, LogEntry.Action.UPDATE)
    versi_dinas = VersiLaporan.objects.get(laporan__unit=dinas)
    assert diubah.filter(object_id=versi_dinas.pk).count() == 1
    assert all("versi_data" in e.changes_dict for e in diubah)
    assert VersiLaporan.objects.count() == 4


def test_a_unit_whose_storing_fails_is_marked_alone_and_retried_alone(
    monkeypatch, admin_bkd, pemprov, dinas, bidang, dinas_lain, django_capture_on_commit_callbacks
):
    asli = services._versi_simpan_banyak

    def rusak(*, tahun, run, data):
        if dinas_lain.pk in data:
            raise ValueError("boom")
        return asli(tahun=tahun, run=run, data=data)

    monkeypatch.setattr(services, "_versi_simpan_banyak", rusak)
    with django_capture_on_commit_callbacks(execute=True):
        run = services.run_create(actor=admin_bkd, unit=pemprov, tahun=TAHUN)
    run.refresh_from_db()
    assert (run.status, run.jumlah_selesai, run.jumlah_gagal) == (StatusRun.SEBAGIAN, 3, 1)
    gagal = ItemRun.objects.get(run=run, status=StatusItem.GAGAL)
    assert gagal.unit == dinas_lain and "kesalahan tak terduga" in gagal.galat and "boom" not in gagal.galat
    assert not Laporan.objects.filter(unit=dinas_lain).exists()

    monkeypatch.setattr(services, "_versi_simpan_banyak", asli)
    with django_capture_on_commit_callbacks(execute=True):
        services.item_retry(actor=admin_bkd, item=gagal)
    run.refresh_from_db()
    assert (run.status, run.jumlah_selesai, run.jumlah_gagal) == (StatusRun.SELESAI, 4, 0)
    assert Laporan.objects.filter(unit=dinas_lain).count() == 1


def test_a_transient_error_retries_the_chunk_without_failing_its_units(monkeypatch, admin_bkd, pemprov, dinas):
    run = RunLaporan.objects.create(unit=pemprov, tahun=TAHUN)
    ids = services.run_prepare(run_id=run.pk)
    monkeypatch.setattr(bab, "susun_snapshot", lambda **kw: (_ for _ in ()).throw(OperationalError("gone")))
    from celery.exceptions import Retry

    with pytest.raises((Retry, OperationalError)):
        tasks.kelompok_jalankan.apply(args=[ids], throw=True)
    assert not ItemRun.objects.filter(run=run, status=StatusItem.GAGAL).exists()
    assert set(ItemRun.objects.filter(run=run).values_list("status", flat=True)) == {StatusItem.BERJALAN}


def _statements_of_a_chunk(run: RunLaporan) -> int:
    ids = services.run_prepare(run_id=run.pk)
    items = services.kelompok_claim(item_ids=ids)
    data = {item.pk: services.item_susun(item=item) for item in items}
    with CaptureQueriesContext(connection) as q:
        services.kelompok_simpan(items=items, data=data)
    assert RunLaporan.objects.get(pk=run.pk).status == StatusRun.SELESAI
    return len(q.captured_queries)


def test_storing_a_chunk_takes_the_same_statements_whatever_its_size(pemprov, dinas, bidang, dinas_lain):
    ContentType.objects.get_for_models(Laporan, VersiLaporan)  # the audit entries' types, cached once per process
    kecil = _statements_of_a_chunk(RunLaporan.objects.create(unit=dinas, tahun=TAHUN))  # 2 units
    for i in range(6):
        UnitKerjaFactory(kode=f"TAMBAH-{i}", nama=f"Bidang tambahan {i}", jenis="bidang", parent=dinas)
    besar = _statements_of_a_chunk(RunLaporan.objects.create(unit=dinas, tahun=TAHUN - 1))  # 8 units
    assert besar == kecil <= 13, (kecil, besar)
    # and regenerating (every version updated in place) too
    assert _statements_of_a_chunk(RunLaporan.objects.create(unit=dinas, tahun=TAHUN - 1)) <= besar


@pytest.mark.parametrize(
    ("unit", "per_tugas", "harapan"),
    [(1, 50, 1), (7, 50, 1), (20, 50, 1), (21, 50, 2), (1218, 50, 50), (1218, 10, 10), (0, 50, 1)],
)
def test_a_chunk_is_the_setting_but_a_small_run_still_moves_its_progress_bar(settings, unit, per_tugas, harapan):
    settings.LAPORAN_UNIT_PER_TUGAS = per_tugas
    assert tasks.ukuran_kelompok(unit) == harapan
