"""Import of units and employees from CSV/XLSX: all or nothing, per-row errors, idempotent, scoped, Celery path."""

import csv
import io
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from kepegawaian import impor, services, tasks
from kepegawaian.models import ImporJob, Pegawai, PeranAdmin, UnitKerja
from tests.kepegawaian.factories import UserFactory

CONTOH = Path(__file__).resolve().parents[2] / "docs" / "contoh-impor"
KOLOM_PEGAWAI = ["nip", "nama", "status", "golongan", "jabatan", "jenis_jabatan", "kode_unit", "nip_atasan", "email"]
NIP_A = "197001012000011001"
NIP_B = "198002022005012002"
NIP_C = "199003032015031003"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def bkd(db):
    """An admin BKD on an empty database (the conftest's admin_bkd comes with a Pemprov unit)."""
    user = UserFactory(username="bkd.impor")
    services.peran_grant(actor=None, user=user, peran=PeranAdmin.Peran.ADMIN_BKD)
    return user


def _csv(name: str, header: list[str], rows: list[list[str]], delimiter: str = ",") -> SimpleUploadedFile:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile(name, buf.getvalue().encode("utf-8"))


def _contoh(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (CONTOH / name).read_bytes())


def _pegawai(nip, nama, kode_unit, nip_atasan="", jabatan="Pengadministrasi Umum", jenis="pelaksana", gol="II/c"):
    return [nip, nama, "PNS", gol, jabatan, jenis, kode_unit, nip_atasan, ""]


def _rows(*rows) -> impor.DataImpor:
    return impor.DataImpor(
        pegawai=[
            impor.Baris("pegawai.csv", i, dict(zip(KOLOM_PEGAWAI, row, strict=True))) for i, row in enumerate(rows, 2)
        ]
    )


def _errors(job_or_exc) -> set[tuple]:
    items = job_or_exc.kesalahan
    return {
        (e["lembar"], e["baris"], e["kolom"]) if isinstance(e, dict) else (e.lembar, e.baris, e.kolom) for e in items
    }


# --- good files ----------------------------------------------------------------------------------------------


def test_good_csv_files_import_units_tree_and_supervisors_with_audit_actor(bkd):
    job = impor.impor_job_create(actor=bkd, berkas=[_contoh("unit.csv"), _contoh("pegawai.csv")])

    assert job.status == ImporJob.Status.SELESAI, job.kesalahan
    assert job.progres == 100
    assert job.ringkasan["unit_baru"] == 5
    assert job.ringkasan["pegawai_baru"] == 8
    sudin = UnitKerja.objects.get(kode="SUDINHUB-JS")
    assert UnitKerja.objects.get_parent(sudin).kode == "DISHUB"
    assert UnitKerja.objects.get_parent(UnitKerja.objects.get_parent(sudin)).kode == "PEMPROV"
    staf = Pegawai.objects.get(nip="199307252019021140")
    assert staf.unit == sudin
    assert staf.atasan.nip == "198411302009042003"
    assert staf.atasan_penilai.nip == "197702032002121007"
    pppk = Pegawai.objects.get(nip="199512012023042035")
    assert (pppk.status, pppk.golongan, pppk.jabatan.jenis) == ("pppk", "IX", "fungsional")
    entries = LogEntry.objects.filter(content_type__model="pegawai", action=LogEntry.Action.CREATE)
    assert entries.count() == 8
    assert set(entries.values_list("actor_id", flat=True)) == {bkd.pk}


def test_good_xlsx_with_two_sheets_is_imported(bkd):
    job = impor.impor_job_create(actor=bkd, berkas=[_contoh("contoh-impor.xlsx")])

    assert job.status == ImporJob.Status.SELESAI, job.kesalahan
    assert UnitKerja.objects.filter(kode__startswith="DISHUB").count() == 3
    assert Pegawai.objects.count() == 8
    assert Pegawai.objects.get(nip="197508212000012012").atasan.nip == "197005121996031004"


def test_semicolon_csv_with_bom_and_labels_instead_of_codes_is_read(bkd):
    services.unit_create(actor=None, kode="PEMPROV", nama="Pemprov", jenis="pemprov")
    content = "\ufeffkode;nama;jenis;kode_induk\r\nDISHUB;Dinas Perhubungan;Perangkat Daerah (Dinas/Badan);PEMPROV\r\n"
    impor.data_import(actor=bkd, data=impor.baca_berkas([("unit.csv", io.BytesIO(content.encode()))]))

    assert UnitKerja.objects.get(kode="DISHUB").jenis == UnitKerja.Jenis.PERANGKAT_DAERAH


# --- bad files -------------------------------------------------------------------------------------------------


def test_bad_file_is_rejected_whole_with_row_column_and_reason(bkd):
    services.unit_create(actor=None, kode="PEMPROV", nama="Pemprov", jenis="pemprov")
    logs_before = LogEntry.objects.count()
    berkas = _csv(
        "pegawai.csv",
        KOLOM_PEGAWAI,
        [
            _pegawai(NIP_A, "Baris Baik", "PEMPROV"),  # row 2: fine on its own
            _pegawai("19700101200001100", "NIP Pendek", "PEMPROV"),  # row 3
            _pegawai(NIP_B, "Unit Hilang", "TIDAK-ADA"),  # row 4
            _pegawai(NIP_A, "NIP Ganda", "PEMPROV"),  # row 5
            [NIP_C, "Golongan Salah", "PNS", "IX", "Staf", "pelaksana", "PEMPROV", "", "bukan-email"],  # row 6
            _pegawai("198002022005012099", "Atasan Hilang", "PEMPROV", nip_atasan="196001011990011001"),  # row 7
        ],
    )

    job = impor.impor_job_create(actor=bkd, berkas=[berkas])

    assert job.status == ImporJob.Status.GAGAL
    assert Pegawai.objects.count() == 0
    assert LogEntry.objects.count() == logs_before
    assert _errors(job) == {
        ("pegawai.csv", 3, "nip"),
        ("pegawai.csv", 4, "kode_unit"),
        ("pegawai.csv", 5, "nip"),
        ("pegawai.csv", 6, "golongan"),
        ("pegawai.csv", 6, "email"),
        ("pegawai.csv", 7, "nip_atasan"),
    }
    by_row = {(e["baris"], e["kolom"]): e["pesan"] for e in job.kesalahan}
    assert "18 angka" in by_row[(3, "nip")]
    assert "TIDAK-ADA" in by_row[(4, "kode_unit")]
    assert "baris 2" in by_row[(5, "nip")]
    assert "golongan PPPK" in by_row[(6, "golongan")]
    assert job.jumlah_kesalahan == 6
    assert "Tidak ada data yang disimpan" in job.pesan


def test_one_bad_employee_row_also_rolls_back_the_units_of_the_same_upload(bkd):
    unit = _csv("unit.csv", ["kode", "nama", "jenis", "kode_induk"], [["PEMPROV", "Pemprov", "pemprov", ""]])
    pegawai = _csv("pegawai.csv", KOLOM_PEGAWAI, [_pegawai(NIP_A, "Salah Status", "PEMPROV", gol="Z/z")])

    job = impor.impor_job_create(actor=bkd, berkas=[unit, pegawai])

    assert job.status == ImporJob.Status.GAGAL
    assert _errors(job) == {("pegawai.csv", 2, "golongan")}
    assert not UnitKerja.objects.exists()


def test_missing_and_unknown_columns_are_reported_on_the_header_row(bkd):
    berkas = _csv("pegawai.csv", ["nip", "nama", "pangkat"], [[NIP_A, "Tanpa Kolom", "III/a"]])

    job = impor.impor_job_create(actor=bkd, berkas=[berkas])

    assert job.status == ImporJob.Status.GAGAL
    assert ("pegawai.csv", 1, "pangkat") in _errors(job)
    assert ("pegawai.csv", 1, "kode_unit") in _errors(job)


def test_nip_stored_as_an_excel_number_gets_a_clear_message(bkd):
    services.unit_create(actor=None, kode="PEMPROV", nama="Pemprov", jenis="pemprov")
    wb = Workbook()
    ws = wb.active
    ws.append(KOLOM_PEGAWAI)
    ws.append([1.97001012000011e17, "Angka", "PNS", "III/a", "Staf", "pelaksana", "PEMPROV", None, None])
    buf = io.BytesIO()
    wb.save(buf)

    with pytest.raises(impor.ImporDitolak) as err:
        impor.data_import(actor=bkd, data=impor.baca_berkas([("data.xlsx", io.BytesIO(buf.getvalue()))]))

    [kesalahan] = err.value.kesalahan
    assert (kesalahan.baris, kesalahan.kolom) == (2, "nip")
    assert "sebagai teks" in kesalahan.pesan


def test_atasan_loop_inside_the_file_is_rejected(bkd):
    services.unit_create(actor=None, kode="PEMPROV", nama="Pemprov", jenis="pemprov")
    data = _rows(
        _pegawai(NIP_A, "Andi", "PEMPROV", nip_atasan=NIP_B),
        _pegawai(NIP_B, "Budi", "PEMPROV", nip_atasan=NIP_C),
        _pegawai(NIP_C, "Citra", "PEMPROV", nip_atasan=NIP_A),
    )

    with pytest.raises(impor.ImporDitolak) as err:
        impor.data_import(actor=bkd, data=data)

    assert _errors(err.value) == {("pegawai.csv", n, "nip_atasan") for n in (2, 3, 4)}
    assert "lingkaran" in err.value.kesalahan[0].pesan
    assert not Pegawai.objects.exists()


def test_atasan_loop_through_the_database_is_rejected(admin_bkd, atasan, penilai, pegawai):
    """The file makes the kepala dinas report to his own staff member, who (in the database) reports to him."""
    data = _rows(
        [atasan.nip, atasan.nama, "PNS", "IV/c", "Kepala Dinas Uji", "jpt", "DINAS-UJI", pegawai.nip, ""],
    )

    with pytest.raises(impor.ImporDitolak) as err:
        impor.data_import(actor=admin_bkd, data=data)

    [kesalahan] = err.value.kesalahan
    assert kesalahan.kolom == "nip_atasan"
    assert pegawai.nip in kesalahan.pesan and "lingkaran" in kesalahan.pesan
    atasan.refresh_from_db()
    assert atasan.atasan_id is None


def test_unit_loop_is_rejected(admin_bkd, dinas, bidang):
    data = impor.DataImpor(
        unit=[
            impor.Baris(
                "unit.csv",
                2,
                {"kode": "DINAS-UJI", "nama": "Dinas Uji", "jenis": "perangkat_daerah", "kode_induk": "DINAS-UJI-B1"},
            )
        ]  # fmt: skip
    )

    with pytest.raises(impor.ImporDitolak) as err:
        impor.data_import(actor=admin_bkd, data=data)

    assert _errors(err.value) == {("unit.csv", 2, "kode_induk")}
    assert "lingkaran" in err.value.kesalahan[0].pesan


# --- idempotence and updates -----------------------------------------------------------------------------------


def test_reimporting_the_same_files_changes_nothing_and_writes_no_audit(bkd):
    impor.impor_job_create(actor=bkd, berkas=[_contoh("unit.csv"), _contoh("pegawai.csv")])
    snapshot = list(Pegawai.objects.order_by("nip").values())
    units = list(UnitKerja.objects.order_by("kode").values())
    logs = LogEntry.objects.count()

    job = impor.impor_job_create(actor=bkd, berkas=[_contoh("contoh-impor.xlsx")])

    assert job.status == ImporJob.Status.SELESAI
    assert job.ringkasan == {
        "unit_baru": 0, "unit_diubah": 0, "unit_dipindah": 0, "unit_tetap": 5, "jabatan_baru": 0,
        "pegawai_baru": 0, "pegawai_diubah": 0, "pegawai_tetap": 8,
    }  # fmt: skip
    assert list(Pegawai.objects.order_by("nip").values()) == snapshot
    assert list(UnitKerja.objects.order_by("kode").values()) == units
    assert LogEntry.objects.count() == logs


def test_unchanged_reimport_costs_the_same_queries_whatever_the_size(bkd, django_assert_max_num_queries):
    services.unit_create(actor=None, kode="PEMPROV", nama="Pemprov", jenis="pemprov")
    nips = [f"1980010120050110{n:02d}" for n in range(1, 41)]
    data = _rows(*[_pegawai(nip, f"Pegawai {nip[-2:]}", "PEMPROV") for nip in nips])
    impor.data_import(actor=bkd, data=data)

    with django_assert_max_num_queries(8):
        hasil = impor.data_import(actor=bkd, data=data)
    assert hasil.pegawai_tetap == 40


def test_changed_row_updates_only_that_pegawai_with_one_audit_entry(bkd):
    services.unit_create(actor=None, kode="PEMPROV", nama="Pemprov", jenis="pemprov")
    impor.data_import(actor=bkd, data=_rows(_pegawai(NIP_A, "Andi", "PEMPROV"), _pegawai(NIP_B, "Budi", "PEMPROV")))
    logs = LogEntry.objects.count()

    hasil = impor.data_import(
        actor=bkd,
        data=_rows(_pegawai(NIP_A, "Andi", "PEMPROV"), _pegawai(NIP_B, "Budi Santoso", "PEMPROV", nip_atasan=NIP_A)),
    )

    assert (hasil.pegawai_diubah, hasil.pegawai_tetap) == (1, 1)
    budi = Pegawai.objects.get(nip=NIP_B)
    assert (budi.nama, budi.atasan.nip) == ("Budi Santoso", NIP_A)
    entry = LogEntry.objects.order_by("-pk").first()
    assert LogEntry.objects.count() == logs + 1
    assert entry.object_pk == str(budi.pk) and entry.actor == bkd
    assert set(entry.changes_dict) == {"nama", "atasan"}


def test_unit_with_a_new_parent_is_moved_in_the_tree(admin_bkd, dinas, bidang, dinas_lain):
    data = impor.DataImpor(
        unit=[
            impor.Baris(
                "unit.csv",
                2,
                {"kode": "DINAS-UJI-B1", "nama": "Bidang Uji", "jenis": "bidang", "kode_induk": "DINAS-LAIN"},
            )
        ]  # fmt: skip
    )

    hasil = impor.data_import(actor=admin_bkd, data=data)

    bidang.refresh_from_db()
    assert hasil.unit_dipindah == 1
    assert UnitKerja.objects.get_parent(bidang) == dinas_lain
    assert LogEntry.objects.get_for_object(bidang).filter(changes__icontains="induk").exists()


# --- scope -----------------------------------------------------------------------------------------------------


def test_admin_unit_imports_inside_his_subtree(admin_unit, dinas, bidang):
    unit = _csv("unit.csv", ["kode", "nama", "jenis", "kode_induk"], [["DINAS-UJI-S1", "Seksi Satu", "seksi",
                                                                        "DINAS-UJI-B1"]])  # fmt: skip
    pegawai = _csv("pegawai.csv", KOLOM_PEGAWAI, [_pegawai(NIP_A, "Andi", "DINAS-UJI-S1")])

    job = impor.impor_job_create(actor=admin_unit, berkas=[unit, pegawai])

    assert job.status == ImporJob.Status.SELESAI, job.kesalahan
    assert UnitKerja.objects.get_parent(Pegawai.objects.get(nip=NIP_A).unit) == bidang


def test_admin_unit_cannot_import_outside_his_subtree(admin_unit, dinas, dinas_lain, outsider):
    unit = _csv(
        "unit.csv",
        ["kode", "nama", "jenis", "kode_induk"],
        [
            ["DINAS-LAIN-B1", "Bidang di Dinas Lain", "bidang", "DINAS-LAIN"],  # new unit under someone else's unit
            ["DINAS-LAIN", "Dinas Lain Baru", "perangkat_daerah", "PEMPROV"],  # renaming someone else's unit
            ["DINAS-BARU", "Dinas Baru", "perangkat_daerah", ""],  # a new root
        ],
    )
    pegawai = _csv(
        "pegawai.csv",
        KOLOM_PEGAWAI,
        [
            _pegawai(NIP_A, "Andi", "DINAS-LAIN"),  # placing a new pegawai outside
            _pegawai(outsider.nip, outsider.nama, "DINAS-UJI"),  # pulling someone in from another unit
        ],
    )

    job = impor.impor_job_create(actor=admin_unit, berkas=[unit, pegawai])

    assert job.status == ImporJob.Status.GAGAL
    assert _errors(job) == {
        ("unit.csv", 2, "kode_induk"),
        ("unit.csv", 3, "kode"),
        ("unit.csv", 4, "kode_induk"),
        ("pegawai.csv", 2, "kode_unit"),
        ("pegawai.csv", 3, "nip"),
    }
    assert "di luar unit yang Anda kelola" in job.kesalahan[0]["pesan"]
    assert not UnitKerja.objects.filter(kode__in=["DINAS-LAIN-B1", "DINAS-BARU"]).exists()
    outsider.refresh_from_db()
    assert outsider.unit == dinas_lain


def test_pegawai_without_admin_role_cannot_import(pegawai):
    with pytest.raises(PermissionDenied):
        impor.impor_job_create(actor=pegawai.user, berkas=[_contoh("unit.csv")])
    assert not ImporJob.objects.exists()


# --- the Celery path -------------------------------------------------------------------------------------------


def test_large_file_is_queued_after_commit_and_the_task_imports_it_once(
    bkd, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.KEPEGAWAIAN_IMPOR_BATAS_SINKRON = 3
    queued = []
    monkeypatch.setattr(tasks.impor_jalankan, "delay", lambda *args: queued.append(args))

    with django_capture_on_commit_callbacks(execute=True):
        job = impor.impor_job_create(actor=bkd, berkas=[_contoh("unit.csv"), _contoh("pegawai.csv")])

    assert queued == [(job.pk,)]
    job.refresh_from_db()
    assert (job.status, job.total_baris) == (ImporJob.Status.MENUNGGU, 13)
    assert not Pegawai.objects.exists()

    assert tasks.impor_jalankan(job.pk) is True  # what the worker runs

    job.refresh_from_db()
    assert (job.status, job.progres) == (ImporJob.Status.SELESAI, 100)
    assert job.ringkasan["pegawai_baru"] == 8
    logs = LogEntry.objects.count()

    assert tasks.impor_jalankan(job.pk) is False  # a redelivered message: the job is already done
    assert LogEntry.objects.count() == logs
    assert Pegawai.objects.count() == 8


def test_task_records_rejection_of_a_bad_file_on_the_job(bkd, settings, monkeypatch):
    settings.KEPEGAWAIAN_IMPOR_BATAS_SINKRON = 0
    monkeypatch.setattr(tasks.impor_jalankan, "delay", lambda *args: None)
    berkas = _csv("pegawai.csv", KOLOM_PEGAWAI, [_pegawai(NIP_A, "Andi", "TIDAK-ADA")])
    job = impor.impor_job_create(actor=bkd, berkas=[berkas])

    tasks.impor_jalankan(job.pk)

    job.refresh_from_db()
    assert job.status == ImporJob.Status.GAGAL
    assert _errors(job) == {("pegawai.csv", 2, "kode_unit")}
    assert not Pegawai.objects.exists()


def test_wrong_file_type_is_refused_before_anything_is_stored(bkd):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as err:
        impor.impor_job_create(actor=bkd, berkas=[SimpleUploadedFile("data.pdf", b"%PDF-1.4")])
    assert "CSV atau XLSX" in str(err.value)
    assert not ImporJob.objects.exists()


# --- the pages -------------------------------------------------------------------------------------------------


def test_upload_page_imports_a_small_file_and_shows_the_result(client, bkd):
    client.force_login(bkd)

    response = client.post(
        "/kepegawaian/impor/", {"berkas": _contoh("unit.csv"), "berkas_tambahan": _contoh("pegawai.csv")}
    )

    job = ImporJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    page = client.get(job.get_absolute_url())
    assert page.status_code == 200
    assert "Selesai" in page.text and "hx-trigger" not in page.text
    assert Pegawai.objects.count() == 8


def test_job_page_lists_errors_of_a_rejected_file(client, bkd):
    client.force_login(bkd)
    berkas = _csv("pegawai.csv", KOLOM_PEGAWAI, [_pegawai("123", "NIP Pendek", "TIDAK-ADA")])

    response = client.post("/kepegawaian/impor/", {"berkas": berkas}, follow=True)

    assert "Kesalahan per baris" in response.text
    assert "NIP harus terdiri dari 18 angka." in response.text
    assert "kode_unit" in response.text


def test_running_job_polls_with_htmx_until_finished(client, bkd):
    job = ImporJob.objects.create(dibuat_oleh=bkd, berkas="impor/x.csv", status=ImporJob.Status.BERJALAN, progres=40)
    client.force_login(bkd)

    partial = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})

    assert 'hx-trigger="every 1s"' in partial.text
    assert 'value="40"' in partial.text
    assert "<html" not in partial.text


def test_import_pages_are_404_for_non_admins_and_for_other_admins_jobs(client, bkd, admin_unit, pegawai):
    job = ImporJob.objects.create(dibuat_oleh=bkd, berkas="impor/x.csv")
    client.force_login(pegawai.user)
    assert client.get("/kepegawaian/impor/").status_code == 404
    client.force_login(admin_unit)
    assert client.get("/kepegawaian/impor/").status_code == 200
    assert client.get(job.get_absolute_url()).status_code == 404


def test_errors_name_the_file_as_uploaded_even_when_storage_renames_it(bkd):
    def upload():
        berkas = _csv("pegawai.csv", KOLOM_PEGAWAI, [_pegawai(NIP_A, "Andi", "TIDAK-ADA")])
        return impor.impor_job_create(actor=bkd, berkas=[berkas])

    upload()
    kedua = upload()

    assert Path(kedua.berkas.name).name != "pegawai.csv"  # the storage avoided a clash
    assert _errors(kedua) == {("pegawai.csv", 2, "kode_unit")}
    assert kedua.nama_berkas == ["pegawai.csv"]


def test_nip_printed_in_groups_is_accepted(bkd):
    services.unit_create(actor=None, kode="PEMPROV", nama="Pemprov", jenis="pemprov")
    data = _rows(
        _pegawai("19700101 200001 1 001", "Andi", "PEMPROV"),
        _pegawai(NIP_B, "Budi", "PEMPROV", nip_atasan="19700101 200001 1 001"),
    )

    impor.data_import(actor=bkd, data=data)

    assert Pegawai.objects.get(nip=NIP_B).atasan.nip == NIP_A


def test_employees_of_a_bad_unit_row_are_not_reported_again_as_unit_not_found(bkd):
    unit = _csv("unit.csv", ["kode", "nama", "jenis", "kode_induk"], [["DISHUB", "Dinas Perhubungan", "dinas", ""]])
    pegawai = _csv("pegawai.csv", KOLOM_PEGAWAI, [_pegawai(NIP_A, "Andi", "DISHUB")])

    job = impor.impor_job_create(actor=bkd, berkas=[unit, pegawai])

    assert _errors(job) == {("unit.csv", 2, "jenis")}
    assert not UnitKerja.objects.exists()
