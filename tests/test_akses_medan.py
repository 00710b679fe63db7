"""Field-level rules of the API: for every writable operation (POST/PUT/PATCH of the schema), which fields the actor
who may call it may write (``boleh``: exactly the operation's request body, so a new field must be declared here),
and which fields he may NOT write (``terlarang``: a rating, a decision, a status, an approval, the source of a
realisation, the owner of a row...), each with a forged value. The test sends the operation's minimal valid body
(``tests.akses_matrix``'s, or the row's own) plus every forbidden field, as that actor, inside a savepoint that is
rolled back, and requires either a refusal (4xx) or that no forged value landed: the object of the path (or the row
the operation created) still holds its value, not the forged one. A writable operation with no row fails the test.

The world is ``tests.akses_uji.bangun_dunia``'s (the pegawai's SKP, evaluations, objection, registration...); the
operation-level rules (who may call it at all) are the matrix's, ``tests/test_akses_matrix_api.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.test import Client

from indikator.models import Skp
from tests import akses_matrix as m
from tests.akses_uji import AKTOR, Dunia, api_operations, isi_parameter

# --- the table ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Medan:
    aktor: str  # the actor who may call the operation (the matrix says ok)
    boleh: str  # the fields he may write, space-separated: the request body of the schema
    terlarang: dict[str, Any] = field(default_factory=dict)  # field -> forged value (a callable of the world)
    model: str | None = None  # a create: the model ("app.Model") whose new row must not hold a forged value
    body: Callable[[Dunia], dict] | None = None  # else the matrix's body
    alasan: str = ""  # why nothing is forbidden (an empty ``terlarang``)
    lemah: str = ""  # why the bare body cannot succeed in the world (then only a refusal naming the fields proves)
    skp_status: str = ""  # the world's SKP is put in this status first (inside the savepoint): a draft to edit...
    siapkan: Callable[[Dunia], None] | None = None  # a change of the world first (in the savepoint): an event held...
    multipart: bool = False  # a file upload: the body (made anew per request: its files) is sent as multipart


def _pk(nama: str) -> Callable[[Dunia], int]:
    return lambda dunia: dunia.pk(nama)


def _user(aktor: str) -> Callable[[Dunia], int]:
    return lambda dunia: dunia.users[aktor].pk


def _pegawai(aktor: str) -> Callable[[Dunia], int]:
    return lambda dunia: dunia.users[aktor].pegawai.pk


_pegawai_lain = _pegawai("outsider")


#: status and approval fields of an SKP nobody writes through the API (only the workflow actions set them)
SKP_ALUR = {"status": "draft", "disetujui_pada": "2026-01-01T00:00:00Z", "disetujui_oleh": _user("pegawai")}
#: the penilai's side of an evaluation, forged by whoever else writes to it
EVALUASI_PENILAI = {
    "status": "final",
    "predikat": "sangat_baik",
    "rating_hasil_kerja": "di_atas",
    "rating_perilaku": "di_atas",
    "difinalkan_pada": "2026-01-01T00:00:00Z",
}
#: the atasan penilai's decision on an objection
KEPUTUSAN_KEBERATAN = {"keputusan": "diterima", "alasan_keputusan": "Palsu.", "status": "diputuskan"}


def _unit_lain(dunia: Dunia) -> int:
    """A unit none of the rows' actors may write to: the outsider's dinas."""
    return dunia.users["outsider"].pegawai.unit_id


def _forum_dimulai(dunia: Dunia) -> None:
    """The world's forum (next week) began an hour ago: its minutes and aspirations may be recorded."""
    import datetime as dt

    from django.utils import timezone

    from partisipasi.models import Forum

    Forum.objects.filter(pk=dunia.pk("forum")).update(mulai=timezone.now() - dt.timedelta(hours=1))


def _siap_ditetapkan(dunia: Dunia) -> None:
    """The unit's annual organisation predikat is set and its calibration session locked: the year may be finalised
    (the world's annual evaluation is final)."""
    from django.utils import timezone

    from penilaian.models import PredikatUnit, SesiKalibrasi

    PredikatUnit.objects.create(
        unit=dunia.objek["unit"], periode=dunia.objek["periode"], periode_ke=None, predikat="baik",
        ditetapkan_oleh=dunia.users["admin_unit"],
    )  # fmt: skip
    SesiKalibrasi.objects.filter(pk=dunia.pk("sesi_kalibrasi")).update(
        status=SesiKalibrasi.Status.TERKUNCI, dikunci_pada=timezone.now(), dikunci_oleh=dunia.users["penilai"]
    )


def _kegiatan_lalu(dunia: Dunia, *, belum_selesai: bool = False) -> None:
    """The world's event (3-5 August) was held last week, 8-10 July: its attendance may be recorded; with
    ``belum_selesai`` the pegawai's registration is not completed yet (so that it may be)."""
    import datetime as dt

    from pelatihan.models import Kegiatan, Peserta

    Kegiatan.objects.filter(pk=dunia.pk("kegiatan")).update(
        pendaftaran_mulai=dt.date(2026, 7, 1),
        pendaftaran_selesai=dt.date(2026, 7, 5),
        tanggal_mulai=dt.date(2026, 7, 8),
        tanggal_selesai=dt.date(2026, 7, 10),
    )
    if belum_selesai:
        Peserta.objects.filter(pk=dunia.pk("peserta")).update(
            selesai=False, selesai_pada=None, jp=0, tahun_jp=None, kode_verifikasi=None
        )


def _tanpa_pendaftaran(dunia: Dunia) -> None:
    """The pegawai's registration to the world's event is removed: his penilai may nominate him."""
    from pelatihan.models import Kegiatan, Peserta

    Peserta.objects.filter(pk=dunia.pk("peserta")).delete()
    Kegiatan.objects.filter(pk=dunia.pk("kegiatan")).update(jumlah_terdaftar=0)


def _pdf(dunia: Dunia) -> Any:
    """A fresh small valid PDF upload (an upload is read once)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.indikator.factories import pdf_bytes

    return SimpleUploadedFile("bukti.pdf", pdf_bytes(), content_type="application/pdf")


def _xlsx_iku(dunia: Dunia) -> Any:
    """A fresh small workbook of one unit indicator, in the import's columns."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    from indikator import services as indikator_services

    wb = Workbook()
    ws = wb.active
    ws.append(list(indikator_services.KOLOM_IMPOR_INDIKATOR_UNIT))
    ws.append(["iku", "Pelayanan cepat", "Indeks kepuasan masyarakat", "%", "naik", 90, ""])
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("iku.xlsx", out.getvalue())


def _pengaduan_selesai(dunia: Dunia) -> None:
    """The world's complaint was finished an hour ago: it may be rated or reopened."""
    import datetime as dt

    from django.utils import timezone

    from partisipasi.models import Pengaduan

    Pengaduan.objects.filter(pk=dunia.pk("pengaduan")).update(
        status="selesai", selesai_pada=timezone.now() - dt.timedelta(hours=1)
    )


def _beri_peran_pengaduan(peran: str) -> Callable[[Dunia], None]:
    """The admin BKD is given ``peran`` (petugas, integrasi) on the complaint's handling unit, the kelurahan."""

    def siapkan(dunia: Dunia) -> None:
        from partisipasi.models import Pengaduan, PetugasPengaduan

        unit_id = Pengaduan.objects.get(pk=dunia.pk("pengaduan")).unit_penanganan_id or dunia.pk("kelurahan")
        PetugasPengaduan.objects.create(user=dunia.users["admin_bkd"], unit_id=unit_id, peran=peran)

    return siapkan


def _petugas_dan_pengaduan_kedua(dunia: Dunia) -> None:
    """The admin BKD is the kelurahan's complaint officer, and a second complaint of the kelurahan is filed (the
    world's one may be merged into it)."""
    from tests.partisipasi.factories import pengaduan_baru

    _beri_peran_pengaduan("petugas")(dunia)
    dunia.objek["pengaduan_kedua"] = pengaduan_baru(dunia.objek["kelurahan"])


def _tanpa_ikatan_iki(dunia: Dunia) -> None:
    """The world's IKI is no longer bound to the kelurahan: it may be bound again."""
    from partisipasi.models import IkiTerhitung

    IkiTerhitung.objects.filter(pk=dunia.pk("iki_terhitung")).delete()


def _pendaftaran_belum_selesai(dunia: Dunia) -> None:
    """The pegawai's registration to the (future) event is not completed: he may cancel it."""
    from pelatihan.models import Peserta

    Peserta.objects.filter(pk=dunia.pk("peserta")).update(
        selesai=False, selesai_pada=None, jp=0, tahun_jp=None, kode_verifikasi=None
    )


def _pegawai_tanpa_akun(dunia: Dunia) -> None:
    """The world's pegawai has no account (yet): one may be made for him."""
    from kepegawaian.models import Pegawai

    Pegawai.objects.filter(pk=dunia.pk("pegawai")).update(user=None)


def _periode_berikut(dunia: Dunia) -> None:
    """Next year's period: the pegawai has no SKP of it yet."""
    from tests.indikator.factories import PeriodeFactory

    dunia.objek["periode_berikut"] = PeriodeFactory(tahun=dunia.objek["periode"].tahun + 1)


def _skp_penilai(dunia: Dunia) -> None:
    """The penilai drafts his own SKP of the world's period (an RHK he may cascade to the pegawai)."""
    from tests.indikator.factories import skp_draft

    skp = skp_draft(dunia.users["penilai"].pegawai, dunia.objek["periode"])
    dunia.objek["rhk_penilai"] = skp.rhk.get()


MEDAN: dict[str, Medan] = {
    # --- indikator ----------------------------------------------------------------------------------------------
    "POST /api/v1/bukti-dukung/": Medan(
        "pegawai",
        "berkas realisasi url",
        {"sha256": "0" * 64, "ukuran": 1, "diunggah_oleh": _user("penilai")},
        model="indikator.BuktiDukung",
        multipart=True,
        body=lambda dunia: {"realisasi": dunia.pk("realisasi"), "berkas": _pdf(dunia)},
    ),
    "POST /api/v1/iki/": Medan(
        "pegawai",
        "arah aspek batas_atas_realisasi batas_bawah_realisasi rhk satuan target target_atas target_bentuk uraian "
        "versi",
        {"berlaku_sejak": 9, "asal": "kaskade"},
        model="indikator.Iki",
        skp_status="draft",
        body=lambda dunia: {
            "versi": dunia.objek["skp"].versi,
            "rhk": dunia.pk("rhk"),
            "uraian": "IKI uji",
            "satuan": "%",
            "target": "90",
            "aspek": "kuantitas",
            "arah": "naik",
            "target_bentuk": "angka",
        },
    ),
    "PATCH /api/v1/iki/{id}/": Medan(
        "pegawai",
        "arah aspek batas_atas_realisasi batas_bawah_realisasi satuan target target_atas target_bentuk uraian versi",
        {"urutan": 99, "berlaku_sejak": 9, "asal": "kaskade"},
        skp_status="draft",
        body=lambda dunia: {"versi": dunia.objek["skp"].versi, "uraian": "IKI uji diubah"},
    ),
    "POST /api/v1/indikator-unit/": Medan(
        "admin_unit",
        "arah indikator jenis periode perspektif sasaran_strategis satuan target unit",
        {"urutan": 99},
        model="indikator.IndikatorUnit",
        body=lambda dunia: {
            "unit": dunia.objek["unit"].pk,
            "periode": dunia.pk("periode"),
            "jenis": "iku",
            "sasaran_strategis": "Layanan prima.",
            "indikator": "Indeks kepuasan",
            "satuan": "indeks",
            "target": "90",
            "arah": "naik",
        },
    ),
    "POST /api/v1/indikator-unit/impor/": Medan(
        "admin_unit",
        "berkas periode unit",
        {"jenis": "pk", "urutan": 99},
        model="indikator.IndikatorUnit",
        multipart=True,
        body=lambda dunia: {"unit": dunia.objek["unit"].pk, "periode": dunia.pk("periode"), "berkas": _xlsx_iku(dunia)},
    ),
    "POST /api/v1/kaskade/": Medan(
        "penilai",
        "bawahan iki jenis rhk uraian",
        {"asal": "manual", "status_tautan": "putus"},
        model="indikator.Rhk",
        skp_status="draft",
        siapkan=_skp_penilai,
        body=lambda dunia: {
            "rhk": dunia.pk("rhk_penilai"),
            "bawahan": [dunia.pk("pegawai")],
            "uraian": "RHK turunan uji",
            "iki": [{"uraian": "IKI turunan", "satuan": "%", "target": "90"}],
        },
    ),
    "POST /api/v1/pembukaan-kembali/": Medan(
        "admin_bkd",
        "alasan berlaku_sampai pegawai periode periode_ke",
        {"dibuat_oleh": _user("pegawai")},
        model="indikator.PembukaanKembali",
        body=lambda dunia: {
            "periode": dunia.pk("periode"),
            "pegawai": dunia.pk("pegawai"),
            "periode_ke": 1,
            "berlaku_sampai": "2026-07-30",
            "alasan": "Uji.",
        },
    ),
    "POST /api/v1/periode/": Medan(
        "admin_bkd",
        "batas_evaluasi_tahunan batas_penyusunan_skp hari_batas_realisasi periodisitas tahun",
        {"status": "ditutup"},
        model="indikator.PeriodePenilaian",
        body=lambda dunia: {
            "tahun": 2031,
            "periodisitas": "triwulan",
            "batas_penyusunan_skp": "2031-01-31",
            "batas_evaluasi_tahunan": "2032-01-31",
            "hari_batas_realisasi": 10,
        },
    ),
    "POST /api/v1/periode/{id}/buka/": Medan("admin_bkd", "", {"tahun": 1999}),
    "POST /api/v1/periode/{id}/tutup/": Medan("admin_bkd", "", {"tahun": 1999}),
    # a pegawai logs his own number: the source "terhitung" (computed from complaints) is set by the system only
    "POST /api/v1/realisasi/": Medan(
        "pegawai",
        "berkas iki narasi nilai periode_ke url",
        {"sumber": "terhitung", "diubah_oleh": _user("penilai"), "versi": 99},
        model="indikator.Realisasi",
        body=lambda dunia: {"iki": dunia.pk("iki"), "periode_ke": 2, "nilai": "5", "narasi": "Uji."},
    ),
    "PATCH /api/v1/realisasi/{id}/": Medan(
        "pegawai",
        "narasi nilai versi",
        {"sumber": "terhitung", "periode_ke": 1, "diubah_oleh": _user("penilai")},
        body=lambda dunia: {"versi": dunia.objek["realisasi"].versi, "nilai": "7", "narasi": "Uji."},
    ),
    "POST /api/v1/rhk/": Medan(
        "pegawai",
        "indikator_unit jenis perspektif rhk_atasan skp uraian versi",
        {"status_tautan": "putus", "asal": "kaskade", "rhk_atasan_uraian": "Palsu."},
        model="indikator.Rhk",
        skp_status="draft",
        body=lambda dunia: {
            "versi": dunia.objek["skp"].versi,
            "skp": dunia.pk("skp"),
            "uraian": "RHK uji",
            "jenis": "utama",
        },
    ),
    "PATCH /api/v1/rhk/{id}/": Medan(
        "pegawai",
        "indikator_unit jenis perspektif rhk_atasan skp uraian versi",
        {"status_tautan": "putus", "asal": "kaskade", "rhk_atasan_uraian": "Palsu."},
        skp_status="draft",
        body=lambda dunia: {"versi": dunia.objek["skp"].versi, "uraian": "RHK uji diubah"},
    ),
    "POST /api/v1/skp/": Medan(
        "pegawai",
        "periode salin_tahun_lalu",
        {**SKP_ALUR, "status": "disetujui", "pegawai": _pegawai_lain, "penilai": _pegawai("penilai")},
        model="indikator.Skp",
        siapkan=_periode_berikut,
        body=lambda dunia: {"periode": dunia.pk("periode_berikut")},
    ),
    # the lampiran only: an approval (status, who, when) or the owner cannot be patched in
    "PATCH /api/v1/skp/{id}/": Medan(
        "pegawai",
        "dukungan_sumber_daya konsekuensi skema_pertanggungjawaban versi",
        {**SKP_ALUR, "pegawai": _pegawai_lain, "penilai": _pegawai("atasan"), "penilai_nama": "Palsu"},
        skp_status="draft",
        body=lambda dunia: {"versi": dunia.objek["skp"].versi, "konsekuensi": "Uji."},
    ),
    "POST /api/v1/skp/{id}/ajukan/": Medan("pegawai", "versi", {**SKP_ALUR, "status": "disetujui"}, skp_status="draft"),
    "POST /api/v1/skp/{id}/dialog/": Medan(
        "penilai",
        "catatan hasil tanggal",
        {"penilai": _pegawai("atasan"), "dicatat_oleh": _user("pegawai")},
        model="indikator.DialogKinerja",
        body=lambda dunia: {"tanggal": "2026-07-01", "catatan": "Dialog uji.", "hasil": "Sepakat."},
    ),
    "POST /api/v1/skp/{id}/ekspektasi/": Medan(
        "penilai",
        "ekspektasi_khusus nilai versi",
        {"skp": 0},
        body=lambda dunia: {
            "versi": dunia.objek["skp"].versi,
            "nilai": "akuntabel",
            "ekspektasi_khusus": "Tepat waktu.",
        },
        skp_status="draft",
    ),
    "POST /api/v1/skp/{id}/kembalikan/": Medan(
        "penilai",
        "alasan versi",
        {"status": "disetujui"},
        skp_status="diajukan",
        body=lambda dunia: {"versi": dunia.objek["skp"].versi, "alasan": "Perbaiki target."},
    ),
    "POST /api/v1/skp/{id}/revisi/": Medan("pegawai", "versi", {"status": "disetujui", "revisi": 9}),
    "POST /api/v1/skp/{id}/setujui/": Medan(
        "penilai",
        "versi",
        {"penilai_nama": "Palsu", "pegawai_nama": "Palsu", "revisi": 9},
        skp_status="diajukan",
    ),
    "POST /api/v1/umpan-balik/": Medan(
        "penilai",
        "iki periode_ke teks",
        {"penulis": _user("pegawai"), "penulis_nama": "Palsu"},
        model="indikator.UmpanBalik",
        body=lambda dunia: {"iki": dunia.pk("iki"), "periode_ke": 3, "teks": "Bagus."},
    ),
    "POST /api/v1/umpan-balik/{id}/balas/": Medan(
        "pegawai",
        "teks",
        {"penulis": _user("penilai"), "penulis_nama": "Palsu"},
        model="indikator.UmpanBalik",
        body=lambda dunia: {"teks": "Terima kasih."},
    ),
    # --- kepegawaian ---------------------------------------------------------------------------------------------
    "POST /api/v1/pegawai/": Medan(
        "admin_unit",
        "aktif atasan email golongan jabatan nama nip status unit",
        {"user": _user("pegawai"), "jalur": "impor"},
        model="kepegawaian.Pegawai",
        body=lambda dunia: {
            "nip": "199001012020121001",
            "nama": "Pegawai Baru",
            "golongan": "III/a",
            "status": "pns",
            "jabatan": dunia.pk("jabatan"),
            "unit": dunia.pk("unit"),
        },
    ),
    "PATCH /api/v1/pegawai/{id}/": Medan(
        "admin_unit", "aktif atasan email golongan jabatan nama nip status unit", {"user": 0, "jalur": "impor"}
    ),
    "POST /api/v1/pegawai/{id}/akun/": Medan(
        "admin_unit",
        "password username",
        {"is_superuser": True, "is_staff": True},
        model="kepegawaian.User",
        siapkan=_pegawai_tanpa_akun,
        body=lambda dunia: {"username": "akun.medan", "password": "Kata-Sandi-Uji-2026!"},
    ),
    "POST /api/v1/peran-admin/": Medan(
        "admin_bkd",
        "peran unit_kode username",
        {"diberikan_pada": "2000-01-01T00:00:00Z"},
        model="kepegawaian.PeranAdmin",
        body=lambda dunia: {"username": "outsider", "peran": "admin_unit", "unit_kode": dunia.objek["unit"].kode},
    ),
    "POST /api/v1/token/": Medan("anonim", "kode_otp password username", {}, alasan="signs in: writes no row's field"),
    "POST /api/v1/token/ganti/": Medan("pegawai", "", {}, alasan="replaces the caller's own token: no field"),
    "POST /api/v1/unit-kerja/": Medan(
        "admin_bkd",
        "induk jenis kode nama",
        {"path": "9999", "depth": 9, "numchild": 9},
        model="kepegawaian.UnitKerja",
        body=lambda dunia: {"kode": "UJI-MEDAN", "nama": "Seksi Uji", "jenis": "seksi", "induk": dunia.pk("unit")},
    ),
    "PATCH /api/v1/unit-kerja/{id}/": Medan(
        "admin_unit", "aktif induk jenis nama", {"kode": "PALSU", "path": "9999", "depth": 9}
    ),
    # --- penilaian -----------------------------------------------------------------------------------------------
    "POST /api/v1/evaluasi/": Medan(
        "penilai",
        "pegawai periode periode_ke",
        {**EVALUASI_PENILAI, "penilai": _pegawai("atasan")},
        model="penilaian.Evaluasi",
    ),
    "POST /api/v1/evaluasi/{id}/baca/": Medan("pegawai", "", {"status": "draft", "predikat": "sangat_baik"}),
    "POST /api/v1/evaluasi/{id}/finalkan/": Medan(
        "penilai", "versi", {"predikat": "sangat_kurang", "mandiri_hasil_kerja": "di_bawah"}
    ),
    # an objection: the pegawai's reason, never the decision
    "POST /api/v1/evaluasi/{id}/keberatan/": Medan("pegawai", "alasan bukti_tautan", KEPUTUSAN_KEBERATAN),
    # the pegawai's self-assessment: never the penilai's ratings
    "POST /api/v1/evaluasi/{id}/mandiri/": Medan("pegawai", "catatan hasil_kerja perilaku versi", EVALUASI_PENILAI),
    "POST /api/v1/evaluasi/{id}/nilai/": Medan(
        "penilai",
        "alasan_beda_saran area_pengembangan catatan catatan_pengembangan rating_hasil_kerja rating_nilai "
        "rating_perilaku umpan_balik_iki umpan_balik_perilaku versi",
        {
            "status": "final",
            "predikat": "sangat_baik",
            "mandiri_hasil_kerja": "di_bawah",
            "penilai": _pegawai("atasan"),
        },
    ),
    # the penilai answers an objection: the decision is the atasan penilai's
    "POST /api/v1/keberatan/{id}/tanggapan/": Medan("penilai", "tanggapan", KEPUTUSAN_KEBERATAN),
    # the unit's organisation predikat: who set it and when are the system's, the unit and period the path's
    "POST /api/v1/unit-penilaian/{id}/predikat/": Medan(
        "admin_unit",
        "catatan periode_ke predikat",
        {"ditetapkan_oleh": _user("pegawai"), "ditetapkan_pada": "2000-01-01T00:00:00Z", "unit": _unit_lain},
        model="penilaian.PredikatUnit",
    ),
    # the year's penetapan: the spread, its verdict and the signatory are computed, never sent
    "POST /api/v1/unit-penilaian/{id}/tetapkan/": Medan(
        "admin_unit",
        "justifikasi",
        {
            "predikat_organisasi": "istimewa",
            "jumlah": {"istimewa": 99},
            "penandatangan_nama": "Palsu",
            "ditetapkan_oleh": _user("pegawai"),
            "unit": _unit_lain,
        },
        model="penilaian.PenetapanDistribusi",
        siapkan=_siap_ditetapkan,
    ),
    "POST /api/v1/keberatan/{id}/keputusan/": Medan(
        "atasan",
        "alasan_keputusan keputusan rating_hasil_kerja rating_perilaku",
        {"tanggapan_penilai": "Palsu.", "alasan": "Palsu.", "diputuskan_oleh": _user("pegawai")},
    ),
    # --- pelatihan -----------------------------------------------------------------------------------------------
    "POST /api/v1/pelatihan/kegiatan/{id}/daftar/": Medan(
        "penilai",
        "daftar_tunggu",
        {"status": "selesai", "jp": 99, "selesai": True, "kode_verifikasi": "PALSU"},
        model="pelatihan.Peserta",
    ),
    "POST /api/v1/pelatihan/kegiatan/{id}/ulasan/": Medan(
        "pegawai", "komentar nilai", {"peserta": 0}, model="pelatihan.UlasanKegiatan"
    ),
    "POST /api/v1/pelatihan/peserta/{id}/batal/": Medan(
        "pegawai",
        "",
        {"jp": 99, "selesai": True},
        siapkan=_pendaftaran_belum_selesai,
    ),
    # the catalogue and the events: who made them, the form (from the kind), the seats taken and the status are the
    # system's (a new owner on a PATCH is refused by name: tests/pelatihan/test_api_tulis.py; here the rest is ignored)
    "POST /api/v1/pelatihan/program/": Medan(
        "admin_unit",
        "bidang deskripsi jenis jp judul kompetensi nama_penyelenggara penyelenggara target_jabatan target_unit "
        "unit_pemilik",
        {"dibuat_oleh": _user("pegawai"), "bentuk": "non_klasikal", "dibuat": "2000-01-01T00:00:00Z"},
        model="pelatihan.Program",
    ),
    "PATCH /api/v1/pelatihan/program/{id}/": Medan(
        "admin_unit",
        "aktif bidang deskripsi jenis jp judul kompetensi nama_penyelenggara penyelenggara target_jabatan target_unit",
        {"dibuat_oleh": _user("pegawai"), "bentuk": "non_klasikal", "dibuat": "2000-01-01T00:00:00Z"},
    ),
    "POST /api/v1/pelatihan/kegiatan/": Medan(
        "admin_unit",
        "kuota moda nama pendaftaran_mulai pendaftaran_selesai program tanggal_mulai tanggal_selesai tautan tempat "
        "unit_penyelenggara",
        {"jumlah_terdaftar": 99, "status": "dibatalkan", "dibuat_oleh": _user("pegawai")},
        model="pelatihan.Kegiatan",
    ),
    "PATCH /api/v1/pelatihan/kegiatan/{id}/": Medan(
        "admin_unit",
        "kuota moda nama pendaftaran_mulai pendaftaran_selesai tanggal_mulai tanggal_selesai tautan tempat",
        {"jumlah_terdaftar": 99, "status": "dibatalkan", "dibuat_oleh": _user("pegawai")},
    ),
    # attendance and completion: the event's schedule and seats are not theirs (the forged JP and certificate code
    # are the registration's, which the test does not read back: only the event, the path's object, is checked)
    "POST /api/v1/pelatihan/kegiatan/{id}/kehadiran/": Medan(
        "admin_unit",
        "hadir tanggal",
        {"jumlah_terdaftar": 99, "status": "dibatalkan", "kuota": 1},
        model="pelatihan.Kehadiran",
        siapkan=_kegiatan_lalu,
        body=lambda dunia: {"tanggal": "2026-07-09", "hadir": [dunia.pk("peserta")]},
    ),
    "POST /api/v1/pelatihan/kegiatan/{id}/kelulusan/": Medan(
        "admin_unit",
        "peserta",
        {"jumlah_terdaftar": 99, "status": "dibatalkan", "jp": 99, "kode_verifikasi": "PALSU"},
        siapkan=lambda dunia: _kegiatan_lalu(dunia, belum_selesai=True),
    ),
    # a nomination: the registration's outcome (JP, completion, certificate) and its way are the system's
    "POST /api/v1/pelatihan/kegiatan/{id}/nominasi/": Medan(
        "penilai",
        "daftar_tunggu pegawai",
        {
            "cara": "mandiri",
            "didaftarkan_oleh": _user("pegawai"),
            "jp": 99,
            "selesai": True,
            "kode_verifikasi": "PALSU",
        },
        model="pelatihan.Peserta",
        siapkan=_tanpa_pendaftaran,
    ),
    # external training: whose it is, its ledger year, the file's checked type and hash, and the decision are the
    # system's (the submission); the decision's outcome and the JP are not the penilai's to write (the decisions)
    "POST /api/v1/pelatihan/eksternal/": Medan(
        "pegawai",
        "berkas bidang jenis jp judul penyelenggara tanggal_mulai tanggal_selesai",
        {
            "pegawai": _pegawai_lain,
            "status": "disetujui",
            "tahun_jp": 1999,
            "sha256": "0" * 64,
            "tipe": "text/html",
            "diputuskan_oleh": _user("penilai"),
        },
        model="pelatihan.PelatihanEksternal",
        multipart=True,
        body=lambda dunia: {
            "judul": "Kursus daring medan",
            "jenis": "e_learning",
            "bidang": "teknis",
            "penyelenggara": "Universitas Terbuka",
            "tanggal_mulai": "2025-03-03",
            "tanggal_selesai": "2025-03-04",
            "jp": 6,
            "berkas": _pdf(dunia),
        },
    ),
    "POST /api/v1/pelatihan/eksternal/{id}/setujui/": Medan(
        "penilai", "catatan", {"status": "ditolak", "jp": 99, "tahun_jp": 1999, "pegawai": _pegawai_lain}
    ),
    "POST /api/v1/pelatihan/eksternal/{id}/tolak/": Medan(
        "penilai",
        "catatan",
        {"status": "disetujui", "jp": 99, "tahun_jp": 1999, "pegawai": _pegawai_lain},
        body=lambda dunia: {"catatan": "Sertifikat tidak terbaca."},
    ),
    # --- partisipasi ---------------------------------------------------------------------------------------------
    "POST /api/v1/partisipasi/iki-terhitung/": Medan(
        "pegawai",
        "iki ukuran unit",
        {"dibuat_oleh": _user("admin_bkd"), "dihitung_pada": "2000-01-01T00:00:00Z"},
        model="partisipasi.IkiTerhitung",
        siapkan=_tanpa_ikatan_iki,
        body=lambda dunia: {"iki": dunia.pk("iki"), "unit": dunia.pk("kelurahan"), "ukuran": "median"},
    ),
    "POST /api/v1/partisipasi/iki-terhitung/{id}/hitung/": Medan("pegawai", "", {"ukuran": "jumlah"}),
    "POST /api/v1/partisipasi/lacak/{kode}/buka/": Medan(
        "anonim",
        "alasan",
        {"status": "ditolak", "rating": 1, "unit_penanganan": 0},
        siapkan=_pengaduan_selesai,
        body=lambda dunia: {"alasan": "Jalan masih berlubang."},
    ),
    "POST /api/v1/partisipasi/lacak/{kode}/ulasan/": Medan(
        "anonim",
        "komentar rating",
        {"status": "ditolak", "disembunyikan": True, "jumlah_dukungan": 999},
        siapkan=_pengaduan_selesai,
        body=lambda dunia: {"rating": 4, "komentar": "Cepat."},
    ),
    # a citizen files a complaint: its status, channel, handling unit and deadlines are the system's
    "POST /api/v1/partisipasi/pengaduan/": Medan(
        "anonim",
        "deskripsi foto kategori kelurahan kontak_pelapor nama_pelapor publik rw simpan_lokasi situs",
        {"status": "selesai", "kanal": "petugas", "rating": 5, "jumlah_dukungan": 999, "disembunyikan": True},
        model="partisipasi.Pengaduan",
        body=lambda dunia: {
            "kategori": dunia.objek["pengaduan"].kategori_id,
            "kelurahan": dunia.pk("kelurahan"),
            "rw": "01",
            "deskripsi": "Jalan berlubang di depan sekolah.",
        },
    ),
    "POST /api/v1/partisipasi/pengaduan/{id}/dukung/": Medan(
        "anonim", "", {"jumlah_dukungan": 999, "status": "selesai"}
    ),
    "POST /api/v1/partisipasi/peran-petugas/": Medan(
        "admin_unit", "peran unit username", {"diberikan_oleh": _user("pegawai")}, model="partisipasi.PetugasPengaduan"
    ),
    "POST /api/v1/partisipasi/petugas/pengaduan/{id}/gabung/": Medan(
        "admin_bkd",
        "utama",
        {"status": "selesai", "rating": 5},
        siapkan=_petugas_dan_pengaduan_kedua,
        body=lambda dunia: {"utama": dunia.pk("pengaduan_kedua")},
    ),
    "POST /api/v1/partisipasi/petugas/pengaduan/{id}/sembunyi/": Medan(
        "admin_bkd", "alasan tersembunyi", {"status": "selesai", "disembunyikan_oleh": _user("pegawai")}
    ),
    "POST /api/v1/partisipasi/petugas/pengaduan/{id}/status/": Medan(
        "admin_bkd",
        "alasan ke unit_tujuan versi",
        {"rating": 5, "selesai_pada": "2000-01-01T00:00:00Z"},
        siapkan=_beri_peran_pengaduan("petugas"),
        body=lambda dunia: {
            "ke": "proses",
            "versi": type(dunia.objek["pengaduan"]).objects.get(pk=dunia.pk("pengaduan")).versi,
        },
    ),
    "POST /api/v1/partisipasi/petugas/pengaduan/{id}/tanggapan/": Medan(
        "admin_bkd",
        "teks",
        {"status": "selesai", "rating": 5},
        siapkan=_beri_peran_pengaduan("petugas"),
        body=lambda dunia: {"teks": "Sedang kami tangani."},
    ),
    "POST /api/v1/partisipasi/integrasi/pengaduan/": Medan(
        "admin_bkd",
        "pengaduan",
        {"status": "selesai", "kanal": "web", "rating": 5, "disembunyikan": True},
        model="partisipasi.Pengaduan",
        siapkan=_beri_peran_pengaduan("integrasi"),
        body=lambda dunia: {
            "pengaduan": [
                {
                    "id_eksternal": "CRM-MEDAN-1",
                    "dibuat": "2026-07-01T09:00:00",
                    "kategori": dunia.objek["pengaduan"].kategori.kode,
                    "kelurahan": dunia.objek["kelurahan"].kode,
                    "rw": "01",
                    "deskripsi": "Lampu jalan mati.",
                }
            ]
        },
    ),
    # a citizen registers to attend: the forum's count and his client key are the system's
    "POST /api/v1/partisipasi/forum/{id}/hadir/": Medan(
        "anonim",
        "nama situs",
        {"jumlah_hadir": 999, "klien": "palsu", "notulen": "Palsu.", "topik": "Palsu"},
        model="partisipasi.KehadiranForum",
    ),
    # an officer schedules a forum: who made it, its attendance and minutes are not set here
    "POST /api/v1/partisipasi/petugas/forum/": Medan(
        "penilai",
        "jenis kelurahan mulai rw selesai tempat topik",
        {
            "dibuat_oleh": _user("pegawai"),
            "jumlah_hadir": 999,
            "notulen": "Palsu.",
            "notulen_pada": "2000-01-01T00:00Z",
        },
        model="partisipasi.Forum",
    ),
    "POST /api/v1/partisipasi/petugas/forum/{id}/notulen/": Medan(
        "penilai",
        "notulen",
        {"jumlah_hadir": 999, "kelurahan": _unit_lain, "dibuat_oleh": _user("pegawai"), "topik": "Palsu"},
        siapkan=_forum_dimulai,
    ),
    # an aspiration starts "diterima" at 0 %: its status and progress are the follow-ups'
    "POST /api/v1/partisipasi/petugas/forum/{id}/aspirasi/": Medan(
        "penilai",
        "kategori rw unit uraian",
        {"status": "selesai", "progres": 90, "alasan": "Palsu.", "diubah": "2000-01-01T00:00:00Z"},
        model="partisipasi.Aspirasi",
        siapkan=_forum_dimulai,
    ),
    # a follow-up: the aspiration itself (what was asked, where, by whom it is handled) is not rewritten
    "POST /api/v1/partisipasi/petugas/aspirasi/{id}/tindak-lanjut/": Medan(
        "penilai",
        "alasan progres status teks",
        {"uraian": "Palsu.", "rw": "09", "unit_penanggung_jawab": _unit_lain, "oleh": _user("pegawai")},
        model="partisipasi.PembaruanAspirasi",
    ),
    # --- laporan -------------------------------------------------------------------------------------------------
    # a citizen's question waits for moderation: he cannot approve or answer it himself
    "POST /api/v1/publik/laporan/{id}/pertanyaan/": Medan(
        "anonim",
        "isi nama situs",
        {
            "status": "tampil",
            "jawaban": "Palsu.",
            "dijawab_oleh": _user("admin_unit"),
            "dimoderasi_oleh": _user("admin_unit"),
            "dimoderasi_pada": "2000-01-01T00:00:00Z",
        },
        model="laporan.PertanyaanLaporan",
        body=lambda dunia: {"isi": "Mengapa target naik?"},
    ),
    # the moderator approves, hides or answers: the citizen's words stay his, the moderator is the one signed in
    "POST /api/v1/laporan/pertanyaan/{id}/setujui/": Medan(
        "admin_unit", "", {"isi": "Palsu.", "nama": "Palsu", "jawaban": "Palsu.", "dimoderasi_oleh": _user("pegawai")}
    ),
    "POST /api/v1/laporan/pertanyaan/{id}/sembunyikan/": Medan(
        "admin_unit",
        "alasan",
        {"isi": "Palsu.", "nama": "Palsu", "status": "tampil", "dimoderasi_oleh": _user("pegawai")},
    ),
    "POST /api/v1/laporan/pertanyaan/{id}/jawab/": Medan(
        "admin_unit",
        "jawaban",
        {"isi": "Palsu.", "nama": "Palsu", "status": "tampil", "dijawab_oleh": _user("pegawai")},
    ),
}

#: operations whose model row is named by the path's object in the matrix (``objek=``) but lives elsewhere
OBJEK_MODEL = {"kode": "pengaduan"}


# --- the machinery -------------------------------------------------------------------------------------------------

TULIS = ("POST", "PUT", "PATCH")
DUMP = bool(__import__("os").environ.get("AKSES_MEDAN_DUMP"))  # prints each refusal beside the bare body's answer


def _writable_operations() -> dict[str, set[str]]:
    """Each writable operation of the schema with the properties of its request body."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    comps = schema["components"]["schemas"]
    hasil = {}
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            if method.upper() not in TULIS:
                continue
            fields: set[str] = set()
            for content in op.get("requestBody", {}).get("content", {}).values():
                ref = content.get("schema", {}).get("$ref")
                if ref:
                    fields |= set(comps[ref.rsplit("/", 1)[-1]].get("properties", {}))
            hasil[f"{method.upper()} {path}"] = fields
    return hasil


def test_every_writable_operation_has_a_row_that_names_its_fields():
    ops = _writable_operations()
    assert len(ops) > 40
    tanpa = sorted(set(ops) - set(MEDAN))
    assert not tanpa, f"writable operations without a row in MEDAN: {tanpa}"
    basi = sorted(set(MEDAN) - set(ops))
    assert not basi, f"rows of MEDAN with no operation: {basi}"
    beda = [
        f"{key}: the body takes {sorted(ops[key])}, the row says {sorted(row.boleh.split())}"
        for key, row in MEDAN.items()
        if set(row.boleh.split()) != ops[key]
    ]
    assert not beda, "\n".join(beda)
    for key, row in MEDAN.items():
        assert row.aktor in AKTOR, key
        assert row.terlarang or row.alasan, f"{key}: forbid something, or say why nothing"
        bentrok = set(row.terlarang) & set(row.boleh.split())
        assert not bentrok, f"{key}: {bentrok} both allowed and forbidden"


def _nilai(obj: models.Model, nama: str):
    """The value of ``nama`` on ``obj`` (an FK by its id), or a marker when the model has no such field."""
    try:
        f = obj._meta.get_field(nama)
    except Exception:  # noqa: BLE001 -- FieldDoesNotExist: the forged name is no column of this model
        return _TIDAK_ADA
    return getattr(obj, f.attname) if getattr(f, "attname", None) else getattr(obj, nama)


_TIDAK_ADA = object()


def _sama(disimpan, palsu) -> bool:
    if disimpan is _TIDAK_ADA or disimpan is None:
        return False
    return str(disimpan) == str(palsu) or (isinstance(disimpan, bool) and disimpan == palsu)


def _kirim(client: Client, method: str, url: str, body: dict, *, multipart: bool = False):
    if multipart:
        return getattr(client, method.lower())(url, body)
    return getattr(client, method.lower())(url, body, content_type="application/json")


def _klien(sesi: dict, aktor: str) -> Client:
    client = Client()
    if sesi[aktor] is not None:
        for name, morsel in sesi[aktor].items():
            client.cookies[name] = morsel.value
    return client


def _siapkan(row: Medan, dunia: Dunia) -> None:
    if row.skp_status:  # written directly, as the world itself is
        Skp.objects.filter(pk=dunia.pk("skp")).update(status=row.skp_status)
    if row.siapkan:
        row.siapkan(dunia)


def _medan_galat(response) -> set[str]:
    try:
        return set(response.json()["error"].get("fields") or {})
    except (ValueError, KeyError, TypeError, AttributeError):
        return set()


def test_no_actor_writes_a_field_that_is_not_his(dunia_akses, sesi_akses):
    """Per row: the bare body, then the body with the forged fields, each in a savepoint rolled back. Proven when
    the forged request is refused naming the forged fields, or refused while the bare one succeeds, or succeeds
    with no forged value stored. A row whose bare body cannot succeed and whose refusal does not name the fields
    proves nothing: it must say why (``lemah=``)."""
    operasi = {op.key: op for op in api_operations()}
    salah: list[str] = []
    hasil = {"ditolak menurut nama": 0, "ditolak": 0, "diabaikan": 0, "tak terbukti": 0}
    for key, row in MEDAN.items():
        if not row.terlarang:
            continue
        op = operasi[key]
        aturan = m.API[key]
        url = op.path
        params = tuple(re.findall(r"\{(\w+)\}", op.path))
        for name, value in isi_parameter(params, aturan, dunia_akses, m.PARAM_BAWAAN).items():
            url = url.replace("{" + name + "}", str(value))
        badan = row.body or aturan.body or (lambda dunia: {})  # made after ``siapkan``: it may name what it made
        palsu = {k: (v(dunia_akses) if callable(v) else v) for k, v in row.terlarang.items()}
        client = _klien(sesi_akses, row.aktor)
        objek = dunia_akses.objek.get(aturan.objek) if aturan.objek else None
        if objek is None and params:
            objek = dunia_akses.objek.get(OBJEK_MODEL.get(params[0], ""))
        Model = apps.get_model(row.model) if row.model else None  # noqa: N806
        with transaction.atomic():
            _siapkan(row, dunia_akses)
            polos = _kirim(client, op.method, url, badan(dunia_akses), multipart=row.multipart).status_code
            transaction.set_rollback(True)
        with transaction.atomic():
            _siapkan(row, dunia_akses)
            sebelum = Model._default_manager.order_by("-pk").values_list("pk", flat=True).first() if Model else None
            semula = {}
            if objek is not None:
                segar = type(objek)._default_manager.get(pk=objek.pk)
                semula = {nama: _nilai(segar, nama) for nama in palsu}
            response = _kirim(client, op.method, url, {**badan(dunia_akses), **palsu}, multipart=row.multipart)
            status = response.status_code
            if 400 <= status < 500:
                if set(palsu) <= _medan_galat(response):
                    hasil["ditolak menurut nama"] += 1
                elif 200 <= polos < 300:
                    hasil["ditolak"] += 1
                else:
                    hasil["tak terbukti"] += 1
                    if not row.lemah:
                        salah.append(
                            f"{key} as {row.aktor}: refused ({status}) but the bare body fails too ({polos}): give the "
                            "row a valid body= or say why in lemah="
                        )
            elif status >= 300:
                salah.append(f"{key} as {row.aktor}: status {status}")
            else:
                hasil["diabaikan"] += 1
                diperiksa = []  # (row, the values it held before: a value it already had is no forgery)
                if objek is not None:
                    diperiksa.append((type(objek)._default_manager.get(pk=objek.pk), semula))
                if Model is not None:
                    diperiksa += [(obj, {}) for obj in Model._default_manager.filter(pk__gt=sebelum or 0)]
                if not diperiksa:
                    salah.append(f"{key}: a success, but no row to check (give model= or objek=)")
                for obj, lama in diperiksa:
                    for nama, nilai in palsu.items():
                        if _sama(_nilai(obj, nama), nilai) and not _sama(lama.get(nama, _TIDAK_ADA), nilai):
                            salah.append(f"{key} as {row.aktor}: {type(obj).__name__}.{nama} took the forged {nilai!r}")
            transaction.set_rollback(True)
        if DUMP:
            print(f"{key} as {row.aktor}: bare {polos}, forged {status} {response.content[:160]!r}")
    print("field rules: " + ", ".join(f"{n} {k}" for k, n in hasil.items()))
    assert not salah, "\n".join(salah)
