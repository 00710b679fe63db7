"""Complaints from other channels, from a CSV or JSON file: on kepegawaian's import job (jenis "pengaduan"), kept
with their channel, external id and original times; every row checked, all or nothing, Indonesian messages;
the same file twice changes nothing; an admin unit imports only his own kelurahan."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kepegawaian import impor as kepegawaian_impor
from kepegawaian.models import ImporJob
from partisipasi import services
from partisipasi.models import Pengaduan
from tests.partisipasi.conftest import JAKARTA

S = Pengaduan.Status

KEPALA = ";".join(services.KOLOM_IMPOR)


def _csv(*baris: str, nama="crm.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, ("\n".join([KEPALA, *baris]) + "\n").encode(), content_type="text/csv")


BARIS_A = "CRM-1;crm;2026-07-01T09:00:00+07:00;kebersihan;KEL-MENTENG;3;Sampah menumpuk di pasar.;Budi;0812;ya;;;;"
# Finished in the CRM: its times are kept, the trail rebuilt.
BARIS_B = (
    "JAKI-9;jaki;03/07/2026 08:00;kebersihan;KEL-MENTENG;04;Lampu jalan mati.;;;tidak;selesai;"
    "03/07/2026 10:00;06/07/2026 16:00;Lampu sudah diganti."
)


def test_a_csv_file_imports_with_channel_external_id_and_original_times(admin_kota, kel_a, kategori):
    job = services.pengaduan_impor_job_create(actor=admin_kota, berkas=_csv(BARIS_A, BARIS_B))

    job.refresh_from_db()
    assert job.jenis == ImporJob.Jenis.PENGADUAN and job.status == ImporJob.Status.SELESAI, job.pesan
    assert job.ringkasan == {"baru": 2, "sudah_ada": 0}
    a = Pengaduan.objects.get(kanal="crm", id_eksternal="CRM-1")
    assert a.dibuat == dt.datetime(2026, 7, 1, 9, 0, tzinfo=JAKARTA)
    assert a.status == S.MENUNGGU and a.publik and a.unit_penanganan == kel_a and a.rw == "03"
    assert a.nama_pelapor == "Budi" and a.kode_lacak
    # The service levels run from the original filing time (3 working days after Wed 1 July: Mon 6 July).
    assert a.batas_respons == dt.datetime(2026, 7, 7, 0, 0, tzinfo=JAKARTA)
    b = Pengaduan.objects.get(kanal="jaki", id_eksternal="JAKI-9")
    assert b.status == S.SELESAI and not b.publik
    assert b.respons_pertama_pada == dt.datetime(2026, 7, 3, 10, 0, tzinfo=JAKARTA)
    assert b.selesai_pada == dt.datetime(2026, 7, 6, 16, 0, tzinfo=JAKARTA)
    assert [(r.ke_status, r.pada) for r in b.riwayat.all()] == [
        (S.MENUNGGU, dt.datetime(2026, 7, 3, 8, 0, tzinfo=JAKARTA)),
        (S.PROSES, dt.datetime(2026, 7, 3, 10, 0, tzinfo=JAKARTA)),
        (S.SELESAI, dt.datetime(2026, 7, 6, 16, 0, tzinfo=JAKARTA)),
    ]
    assert "Aplikasi JAKI" in b.riwayat.first().alasan


def test_importing_the_same_file_again_changes_nothing(admin_kota, kel_a, kategori):
    services.pengaduan_impor_job_create(actor=admin_kota, berkas=_csv(BARIS_A, BARIS_B))
    sebelum = list(Pengaduan.objects.order_by("pk").values())
    riwayat = Pengaduan.objects.values_list("riwayat__pk", flat=True).count()

    job = services.pengaduan_impor_job_create(actor=admin_kota, berkas=_csv(BARIS_A, BARIS_B))

    job.refresh_from_db()
    assert job.status == ImporJob.Status.SELESAI
    assert job.ringkasan == {"baru": 0, "sudah_ada": 2}
    assert job.pesan == "Impor selesai: tidak ada perubahan."
    assert list(Pengaduan.objects.order_by("pk").values()) == sebelum
    assert Pengaduan.objects.values_list("riwayat__pk", flat=True).count() == riwayat


def test_one_bad_row_rejects_the_whole_file_with_indonesian_messages_per_row(admin_kota, kel_a, kategori):
    buruk = "CRM-2;faks;kemarin;tidak-ada;KEL-ENTAH;x;;;;mungkin;selesai;;;"
    job = services.pengaduan_impor_job_create(actor=admin_kota, berkas=_csv(BARIS_A, buruk, BARIS_A))

    job.refresh_from_db()
    assert job.status == ImporJob.Status.GAGAL
    assert not Pengaduan.objects.exists()
    salah = {(k["baris"], k["kolom"]): k["pesan"] for k in job.kesalahan}
    assert salah[(3, "kanal")].startswith("Kanal tidak dikenal.")
    assert salah[(3, "dibuat")].startswith("Waktu tidak dapat dibaca")
    assert salah[(3, "kategori")] == "Kategori tidak dikenal (isi dengan kode kategori)."
    assert salah[(3, "kelurahan")] == "Kelurahan tidak dikenal (isi dengan kode unit kelurahan)."
    assert salah[(3, "rw")] == "RW diisi dengan angka, mis. 03."
    assert salah[(3, "deskripsi")] == "Wajib diisi."
    assert salah[(3, "publik")] == "Isi dengan ya atau tidak."
    assert salah[(3, "selesai_pada")] == "Wajib diisi untuk pengaduan yang selesai."
    assert salah[(4, "id_eksternal")] == "ID ini sudah ada di baris 2."
    assert "Tidak ada data yang disimpan" in job.pesan


@pytest.mark.parametrize(
    ("baris", "kolom", "pesan"),
    [
        ("X;crm;2026-08-01T09:00:00+07:00;kebersihan;KEL-MENTENG;3;Uraian.;;;;;;;", "dibuat", "masa depan"),
        ("X;crm;2026-07-01T09:00;kebersihan;KEL-MENTENG;3;Uraian.;;;;ditolak;2026-07-02T09:00;;", "alasan", "alasan"),
        (
            "X;crm;2026-07-01T09:00;kebersihan;KEL-MENTENG;3;Uraian.;;;;proses;2026-06-30T09:00;;",
            "respons_pertama_pada",
            "sebelum",
        ),
        ("X;web;2026-07-01T09:00;kebersihan;KEL-MENTENG;3;Uraian.;;;;;;;", "kanal", "Kanal tidak dikenal"),
    ],
)
def test_rules_of_times_statuses_and_channels(admin_kota, kel_a, kategori, baris, kolom, pesan):
    job = services.pengaduan_impor_job_create(actor=admin_kota, berkas=_csv(baris))
    job.refresh_from_db()
    assert job.status == ImporJob.Status.GAGAL
    assert any(k["kolom"] == kolom and pesan in k["pesan"] for k in job.kesalahan), job.kesalahan


def test_a_json_file_imports_the_same_way(admin_bkd, kel_a, kategori):
    isi = {
        "pengaduan": [
            {
                "id_eksternal": "M-1",
                "kanal": "medsos",
                "dibuat": "2026-07-10T12:00:00+07:00",
                "kategori": "kebersihan",
                "kelurahan": "KEL-MENTENG",
                "rw": "1",
                "deskripsi": "Got mampet.",
                "publik": True,
            }
        ]
    }
    berkas = SimpleUploadedFile("medsos.json", json.dumps(isi).encode(), content_type="application/json")
    job = services.pengaduan_impor_job_create(actor=admin_bkd, berkas=berkas)
    job.refresh_from_db()
    assert job.status == ImporJob.Status.SELESAI, job.kesalahan
    assert Pengaduan.objects.get().kanal == "medsos"


def test_an_admin_unit_imports_only_kelurahan_under_his_unit(admin_lain, kel_a, kategori):
    job = services.pengaduan_impor_job_create(actor=admin_lain, berkas=_csv(BARIS_A))
    job.refresh_from_db()
    assert job.status == ImporJob.Status.GAGAL
    assert job.kesalahan[0]["pesan"] == "Kelurahan ini di luar unit yang boleh Anda impor."
    assert not Pengaduan.objects.exists()


def test_a_non_admin_is_refused_by_the_service(petugas_a, kategori):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.pengaduan_impor_job_create(actor=petugas_a, berkas=_csv(BARIS_A))
    with pytest.raises(PermissionDenied):
        services.pengaduan_import(actor=petugas_a, baris=[])


def test_a_large_file_runs_as_a_job_with_the_queue_again_button(admin_kota, kel_a, kategori, settings, monkeypatch):
    """Above the sync limit the job is queued; when the broker does not answer it waits "Belum diantrekan" and the
    admin queues it again from kepegawaian's job page — the same machinery as the HR import."""
    settings.KEPEGAWAIAN_IMPOR_BATAS_SINKRON = 1
    monkeypatch.setattr("kinerja.antrian._eager", lambda: False)
    monkeypatch.setattr("kinerja.antrian.enqueue_now", lambda *a, **k: (_ for _ in ()).throw(OSError("broker mati")))
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        job = services.pengaduan_impor_job_create(actor=admin_kota, berkas=_csv(BARIS_A, BARIS_B))
    job.refresh_from_db()
    assert job.status == ImporJob.Status.TERTUNDA and not Pengaduan.objects.exists()

    monkeypatch.undo()
    with TestCase.captureOnCommitCallbacks(execute=True):
        kepegawaian_impor.impor_job_submit(actor=admin_kota, job=job)
    job.refresh_from_db()
    assert job.status == ImporJob.Status.SELESAI and Pengaduan.objects.count() == 2


def test_the_upload_page_and_the_job_page(client, admin_kota, kel_a, kategori):
    client.force_login(admin_kota)
    halaman = client.get(reverse("partisipasi:impor"))
    assert halaman.status_code == 200 and "id_eksternal*" in halaman.content.decode()

    response = client.post(reverse("partisipasi:impor"), {"berkas": _csv(BARIS_A)})
    job = ImporJob.objects.get(jenis=ImporJob.Jenis.PENGADUAN)
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    isi = client.get(job.get_absolute_url()).content.decode()
    assert "1 pengaduan baru" in isi and reverse("partisipasi:impor") in isi

    salah = client.post(reverse("partisipasi:impor"), {"berkas": SimpleUploadedFile("a.xlsx", b"x")})
    assert salah.status_code == 200
    assert "a.xlsx: format berkas harus CSV/JSON." in salah.content.decode()


def test_the_upload_page_query_count_does_not_grow_with_the_jobs(
    client, admin_kota, kel_a, kategori, django_assert_max_num_queries
):
    client.force_login(admin_kota)
    for i in range(3):
        services.pengaduan_impor_job_create(actor=admin_kota, berkas=_csv(BARIS_A.replace("CRM-1", f"CRM-{i}")))
    with django_assert_max_num_queries(12) as dengan_tiga:
        assert client.get(reverse("partisipasi:impor")).status_code == 200
    for i in range(3, 9):
        services.pengaduan_impor_job_create(actor=admin_kota, berkas=_csv(BARIS_A.replace("CRM-1", f"CRM-{i}")))
    with django_assert_max_num_queries(len(dengan_tiga.captured_queries)):
        assert client.get(reverse("partisipasi:impor")).status_code == 200
