"""The SKP's PDF is made by a Celery task (eager here), never in the request: the first request shows "sedang
dibuat" (HTML) or answers 202 (API), the task renders into storage, the next request gets the file; an unchanged SKP
is not rendered again, a changed one is; the render is bounded in size and time and a failure is said plainly."""

import os
from datetime import timedelta

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.urls import reverse
from django.utils import timezone

from indikator import exports, services, tasks
from indikator.models import DokumenSkp, Skp
from indikator.services import dokumen
from tests.api_helpers import api_error
from tests.indikator.factories import skp_draft

API = "/api/v1"


@pytest.fixture
def skp(pegawai, penilai, periode):
    return skp_draft(pegawai, periode)


@pytest.fixture
def hitung_render(monkeypatch):
    """Counts the renders (the real renderer runs)."""
    asli = exports.skp_pdf
    n = {"render": 0}

    def skp_pdf(**kwargs):
        n["render"] += 1
        return asli(**kwargs)

    monkeypatch.setattr(exports, "skp_pdf", skp_pdf)
    return n


def _url(skp) -> str:
    return reverse("indikator:skp-pdf", args=[skp.pk])


def test_the_first_request_says_it_is_being_made_then_the_file_comes_from_storage(
    as_user, pegawai, skp, hitung_render, django_capture_on_commit_callbacks
):
    client = as_user(pegawai)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        halaman = client.get(_url(skp))
    assert halaman.status_code == 200 and halaman["Content-Type"].startswith("text/html")
    assert "Dokumen PDF SKP sedang dibuat." in halaman.content.decode()
    assert f'hx-get="{_url(skp)}"' in halaman.content.decode()  # the page polls
    assert len(queued) == 1 and hitung_render["render"] == 1  # the task ran after commit, not in the request

    dok = DokumenSkp.objects.get(skp=skp)
    assert dok.status == DokumenSkp.Status.SELESAI and dok.versi == skp.versi and dok.ukuran > 0
    for _ in range(2):
        berkas = client.get(_url(skp))
        assert berkas["Content-Type"] == "application/pdf"
        assert b"".join(berkas.streaming_content).startswith(b"%PDF")
    assert hitung_render["render"] == 1  # unchanged SKP: served from storage, not rendered again
    assert DokumenSkp.objects.filter(skp=skp).count() == 1


def test_the_htmx_poll_gets_the_status_block_which_stops_polling_with_the_download_link(
    as_user, pegawai, skp, django_capture_on_commit_callbacks
):
    client = as_user(pegawai)
    menunggu = client.get(_url(skp), HTTP_HX_REQUEST="true")
    assert 'id="pdf-status"' in menunggu.content.decode() and "hx-get" in menunggu.content.decode()
    assert "<html" not in menunggu.content.decode()
    services.skp_pdf_build(dokumen_id=DokumenSkp.objects.get(skp=skp).pk)

    siap = client.get(_url(skp), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-get" not in siap and 'data-testid="unduh-pdf"' in siap and _url(skp) in siap


def test_a_changed_skp_gets_a_new_document_and_the_old_file_is_deleted(
    as_user, pegawai, skp, hitung_render, django_capture_on_commit_callbacks
):
    client = as_user(pegawai)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(_url(skp))
    lama = DokumenSkp.objects.get(skp=skp)
    path_lama = lama.berkas.path

    services.skp_update(actor=pegawai.user, skp=skp, versi=skp.versi, konsekuensi="Konsekuensi baru.")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(_url(skp))["Content-Type"].startswith("text/html")  # not the stale file
    assert hitung_render["render"] == 2
    baru = DokumenSkp.objects.get(skp=skp)  # the old row went
    assert baru.pk != lama.pk and baru.versi == Skp.objects.get(pk=skp.pk).versi > lama.versi
    assert not os.path.exists(path_lama)
    assert client.get(_url(skp))["Content-Type"] == "application/pdf"


def test_a_redelivered_task_does_nothing(skp, pegawai):
    dok = services.skp_pdf_minta(actor=pegawai.user, skp=skp)
    assert services.skp_pdf_build(dokumen_id=dok.pk) is True
    assert services.skp_pdf_build(dokumen_id=dok.pk) is False


def test_the_document_is_for_who_sees_the_skp(as_user, outsider, skp):
    assert as_user(outsider).get(_url(skp)).status_code == 404
    assert not DokumenSkp.objects.exists()


def test_a_document_over_the_size_limit_is_refused_in_plain_words(
    as_user, api, pegawai, skp, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(dokumen, "UKURAN_MAKS", 100)
    client = as_user(pegawai)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(_url(skp))
    dok = DokumenSkp.objects.get(skp=skp)
    assert dok.status == DokumenSkp.Status.GAGAL and not dok.berkas
    assert "terlalu besar" in dok.pesan
    assert "terlalu besar" in client.get(_url(skp)).content.decode()

    response = client.get(f"{API}/skp/{skp.pk}/pdf/", HTTP_ACCEPT="application/pdf")
    assert response.status_code == 422 and response["Content-Type"] == "application/json"
    assert api_error(response)["code"] == "pdf_gagal" and "terlalu besar" in api_error(response)["message"]


def test_the_render_is_bounded_in_time(skp, pegawai, monkeypatch):
    assert tasks.skp_pdf_bangun.soft_time_limit == dokumen.BATAS_WAKTU[0]
    assert tasks.skp_pdf_bangun.time_limit == dokumen.BATAS_WAKTU[1]
    assert dokumen.BATAS_WAKTU[1] <= 120

    def lambat(**kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(exports, "skp_pdf", lambat)
    dok = DokumenSkp.objects.create(skp=skp, sidik="x" * 64, versi=skp.versi)
    assert tasks.skp_pdf_bangun.apply(args=[dok.pk]).get() is False
    dok.refresh_from_db()
    assert dok.status == DokumenSkp.Status.GAGAL and "terlalu lama" in dok.pesan


def test_a_failed_document_is_tried_again_after_a_while(skp, pegawai, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(dokumen, "UKURAN_MAKS", 100)
    with django_capture_on_commit_callbacks(execute=True):
        services.skp_pdf_minta(actor=pegawai.user, skp=skp)
    dok = DokumenSkp.objects.get(skp=skp)
    assert dok.status == DokumenSkp.Status.GAGAL
    with django_capture_on_commit_callbacks(execute=True) as queued:
        services.skp_pdf_minta(actor=pegawai.user, skp=skp)
    assert queued == []  # not at once: a pathological SKP does not tie up the worker on every visit

    DokumenSkp.objects.filter(pk=dok.pk).update(selesai_pada=timezone.now() - dokumen.JEDA_ULANG - timedelta(1))
    monkeypatch.setattr(dokumen, "UKURAN_MAKS", 20 * 1024 * 1024)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        services.skp_pdf_minta(actor=pegawai.user, skp=skp)
    assert len(queued) == 1
    assert DokumenSkp.objects.get(pk=dok.pk).status == DokumenSkp.Status.SELESAI


def test_the_api_answers_202_with_the_status_and_retry_after_then_the_file(
    api, pegawai, skp, django_capture_on_commit_callbacks
):
    client = api(pegawai)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"{API}/skp/{skp.pk}/pdf/", HTTP_ACCEPT="application/pdf")
    assert response.status_code == 202 and response["Retry-After"] == "2"
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == "menunggu"
    assert response.json()["unduh"] == f"http://testserver{API}/skp/{skp.pk}/pdf/"

    berkas = client.get(response.json()["unduh"], HTTP_ACCEPT="application/pdf")
    assert berkas.status_code == 200 and berkas.content.startswith(b"%PDF")
