"""THE table of access rules: who may do what on every route and every API operation.

``tests/test_akses_matrix.py`` discovers every URL pattern (resolver) and every API operation (schema) and fails for
one without a rule here. **A new route is declared here** — in ``HTML`` (a page: key ``"namespace:name"``) or ``API``
(an operation: key ``"METHOD /api/v1/path/{id}/"``) — with:

- ``objek``: which object of the pegawai fills its ``{pk}`` / ``{id}`` (see ``tests/akses_uji.bangun_dunia``);
- ``get`` / ``post`` (HTML) or ``get`` (API, the operation's own method): one outcome per actor, in the order of
  ``AKTOR`` = anonim pegawai penilai atasan outsider admin_unit admin_lain admin_bkd::

      anonim      not signed in
      pegawai     the owner of the objects
      penilai     his pejabat penilai (direct atasan)
      atasan      the atasan of the penilai
      outsider    another pegawai, in another unit (IDOR: another person's object -> 404)
      admin_unit  the admin of the pegawai's unit (dinas)
      admin_lain  the admin of another unit (IDOR: another unit's object -> 404)
      admin_bkd   the province-wide admin

  Outcomes: ``ok`` (passed the access check: 2xx, a redirect elsewhere than the login, or 400/409/415 for the empty
  body the matrix sends), ``login`` (302 to the login page), ``401``, ``403``, ``404``, ``405`` (method not offered;
  the HTML ``post`` of a read-only page). ``None`` for ``post``: the page answers POST like GET (no state change).

For state-changing requests only the access outcome is compared: the matrix sends an empty body.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.akses_uji import AKTOR, Dunia


@dataclass(frozen=True)
class Aturan:
    get: str | None
    post: str | None = None
    objek: str | None = None
    params: dict = field(default_factory=dict)
    url: str | None = None  # for an unnamed pattern: the address to ask
    aktor: tuple[str, ...] = AKTOR  # who is asked (all, unless the rule says why not)
    # A minimal valid body, where an empty one would be refused (400) before the access check is reached:
    # ``lambda dunia: {"versi": dunia.objek["skp"].versi}``.
    body: Callable[[Dunia], dict] | None = None


def baca(hasil: str, aktor: tuple[str, ...] = AKTOR) -> dict[str, str]:
    """``"login ok ok ok 404 ok 404 ok"`` -> {actor: outcome}, in the order of AKTOR (or of the rule's ``aktor``)."""
    parts = hasil.split()
    assert len(parts) == len(aktor), f"{hasil!r}: one outcome per actor of {aktor}"
    return dict(zip(aktor, parts, strict=True))


#: path parameters that are the same for every route
PARAM_BAWAAN = {
    "ke": 3,  # triwulan III: open for realisation on HARI_UJI
    "uidb64": "MQ",
    "token": "bukan-token",
    "app_label": "kepegawaian",
    "object_id": "1",
    "content_type_id": "1",
    "url": "x/",
    "id": "1",  # the admin's <id>/password/
    "parent_id": "1",
}


def VERSI_SKP(dunia: Dunia) -> dict:  # noqa: N802 (a constant of the table)
    """The SKP's current version: its actions refuse a missing one (400) before they check the actor."""
    return {"versi": dunia.objek["skp"].versi}


def _versi(nama: str) -> Callable[[Dunia], dict]:
    """A body carrying the current version of the world's object ``nama``."""
    return lambda dunia: {"versi": dunia.objek[nama].versi}


def _dengan(dasar: Callable[[Dunia], dict] | None = None, **isian) -> Callable[[Dunia], dict]:
    """A minimal valid body: ``dasar``'s (e.g. the version) plus fixed fields."""
    return lambda dunia: {**(dasar(dunia) if dasar else {}), **isian}


def _pk(nama: str) -> Callable[[Dunia], int]:
    return lambda dunia: dunia.pk(nama)


#: the evaluation's forms and endpoints: a valid body, so that the actor check (in the service) is reached
MANDIRI = _dengan(_versi("evaluasi"), hasil_kerja="sesuai", perilaku="sesuai", catatan="")
KEBERATAN = _dengan(alasan="Capaian saya di atas target.")
TANGGAPAN_KEBERATAN = _dengan(tanggapan="Rating sudah sesuai bukti dukung.")
KEPUTUSAN = _dengan(keputusan="dipertahankan", alasan_keputusan="Rating sudah sesuai.")
PREDIKAT_UNIT = _dengan(ke="tahunan", predikat="baik")
JUSTIFIKASI = _dengan(justifikasi="Unit kecil.")
DOKUMEN_JENIS = {"jenis": "evaluasi"}
#: a complaint's officer forms and endpoints
TRANSISI = _dengan(_versi("pengaduan"), ke="proses", alasan="Ditindaklanjuti.")
TANGGAPAN_PENGADUAN = _dengan(teks="Sudah ditindaklanjuti.")
SEMBUNYI = _dengan(tersembunyi=True, alasan="Spam.")
INTEGRASI = _dengan(
    pengaduan=[
        {
            "id_eksternal": "CRM-UJI-1",
            "dibuat": "2026-01-05T08:00:00+07:00",
            "kategori": "uji",
            "kelurahan": "KEL-UJI",
            "rw": "01",
            "deskripsi": "Uji.",
        }
    ]
)
KODE_LACAK = {"kode": lambda dunia: dunia.objek["pengaduan"].kode_lacak}
KODE_SERTIFIKAT = {"kode": lambda dunia: dunia.objek["peserta"].kode_verifikasi}
#: forums and aspirations (the world's forum is next week: minutes and aspirations are refused with 400 after the
#: access check, which is what the matrix compares)
FORUM_BARU = _dengan(
    lambda dunia: {"kelurahan": dunia.pk("kelurahan")},
    jenis="forum_warga",
    topik="Forum uji",
    mulai="2030-01-06T09:00:00+07:00",
    selesai="2030-01-06T11:00:00+07:00",
    tempat="Aula",
)
ASPIRASI_BARU = _dengan(lambda dunia: {"unit": dunia.pk("kelurahan")}, kategori="fisik", rw="01", uraian="Usulan.")
TINDAK_LANJUT = _dengan(status="ditindaklanjuti", progres=10, teks="Disurvei.")
#: pelatihan's catalogue and events, owned by the pegawai's dinas (the organiser of the world's event)
PROGRAM_BARU = _dengan(
    lambda dunia: {"unit_pemilik": dunia.objek["kegiatan"].unit_penyelenggara_id},
    judul="Program uji",
    bidang="teknis",
    jenis="klasikal",
    penyelenggara="dinas",
    jp=4,
)
KEGIATAN_BARU = _dengan(
    lambda dunia: {"program": dunia.pk("program"), "unit_penyelenggara": dunia.objek["kegiatan"].unit_penyelenggara_id},
    tanggal_mulai="2026-09-01",
    tanggal_selesai="2026-09-02",
    pendaftaran_mulai="2026-08-01",
    pendaftaran_selesai="2026-08-20",
    kuota=5,
    tempat="Aula uji",
)
SEMUA_OK = "ok ok ok ok ok ok ok ok"
TIDAK_POST = "405 405 405 405 405 405 405 405"  # a public GET-only view asked with POST
TIDAK_GET = "login 405 405 405 405 405 405 405"  # a signed-in POST-only view asked with GET


# Django's own pages (sign-in, password, language) and the health check do not depend on a domain role: asked of the
# anonymous visitor and of one signed-in pegawai.
DJANGO = ("anonim", "pegawai")

# ``post=None``: a read-only page (no method restriction in its view; it answers POST as it answers GET, changing
# nothing). The CSRF sweep (tests/test_csrf.py) still posts to it.
HTML: dict[str, Aturan] = {
    "beranda": Aturan("login ok ok ok ok ok ok ok", None),
    "healthz": Aturan("ok ok", "405 405", aktor=DJANGO),
    "sehat": Aturan("ok ok", "405 405", aktor=DJANGO),
    "login": Aturan("ok ok", "ok ok", aktor=DJANGO),
    "logout": Aturan("405 405", "login login", aktor=DJANGO),
    "password_change": Aturan("login ok", "login ok", aktor=DJANGO),
    "password_change_done": Aturan("login ok", "login 405", aktor=DJANGO),
    "password_reset": Aturan("ok ok", "ok ok", aktor=DJANGO),
    "password_reset_done": Aturan("ok ok", "405 405", aktor=DJANGO),
    "password_reset_confirm": Aturan("ok ok", "ok ok", aktor=DJANGO),
    "password_reset_complete": Aturan("ok ok", "405 405", aktor=DJANGO),
    # Activation of a login created in bulk (a reset token), two-factor sign-in, single sign-on (404: not configured).
    "aktivasi": Aturan("ok ok", "ok ok", aktor=DJANGO),
    "aktivasi-selesai": Aturan("ok ok", "405 405", aktor=DJANGO),
    "otp-daftar": Aturan("login ok", "login ok", aktor=DJANGO),
    "otp-verifikasi": Aturan("login ok", "login ok", aktor=DJANGO),
    "otp-cadangan": Aturan("login 405", "login ok", aktor=DJANGO),
    "oidc_authentication_init": Aturan("404 404", "404 404", aktor=DJANGO),
    "oidc_authentication_callback": Aturan("404 404", "404 404", aktor=DJANGO),
    "set_language": Aturan("ok ok", "ok ok", aktor=DJANGO),
    # Django's admin pages open to everyone (its own sign-in and sign-out, the JavaScript translation catalog).
    "admin:login": Aturan("ok ok", "ok ok", aktor=("anonim", "admin_bkd")),
    "admin:logout": Aturan("ok ok", "ok ok", aktor=("anonim", "admin_bkd")),
    "admin:javascript-catalog": Aturan("ok ok", None, aktor=("anonim", "admin_bkd")),
    # django-otp's admin pages of a TOTP device (staff only, like the rest of Django's admin).
    "admin:otp_totp_totpdevice_config": Aturan("login login", None, aktor=("anonim", "admin_bkd"), params={"pk": 1}),
    "admin:otp_totp_totpdevice_qrcode": Aturan("login login", None, aktor=("anonim", "admin_bkd"), params={"pk": 1}),
    "kepegawaian:profil": Aturan("login ok ok ok ok ok ok ok", None),
    # one's own daily digest: any signed-in account (accounts without a pegawai too)
    "kepegawaian:ringkasan-tugas": Aturan("login 405 405 405 405 405 405 405", "login ok ok ok ok ok ok ok"),
    "kepegawaian:organisasi": Aturan("login 404 404 404 404 ok ok ok", None),
    "kepegawaian:unit-detail": Aturan("login 404 404 404 404 ok 404 ok", None, objek="unit"),
    "kepegawaian:pegawai-detail": Aturan(
        "login ok ok ok 404 ok 404 ok", "login 403 403 403 404 ok 404 ok", objek="pegawai"
    ),
    "kepegawaian:audit": Aturan("login 404 404 404 404 ok ok ok", None),
    "kepegawaian:impor": Aturan("login 404 404 404 404 ok ok ok", "login 404 404 404 404 ok ok ok"),
    "kepegawaian:impor-job": Aturan(
        "login 404 404 404 404 ok 404 ok", "login 404 404 404 404 ok 404 ok", objek="impor"
    ),
    "kepegawaian:impor-contoh": Aturan("login 404 404 404 404 ok ok ok", None, params={"nama": "unit.csv"}),
    "kepegawaian:akun": Aturan("login 404 404 404 404 ok 404 ok", None, objek="pegawai"),
    "kepegawaian:akun-buat": Aturan(
        "login 405 405 405 405 405 405 405", "login 404 404 404 404 ok 404 ok", objek="pegawai"
    ),
    "kepegawaian:akun-aktif": Aturan(
        "login 405 405 405 405 405 405 405", "login 404 404 404 404 ok 404 ok", objek="pegawai"
    ),
    "kepegawaian:akun-sandi": Aturan(
        "login 405 405 405 405 405 405 405", "login 404 404 404 404 ok 404 ok", objek="pegawai"
    ),
    "kepegawaian:akun-massal": Aturan("login 404 404 404 404 ok ok ok", "login 404 404 404 404 ok ok ok"),
    # The codes go to the admin who ran the bulk creation only: the world's job is an import, so 403 for its viewers.
    "kepegawaian:akun-kode": Aturan(
        "login 405 405 405 405 405 405 405", "login 404 404 404 404 403 404 403", objek="impor"
    ),
    "kepegawaian:peran": Aturan("login 404 404 404 404 404 404 ok", "login 404 404 404 404 404 404 ok"),
    "kepegawaian:peran-cabut": Aturan(
        "login 404 404 404 404 404 404 ok", "login 404 404 404 404 404 404 ok", objek="peran"
    ),
    "indikator:skp-saya": Aturan("login ok ok ok ok 403 403 403", "login ok ok ok ok 403 403 403"),
    "indikator:skp-detail": Aturan("login ok ok ok 404 ok 404 ok", None, objek="skp"),
    "indikator:skp-lampiran": Aturan(
        "login 405 405 405 405 405 405 405", "login ok 403 403 404 403 404 403", objek="skp", body=VERSI_SKP
    ),
    "indikator:skp-ajukan": Aturan(
        "login 405 405 405 405 405 405 405", "login ok 403 403 404 403 404 403", objek="skp", body=VERSI_SKP
    ),
    "indikator:skp-kembalikan": Aturan(
        "login 405 405 405 405 405 405 405", "login ok ok ok 404 ok 404 ok", objek="skp", body=VERSI_SKP
    ),
    "indikator:skp-setujui": Aturan(
        "login 405 405 405 405 405 405 405", "login 403 ok 403 404 403 404 403", objek="skp", body=VERSI_SKP
    ),
    "indikator:skp-revisi": Aturan(
        "login 405 405 405 405 405 405 405", "login ok 403 403 404 403 404 403", objek="skp", body=VERSI_SKP
    ),
    "indikator:skp-ekspektasi": Aturan(
        "login 405 405 405 405 405 405 405", "login 403 ok 403 404 403 404 403", objek="skp", body=VERSI_SKP
    ),
    "indikator:skp-dialog": Aturan(
        "login 405 405 405 405 405 405 405", "login ok ok ok 404 ok 404 ok", objek="skp", body=VERSI_SKP
    ),
    "indikator:skp-pdf": Aturan("login ok ok ok 404 ok 404 ok", None, objek="skp"),
    "indikator:rhk-tambah": Aturan("login ok 403 403 404 403 404 403", "login ok 403 403 404 403 404 403", objek="skp"),
    "indikator:rhk-ubah": Aturan("login ok 403 403 404 403 404 403", "login ok 403 403 404 403 404 403", objek="rhk"),
    "indikator:rhk-hapus": Aturan("login 405 405 405 405 405 405 405", "login ok 403 403 404 403 404 403", objek="rhk"),
    "indikator:iki-tambah": Aturan("login ok 403 403 404 403 404 403", "login ok 403 403 404 403 404 403", objek="rhk"),
    "indikator:iki-ubah": Aturan("login ok 403 403 404 403 404 403", "login ok 403 403 404 403 404 403", objek="iki"),
    "indikator:iki-hapus": Aturan("login 405 405 405 405 405 405 405", "login ok 403 403 404 403 404 403", objek="iki"),
    "indikator:iki-realisasi": Aturan("login ok ok ok 404 ok 404 ok", None, objek="iki"),
    "indikator:realisasi-simpan": Aturan(
        "login 405 405 405 405 405 405 405", "login ok 403 403 404 403 404 403", objek="iki"
    ),
    "indikator:umpan-balik-tambah": Aturan(
        "login 405 405 405 405 405 405 405", "login ok ok ok 404 ok 404 ok", objek="iki"
    ),
    "indikator:umpan-balik-balas": Aturan(
        "login 405 405 405 405 405 405 405", "login ok ok ok 404 ok 404 ok", objek="umpan_balik"
    ),
    "indikator:bukti-hapus": Aturan(
        "login 405 405 405 405 405 405 405", "login ok 403 403 404 403 404 403", objek="bukti"
    ),
    "indikator:bukti-unduh": Aturan("login ok ok ok 404 ok 404 ok", None, objek="bukti"),
    "indikator:dasbor": Aturan("login ok ok ok ok 403 403 403", None),
    "indikator:tim": Aturan("login ok ok ok ok 403 403 403", None),
    "indikator:tim-xlsx": Aturan("login ok ok ok ok 403 403 403", None),
    "indikator:kaskade": Aturan("login ok ok ok ok 403 403 403", "login ok ok ok ok 403 403 403"),
    "indikator:periode": Aturan("login 404 404 404 404 ok ok ok", "login 404 404 404 404 403 403 ok"),
    "indikator:periode-status": Aturan(
        "login 405 405 405 405 405 405 405", "login 404 404 404 404 403 403 ok", objek="periode"
    ),
    "indikator:pembukaan-kembali": Aturan("login 404 404 404 404 ok ok ok", "login 404 404 404 404 ok ok ok"),
    "indikator:indikator-unit": Aturan("login 404 404 404 404 ok ok ok", "login 404 404 404 404 404 404 404"),
    "indikator:pemantauan": Aturan("login 404 404 404 404 ok ok ok", None),
    "tugas-jumlah": Aturan("login ok ok ok ok ok ok ok", None),
    # penilaian: the evaluation is seen by whoever may see the pegawai (404 for the others); each action is one
    # person's (403 for the other viewers). An account without pegawai data gets 403 on the personal pages.
    "penilaian:tim": Aturan("login ok ok ok ok 403 403 403", None),
    "penilaian:evaluasi-buka": Aturan(
        "login 405 405 405 405 405 405 405", "login 403 ok 403 404 403 404 403", params={"pegawai_pk": _pk("pegawai")}
    ),
    "penilaian:evaluasi-saya": Aturan("login ok ok ok ok 403 403 403", None),
    "penilaian:evaluasi-detail": Aturan("login ok ok ok 404 ok 404 ok", None, objek="evaluasi"),
    "penilaian:evaluasi-simpan": Aturan(
        "login 405 405 405 405 405 405 405",
        "login 403 ok 403 404 403 404 403",
        objek="evaluasi",
        body=_versi("evaluasi"),
    ),
    "penilaian:evaluasi-mandiri": Aturan(
        "login 405 405 405 405 405 405 405", "login ok 403 403 404 403 404 403", objek="evaluasi", body=MANDIRI
    ),
    "penilaian:evaluasi-baca": Aturan(
        "login 405 405 405 405 405 405 405", "login ok 403 403 404 403 404 403", objek="evaluasi_tahunan"
    ),
    "penilaian:keberatan-ajukan": Aturan(
        "login 405 405 405 405 405 405 405",
        "login ok 403 403 404 403 404 403",
        objek="evaluasi_tahunan",
        body=KEBERATAN,
    ),
    "penilaian:keberatan-masuk": Aturan("login ok ok ok ok 403 403 403", None),
    "penilaian:keberatan-tanggapi": Aturan(
        "login 405 405 405 405 405 405 405",
        "login 403 ok 403 404 403 404 403",
        objek="keberatan",
        body=TANGGAPAN_KEBERATAN,
    ),
    "penilaian:keberatan-putuskan": Aturan(
        "login 405 405 405 405 405 405 405", "login 403 403 ok 404 403 404 403", objek="keberatan", body=KEPUTUSAN
    ),
    # penilaian, the organisation's side: a unit's distribution and calibration are for the unit's head, the leader
    # one level up and the unit's admins (403 for the pegawai who sees his unit, 404 for others); the unit's predikat
    # and its finalisation for the leader one level up and the admins (the unit's own head gets 403).
    "penilaian:dokumen": Aturan("login ok ok ok 404 ok 404 ok", None, objek="evaluasi", params=DOKUMEN_JENIS),
    "penilaian:dokumen-pdf": Aturan("login ok ok ok 404 ok 404 ok", None, objek="evaluasi", params=DOKUMEN_JENIS),
    "penilaian:riwayat-saya": Aturan("login ok ok ok ok 403 403 403", None),
    "penilaian:riwayat": Aturan("login ok ok ok 404 ok 404 ok", None, objek="pegawai"),
    "penilaian:distribusi": Aturan("login 403 ok ok 404 ok 404 ok", None, objek="unit"),
    "penilaian:predikat-unit": Aturan(
        "login 405 405 405 405 405 405 405", "login 403 403 ok 404 ok 404 ok", objek="unit", body=PREDIKAT_UNIT
    ),
    "penilaian:distribusi-tetapkan": Aturan(
        "login 405 405 405 405 405 405 405", "login 403 403 ok 404 ok 404 ok", objek="unit", body=JUSTIFIKASI
    ),
    "penilaian:penetapan": Aturan("login 403 ok ok 404 ok 404 ok", None, objek="unit"),
    "penilaian:penetapan-pdf": Aturan("login 403 ok ok 404 ok 404 ok", None, objek="unit"),
    "penilaian:kalibrasi": Aturan("login 403 ok ok 404 ok 404 ok", None, objek="unit"),
    "penilaian:kalibrasi-buka": Aturan(
        "login 405 405 405 405 405 405 405", "login 403 ok ok 404 ok 404 ok", objek="unit"
    ),
    "penilaian:kalibrasi-ubah": Aturan(
        "login 405 405 405 405 405 405 405", "login 403 ok ok 404 ok 404 ok", objek="sesi_kalibrasi"
    ),
    "penilaian:kalibrasi-kunci": Aturan(
        "login 405 405 405 405 405 405 405", "login 403 ok ok 404 ok 404 ok", objek="sesi_kalibrasi"
    ),
    "penilaian:sebaran": Aturan("login 403 403 403 403 ok ok ok", None),
    "penilaian:arsip-buat": Aturan("login 405 405 405 405 405 405 405", "login 403 ok ok 404 ok 404 ok", objek="unit"),
    "penilaian:arsip": Aturan("login 404 ok ok 404 ok 404 ok", None, objek="arsip"),
    "penilaian:arsip-unduh": Aturan("login 404 ok ok 404 ok 404 ok", None, objek="arsip"),
    # pelatihan: the catalogue is every signed-in user's; a registration is seen by whoever may see the pegawai and
    # by the event's organiser (the dinas); the certificate check is public.
    "pelatihan:katalog": Aturan("login ok ok ok ok ok ok ok", None),
    "pelatihan:kegiatan-detail": Aturan(
        "login ok ok ok ok ok ok ok", "login ok ok ok ok 403 403 403", objek="kegiatan", body=_dengan(daftar="1")
    ),
    "pelatihan:peserta-batal": Aturan(
        "login 405 405 405 405 405 405 405", "login ok ok 403 404 ok 404 ok", objek="peserta"
    ),
    "pelatihan:sertifikat": Aturan("login ok ok ok 404 ok 404 ok", None, objek="peserta"),
    "pelatihan:saya": Aturan("login ok ok ok ok 403 403 403", "login ok ok ok ok 403 403 403"),
    "pelatihan:tim": Aturan("login 403 ok ok 403 403 403 403", "login 403 ok ok 403 403 403 403"),
    "pelatihan:eksternal-putuskan": Aturan(
        "login 405 405 405 405 405 405 405",
        "login 403 ok 403 404 403 404 403",
        objek="eksternal",
        body=_dengan(keputusan="setujui", catatan=""),
    ),
    # the admins' catalogue and scheduling: the programme and the event belong to the pegawai's dinas
    "pelatihan:kelola": Aturan("login 403 403 403 403 ok ok ok", None),
    "pelatihan:program-baru": Aturan("login 403 403 403 403 ok ok ok", "login 403 403 403 403 ok ok ok"),
    "pelatihan:program-ubah": Aturan(
        "login 403 403 403 403 ok 403 ok", "login 403 403 403 403 ok 403 ok", objek="program"
    ),
    "pelatihan:kegiatan-baru": Aturan(
        "login 403 403 403 403 ok ok ok", "login 403 403 403 403 ok ok ok", objek="program"
    ),
    "pelatihan:kegiatan-ubah": Aturan(
        "login 403 403 403 403 ok 403 ok", "login 403 403 403 403 ok 403 ok", objek="kegiatan"
    ),
    "pelatihan:kepatuhan": Aturan("login 403 403 403 403 ok ok ok", None),
    "pelatihan:kepatuhan-xlsx": Aturan("login 403 403 403 403 ok ok ok", None),
    "pelatihan:verifikasi": Aturan(SEMUA_OK, None),
    "pelatihan:verifikasi-kode": Aturan(SEMUA_OK, None, params=KODE_SERTIFIKAT),
    # the training history import (admin unit: his subtree's pegawai, checked per row; admin BKD: all)
    "pelatihan:impor": Aturan("login 403 403 403 403 ok ok ok", "login 403 403 403 403 ok ok ok"),
    "pelatihan:impor-contoh": Aturan("login 403 403 403 403 ok ok ok", None, params={"nama": "riwayat-pelatihan.csv"}),
    "pelatihan:dampak": Aturan("login 403 403 403 403 ok ok ok", None),
    # partisipasi: the citizen's pages need no account; the officer's pages are for the complaint's kelurahan or
    # handling unit (its heads: the penilai heads the bidang, the atasan the dinas), its admins and admin BKD;
    # only a petugas (none of the actors) handles a complaint, a moderator or admin BKD hides one.
    "partisipasi:pengaduan-baru": Aturan(SEMUA_OK, SEMUA_OK),
    "partisipasi:publik": Aturan(SEMUA_OK, None),
    "partisipasi:dukung": Aturan("405 405 405 405 405 405 405 405", SEMUA_OK, objek="pengaduan"),
    "partisipasi:foto": Aturan(SEMUA_OK, None, objek="foto"),
    "partisipasi:lacak": Aturan(SEMUA_OK, None),
    "partisipasi:lacak-detail": Aturan(SEMUA_OK, SEMUA_OK, params=KODE_LACAK),
    "partisipasi:lacak-foto": Aturan(SEMUA_OK, None, objek="foto", params=KODE_LACAK),
    "partisipasi:antrian": Aturan("login 404 ok 404 404 ok ok ok", None),
    "partisipasi:pengaduan-detail": Aturan("login 404 ok 404 404 ok 404 ok", None, objek="pengaduan"),
    "partisipasi:transisi": Aturan(
        "login 405 405 405 405 405 405 405", "login 404 403 404 404 403 404 403", objek="pengaduan", body=TRANSISI
    ),
    "partisipasi:tanggapan": Aturan(
        "login 405 405 405 405 405 405 405",
        "login 404 403 404 404 403 404 403",
        objek="pengaduan",
        body=TANGGAPAN_PENGADUAN,
    ),
    "partisipasi:gabung": Aturan(
        "login 405 405 405 405 405 405 405",
        "login 404 403 404 404 403 404 403",
        objek="pengaduan",
        body=lambda dunia: {"utama": dunia.pk("pengaduan")},
    ),
    "partisipasi:sembunyi": Aturan(
        "login 405 405 405 405 405 405 405", "login 404 403 404 404 403 404 ok", objek="pengaduan", body=SEMBUNYI
    ),
    # laporan: the public site needs no account (published snapshots only); the admins' pages are for the report's
    # unit's admin and the admin BKD (publish and withdraw: BKD only, 403 for the unit's admin).
    "laporan:daftar": Aturan(SEMUA_OK, TIDAK_POST),
    "laporan:detail": Aturan(SEMUA_OK, TIDAK_POST, objek="laporan"),
    "laporan:detail-versi": Aturan(SEMUA_OK, TIDAK_POST, objek="laporan", params={"nomor": 1}),
    "laporan:tabel-csv": Aturan(SEMUA_OK, TIDAK_POST, objek="laporan", params={"kunci": "iku"}),
    "laporan:tabel-json": Aturan(SEMUA_OK, TIDAK_POST, objek="laporan", params={"kunci": "iku"}),
    "laporan:pdf": Aturan(SEMUA_OK, TIDAK_POST, objek="laporan"),
    "laporan:grafik": Aturan(SEMUA_OK, TIDAK_POST, objek="laporan", params={"nama": "capaian"}),
    "laporan:katalog": Aturan(SEMUA_OK, TIDAK_POST),
    "laporan:dcat": Aturan(SEMUA_OK, TIDAK_POST),
    "laporan:kelola-daftar": Aturan("login 403 403 403 403 ok ok ok", None),
    "laporan:tinjau": Aturan("login 403 403 403 403 ok 404 ok", "login 403 403 403 403 ok 404 ok", objek="laporan"),
    "laporan:terbit": Aturan(TIDAK_GET, "login 403 403 403 403 403 404 ok", objek="laporan"),
    "laporan:tarik": Aturan(
        TIDAK_GET, "login 403 403 403 403 403 404 ok", objek="laporan", body=_dengan(alasan="Data salah.")
    ),
    "laporan:run-daftar": Aturan("login 403 403 403 403 ok ok ok", "login 403 403 403 403 ok ok ok"),
    "laporan:run-detail": Aturan("login 403 403 403 403 ok 404 ok", None, objek="run_laporan"),
    "laporan:item-ulang": Aturan(
        TIDAK_GET, "login 403 403 403 403 ok 404 ok", objek="run_laporan", params={"item_pk": _pk("item_run")}
    ),
    # citizens' questions: anyone asks on a published report; the report's unit's admin (and BKD) moderates
    "laporan:tanya": Aturan(SEMUA_OK, SEMUA_OK, objek="laporan"),
    "laporan:pertanyaan-daftar": Aturan("login 403 403 403 403 ok ok ok", None),
    "laporan:pertanyaan-setujui": Aturan(TIDAK_GET, "login 403 403 403 403 ok 404 ok", objek="pertanyaan"),
    "laporan:pertanyaan-sembunyikan": Aturan(TIDAK_GET, "login 403 403 403 403 ok 404 ok", objek="pertanyaan"),
    "laporan:pertanyaan-jawab": Aturan(
        TIDAK_GET, "login 403 403 403 403 ok 404 ok", objek="pertanyaan", body=_dengan(jawaban="Karena anggaran.")
    ),
    # medium-term (RPD / RPJMD) targets: admin BKD only
    "laporan:target-daftar": Aturan("login 403 403 403 403 403 403 ok", "login 403 403 403 403 403 403 ok"),
    "laporan:target-hapus": Aturan(TIDAK_GET, "login 403 403 403 403 403 403 ok", objek="target_menengah"),
    # forums and aspirations: public pages for anyone; managed by the kelurahan's petugas and heads (the penilai
    # heads the bidang above the kelurahan) and admin BKD; the admins see the management page only
    "partisipasi:forum": Aturan(SEMUA_OK, None),
    "partisipasi:forum-ics": Aturan(SEMUA_OK, None),
    "partisipasi:forum-detail": Aturan(SEMUA_OK, SEMUA_OK, objek="forum"),
    "partisipasi:aspirasi-detail": Aturan(SEMUA_OK, None, objek="aspirasi"),
    "partisipasi:forum-kelola": Aturan("login 404 ok 404 404 ok ok ok", "login 404 ok 404 404 ok ok ok"),
    "partisipasi:forum-kelola-detail": Aturan(
        "login 404 ok 404 404 404 404 ok", "login 404 ok 404 404 404 404 ok", objek="forum"
    ),
    "partisipasi:aspirasi-tindak-lanjut": Aturan(
        "login 405 405 405 405 405 405 405", "login 404 ok 404 404 404 404 ok", objek="aspirasi"
    ),
    # complaint figures are public; binding an IKI to them: its owner or his admins (the penilai sees, 403)
    # the kelurahan head's dashboard: the queue's audience (its heads, officers, admins of the unit and BKD)
    "partisipasi:dasbor": Aturan("login 404 ok 404 404 ok ok ok", None),
    "partisipasi:angka-unit": Aturan(SEMUA_OK, None, objek="kelurahan"),
    "partisipasi:peringkat": Aturan(SEMUA_OK, None),
    "partisipasi:terhitung": Aturan("login ok ok ok ok ok ok ok", "login ok ok ok ok ok ok ok"),
    "partisipasi:terhitung-hitung": Aturan(
        "login 405 405 405 405 405 405 405", "login ok 403 403 404 ok 404 ok", objek="iki_terhitung"
    ),
    "partisipasi:terhitung-hapus": Aturan(
        "login 405 405 405 405 405 405 405", "login ok 403 403 404 ok 404 ok", objek="iki_terhitung"
    ),
    # Complaints from other channels (CSV/JSON): admins only, as kepegawaian's import (the job page is its).
    "partisipasi:impor": Aturan("login 404 404 404 404 ok ok ok", "login 404 404 404 404 ok ok ok"),
}

API: dict[str, Aturan] = {
    "GET /api/v1/bukti-dukung/": Aturan("401 ok ok ok ok ok ok ok"),
    "POST /api/v1/bukti-dukung/": Aturan("401 ok ok ok ok ok ok ok"),
    "GET /api/v1/bukti-dukung/{id}/": Aturan("401 ok ok ok 404 ok 404 ok", objek="bukti"),
    "DELETE /api/v1/bukti-dukung/{id}/": Aturan("401 ok 403 403 404 403 404 403", objek="bukti"),
    "GET /api/v1/bukti-dukung/{id}/unduh/": Aturan("401 ok ok ok 404 ok 404 ok", objek="bukti"),
    "GET /api/v1/dasbor/": Aturan("401 ok ok ok ok 403 403 403"),
    "GET /api/v1/dialog-kinerja/": Aturan("401 ok ok ok ok ok ok ok"),
    "GET /api/v1/dialog-kinerja/{id}/": Aturan("401 ok ok ok 404 ok 404 ok", objek="dialog"),
    "GET /api/v1/iki/": Aturan("401 ok ok ok ok ok ok ok"),
    "POST /api/v1/iki/": Aturan("401 ok ok ok ok ok ok ok"),
    "GET /api/v1/iki/{id}/": Aturan("401 ok ok ok 404 ok 404 ok", objek="iki"),
    "PATCH /api/v1/iki/{id}/": Aturan("401 ok ok ok 404 ok 404 ok", objek="iki"),
    "DELETE /api/v1/iki/{id}/": Aturan("401 ok ok ok 404 ok 404 ok", objek="iki"),
    "GET /api/v1/indikator-unit/": Aturan("401 ok ok ok ok ok ok ok"),
    "POST /api/v1/indikator-unit/": Aturan("401 ok ok ok ok ok ok ok"),
    "GET /api/v1/indikator-unit/{id}/": Aturan("401 404 404 ok 404 ok 404 ok", objek="indikator_unit"),
    "POST /api/v1/indikator-unit/impor/": Aturan("401 ok ok ok ok ok ok ok"),
    "GET /api/v1/jabatan/": Aturan("401 ok ok ok ok ok ok ok"),
    "GET /api/v1/jabatan/{id}/": Aturan("401 ok ok ok ok ok ok ok", objek="jabatan"),
    "POST /api/v1/kaskade/": Aturan("401 ok ok ok ok ok ok ok"),
    "GET /api/v1/pegawai/": Aturan("401 ok ok ok ok ok ok ok"),
    "POST /api/v1/pegawai/": Aturan("401 403 403 403 403 ok ok ok"),
    "POST /api/v1/pegawai/{id}/akun/": Aturan("401 403 403 403 404 ok 404 ok", objek="pegawai"),
    "GET /api/v1/pegawai/{id}/": Aturan("401 ok ok ok 404 ok 404 ok", objek="pegawai"),
    "PATCH /api/v1/pegawai/{id}/": Aturan("401 403 403 403 404 ok 404 ok", objek="pegawai"),
    "GET /api/v1/pembukaan-kembali/": Aturan("401 ok ok ok ok ok ok ok"),
    "POST /api/v1/pembukaan-kembali/": Aturan("401 ok ok ok ok ok ok ok"),
    "GET /api/v1/pembukaan-kembali/{id}/": Aturan("401 ok ok ok 404 ok 404 ok", objek="pembukaan"),
    "GET /api/v1/peran-admin/": Aturan("401 403 403 403 403 403 403 ok"),
    "POST /api/v1/peran-admin/": Aturan("401 403 403 403 403 403 403 ok"),
    "GET /api/v1/peran-admin/{id}/": Aturan("401 404 404 404 404 404 404 ok", objek="peran"),
    "DELETE /api/v1/peran-admin/{id}/": Aturan("401 404 404 404 404 404 404 ok", objek="peran"),
    "GET /api/v1/periode/": Aturan("401 ok ok ok ok ok ok ok"),
    "POST /api/v1/periode/": Aturan("401 ok ok ok ok ok ok ok"),
    "GET /api/v1/periode/{id}/": Aturan("401 ok ok ok ok ok ok ok", objek="periode"),
    "POST /api/v1/periode/{id}/buka/": Aturan("401 403 403 403 403 403 403 ok", objek="periode"),
    "POST /api/v1/periode/{id}/tutup/": Aturan("401 403 403 403 403 403 403 ok", objek="periode"),
    "GET /api/v1/periode/aktif/": Aturan("401 ok ok ok ok ok ok ok"),
    "GET /api/v1/realisasi/": Aturan("401 ok ok ok ok ok ok ok"),
    "POST /api/v1/realisasi/": Aturan("401 ok ok ok ok ok ok ok"),
    "GET /api/v1/realisasi/{id}/": Aturan("401 ok ok ok 404 ok 404 ok", objek="realisasi"),
    "PATCH /api/v1/realisasi/{id}/": Aturan("401 ok ok ok 404 ok 404 ok", objek="realisasi"),
    "GET /api/v1/rhk/": Aturan("401 ok ok ok ok ok ok ok"),
    "POST /api/v1/rhk/": Aturan("401 ok ok ok ok ok ok ok"),
    "GET /api/v1/rhk/{id}/": Aturan("401 ok ok ok 404 ok 404 ok", objek="rhk"),
    "PATCH /api/v1/rhk/{id}/": Aturan("401 ok ok ok 404 ok 404 ok", objek="rhk"),
    "DELETE /api/v1/rhk/{id}/": Aturan("401 ok ok ok 404 ok 404 ok", objek="rhk"),
    "GET /api/v1/saya/": Aturan("401 ok ok ok ok ok ok ok"),
    "GET /api/v1/skp/": Aturan("401 ok ok ok ok ok ok ok"),
    "POST /api/v1/skp/": Aturan("401 ok ok ok ok ok ok ok"),
    "GET /api/v1/skp/{id}/": Aturan("401 ok ok ok 404 ok 404 ok", objek="skp"),
    "PATCH /api/v1/skp/{id}/": Aturan("401 ok 403 403 404 403 404 403", objek="skp", body=VERSI_SKP),
    "POST /api/v1/skp/{id}/ajukan/": Aturan("401 ok 403 403 404 403 404 403", objek="skp", body=VERSI_SKP),
    "POST /api/v1/skp/{id}/dialog/": Aturan("401 ok ok ok 404 ok 404 ok", objek="skp", body=VERSI_SKP),
    "POST /api/v1/skp/{id}/ekspektasi/": Aturan("401 ok ok ok 404 ok 404 ok", objek="skp", body=VERSI_SKP),
    "POST /api/v1/skp/{id}/kembalikan/": Aturan("401 ok ok ok 404 ok 404 ok", objek="skp", body=VERSI_SKP),
    "GET /api/v1/skp/{id}/pdf/": Aturan("401 ok ok ok 404 ok 404 ok", objek="skp"),
    "GET /api/v1/skp/{id}/pilihan-tautan/": Aturan("401 ok 403 403 404 403 404 403", objek="skp"),
    "POST /api/v1/skp/{id}/revisi/": Aturan("401 ok 403 403 404 403 404 403", objek="skp", body=VERSI_SKP),
    "POST /api/v1/skp/{id}/setujui/": Aturan("401 403 ok 403 404 403 404 403", objek="skp", body=VERSI_SKP),
    "GET /api/v1/skp/saya/": Aturan("401 ok 404 404 404 403 403 403"),
    "GET /api/v1/tim/": Aturan("401 ok ok ok ok 403 403 403"),
    "GET /api/v1/tim/xlsx/": Aturan("401 ok ok ok ok 403 403 403"),
    "POST /api/v1/token/": Aturan("ok ok ok ok ok ok ok ok"),
    "DELETE /api/v1/token/": Aturan("401 ok ok ok ok ok ok ok"),
    "POST /api/v1/token/ganti/": Aturan("401 ok ok ok ok ok ok ok"),
    "GET /api/v1/umpan-balik/": Aturan("401 ok ok ok ok ok ok ok"),
    "POST /api/v1/umpan-balik/": Aturan("401 ok ok ok ok ok ok ok"),
    "GET /api/v1/umpan-balik/{id}/": Aturan("401 ok ok ok 404 ok 404 ok", objek="umpan_balik"),
    "POST /api/v1/umpan-balik/{id}/balas/": Aturan("401 ok ok ok 404 ok 404 ok", objek="umpan_balik"),
    "GET /api/v1/unit-kerja/": Aturan("401 ok ok ok ok ok ok ok"),
    "POST /api/v1/unit-kerja/": Aturan("401 403 403 403 403 ok ok ok"),
    "GET /api/v1/unit-kerja/{id}/": Aturan("401 ok ok ok 404 ok 404 ok", objek="unit"),
    "PATCH /api/v1/unit-kerja/{id}/": Aturan("401 403 403 403 404 ok 404 ok", objek="unit"),
    "GET /api/v1/tugas/": Aturan("401 ok ok ok ok ok ok ok"),
    # penilaian
    "GET /api/v1/evaluasi/": Aturan("401 ok ok ok ok ok ok ok"),
    "POST /api/v1/evaluasi/": Aturan(
        "401 403 ok 403 404 403 404 403",
        body=lambda dunia: {"pegawai": dunia.pk("pegawai"), "periode": dunia.pk("periode"), "periode_ke": 1},
    ),
    "GET /api/v1/evaluasi/{id}/": Aturan("401 ok ok ok 404 ok 404 ok", objek="evaluasi"),
    "POST /api/v1/evaluasi/{id}/baca/": Aturan("401 ok 403 403 404 403 404 403", objek="evaluasi_tahunan"),
    "POST /api/v1/evaluasi/{id}/finalkan/": Aturan(
        "401 403 ok 403 404 403 404 403", objek="evaluasi", body=_versi("evaluasi")
    ),
    "POST /api/v1/evaluasi/{id}/keberatan/": Aturan(
        "401 ok 403 403 404 403 404 403", objek="evaluasi_tahunan", body=KEBERATAN
    ),
    "POST /api/v1/evaluasi/{id}/mandiri/": Aturan("401 ok 403 403 404 403 404 403", objek="evaluasi", body=MANDIRI),
    "POST /api/v1/evaluasi/{id}/nilai/": Aturan(
        "401 403 ok 403 404 403 404 403", objek="evaluasi", body=_versi("evaluasi")
    ),
    # the organisation's side: as the distribution page and its forms
    "GET /api/v1/unit-penilaian/{id}/distribusi/": Aturan("401 403 ok ok 404 ok 404 ok", objek="unit"),
    "POST /api/v1/unit-penilaian/{id}/predikat/": Aturan(
        "401 403 403 ok 404 ok 404 ok", objek="unit", body=_dengan(periode_ke=None, predikat="baik")
    ),
    "POST /api/v1/unit-penilaian/{id}/tetapkan/": Aturan(
        "401 403 403 ok 404 ok 404 ok", objek="unit", body=JUSTIFIKASI
    ),
    "GET /api/v1/keberatan/": Aturan("401 ok ok ok ok ok ok ok"),
    "GET /api/v1/keberatan/{id}/": Aturan("401 ok ok ok 404 ok 404 ok", objek="keberatan"),
    "POST /api/v1/keberatan/{id}/keputusan/": Aturan(
        "401 403 403 ok 404 403 404 403", objek="keberatan", body=KEPUTUSAN
    ),
    "POST /api/v1/keberatan/{id}/tanggapan/": Aturan(
        "401 403 ok 403 404 403 404 403", objek="keberatan", body=TANGGAPAN_KEBERATAN
    ),
    # pelatihan
    "GET /api/v1/pelatihan/jp/": Aturan("401 ok ok ok ok 403 403 403"),
    "GET /api/v1/pelatihan/kegiatan/": Aturan("401 ok ok ok ok ok ok ok"),
    "GET /api/v1/pelatihan/kegiatan/{id}/": Aturan("401 ok ok ok ok ok ok ok", objek="kegiatan"),
    "POST /api/v1/pelatihan/kegiatan/{id}/daftar/": Aturan("401 ok ok ok ok 403 403 403", objek="kegiatan"),
    # Only a participant who attended rates; only the organiser (the dinas' admin, BKD) reads the summary.
    "POST /api/v1/pelatihan/kegiatan/{id}/ulasan/": Aturan(
        "401 ok 403 403 403 403 403 403", objek="kegiatan", body=_dengan(nilai=4, komentar="")
    ),
    "GET /api/v1/pelatihan/kegiatan/{id}/ulasan/ringkasan/": Aturan("401 403 403 403 403 ok 403 ok", objek="kegiatan"),
    "GET /api/v1/pelatihan/peserta/": Aturan("401 ok ok ok ok ok ok ok"),
    "GET /api/v1/pelatihan/peserta/{id}/": Aturan("401 ok ok ok 404 ok 404 ok", objek="peserta"),
    "POST /api/v1/pelatihan/peserta/{id}/batal/": Aturan("401 ok ok 403 404 ok 404 ok", objek="peserta"),
    "GET /api/v1/pelatihan/verifikasi/{kode}/": Aturan(SEMUA_OK, params=KODE_SERTIFIKAT),
    # pelatihan writes: the catalogue and the events are managed by the dinas' admin (and BKD); only the penilai
    # nominates his direct subordinates; anyone who may see the completed registration downloads its certificate.
    "GET /api/v1/pelatihan/program/": Aturan("401 ok ok ok ok ok ok ok"),
    "GET /api/v1/pelatihan/program/{id}/": Aturan("401 ok ok ok ok ok ok ok", objek="program"),
    "POST /api/v1/pelatihan/program/": Aturan("401 403 403 403 403 ok 403 ok", body=PROGRAM_BARU),
    "PATCH /api/v1/pelatihan/program/{id}/": Aturan(
        "401 403 403 403 403 ok 403 ok", objek="program", body=_dengan(jp=6)
    ),
    "POST /api/v1/pelatihan/kegiatan/": Aturan("401 403 403 403 403 ok 403 ok", body=KEGIATAN_BARU),
    "PATCH /api/v1/pelatihan/kegiatan/{id}/": Aturan(
        "401 403 403 403 403 ok 403 ok", objek="kegiatan", body=_dengan(kuota=12)
    ),
    "GET /api/v1/pelatihan/kegiatan/{id}/peserta/": Aturan("401 403 403 403 403 ok 403 ok", objek="kegiatan"),
    "POST /api/v1/pelatihan/kegiatan/{id}/kehadiran/": Aturan(
        "401 403 403 403 403 ok 403 ok", objek="kegiatan", body=_dengan(tanggal="2026-08-03", hadir=[])
    ),
    "POST /api/v1/pelatihan/kegiatan/{id}/kelulusan/": Aturan(
        "401 403 403 403 403 ok 403 ok", objek="kegiatan", body=lambda dunia: {"peserta": [dunia.pk("peserta")]}
    ),
    "POST /api/v1/pelatihan/kegiatan/{id}/nominasi/": Aturan(
        "401 403 ok 403 404 403 404 403", objek="kegiatan", body=lambda dunia: {"pegawai": [dunia.pk("pegawai")]}
    ),
    "GET /api/v1/pelatihan/peserta/{id}/sertifikat/": Aturan("401 ok ok ok 404 ok 404 ok", objek="peserta"),
    "GET /api/v1/pelatihan/dampak/": Aturan("401 403 403 403 403 ok ok ok"),
    # external training: the pegawai submits (multipart: the matrix's empty body is refused, 400, after the access
    # check) and lists his own; only his direct penilai decides; whoever may see the pegawai reads one submission.
    "GET /api/v1/pelatihan/eksternal/": Aturan("401 ok ok ok ok 403 403 403"),
    "POST /api/v1/pelatihan/eksternal/": Aturan("401 ok ok ok ok 403 403 403"),
    "GET /api/v1/pelatihan/eksternal/menunggu/": Aturan("401 ok ok ok ok 403 403 403"),
    "GET /api/v1/pelatihan/eksternal/{id}/": Aturan("401 ok ok ok 404 ok 404 ok", objek="eksternal"),
    "POST /api/v1/pelatihan/eksternal/{id}/setujui/": Aturan(
        "401 403 ok 403 404 403 404 403", objek="eksternal", body=_dengan(catatan="Sertifikat sah.")
    ),
    "POST /api/v1/pelatihan/eksternal/{id}/tolak/": Aturan(
        "401 403 ok 403 404 403 404 403", objek="eksternal", body=_dengan(catatan="Sertifikat tidak terbaca.")
    ),
    # partisipasi: the public endpoints take no authentication at all (anyone, and no session: no CSRF)
    "GET /api/v1/partisipasi/kategori/": Aturan(SEMUA_OK),
    "GET /api/v1/partisipasi/kelurahan/": Aturan(SEMUA_OK),
    "GET /api/v1/partisipasi/lacak/{kode}/": Aturan(SEMUA_OK, params=KODE_LACAK),
    "POST /api/v1/partisipasi/lacak/{kode}/buka/": Aturan(SEMUA_OK, params=KODE_LACAK),
    "POST /api/v1/partisipasi/lacak/{kode}/ulasan/": Aturan(SEMUA_OK, params=KODE_LACAK),
    "GET /api/v1/partisipasi/pengaduan/": Aturan(SEMUA_OK),
    "POST /api/v1/partisipasi/pengaduan/": Aturan(SEMUA_OK),
    "GET /api/v1/partisipasi/pengaduan/{id}/": Aturan(SEMUA_OK, objek="pengaduan"),
    "POST /api/v1/partisipasi/pengaduan/{id}/dukung/": Aturan(SEMUA_OK, objek="pengaduan"),
    "GET /api/v1/partisipasi/peran-petugas/": Aturan("401 ok ok ok ok ok ok ok"),
    # granting a role on the complaint's kelurahan: its unit's admins; a unit the user does not see is a 404
    "POST /api/v1/partisipasi/peran-petugas/": Aturan(
        "401 404 404 404 404 ok 404 ok",
        body=lambda dunia: {"username": "pegawai", "unit": dunia.pk("kelurahan"), "peran": "moderator"},
    ),
    "DELETE /api/v1/partisipasi/peran-petugas/{id}/": Aturan(
        "401 404 404 404 404 ok 404 ok", objek="petugas_pengaduan"
    ),
    "GET /api/v1/partisipasi/petugas/pengaduan/": Aturan("401 ok ok ok ok ok ok ok"),
    "GET /api/v1/partisipasi/petugas/pengaduan/{id}/": Aturan("401 404 ok 404 404 ok 404 ok", objek="pengaduan"),
    "POST /api/v1/partisipasi/petugas/pengaduan/{id}/gabung/": Aturan(
        "401 404 403 404 404 403 404 403", objek="pengaduan", body=lambda dunia: {"utama": dunia.pk("pengaduan")}
    ),
    "POST /api/v1/partisipasi/petugas/pengaduan/{id}/sembunyi/": Aturan(
        "401 404 403 404 404 403 404 ok", objek="pengaduan", body=SEMBUNYI
    ),
    "POST /api/v1/partisipasi/petugas/pengaduan/{id}/status/": Aturan(
        "401 404 403 404 404 403 404 403", objek="pengaduan", body=TRANSISI
    ),
    "POST /api/v1/partisipasi/petugas/pengaduan/{id}/tanggapan/": Aturan(
        "401 404 403 404 404 403 404 403", objek="pengaduan", body=TANGGAPAN_PENGADUAN
    ),
    "GET /api/v1/partisipasi/petugas/pengaduan/terlambat/": Aturan("401 ok ok ok ok ok ok ok"),
    # laporan: the public report API (no authentication, rate limited)
    "GET /api/v1/publik/laporan/": Aturan(SEMUA_OK),
    "GET /api/v1/publik/laporan/{id}/": Aturan(SEMUA_OK, objek="laporan"),
    "GET /api/v1/publik/laporan/dataset/": Aturan(SEMUA_OK),
    "GET /api/v1/publik/laporan/{id}/pertanyaan/": Aturan(SEMUA_OK, objek="laporan"),
    "POST /api/v1/publik/laporan/{id}/pertanyaan/": Aturan(SEMUA_OK, objek="laporan"),
    "GET /api/v1/laporan/pertanyaan/": Aturan("401 403 403 403 403 ok ok ok"),
    "POST /api/v1/laporan/pertanyaan/{id}/setujui/": Aturan("401 403 403 403 403 ok 404 ok", objek="pertanyaan"),
    "POST /api/v1/laporan/pertanyaan/{id}/sembunyikan/": Aturan("401 403 403 403 403 ok 404 ok", objek="pertanyaan"),
    "POST /api/v1/laporan/pertanyaan/{id}/jawab/": Aturan(
        "401 403 403 403 403 ok 404 ok", objek="pertanyaan", body=_dengan(jawaban="Karena anggaran.")
    ),
    "GET /api/v1/partisipasi/peringkat/": Aturan(SEMUA_OK),
    "GET /api/v1/partisipasi/angka/{id}/": Aturan(SEMUA_OK, objek="kelurahan"),
    "GET /api/v1/partisipasi/iki-terhitung/": Aturan("401 ok ok ok ok ok ok ok"),
    "POST /api/v1/partisipasi/iki-terhitung/": Aturan(
        "401 ok 403 403 404 ok 404 ok",
        body=lambda dunia: {"iki": dunia.pk("iki"), "unit": dunia.pk("kelurahan"), "ukuran": "median"},
    ),
    "DELETE /api/v1/partisipasi/iki-terhitung/{id}/": Aturan("401 ok 403 403 404 ok 404 ok", objek="iki_terhitung"),
    "POST /api/v1/partisipasi/iki-terhitung/{id}/hitung/": Aturan(
        "401 ok 403 403 404 ok 404 ok", objek="iki_terhitung"
    ),
    # The integration API of an external complaint system: only an account with the integrasi role (none of the
    # matrix's actors holds it; tests/partisipasi/test_impor_api.py signs one in).
    "POST /api/v1/partisipasi/integrasi/pengaduan/": Aturan("401 403 403 403 403 403 403 403", body=INTEGRASI),
    # forums and aspirations: public reads and attendance for anyone (no session); the officer endpoints for the
    # kelurahan's petugas and heads (the penilai heads the bidang above it), admin BKD sees but may not manage (403)
    "GET /api/v1/partisipasi/forum/": Aturan(SEMUA_OK),
    "GET /api/v1/partisipasi/forum/{id}/": Aturan(SEMUA_OK, objek="forum"),
    "POST /api/v1/partisipasi/forum/{id}/hadir/": Aturan(SEMUA_OK, objek="forum", body=_dengan(nama="")),
    "GET /api/v1/partisipasi/aspirasi/": Aturan(SEMUA_OK),
    "GET /api/v1/partisipasi/aspirasi/{id}/": Aturan(SEMUA_OK, objek="aspirasi"),
    "GET /api/v1/partisipasi/petugas/forum/": Aturan("401 ok ok ok ok ok ok ok"),
    "POST /api/v1/partisipasi/petugas/forum/": Aturan("401 403 ok 403 403 403 403 403", body=FORUM_BARU),
    "GET /api/v1/partisipasi/petugas/forum/{id}/": Aturan("401 404 ok 404 404 404 404 ok", objek="forum"),
    "POST /api/v1/partisipasi/petugas/forum/{id}/notulen/": Aturan(
        "401 404 ok 404 404 404 404 403", objek="forum", body=_dengan(notulen="Notulen uji.")
    ),
    "POST /api/v1/partisipasi/petugas/forum/{id}/aspirasi/": Aturan(
        "401 404 ok 404 404 404 404 403", objek="forum", body=ASPIRASI_BARU
    ),
    "GET /api/v1/partisipasi/petugas/aspirasi/": Aturan("401 ok ok ok ok ok ok ok"),
    "GET /api/v1/partisipasi/petugas/aspirasi/{id}/": Aturan("401 404 ok 404 404 404 404 ok", objek="aspirasi"),
    "POST /api/v1/partisipasi/petugas/aspirasi/{id}/tindak-lanjut/": Aturan(
        "401 404 ok 404 404 404 404 403", objek="aspirasi", body=TINDAK_LANJUT
    ),
}

# Addresses under /api/ that are no operation of the schema: (rule, reason).
API_BUKAN_OPERASI: dict[str, tuple[Aturan, str]] = {
    "api-root": (Aturan("401 ok ok ok ok ok ok ok"), "DRF's browsable root of /api/v1/: a list of links, no operation"),
    "api-schema": (Aturan("ok ok", aktor=DJANGO), "the OpenAPI document itself"),
    "api-docs": (Aturan("ok ok", aktor=DJANGO), "Swagger UI over the schema"),
    "^api/": (
        Aturan("404 404 404 404 404 404 404 404", url="/api/v1/tidak-ada/"),
        "the catch-all: an unknown /api/ address is a JSON 404",
    ),
}

# Routes checked by one rule per prefix of their pattern, with the reason.
AWALAN: dict[str, tuple[Aturan, str]] = {
    # Django's admin site has one guard for all its pages (is_staff), whatever the domain role: asked of the anonymous
    # visitor and of the most privileged domain role (admin BKD), who is not staff either.
    "admin/": (Aturan("login login", None, aktor=("anonim", "admin_bkd")), "Django's admin: staff only"),
}


def aturan_html(rute) -> Aturan | None:
    """The rule of an HTML route (a ``tests.akses_uji.Rute``): by its name, else by the prefix of its pattern."""
    if rute.key in HTML:
        return HTML[rute.key]
    for prefix, (aturan, _reason) in AWALAN.items():
        if rute.pattern.startswith(prefix):
            return aturan
    return None
