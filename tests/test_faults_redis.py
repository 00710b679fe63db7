"""Redis down for the web process: a committed write answers success, its side effect waits in the outbox and is
sent once when the broker is back; progress through the cache never decides an import's outcome; the token
endpoint works without its throttle's cache.

Each test starts its own ``redis-server`` on a free port (tests/layanan_uji.py) and points the cache and the Celery
broker of this process (the web process: Django's test client) at it, then stops it.
"""

from __future__ import annotations

import contextlib
import json
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from indikator.models import UmpanBalik
from kepegawaian import impor, services
from kepegawaian.models import ImporJob, Pegawai, PeranAdmin
from kinerja import antrian
from kinerja.celery import app as celery_app
from kinerja.models import TugasTertunda
from tests.api_helpers import api_error, logged_in, post_json
from tests.indikator.factories import HARI_UJI, PeriodeFactory, skp_disetujui
from tests.kepegawaian.factories import UserFactory
from tests.layanan_uji import RedisSendiri

pytestmark = pytest.mark.gangguan

API = "/api/v1"
KOLOM_PEGAWAI = "nip,nama,status,golongan,jabatan,jenis_jabatan,kode_unit,nip_atasan,email"


@contextlib.contextmanager
def _broker(url: str):
    """The Celery app of this process publishes to ``url`` (no eager mode), then goes back to what it was."""
    conf = celery_app.conf
    lama = (conf.broker_write_url, conf.broker_transport_options, conf.task_always_eager)

    def pasang(url, opsi, eager):
        # broker_write_url / broker_read_url too: when the process was configured with CELERY_BROKER_URL (CI's
        # Redis), those keys hold it and win over broker_url.
        conf.broker_url = conf.broker_write_url = conf.broker_read_url = url
        conf.broker_transport_options, conf.task_always_eager = opsi, eager
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    # What kinerja.settings sets for a Redis broker (the test process may be configured with the filesystem one).
    pasang(url, {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}, False)
    try:
        yield
    finally:
        pasang(*lama)


@pytest.fixture
def redis_sendiri(tmp_path, settings):
    server = RedisSendiri(tmp_path)
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": server.url,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    with _broker(server.url):
        yield server
    server.stop()


def _pesan_antrean(server, antrean: str = "celery") -> list[dict]:
    """The task messages waiting in the broker's queue (kombu's redis transport: a list per queue)."""
    return [json.loads(m) for m in server.klien().lrange(antrean, 0, -1)]


def _nama_tugas(pesan: dict) -> str:
    return pesan["headers"]["task"]


@pytest.fixture
def iki(pegawai, penilai, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: HARI_UJI)
    from indikator.models import Iki

    return Iki.objects.get(rhk__skp=skp_disetujui(pegawai, PeriodeFactory(tahun=2026)))


def test_feedback_saved_while_the_broker_is_down_answers_201_and_is_notified_once_later(
    client, penilai, iki, redis_sendiri, django_capture_on_commit_callbacks
):
    redis_sendiri.stop()
    logged_in(client, penilai.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_json(client, f"{API}/umpan-balik/", {"iki": iki.pk, "periode_ke": 3, "teks": "Bagus"})

    assert response.status_code == 201, response.content
    umpan = UmpanBalik.objects.get()
    tertunda = TugasTertunda.objects.get()
    assert (tertunda.nama_tugas, tertunda.argumen) == ("indikator.tasks.umpan_balik_kabari", [umpan.pk])
    assert tertunda.kesalahan_terakhir

    # Still down: the drain keeps the message and waits longer before the next attempt.
    assert antrian.antrian_kuras() == (0, 1)
    tertunda.refresh_from_db()
    assert tertunda.percobaan == 1 and tertunda.coba_lagi_pada > timezone.now()

    redis_sendiri.start()
    TugasTertunda.objects.update(coba_lagi_pada=timezone.now())
    assert antrian.antrian_kuras() == (1, 0)
    assert antrian.antrian_kuras() == (0, 0)  # drained: a second run sends nothing twice
    pesan = _pesan_antrean(redis_sendiri)
    assert [_nama_tugas(p) for p in pesan] == ["indikator.tasks.umpan_balik_kabari"]
    assert UmpanBalik.objects.count() == 1


def test_a_publish_to_a_broker_that_is_down_gives_up_within_seconds(redis_sendiri, db):
    redis_sendiri.stop()
    mulai = time.monotonic()
    assert antrian.enqueue_or_store("kinerja.ping") is False
    # kombu's default would retry the connection for broker_connection_timeout (about 7 s here) in the request.
    assert time.monotonic() - mulai < 3
    assert TugasTertunda.objects.count() == 1


def test_the_management_command_drains_the_outbox(redis_sendiri, db):
    from django.core.management import call_command

    redis_sendiri.stop()
    antrian.enqueue_or_store("kinerja.ping")
    assert TugasTertunda.objects.count() == 1
    redis_sendiri.start()

    call_command("antrian_kuras")

    assert not TugasTertunda.objects.exists()
    assert [_nama_tugas(p) for p in _pesan_antrean(redis_sendiri)] == ["kinerja.ping"]


def test_a_task_sent_while_the_broker_is_up_skips_the_outbox(redis_sendiri, db):
    assert antrian.enqueue_or_store("kinerja.ping") is True
    assert not TugasTertunda.objects.exists()
    assert len(_pesan_antrean(redis_sendiri)) == 1


def test_token_is_issued_while_the_cache_is_down(client, pegawai, redis_sendiri):
    redis_sendiri.stop()
    response = post_json(client, f"{API}/token/", {"username": pegawai.user.username, "password": "rahasia-uji-123"})
    assert response.status_code == 200, response.content
    assert response.json()["token"]

    wrong = post_json(client, f"{API}/token/", {"username": pegawai.user.username, "password": "salah"})
    assert wrong.status_code == 400
    assert api_error(wrong)["code"] == "invalid"


@pytest.fixture
def bkd(db):
    user = UserFactory(username="bkd.gangguan")
    services.peran_grant(actor=None, user=user, peran=PeranAdmin.Peran.ADMIN_BKD)
    return user


def _unit_dan_pegawai(n: int) -> list[SimpleUploadedFile]:
    unit = SimpleUploadedFile("unit.csv", b"kode,nama,jenis,kode_induk\nDNS,Dinas Uji,perangkat_daerah,\n")
    baris = [KOLOM_PEGAWAI] + [
        f"1970010120000110{i + 1:02d},Pegawai {i},PNS,II/c,Pengadministrasi Umum,pelaksana,DNS,," for i in range(n)
    ]
    return [unit, SimpleUploadedFile("pegawai.csv", ("\n".join(baris) + "\n").encode())]


def test_small_import_with_the_cache_down_ends_done_with_its_rows(
    bkd, redis_sendiri, django_capture_on_commit_callbacks
):
    redis_sendiri.stop()
    with django_capture_on_commit_callbacks(execute=True):
        job = impor.impor_job_create(actor=bkd, berkas=_unit_dan_pegawai(3))

    job.refresh_from_db()
    assert job.status == ImporJob.Status.SELESAI, job.kesalahan
    assert Pegawai.objects.count() == 3
    assert impor.impor_job_progres(job) == 100


def test_large_import_that_cannot_be_queued_waits_marked_and_is_queued_again(
    client, bkd, settings, redis_sendiri, django_capture_on_commit_callbacks
):
    settings.KEPEGAWAIAN_IMPOR_BATAS_SINKRON = 2
    redis_sendiri.stop()
    with django_capture_on_commit_callbacks(execute=True):
        job = impor.impor_job_create(actor=bkd, berkas=_unit_dan_pegawai(3))

    job.refresh_from_db()
    assert job.status == ImporJob.Status.TERTUNDA
    assert TugasTertunda.objects.filter(nama_tugas="kepegawaian.tasks.impor_jalankan", argumen=[job.pk]).exists()
    logged_in(client, bkd)
    halaman = client.get(job.get_absolute_url())
    assert "Belum diantrekan" in halaman.content.decode() and "Antrekan lagi" in halaman.content.decode()

    # The admin presses "Antrekan lagi" while the broker is still down: still marked, nothing lost.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(job.get_absolute_url()).status_code == 302
    job.refresh_from_db()
    assert job.status == ImporJob.Status.TERTUNDA

    redis_sendiri.start()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(job.get_absolute_url())
    job.refresh_from_db()
    assert job.status == ImporJob.Status.MENUNGGU
    assert [_nama_tugas(p) for p in _pesan_antrean(redis_sendiri)] == ["kepegawaian.tasks.impor_jalankan"]
    # A second press on a queued job is refused with a message, and queues nothing.
    response = client.post(job.get_absolute_url(), follow=True)
    assert "sudah diantrekan" in response.content.decode()
    assert len(_pesan_antrean(redis_sendiri)) == 1

    # The outbox also sends its copies; the worker's claim makes the job run once whatever arrives.
    antrian.antrian_kuras()
    assert impor.impor_job_run(job_id=job.pk) is True
    assert impor.impor_job_run(job_id=job.pk) is False
    job.refresh_from_db()
    assert job.status == ImporJob.Status.SELESAI and Pegawai.objects.count() == 3


def test_queue_again_is_refused_to_an_admin_who_cannot_see_the_job(bkd, admin_lain, db):
    from django.http import Http404

    job = ImporJob.objects.create(dibuat_oleh=bkd, status=ImporJob.Status.TERTUNDA, berkas="impor/x.csv")
    with pytest.raises(Http404):
        impor.impor_job_submit(actor=admin_lain, job=job)
    job.refresh_from_db()
    assert job.status == ImporJob.Status.TERTUNDA


def test_import_page_reads_progress_from_the_row_when_the_cache_is_down(bkd, redis_sendiri):
    job = ImporJob.objects.create(dibuat_oleh=bkd, status=ImporJob.Status.BERJALAN, progres=40, berkas="impor/x.csv")
    redis_sendiri.stop()
    assert impor.impor_job_progres(job) == 40
