"""Complaints from other channels: a CSV/JSON file (admin of the kelurahan or BKD, as an ``ImporJob`` of kind
``pengaduan`` on kepegawaian's job machinery) and the integration API of an external complaint system (a CRM).

Both go through ``pengaduan_import``: every row is checked first (Indonesian messages per row and column); one bad
row rejects the whole batch and nothing is saved (``ImporDitolak``). A complaint keeps its channel (``kanal``), its
id there (``id_eksternal``) and its original times (``dibuat``, and for one already handled there the first
response and completion); the service-level deadlines are computed from its original filing time. ``(kanal,
id_eksternal)`` is unique: a complaint already here is left as it is and answered as "sudah ada", so importing the
same file twice, or a CRM sending the same complaint again, changes nothing. Formats: docs/partisipasi.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from kepegawaian import impor as kepegawaian_impor
from kepegawaian.access import akses_for
from kepegawaian.impor import Baris, DataImpor, ImporDitolak, Kesalahan
from kepegawaian.models import ImporJob, UnitKerja
from kinerja.audit import audit_actor
from partisipasi import access, sla
from partisipasi.models import KategoriPengaduan, Pengaduan
from partisipasi.services._dasar import MAKS_DESKRIPSI, MAKS_TEKS, RW_POLA, _kode_lacak, _riwayat

KOLOM = (
    "id_eksternal",
    "kanal",
    "dibuat",
    "kategori",
    "kelurahan",
    "rw",
    "deskripsi",
    "nama_pelapor",
    "kontak_pelapor",
    "publik",
    "status",
    "respons_pertama_pada",
    "selesai_pada",
    "alasan",
)
KOLOM_WAJIB = ("id_eksternal", "kanal", "dibuat", "kategori", "kelurahan", "rw", "deskripsi")
EKSTENSI = (".csv", ".json")
# The channels a complaint may come from here: not the site's own form nor its public API.
KANAL_IMPOR = tuple(k for k in Pengaduan.Kanal.values if k not in (Pengaduan.Kanal.WEB, Pengaduan.Kanal.API))
# The statuses a complaint may arrive in (forwarding to another unit is done here, not imported).
STATUS_IMPOR = (
    Pengaduan.Status.MENUNGGU,
    Pengaduan.Status.PROSES,
    Pengaduan.Status.SELESAI,
    Pengaduan.Status.DITOLAK,
)
YA = {"ya", "y", "1", "true", "benar"}
TIDAK = {"tidak", "t", "0", "false", "salah", ""}
FORMAT_WAKTU = ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d-%m-%Y %H:%M")
BATCH_PROGRES = 50


def maks_baris() -> int:
    """Rows per file or per API request (``PARTISIPASI_IMPOR_MAKS_BARIS``)."""
    return int(getattr(settings, "PARTISIPASI_IMPOR_MAKS_BARIS", 5000))


def maks_api() -> int:
    return int(getattr(settings, "PARTISIPASI_INTEGRASI_MAKS_PER_PERMINTAAN", 500))


@dataclass
class HasilImporPengaduan:
    baru: int = 0
    sudah_ada: int = 0
    pengaduan: list[tuple[Pengaduan, bool]] = field(default_factory=list)  # (complaint, created now)

    def ringkasan(self) -> dict:
        return {"baru": self.baru, "sudah_ada": self.sudah_ada}


@dataclass(frozen=True)
class _Siap:
    """A checked row, ready to be written."""

    kanal: str
    id_eksternal: str
    dibuat: dt.datetime
    kategori: KategoriPengaduan
    kelurahan: UnitKerja
    rw: str
    deskripsi: str
    nama_pelapor: str
    kontak_pelapor: str
    publik: bool
    status: str
    respons_pertama_pada: dt.datetime | None
    selesai_pada: dt.datetime | None
    alasan: str


# --- reading files ------------------------------------------------------------------------------------------------


def baca_berkas(nama: str, fh) -> list[dict]:
    """A CSV (UTF-8, comma or semicolon, header row) or JSON (a list of objects, or ``{"pengaduan": [...]}``) file
    into rows; a file that cannot be read is rejected whole."""
    isi = fh.read()
    if isinstance(isi, str):
        isi = isi.encode()
    try:
        teks = isi.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImporDitolak([Kesalahan(nama, 0, "", _("Berkas harus berenkode UTF-8."))]) from exc
    if nama.lower().endswith(".json"):
        try:
            data = json.loads(teks)
        except ValueError as exc:
            raise ImporDitolak(
                [Kesalahan(nama, 0, "", _("Berkas JSON tidak dapat dibaca: %(e)s") % {"e": exc})]
            ) from exc
        if isinstance(data, dict):
            data = data.get("pengaduan")
        if not isinstance(data, list) or not all(isinstance(b, dict) for b in data):
            raise ImporDitolak(
                [Kesalahan(nama, 0, "", _('JSON harus berupa daftar objek, atau {"pengaduan": [ ... ]}.'))]
            )
        return data
    try:
        dialek = csv.Sniffer().sniff(teks.split("\n", 1)[0], delimiters=",;")
    except csv.Error:
        dialek = csv.excel
    pembaca = csv.DictReader(io.StringIO(teks), dialect=dialek)
    kolom = [k.strip().lower() for k in (pembaca.fieldnames or [])]
    kurang = [k for k in KOLOM_WAJIB if k not in kolom]
    if kurang:
        raise ImporDitolak(
            [Kesalahan(nama, 1, ", ".join(kurang), _("Kolom wajib tidak ada: %(k)s.") % {"k": ", ".join(kurang)})]
        )
    return [
        {(k or "").strip().lower(): (v or "").strip() if isinstance(v, str) else v for k, v in b.items()}
        for b in pembaca
        if any((v or "").strip() for v in b.values() if isinstance(v, str))
    ]


def hitung_baris(nama: str, fh) -> int:
    """The number of complaints in a file (to choose between the request and a Celery job)."""
    isi = fh.read()
    fh.seek(0)
    if nama.lower().endswith(".json"):
        try:
            return len(baca_berkas(nama, io.BytesIO(isi)))
        except ImporDitolak:
            return 0
    return max(sum(1 for line in isi.splitlines() if line.strip()) - 1, 0)


# --- checking -----------------------------------------------------------------------------------------------------


def _teks(nilai) -> str:
    return "" if nilai is None else str(nilai).strip()


def _waktu(nilai) -> dt.datetime | None:
    """ISO 8601 (with an offset, or without: Asia/Jakarta), or ``dd/mm/yyyy hh:mm`` in Jakarta time."""
    teks = _teks(nilai)
    if not teks:
        return None
    try:
        waktu = parse_datetime(teks)
    except ValueError:
        waktu = None
    if waktu is None:
        for fmt in FORMAT_WAKTU:
            try:
                waktu = dt.datetime.strptime(teks, fmt)  # noqa: DTZ007 (made aware below, in Jakarta)
                break
            except ValueError:
                continue
    if waktu is None:
        raise ValueError(teks)
    if timezone.is_naive(waktu):
        waktu = timezone.make_aware(waktu, timezone.get_current_timezone())
    return waktu


def _ya_tidak(nilai) -> bool:
    if isinstance(nilai, bool):
        return nilai
    teks = _teks(nilai).lower()
    if teks in YA:
        return True
    if teks in TIDAK:
        return False
    raise ValueError(teks)


def _periksa(
    baris: list[dict], *, lembar: str, boleh: Callable[[UnitKerja], bool], kanal_bawaan: str, nomor_awal: int
) -> list[_Siap]:
    """Every row checked against the database and the other rows; raises ``ImporDitolak`` with all errors."""
    kesalahan: list[Kesalahan] = []
    if len(baris) > maks_baris():
        raise ImporDitolak(
            [Kesalahan(lembar, 0, "", _("Paling banyak %(n)d pengaduan sekali impor.") % {"n": maks_baris()})]
        )
    kategori = {k.kode: k for k in KategoriPengaduan.objects.filter(aktif=True)}
    kode_kel = {_teks(b.get("kelurahan")) for b in baris}
    kelurahan = {
        u.kode: u for u in UnitKerja.objects.filter(kode__in=kode_kel, jenis=UnitKerja.Jenis.KELURAHAN, aktif=True)
    }
    sekarang = timezone.now() + dt.timedelta(minutes=5)  # a sender's clock a little ahead is not an error
    siap: list[_Siap] = []
    dilihat: dict[tuple[str, str], int] = {}
    for nomor, b in enumerate(baris, start=nomor_awal):
        salah: list[tuple[str, str]] = []

        def tolak(kolom: str, pesan: str) -> None:
            salah.append((kolom, pesan))  # noqa: B023 (called within this iteration only)

        b = {str(k).strip().lower(): v for k, v in b.items()}
        for k in KOLOM_WAJIB:
            if k == "kanal" and kanal_bawaan:
                continue
            if not _teks(b.get(k)):
                tolak(k, _("Wajib diisi."))
        id_eksternal = _teks(b.get("id_eksternal"))
        if len(id_eksternal) > 100:
            tolak("id_eksternal", _("Paling banyak 100 karakter."))
        kanal = _teks(b.get("kanal")).lower() or kanal_bawaan
        if kanal and kanal not in KANAL_IMPOR:
            tolak("kanal", _("Kanal tidak dikenal. Pilih salah satu: %(k)s.") % {"k": ", ".join(KANAL_IMPOR)})
        kunci = (kanal, id_eksternal)
        if id_eksternal and kunci in dilihat:
            tolak("id_eksternal", _("ID ini sudah ada di baris %(n)d.") % {"n": dilihat[kunci]})
        dilihat.setdefault(kunci, nomor)
        waktu: dict[str, dt.datetime | None] = {}
        for k in ("dibuat", "respons_pertama_pada", "selesai_pada"):
            try:
                nilai = _waktu(b.get(k))
            except ValueError:
                nilai = None
                tolak(k, _("Waktu tidak dapat dibaca; tulis mis. 2026-01-05T08:30:00+07:00 atau 05/01/2026 08:30."))
            if nilai is not None and nilai > sekarang:
                tolak(k, _("Waktu tidak boleh di masa depan."))
            waktu[k] = nilai
        kat = kategori.get(_teks(b.get("kategori")))
        if _teks(b.get("kategori")) and kat is None:
            tolak("kategori", _("Kategori tidak dikenal (isi dengan kode kategori)."))
        kel = kelurahan.get(_teks(b.get("kelurahan")))
        if _teks(b.get("kelurahan")):
            if kel is None:
                tolak("kelurahan", _("Kelurahan tidak dikenal (isi dengan kode unit kelurahan)."))
            elif not boleh(kel):
                tolak("kelurahan", _("Kelurahan ini di luar unit yang boleh Anda impor."))
        rw = _teks(b.get("rw"))
        if rw and not RW_POLA.match(rw):
            tolak("rw", _("RW diisi dengan angka, mis. 03."))
        deskripsi = _teks(b.get("deskripsi"))
        if len(deskripsi) > MAKS_DESKRIPSI:
            tolak("deskripsi", _("Paling banyak %(maks)d karakter.") % {"maks": MAKS_DESKRIPSI})
        nama, kontak = _teks(b.get("nama_pelapor")), _teks(b.get("kontak_pelapor"))
        if len(nama) > 120:
            tolak("nama_pelapor", _("Paling banyak 120 karakter."))
        if len(kontak) > 120:
            tolak("kontak_pelapor", _("Paling banyak 120 karakter."))
        try:
            publik = _ya_tidak(b.get("publik"))
        except ValueError:
            publik = False
            tolak("publik", _("Isi dengan ya atau tidak."))
        status = _teks(b.get("status")).lower() or Pengaduan.Status.MENUNGGU
        alasan = _teks(b.get("alasan"))
        if len(alasan) > MAKS_TEKS:
            tolak("alasan", _("Paling banyak %(maks)d karakter.") % {"maks": MAKS_TEKS})
        respons, selesai, dibuat = waktu["respons_pertama_pada"], waktu["selesai_pada"], waktu["dibuat"]
        if status not in STATUS_IMPOR:
            tolak("status", _("Status tidak dikenal. Pilih salah satu: %(s)s.") % {"s": ", ".join(STATUS_IMPOR)})
        elif status == Pengaduan.Status.MENUNGGU and (respons or selesai):
            tolak("status", _("Pengaduan berstatus menunggu belum punya waktu respons atau selesai."))
        elif status == Pengaduan.Status.SELESAI:
            if selesai is None:
                tolak("selesai_pada", _("Wajib diisi untuk pengaduan yang selesai."))
            respons = respons or selesai
        elif status in (Pengaduan.Status.PROSES, Pengaduan.Status.DITOLAK):
            if respons is None:
                tolak("respons_pertama_pada", _("Wajib diisi untuk pengaduan yang sudah ditanggapi."))
            if selesai is not None:
                tolak("selesai_pada", _("Hanya untuk pengaduan yang selesai."))
            if status == Pengaduan.Status.DITOLAK and not alasan:
                tolak("alasan", _("Tuliskan alasan penolakan; alasan ini ditampilkan kepada pelapor."))
        if dibuat and respons and respons < dibuat:
            tolak("respons_pertama_pada", _("Tidak boleh sebelum waktu pengaduan dibuat."))
        if respons is not None and selesai is not None and selesai < respons:
            tolak("selesai_pada", _("Tidak boleh sebelum respons pertama."))
        if salah:
            kesalahan.extend(Kesalahan(lembar, nomor, k, p) for k, p in salah)
            continue
        assert kat is not None and kel is not None and dibuat is not None
        siap.append(
            _Siap(
                kanal=kanal,
                id_eksternal=id_eksternal,
                dibuat=dibuat,
                kategori=kat,
                kelurahan=kel,
                rw=rw.zfill(2),
                deskripsi=deskripsi,
                nama_pelapor=nama,
                kontak_pelapor=kontak,
                publik=publik,
                status=status,
                respons_pertama_pada=respons,
                selesai_pada=selesai,
                alasan=alasan,
            )
        )
    if kesalahan:
        raise ImporDitolak(kesalahan)
    return siap


# --- writing ------------------------------------------------------------------------------------------------------


def _buat(actor, r: _Siap) -> Pengaduan:
    """One complaint as it stood in its channel, with its trail (``RiwayatStatus``) at its original times."""
    kat = r.kategori
    pengaduan = Pengaduan(
        kode_lacak=_kode_lacak(),
        kategori=kat,
        kelurahan=r.kelurahan,
        unit_penanganan=r.kelurahan,
        rw=r.rw,
        deskripsi=r.deskripsi,
        nama_pelapor=r.nama_pelapor,
        kontak_pelapor=r.kontak_pelapor,
        publik=r.publik,
        kanal=r.kanal,
        id_eksternal=r.id_eksternal,
        status=r.status,
        dibuat=r.dibuat,
        batas_respons=sla.batas_waktu(r.dibuat, kat.batas_respons_hari, kat.hitungan),
        batas_selesai=sla.batas_waktu(r.dibuat, kat.batas_selesai_hari, kat.hitungan),
        respons_pertama_pada=r.respons_pertama_pada,
        selesai_pada=r.selesai_pada,
    )
    pengaduan.full_clean(validate_unique=False, validate_constraints=False)  # the database checks them
    pengaduan.save()
    label = dict(Pengaduan.Kanal.choices)[r.kanal]
    S = Pengaduan.Status  # noqa: N806
    _riwayat(
        pengaduan=pengaduan,
        dari="",
        ke=S.MENUNGGU,
        actor=None,
        pada=r.dibuat,
        alasan=_("Diterima dari kanal %(kanal)s.") % {"kanal": label},
    )
    langkah: list[tuple[str, str, dt.datetime | None, str]] = []
    if r.status in (S.PROSES, S.SELESAI):
        langkah.append((S.MENUNGGU, S.PROSES, r.respons_pertama_pada, ""))
    if r.status == S.SELESAI:
        langkah.append((S.PROSES, S.SELESAI, r.selesai_pada, r.alasan))
    if r.status == S.DITOLAK:
        langkah.append((S.MENUNGGU, S.DITOLAK, r.respons_pertama_pada, r.alasan))
    for dari, ke, pada, alasan in langkah:
        _riwayat(pengaduan=pengaduan, dari=dari, ke=ke, actor=None, pada=pada, alasan=alasan)
    return pengaduan


def _tulis(actor, siap: list[_Siap], progres: Callable[[int], None] | None = None) -> HasilImporPengaduan:
    hasil = HasilImporPengaduan()
    ada = {
        (p.kanal, p.id_eksternal): p
        for p in Pengaduan.objects.filter(id_eksternal__in=[r.id_eksternal for r in siap]).select_related(
            "kategori", "kelurahan", "unit_penanganan"
        )
    }
    with transaction.atomic(), audit_actor(actor):
        for i, r in enumerate(siap, start=1):
            lama = ada.get((r.kanal, r.id_eksternal))
            if lama is None:
                try:
                    with transaction.atomic():  # a savepoint: another sender may have just written the same id
                        baru = _buat(actor, r)
                except IntegrityError:
                    lama = Pengaduan.objects.get(kanal=r.kanal, id_eksternal=r.id_eksternal)
                else:
                    ada[(r.kanal, r.id_eksternal)] = baru
                    hasil.baru += 1
                    hasil.pengaduan.append((baru, True))
            if lama is not None:
                hasil.sudah_ada += 1
                hasil.pengaduan.append((lama, False))
            if progres is not None and i % BATCH_PROGRES == 0:
                progres(min(99, i * 100 // len(siap)))
    return hasil


def _impor(
    *, actor, baris: list[dict], boleh, lembar: str, kanal_bawaan: str, nomor_awal: int, progres=None
) -> HasilImporPengaduan:
    siap = _periksa(baris, lembar=lembar, boleh=boleh, kanal_bawaan=kanal_bawaan, nomor_awal=nomor_awal)
    return _tulis(actor, siap, progres)


def pengaduan_import(
    *, actor, baris: list[dict], lembar: str = "", progres: Callable[[int], None] | None = None
) -> HasilImporPengaduan:
    """Import complaints from a file of another channel, all or nothing (``ImporDitolak`` lists every bad row,
    numbered as in the file: a CSV's header is row 1, a JSON's first object is 1).

    The actor is an admin (403 otherwise); a row whose kelurahan is outside the units he manages is an error of
    that row (BKD: all). A complaint whose ``(kanal, id_eksternal)`` is already here is left unchanged and counted
    as ``sudah_ada``."""
    if not akses_for(actor).is_admin:
        raise PermissionDenied(_("Hanya admin unit atau admin BKD yang dapat mengimpor pengaduan."))
    return _impor(
        actor=actor,
        baris=baris,
        boleh=lambda kelurahan: access.can_import_pengaduan(actor, kelurahan),
        lembar=lembar,
        kanal_bawaan="",
        nomor_awal=1 if lembar.lower().endswith(".json") else 2,
        progres=progres,
    )


def pengaduan_import_api(*, actor, baris: list[dict], kanal_bawaan: str = Pengaduan.Kanal.CRM) -> HasilImporPengaduan:
    """The integration API's door: only an account with the *integrasi* role (403), for the kelurahan under the
    unit of its role (a row elsewhere is that row's error), at most ``PARTISIPASI_INTEGRASI_MAKS_PER_PERMINTAAN``
    complaints a request, all or nothing; rows are numbered from 0 (their index in the request)."""
    access.require_integrasi(actor)
    if not baris:
        raise ValidationError({"pengaduan": [_("Kirim paling sedikit satu pengaduan.")]})
    if len(baris) > maks_api():
        raise ValidationError({"pengaduan": [_("Paling banyak %(n)d pengaduan sekali kirim.") % {"n": maks_api()}]})
    return _impor(
        actor=actor,
        baris=baris,
        boleh=lambda kelurahan: access.can_integrate(actor, kelurahan),
        lembar="",
        kanal_bawaan=kanal_bawaan,
        nomor_awal=0,
    )


# --- the file import as a job of kepegawaian's machinery ---------------------------------------------------------


def pengaduan_impor_job_create(*, actor, berkas) -> ImporJob:
    """Upload a CSV/JSON file of complaints: admins only (403); small files run now, large ones as a job."""
    if not akses_for(actor).is_admin:
        raise PermissionDenied(_("Hanya admin unit atau admin BKD yang dapat mengimpor pengaduan."))
    return kepegawaian_impor.impor_job_create(actor=actor, berkas=[berkas], jenis=ImporJob.Jenis.PENGADUAN)


@dataclass(frozen=True)
class RingkasanImpor:
    """What the job page shows of a finished file import (stored as the job's summary)."""

    baru: int
    sudah_ada: int

    @property
    def ada_perubahan(self) -> bool:
        return bool(self.baru)


def _baca_job(berkas: list) -> DataImpor:
    """``JenisImpor.baca``: the one uploaded file's rows, under its name (for the error list)."""
    nama, fh = berkas[0]
    awal = 1 if nama.lower().endswith(".json") else 2
    baris = [Baris(lembar=nama, nomor=i, nilai=b) for i, b in enumerate(baca_berkas(nama, fh), start=awal)]
    return DataImpor(tabel={nama: baris})


def _terapkan_job(*, actor, data: DataImpor, progres=None) -> RingkasanImpor:
    """``JenisImpor.terapkan`` of the complaint import (the worker, or the request for a small file)."""
    (nama, baris), *_lain = data.tabel.items()
    hasil = pengaduan_import(actor=actor, baris=[dict(b.nilai) for b in baris], lembar=nama, progres=progres)
    return RingkasanImpor(baru=hasil.baru, sudah_ada=hasil.sudah_ada)


JENIS_IMPOR = kepegawaian_impor.JenisImpor(
    baca=_baca_job,
    terapkan=_terapkan_job,
    url_unggah="partisipasi:impor",
    template_hasil="partisipasi/impor_hasil.html",
    pesan_akses=lambda: _("Hanya admin unit atau admin BKD yang dapat mengimpor pengaduan."),
    ekstensi=EKSTENSI,
    hitung_baris=hitung_baris,
)
