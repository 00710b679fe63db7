"""The quota holds under concurrent registrations: two real transactions on PostgreSQL racing for the last seat
never over-book it. SQLite serialises every write transaction (IMMEDIATE mode), so the race cannot happen there and
the race tests are skipped; CI runs them on PostgreSQL."""

import threading
import time

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import F

from pelatihan import services
from pelatihan.models import Kegiatan, Peserta
from tests.kepegawaian.factories import PegawaiFactory, UserFactory
from tests.pelatihan.factories import KegiatanFactory

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Balapan kuota butuh dua transaksi sungguhan yang berjalan bersamaan: hanya diuji di PostgreSQL "
    "(SQLite menyerialkan setiap transaksi tulis). Jalankan dengan DATABASE_URL=postgres://...",
)


def _pegawai_login(unit, n):
    return [PegawaiFactory(unit=unit, user=UserFactory()) for _i in range(n)]


def _in_thread(target):
    errors = []

    def run():
        try:
            target()
        except Exception as exc:  # noqa: BLE001 - reported to the test below
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_second_transaction_for_the_last_seat_waits_and_lands_on_the_waiting_list(bidang):
    kegiatan = KegiatanFactory(kuota=1)
    a, b = _pegawai_login(bidang, 2)
    seat_taken, may_commit = threading.Event(), threading.Event()

    def first():
        with transaction.atomic():
            services.peserta_create(actor=a.user, kegiatan=kegiatan)
            seat_taken.set()
            assert may_commit.wait(10)  # hold the row lock while the second one tries

    def second():
        assert seat_taken.wait(10)
        services.peserta_create(actor=b.user, kegiatan=kegiatan)

    t1, e1 = _in_thread(first)
    t2, e2 = _in_thread(second)
    assert seat_taken.wait(10)
    time.sleep(0.5)
    assert t2.is_alive(), "the second registration should be blocked by the first one's row lock"
    may_commit.set()
    t1.join(10)
    t2.join(10)
    assert e1 == [] and e2 == []

    assert dict(Peserta.objects.values_list("pegawai_id", "status")) == {a.pk: "terdaftar", b.pk: "menunggu"}
    assert Kegiatan.objects.get(pk=kegiatan.pk).jumlah_terdaftar == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_many_simultaneous_registrations_never_overbook(bidang):
    kegiatan = KegiatanFactory(kuota=3)
    orang = _pegawai_login(bidang, 8)
    barrier = threading.Barrier(len(orang))

    def register(p):
        def run():
            barrier.wait(10)
            services.peserta_create(actor=p.user, kegiatan=kegiatan)

        return run

    threads = [_in_thread(register(p)) for p in orang]
    for thread, _errors in threads:
        thread.join(20)
    assert [e for _t, errors in threads for e in errors] == []

    assert Peserta.objects.filter(status="terdaftar").count() == 3
    assert Peserta.objects.filter(status="menunggu").count() == 5
    assert Kegiatan.objects.get(pk=kegiatan.pk).jumlah_terdaftar == 3


@pytest.mark.django_db
def test_database_refuses_more_seats_than_the_quota():
    """Belt and braces on every database: the check constraint stops an over-booking that bypasses the service."""
    kegiatan = KegiatanFactory(kuota=1, jumlah_terdaftar=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Kegiatan.objects.filter(pk=kegiatan.pk).update(jumlah_terdaftar=F("jumlah_terdaftar") + 1)
