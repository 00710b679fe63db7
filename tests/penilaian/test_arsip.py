"""A unit's documents as one ZIP built by a Celery job with its progress: queued after commit, safe to run twice,
readable by its maker and the unit's leaders, refused to others."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from pypdf import PdfReader

from penilaian import services
from penilaian.models import ArsipDokumenUnit
from tests.penilaian.conftest import tahunan_final


def test_the_zip_holds_both_documents_of_every_final_annual_evaluation(
    as_user, atasan, pegawai, bidang, periode, skp_pegawai, django_capture_on_commit_callbacks
):
    tahunan_final(pegawai, periode=periode, skp=skp_pegawai)
    client = as_user(atasan.user)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("penilaian:arsip-buat", args=[bidang.pk]))
    job = ArsipDokumenUnit.objects.get()
    assert r.status_code == 302 and r.url == job.get_absolute_url()
    job.refresh_from_db()
    assert (job.status, job.progres, job.jumlah) == ("selesai", 100, 2)
    assert services.arsip_build(job_id=job.pk) is False  # a second delivery does nothing
    html = client.get(job.get_absolute_url()).content.decode()
    assert "Unduh ZIP" in html and "hx-get" not in html
    unduh = client.get(reverse("penilaian:arsip-unduh", args=[job.pk]))
    isi = zipfile.ZipFile(io.BytesIO(b"".join(unduh.streaming_content)))
    assert len(isi.namelist()) == 2
    teks = PdfReader(io.BytesIO(isi.read(isi.namelist()[0]))).pages[0].extract_text()
    assert "Budi Pegawai" in teks


def test_a_running_job_page_polls_its_progress(as_user, atasan, penilai, bidang, periode):
    job = ArsipDokumenUnit.objects.create(unit=bidang, periode=periode, dibuat_oleh=atasan.user, progres=40)
    html = as_user(atasan.user).get(job.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 1s"' in html and 'value="40"' in html
    assert as_user(atasan.user).get(reverse("penilaian:arsip-unduh", args=[job.pk])).status_code == 404


@pytest.mark.parametrize("siapa", ["pegawai", "outsider"])
def test_others_cannot_queue_or_read_a_units_zip(request, as_user, siapa, atasan, bidang, periode):
    user = request.getfixturevalue(siapa).user
    with pytest.raises(PermissionDenied):
        services.arsip_run(actor=user, unit=bidang, periode=periode)
    job = ArsipDokumenUnit.objects.create(unit=bidang, periode=periode, dibuat_oleh=atasan.user)
    assert as_user(user).get(job.get_absolute_url()).status_code == 404


def test_a_decision_that_changes_a_result_rebuilds_the_units_zip(
    as_user, atasan, pegawai, bidang, periode, skp_pegawai, django_capture_on_commit_callbacks
):
    e = tahunan_final(pegawai, periode=periode, skp=skp_pegawai)
    with django_capture_on_commit_callbacks(execute=True):
        lama = services.arsip_run(actor=atasan.user, unit=bidang, periode=periode)
    keberatan = services.keberatan_submit(actor=pegawai.user, evaluasi=e, alasan="Capaian saya di atas target.")
    with django_capture_on_commit_callbacks(execute=True):
        services.keberatan_decide(
            actor=atasan.user,
            keberatan=keberatan,
            keputusan="diubah",
            alasan_keputusan="Bukti dukung kuat.",
            rating_hasil_kerja="di_atas",
            rating_perilaku="di_atas",
        )
    baru = ArsipDokumenUnit.objects.exclude(pk=lama.pk).get()
    assert (baru.unit, baru.dibuat_oleh, baru.status) == (bidang, atasan.user, "selesai")
    isi = zipfile.ZipFile(baru.berkas.open("rb"))
    dok = next(n for n in isi.namelist() if "-dokumen-kinerja-" in n)
    teks = PdfReader(io.BytesIO(isi.read(dok))).pages[0].extract_text()
    assert "SANGAT BAIK" in teks
    html = as_user(atasan.user).get(lama.get_absolute_url()).content.decode()
    assert 'data-testid="arsip-terbaru"' in html and baru.get_absolute_url() in html


def test_upholding_a_result_queues_no_new_zip(atasan, pegawai, bidang, periode, skp_pegawai):
    e = tahunan_final(pegawai, periode=periode, skp=skp_pegawai)
    ArsipDokumenUnit.objects.create(unit=bidang, periode=periode, dibuat_oleh=atasan.user, status="selesai")
    keberatan = services.keberatan_submit(actor=pegawai.user, evaluasi=e, alasan="Saya keberatan.")
    services.keberatan_decide(
        actor=atasan.user, keberatan=keberatan, keputusan="dipertahankan", alasan_keputusan="Sudah sesuai."
    )
    assert ArsipDokumenUnit.objects.count() == 1
