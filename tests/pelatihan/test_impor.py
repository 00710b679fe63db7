"""Import of the training history (CSV/XLSX) on the people import's machinery: per-row errors, all or nothing,
idempotent, scoped to the admin's subtree, the Celery path with its progress, the pages."""

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from kepegawaian import tasks
from kepegawaian.models import ImporJob
from pelatihan import selectors, services
from pelatihan.models import Kegiatan, Peserta, Program
from tests.pelatihan.factories import KegiatanFactory, ProgramFactory

CONTOH = Path(__file__).resolve().parents[2] / "docs" / "contoh-impor"
KOLOM = ["nip", "program", "tanggal_mulai", "tanggal_selesai", "jp", "jenis", "bidang", "penyelenggara"]


def _csv(rows, header=KOLOM, name="riwayat.csv") -> SimpleUploadedFile:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile(name, buf.getvalue().encode("utf-8"))


def _baris(pegawai, judul="Pelatihan Pelayanan Publik", mulai="2026-03-02", selesai="2026-03-04", jp="24"):
    return [pegawai.nip, judul, mulai, selesai, jp, "klasikal", "teknis", "bpsdm"]


def _impor(actor, rows, **kw) -> ImporJob:
    job = services.riwayat_import_job_create(actor=actor, berkas=[_csv(rows, **kw)])
    job.refresh_from_db()
    return job


def _errors(job) -> set[tuple[int, str]]:
    return {(e["baris"], e["kolom"]) for e in job.kesalahan}


def test_rows_become_completed_trainings_in_the_jp_ledger(admin_unit, pegawai, penilai, dinas):
    job = _impor(admin_unit, [_baris(pegawai), _baris(penilai), _baris(pegawai, judul="Seminar Mutu", jp="8")])

    assert job.status == ImporJob.Status.SELESAI, job.kesalahan
    assert job.jenis == ImporJob.Jenis.PELATIHAN
    assert job.ringkasan == {
        "program_baru": 2,
        "kegiatan_baru": 2,
        "peserta_baru": 3,
        "peserta_diubah": 0,
        "peserta_tetap": 0,
        "kebutuhan_ditutup": 0,
    }
    program = Program.objects.get(judul="Pelatihan Pelayanan Publik")
    assert (program.jenis, program.bidang, program.penyelenggara, program.aktif) == (
        "klasikal",
        "teknis",
        "bpsdm",
        False,
    )
    kegiatan = Kegiatan.objects.get(program=program)
    assert (kegiatan.tanggal_mulai, kegiatan.tanggal_selesai) == (dt.date(2026, 3, 2), dt.date(2026, 3, 4))
    assert (kegiatan.kuota, kegiatan.jumlah_terdaftar, kegiatan.unit_penyelenggara) == (2, 2, dinas)
    p = Peserta.objects.get(pegawai=pegawai, kegiatan=kegiatan)
    assert (p.selesai, p.jp, p.tahun_jp, p.status) == (True, 24, 2026, "terdaftar")
    # history: no Kinerja certificate, its source kept
    assert (p.asal, p.kode_verifikasi, p.sumber_impor) == ("impor", None, "riwayat.csv, baris 2")
    assert selectors.jp_buku(pegawai=pegawai, tahun=2026).saldo.jp_diakui == 32
    # each row written in bulk has its audit entry, in the uploader's name
    assert LogEntry.objects.filter(object_pk=str(p.pk), actor=admin_unit, action=LogEntry.Action.CREATE).exists()


def test_reimporting_the_same_file_changes_nothing(admin_unit, pegawai, penilai):
    rows = [_baris(pegawai), _baris(penilai)]
    _impor(admin_unit, rows)
    counts = (Program.objects.count(), Kegiatan.objects.count(), Peserta.objects.count(), LogEntry.objects.count())

    again = _impor(admin_unit, rows)

    assert again.status == ImporJob.Status.SELESAI
    assert again.pesan == "Impor selesai: tidak ada perubahan."
    assert again.ringkasan["peserta_tetap"] == 2 and again.ringkasan["peserta_baru"] == 0
    assert (
        Program.objects.count(),
        Kegiatan.objects.count(),
        Peserta.objects.count(),
        LogEntry.objects.count(),
    ) == counts


def test_a_changed_jp_updates_the_record_and_nothing_else(admin_unit, pegawai):
    _impor(admin_unit, [_baris(pegawai, jp="24")])
    job = _impor(admin_unit, [_baris(pegawai, jp="20")])
    assert job.ringkasan["peserta_diubah"] == 1
    assert Peserta.objects.get().jp == 20


def test_one_bad_row_rejects_the_whole_file_with_indonesian_errors(admin_unit, pegawai, penilai):
    rows = [
        _baris(pegawai),  # fine
        _baris(penilai, jp="500"),  # a 500-JP seminar
        _baris(penilai, judul="Kursus B", mulai="2026-03-05", selesai="2026-03-01"),  # end before start
        _baris(penilai, judul="Kursus C", selesai="2026-12-01"),  # not finished yet
        ["199912312020121999", "Kursus D", "2026-01-05", "2026-01-06", "4", "klasikal", "teknis", "bpsdm"],
        [pegawai.nip, "Kursus E", "5 Maret", "2026-03-06", "4", "klasikal", "teknis", "bpsdm"],
        [pegawai.nip, "Kursus F", "2026-03-05", "2026-03-06", "4", "kuliah", "teknis", "bpsdm"],
        _baris(pegawai),  # the same as row 2
    ]
    job = _impor(admin_unit, rows)

    assert job.status == ImporJob.Status.GAGAL
    assert _errors(job) == {
        (3, "jp"),
        (4, "tanggal_selesai"),
        (5, "tanggal_selesai"),
        (6, "nip"),
        (7, "tanggal_mulai"),
        (8, "jenis"),
        (9, "program"),
    }
    pesan = {e["baris"]: e["pesan"] for e in job.kesalahan}
    assert "tidak wajar" in pesan[3]
    assert "tidak boleh sebelum tanggal mulai" in pesan[4]
    assert "sudah selesai" in pesan[5]
    assert "tidak ditemukan" in pesan[6]
    assert "Baris ganda" in pesan[9]
    assert "Tidak ada data yang disimpan" in job.pesan
    assert not Peserta.objects.exists() and not Program.objects.exists() and not Kegiatan.objects.exists()


def test_admin_unit_cannot_import_another_units_pegawai(admin_unit, admin_lain, pegawai, outsider):
    job = _impor(admin_unit, [_baris(pegawai), _baris(outsider)])

    assert job.status == ImporJob.Status.GAGAL
    assert _errors(job) == {(3, "nip")}
    assert "di luar unit yang Anda kelola" in job.kesalahan[0]["pesan"]
    assert not Peserta.objects.exists()
    # the other unit's admin may import his own pegawai
    assert _impor(admin_lain, [_baris(outsider)]).status == ImporJob.Status.SELESAI


def test_admin_bkd_imports_for_anyone_as_a_province_event(admin_bkd, pegawai, outsider):
    job = _impor(admin_bkd, [_baris(pegawai), _baris(outsider)])
    assert job.status == ImporJob.Status.SELESAI
    assert Kegiatan.objects.get().unit_penyelenggara is None


def test_pegawai_cannot_import(pegawai):
    with pytest.raises(PermissionDenied):
        services.riwayat_import_job_create(actor=pegawai.user, berkas=[_csv([_baris(pegawai)])])
    assert not ImporJob.objects.exists()


def test_existing_programme_is_matched_by_title_without_its_attributes(admin_unit, pegawai):
    program = ProgramFactory(judul="Pelatihan Dasar CPNS", jp=40)
    rows = [[pegawai.nip, "pelatihan dasar  cpns", "01/02/2026", "28/02/2026", "40"]]
    job = _impor(admin_unit, rows, header=["nip", "program", "tanggal_mulai", "tanggal_selesai", "jp"])
    assert job.status == ImporJob.Status.SELESAI, job.kesalahan
    assert Peserta.objects.get().kegiatan.program == program
    assert Program.objects.count() == 1


def test_unknown_programme_needs_its_kind_organiser_and_subject(admin_unit, pegawai):
    rows = [[pegawai.nip, "Program Tak Dikenal", "2026-02-01", "2026-02-02", "4"]]
    job = _impor(admin_unit, rows, header=["nip", "program", "tanggal_mulai", "tanggal_selesai", "jp"])
    assert job.status == ImporJob.Status.GAGAL
    assert "belum ada di katalog" in job.kesalahan[0]["pesan"]


def test_organisers_sheet_completes_the_seated_participants_of_his_event(admin_unit, pegawai, dinas, hari):
    kegiatan = KegiatanFactory(unit_penyelenggara=dinas)
    peserta = services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    hari(dt.date(2026, 8, 6))
    p = kegiatan.program
    row = [pegawai.nip, p.judul, "2026-08-03", "2026-08-05", str(p.jp), p.jenis, p.bidang, p.penyelenggara]

    job = _impor(admin_unit, [row])

    assert job.ringkasan["peserta_diubah"] == 1 and job.ringkasan["kegiatan_baru"] == 0, job.kesalahan
    peserta.refresh_from_db()
    # he registered through Kinerja for an event held in Kinerja: completed as Kinerja completes, with a certificate
    assert peserta.selesai and peserta.kode_verifikasi and peserta.jp == p.jp and peserta.asal == "kinerja"
    kegiatan.refresh_from_db()
    assert kegiatan.jumlah_terdaftar == 1


def test_sample_files_import_cleanly(admin_bkd, pegawai):
    from kepegawaian import impor

    for nama in ("unit.csv", "pegawai.csv"):
        impor.impor_job_create(actor=admin_bkd, berkas=[SimpleUploadedFile(nama, (CONTOH / nama).read_bytes())])
    for nama in ("riwayat-pelatihan.csv", "riwayat-pelatihan.xlsx"):
        berkas = SimpleUploadedFile(nama, (CONTOH / nama).read_bytes())
        job = services.riwayat_import_job_create(actor=admin_bkd, berkas=[berkas])
        job.refresh_from_db()
        assert job.status == ImporJob.Status.SELESAI, job.kesalahan
    assert Peserta.objects.count() == 9  # the XLSX holds the same rows: the second import changed nothing
    assert job.ringkasan["peserta_tetap"] == 9


# --- the Celery path -------------------------------------------------------------------------------------------


def test_large_file_runs_as_a_queued_job_with_progress(
    admin_unit, pegawai, penilai, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.KEPEGAWAIAN_IMPOR_BATAS_SINKRON = 1
    queued = []
    monkeypatch.setattr(tasks.impor_jalankan, "delay", lambda *args: queued.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        job = services.riwayat_import_job_create(actor=admin_unit, berkas=[_csv([_baris(pegawai), _baris(penilai)])])
    assert queued == [(job.pk,)]
    job.refresh_from_db()
    assert job.status == ImporJob.Status.MENUNGGU and not Peserta.objects.exists()

    assert tasks.impor_jalankan(job.pk) is True
    job.refresh_from_db()
    assert (job.status, job.progres, job.ringkasan["peserta_baru"]) == (ImporJob.Status.SELESAI, 100, 2)
    assert tasks.impor_jalankan(job.pk) is False  # redelivered: done once
    assert Peserta.objects.count() == 2


# --- the pages -------------------------------------------------------------------------------------------------


def test_upload_page_runs_the_import_and_the_job_page_shows_its_result(client, admin_unit, pegawai):
    client.force_login(admin_unit)
    assert client.get("/pelatihan/impor/").status_code == 200

    response = client.post("/pelatihan/impor/", {"berkas": _csv([_baris(pegawai)])})

    job = ImporJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    page = client.get(job.get_absolute_url())
    assert "Riwayat pelatihan pegawai" in page.text and "Impor riwayat pelatihan" in page.text
    assert 'href="/pelatihan/impor/"' in page.text
    assert job.get_absolute_url() in client.get("/pelatihan/impor/").text


def test_job_page_of_a_rejected_file_links_back_to_the_training_upload(client, admin_unit, outsider):
    client.force_login(admin_unit)
    response = client.post("/pelatihan/impor/", {"berkas": _csv([_baris(outsider)])}, follow=True)
    assert "Kesalahan per baris" in response.text
    assert "di luar unit yang Anda kelola" in response.text
    assert 'href="/pelatihan/impor/"' in response.text


def test_import_page_is_for_admins_only(client, pegawai):
    client.force_login(pegawai.user)
    assert client.get("/pelatihan/impor/").status_code == 403
    assert client.get("/pelatihan/impor/contoh/riwayat-pelatihan.csv").status_code == 403


def test_a_job_the_broker_did_not_take_is_queued_again_from_its_page(
    client, admin_unit, pegawai, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.KEPEGAWAIAN_IMPOR_BATAS_SINKRON = 0
    queued = []
    monkeypatch.setattr(tasks.impor_jalankan, "delay", lambda *args: queued.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        job = services.riwayat_import_job_create(actor=admin_unit, berkas=[_csv([_baris(pegawai)])])
    ImporJob.objects.filter(pk=job.pk).update(status=ImporJob.Status.TERTUNDA)  # as when the broker is down
    client.force_login(admin_unit)
    assert "Antrekan lagi" in client.get(job.get_absolute_url()).text

    with django_capture_on_commit_callbacks(execute=True):
        client.post(job.get_absolute_url())

    assert queued == [(job.pk,), (job.pk,)]
    assert tasks.impor_jalankan(job.pk) is True
    job.refresh_from_db()
    assert job.status == ImporJob.Status.SELESAI and Peserta.objects.get().pegawai == pegawai
