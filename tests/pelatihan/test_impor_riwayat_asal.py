"""Imported historical completions (issue 11): they count their JP and close the development needs they answer
through the same function as any completion (``kebutuhan_close_by_pelatihan``), but Kinerja issues no certificate
for them: no code, no PDF, and the public verification page never verifies them. The record keeps the proof the
file names and the file and row it came from."""

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from indikator.models import PeriodePenilaian
from kepegawaian.models import ImporJob
from pelatihan import services
from pelatihan.models import Peserta
from pelatihan.sertifikat import sertifikat_check
from penilaian.aturan import predikat_pegawai
from penilaian.models import Evaluasi, KebutuhanPengembangan
from tests.indikator.factories import PeriodeFactory, skp_disetujui

KOLOM = ["nip", "program", "tanggal_mulai", "tanggal_selesai", "jp", "jenis", "bidang", "penyelenggara", "bukti"]


def _impor(actor, rows) -> ImporJob:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(KOLOM)
    writer.writerows(rows)
    berkas = SimpleUploadedFile("riwayat.csv", buf.getvalue().encode("utf-8"))
    job = services.riwayat_import_job_create(actor=actor, berkas=[berkas])
    job.refresh_from_db()
    assert job.status == ImporJob.Status.SELESAI, job.kesalahan
    return job


def _baris(pegawai, *, bidang="teknis", selesai="2026-03-04", bukti="No. 812/BPSDM/2026"):
    return [pegawai.nip, f"Pelatihan {bidang}", "2026-03-02", selesai, "24", "klasikal", bidang, "bpsdm", bukti]


def _kebutuhan(
    pegawai, penilai, *, area="teknis", sumber="catatan", dibuat=dt.date(2026, 1, 20)
) -> KebutuhanPengembangan:
    periode = PeriodePenilaian.objects.filter(tahun=2026).first() or PeriodeFactory(tahun=2026)
    evaluasi = Evaluasi.objects.filter(pegawai=pegawai, periode=periode).first() or Evaluasi.objects.create(
        pegawai=pegawai,
        periode=periode,
        jenis=Evaluasi.Jenis.TAHUNAN,
        skp=skp_disetujui(pegawai, periode),
        penilai=penilai,
        penilai_nama=penilai.nama,
        penilai_nip=penilai.nip,
        penilai_jabatan=penilai.jabatan.nama,
        status=Evaluasi.Status.FINAL,
        rating_hasil_kerja="di_bawah",
        rating_perilaku="sesuai",
        predikat=predikat_pegawai("di_bawah", "sesuai"),
        difinalkan_pada=timezone.now(),
    )
    k = KebutuhanPengembangan.objects.create(
        pegawai=pegawai,
        evaluasi=evaluasi,
        sumber=sumber,  # one need per (evaluation, source)
        area_kompetensi=area,
        uraian="Perlu pelatihan.",
    )
    KebutuhanPengembangan.objects.filter(pk=k.pk).update(
        dibuat=dt.datetime.combine(dibuat, dt.time(9, 0), tzinfo=timezone.get_current_timezone())
    )
    return k


def test_imported_completion_closes_the_matching_need_raised_before_it_ended(admin_unit, pegawai, penilai, hari):
    hari(dt.date(2026, 6, 1))
    cocok = _kebutuhan(pegawai, penilai)
    lain_area = _kebutuhan(pegawai, penilai, area="manajerial", sumber="predikat")
    kemudian = _kebutuhan(penilai, penilai.atasan or penilai, dibuat=dt.date(2026, 4, 1))

    job = _impor(admin_unit, [_baris(pegawai), _baris(penilai)])

    assert job.ringkasan["kebutuhan_ditutup"] == 1
    cocok.refresh_from_db()
    peserta = Peserta.objects.get(pegawai=pegawai)
    assert cocok.status == KebutuhanPengembangan.Status.TERPENUHI
    assert cocok.referensi_penutupan == f"pelatihan:{peserta.kegiatan_id}"
    assert cocok.ditutup_oleh == admin_unit and "impor riwayat" in cocok.catatan_penutupan
    # another competence area, and a need of an appraisal after the training ended, stay open
    for k in (lain_area, kemudian):
        k.refresh_from_db()
        assert k.status == KebutuhanPengembangan.Status.TERBUKA


def test_imported_completion_has_no_kinerja_certificate_and_is_never_verified(client, admin_unit, pegawai):
    _impor(admin_unit, [_baris(pegawai)])
    peserta = Peserta.objects.get(pegawai=pegawai)

    assert (peserta.asal, peserta.kode_verifikasi, peserta.bersertifikat) == ("impor", None, False)
    assert (peserta.bukti_impor, peserta.sumber_impor) == ("No. 812/BPSDM/2026", "riwayat.csv, baris 2")
    client.force_login(pegawai.user)
    # the page answers 409 with the reason, the API 400 in the error shape: no PDF
    halaman = client.get(reverse("pelatihan:sertifikat", args=[peserta.pk]))
    assert halaman.status_code == 409 and "impor riwayat" in halaman.content.decode()
    assert "No. 812/BPSDM/2026" in halaman.content.decode()
    api = client.get(f"/api/v1/pelatihan/peserta/{peserta.pk}/sertifikat/")
    assert api.status_code == 400 and api["Content-Type"].startswith("application/json")
    # his list shows the record as imported, with its proof, and no certificate link
    saya = client.get(reverse("pelatihan:saya")).content.decode()
    assert reverse("pelatihan:sertifikat", args=[peserta.pk]) not in saya and "No. 812/BPSDM/2026" in saya


def test_a_code_forced_onto_an_imported_record_is_refused_by_the_database_and_the_verification(admin_unit, pegawai):
    from django.db import IntegrityError, transaction

    _impor(admin_unit, [_baris(pegawai)])
    peserta = Peserta.objects.get(pegawai=pegawai)
    with pytest.raises(IntegrityError), transaction.atomic():
        Peserta.objects.filter(pk=peserta.pk).update(kode_verifikasi="ABCD-EFGH-JKMN")
    from django.http import Http404

    with pytest.raises(Http404):
        sertifikat_check("ABCD-EFGH-JKMN")


def test_a_proof_longer_than_its_column_rejects_the_file(admin_unit, pegawai):
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(KOLOM)
    writer.writerow(_baris(pegawai, bukti="x" * 201))
    job = services.riwayat_import_job_create(
        actor=admin_unit, berkas=[SimpleUploadedFile("r.csv", buf.getvalue().encode("utf-8"))]
    )
    job.refresh_from_db()
    assert job.status == ImporJob.Status.GAGAL
    assert [(e["kolom"], e["pesan"]) for e in job.kesalahan] == [("bukti", "Bukti paling panjang 200 karakter.")]
    assert not Peserta.objects.exists()
