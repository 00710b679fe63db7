"""Logins in bulk: scope (service called directly), the job (progress, codes, e-mails), the forced password change
at first sign-in, the activation link, and the one-time download of the codes."""

import csv
import io
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse

import kepegawaian.tasks  # noqa: F401 - registers the task the service queues by name
from kepegawaian import akun_massal, impor
from kepegawaian.models import ImporJob, Pegawai, User
from tests.api_helpers import logged_in
from tests.kepegawaian.factories import PegawaiFactory

SANDI_BARU = "Jakarta-Kinerja-2024"


@pytest.fixture
def tanpa_akun(bidang, penilai):
    return [
        PegawaiFactory(nama="Sari Tanpa Akun", unit=bidang, atasan=penilai, email="sari@jakarta.go.id"),
        PegawaiFactory(nama="Tono Tanpa Email", unit=bidang, atasan=penilai, email=""),
    ]


@pytest.fixture
def nonaktif(bidang):
    return PegawaiFactory(nama="Nina Nonaktif", unit=bidang, aktif=False)


@pytest.fixture
def _job(django_capture_on_commit_callbacks):
    """Create a job and run what it queued after commit (the test's transaction never commits), as the worker would:
    Celery runs tasks in the test process."""

    def run(admin, unit, metode="kode"):
        with django_capture_on_commit_callbacks(execute=True):
            job = akun_massal.akun_massal_create(actor=admin, metode=metode, unit=unit)
        return ImporJob.objects.get(pk=job.pk)

    return run


def test_outsider_cannot_create_logins_in_bulk(outsider, dinas):
    with pytest.raises(PermissionDenied):
        akun_massal.akun_massal_create(actor=outsider.user, metode="kode", unit=dinas)


def test_admin_of_another_unit_cannot_create_logins_for_this_subtree(admin_unit, dinas_lain):
    with pytest.raises(Http404):
        akun_massal.akun_massal_create(actor=admin_unit, metode="kode", unit=dinas_lain)


def test_codes_job_creates_a_login_per_active_pegawai_without_one(
    admin_unit, dinas, tanpa_akun, nonaktif, pegawai, _job
):
    job = _job(admin_unit, dinas)
    assert job.status == ImporJob.Status.SELESAI and job.progres == 100
    assert job.ringkasan["akun_baru"] == 2 and job.ringkasan["kode"] == 2
    nips = {k["nip"] for k in job.kode_sekali}
    assert nips == {p.nip for p in tanpa_akun}
    assert Pegawai.objects.get(pk=nonaktif.pk).user is None  # inactive: no login
    assert Pegawai.objects.get(pk=pegawai.pk).user.username == "pegawai"  # existing logins untouched
    for kode in job.kode_sekali:
        user = User.objects.get(username=kode["nip"])
        assert user.wajib_ganti_sandi and user.check_password(kode["kode"])


def test_email_job_mails_a_one_time_activation_link_and_falls_back_to_a_code(
    admin_bkd, dinas, tanpa_akun, client, _job
):
    job = _job(admin_bkd, dinas, metode="email")
    assert job.ringkasan["email"] == 1 and job.ringkasan["kode"] == 1
    assert [k["nip"] for k in job.kode_sekali] == [tanpa_akun[1].nip]
    (surat,) = mail.outbox
    assert surat.to == ["sari@jakarta.go.id"]
    tautan = re.search(r"http://\S+/akun/aktivasi/\S+/", surat.body).group(0)
    path = tautan.split("8000", 1)[1]
    user = User.objects.get(username=tanpa_akun[0].nip)
    assert not user.has_usable_password()
    response = client.get(path, follow=True)
    assert "Aktivasi akun Kinerja" in response.content.decode()
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": SANDI_BARU, "new_password2": SANDI_BARU})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(SANDI_BARU) and not user.wajib_ganti_sandi
    # One-time: the same link no longer works.
    assert "tidak berlaku lagi" in client.get(path, follow=True).content.decode()


def test_sign_in_with_a_code_forces_a_new_password_first(client, admin_unit, dinas, tanpa_akun, _job):
    job = _job(admin_unit, dinas)
    kode = job.kode_sekali[0]
    response = client.post(reverse("login"), {"username": kode["nip"], "password": kode["kode"]})
    assert response.status_code == 302
    # Every page sends him to the password change; the API refuses him.
    assert client.get(reverse("beranda"))["Location"] == reverse("password_change")
    assert client.get("/api/v1/saya/").json()["error"]["code"] == "password_change_required"
    page = client.get(reverse("password_change")).content.decode()
    assert "Buat kata sandi Anda sendiri sebelum melanjutkan" in page
    response = client.post(
        reverse("password_change"),
        {"old_password": kode["kode"], "new_password1": SANDI_BARU, "new_password2": SANDI_BARU},
    )
    assert response.status_code == 302
    assert client.get(reverse("beranda")).status_code == 200
    client.logout()
    # The code no longer works: the password is his own now.
    assert client.post(reverse("login"), {"username": kode["nip"], "password": kode["kode"]}).status_code == 200


def test_codes_are_downloaded_once_then_erased(client, admin_unit, dinas, tanpa_akun, _job):
    job = _job(admin_unit, dinas)
    client = logged_in(client, admin_unit)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Unduh 2 kode (CSV)" in page
    response = client.post(reverse("kepegawaian:akun-kode", args=[job.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["NIP", "Nama", "Nama pengguna", "Kode sekali pakai"]
    assert {r[0] for r in rows[1:]} == {p.nip for p in tanpa_akun}
    assert ImporJob.objects.get(pk=job.pk).kode_sekali == []
    again = client.post(reverse("kepegawaian:akun-kode", args=[job.pk]), follow=True)
    assert "Daftar kode sudah diunduh dan telah dihapus dari server." in again.content.decode()


def test_only_the_admin_who_ran_the_job_receives_the_codes(admin_unit, admin_bkd, dinas, tanpa_akun, _job):
    job = _job(admin_unit, dinas)
    with pytest.raises(PermissionDenied):
        akun_massal.akun_massal_close(actor=admin_bkd, job=job)
    assert len(ImporJob.objects.get(pk=job.pk).kode_sekali) == 2


def test_outsider_cannot_take_the_codes(outsider, admin_unit, dinas, tanpa_akun, _job):
    job = _job(admin_unit, dinas)
    with pytest.raises(Http404):
        akun_massal.akun_massal_close(actor=outsider.user, job=job)


def test_logins_for_the_pegawai_of_an_import_file(
    client, admin_bkd, bidang, penilai, django_capture_on_commit_callbacks
):
    isi = (
        "nip,nama,status,golongan,jabatan,jenis_jabatan,kode_unit,nip_atasan\n"
        f"199001012015031001,Rudi Impor,PNS,III/a,Analis,pelaksana,{bidang.kode},{penilai.nip}\n"
    )
    job_impor = impor.impor_job_create(
        actor=admin_bkd, berkas=[SimpleUploadedFile("pegawai.csv", isi.encode(), content_type="text/csv")]
    )
    assert job_impor.status == ImporJob.Status.SELESAI
    PegawaiFactory(nama="Bukan Dari Berkas", unit=bidang)  # not in the file: left alone
    client = logged_in(client, admin_bkd)
    page = client.get(job_impor.get_absolute_url()).content.decode()
    assert "Buat akun login untuk setiap pegawai aktif dalam berkas ini" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("kepegawaian:akun-massal"), {"impor": job_impor.pk, "metode": "kode"})
    job = ImporJob.objects.get(jenis="akun")
    assert response["Location"] == job.get_absolute_url()
    assert [k["nip"] for k in job.kode_sekali] == ["199001012015031001"]
    assert client.get(job.get_absolute_url()).status_code == 200


def test_form_refuses_a_missing_target_in_indonesian(client, admin_unit):
    client = logged_in(client, admin_unit)
    response = client.post(reverse("kepegawaian:akun-massal"), {"metode": "kode"})
    assert response.status_code == 400
    assert "Pilih satu sasaran: unit kerja atau berkas impor." in response.content.decode()
    page = client.get(reverse("kepegawaian:akun-massal")).content.decode()
    assert "Pilih unit kerja…" in page


def test_job_runs_twice_safely(admin_unit, dinas, tanpa_akun, _job):
    job = _job(admin_unit, dinas)
    assert akun_massal.akun_massal_run(job_id=job.pk) is False
    assert User.objects.filter(username__in=[p.nip for p in tanpa_akun]).count() == 2


def test_unknown_method_is_refused(admin_unit, dinas):
    with pytest.raises(ValidationError):
        akun_massal.akun_massal_create(actor=admin_unit, metode="sms", unit=dinas)
