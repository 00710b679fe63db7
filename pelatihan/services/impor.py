"""Import of the training history (CSV or XLSX): one row = one pegawai who completed one training.

It runs on the people import's machinery (``kepegawaian.impor``: the reader, ``ImporJob``, the Celery job with its
progress bar and its page, "Antrekan lagi"), registered as ``ImporJob.Jenis.PELATIHAN`` in ``PelatihanConfig.ready``.
Only the columns and the rules are pelatihan's:

- **validate** every row against the file and the database together, in memory (the pegawai, the catalogue and the
  events loaded in a few queries); any bad row rejects the whole file with a per-row list of errors
  (``ImporDitolak``), nothing saved;
- **apply** in one transaction: the programme (matched by title, else created inactive in the catalogue), an event
  of it on those dates organised by the importing admin's unit (matched, else created, closed for registration),
  and a completed registration with its JP and its ledger year — in bulk, with audit entries. An imported
  completion (``Peserta.asal = impor``) gets **no Kinerja certificate** (Kinerja did not see the training): it
  keeps the proof the file names (optional column ``bukti``: the organiser's certificate number or reference) and
  its source (the file or sheet and the row). Only a participant who registered through Kinerja for that event and
  was seated (the organiser's attendance sheet of an event held in Kinerja) is completed as Kinerja completes him,
  with a certificate code;
- **close the development needs** the completions answer (``penilaian.services.kebutuhan_close_by_pelatihan``, the
  function every completion uses, with the matching rule of ``pelatihan.padanan``), in the same transaction: the
  open needs of those people in a matching competence area raised before the training ended (a training of 2023
  does not answer a need of the 2025 appraisal).

Idempotent: a row whose pegawai already completed that event with the same JP changes nothing, so importing the
same file twice changes nothing. Access: admin BKD imports for anyone; an admin unit only for the pegawai of the
subtrees he administers (another unit's NIP is an error of its row); anyone else is refused (403).
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kepegawaian import impor
from kepegawaian.access import akses_for
from kepegawaian.impor import Baris, DataImpor, FormatBerkas, ImporDitolak, JenisTabel, Kesalahan
from kepegawaian.models import ImporJob, Pegawai, UnitKerja
from kinerja.audit import audit_actor, audit_massal_catat
from pelatihan.jp import tahun_buku
from pelatihan.models import (
    BUKTI_IMPOR_MAKS,
    Bentuk,
    BidangKompetensi,
    Jenis,
    Kegiatan,
    Penyelenggara,
    Peserta,
    Program,
    hari_ini,
)
from pelatihan.padanan import area_dijawab
from pelatihan.rekap import jp_tahunan_segarkan
from pelatihan.services._dasar import jp_periksa
from pelatihan.services.hasil import kode_verifikasi_baru
from penilaian import services as penilaian_services
from penilaian.models import KebutuhanPengembangan

KOLOM = (
    "nip",
    "program",
    "tanggal_mulai",
    "tanggal_selesai",
    "jp",
    "jenis",
    "bidang",
    "penyelenggara",
    "nama_penyelenggara",
    "bukti",
)
KOLOM_WAJIB = ("nip", "program", "tanggal_mulai", "tanggal_selesai", "jp")
# Needed only when the programme is not in the catalogue yet (it is then created with them).
KOLOM_PROGRAM_BARU = ("jenis", "bidang", "penyelenggara")
BATCH = 500
TABEL = "pelatihan"


def _PESAN_AKSES() -> str:  # noqa: N802 (one message, three callers)
    return _("Hanya admin unit atau admin BKD yang dapat mengimpor riwayat pelatihan.")


FORMAT = FormatBerkas(
    tabel=(JenisTabel(TABEL, "nip", KOLOM, KOLOM_WAJIB),),
    pesan_judul=lambda: (
        _("Baris judul tidak dikenali: data riwayat pelatihan harus memuat kolom %(kolom)s.")
        % {"kolom": ", ".join(KOLOM_WAJIB)}
    ),
    pesan_kosong=lambda: _("Berkas tidak berisi data riwayat pelatihan."),
)


def riwayat_baca(berkas: list[tuple[str, IO[bytes]]]) -> DataImpor:
    return impor.baca_berkas(berkas, FORMAT)


@dataclass
class HasilImporPelatihan:
    program_baru: int = 0
    kegiatan_baru: int = 0
    peserta_baru: int = 0
    peserta_diubah: int = 0
    peserta_tetap: int = 0
    kebutuhan_ditutup: int = 0

    @property
    def ada_perubahan(self) -> bool:
        return bool(self.program_baru + self.kegiatan_baru + self.peserta_baru + self.peserta_diubah)


def _peta_pilihan(choices) -> dict[str, str]:
    peta = {str(v).casefold(): v for v, _label in choices}
    peta.update({str(label).casefold(): v for v, label in choices})
    return peta


def _pilihan(nilai: str, peta: dict[str, str]) -> str | None:
    kunci = nilai.strip().casefold()
    return peta.get(kunci) or peta.get(kunci.replace(" ", "_").replace("-", "_"))


_FORMAT_TANGGAL = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


def _tanggal(teks: str) -> dt.date | None:
    """ISO (``2025-03-31``, also an XLSX date cell) or the Indonesian ``31/03/2025``."""
    teks = teks.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ]00:00(:00)?)?", teks):
        try:
            return dt.date.fromisoformat(teks[:10])
        except ValueError:
            return None
    for pola in _FORMAT_TANGGAL:
        try:
            return dt.datetime.strptime(teks, pola).date()  # noqa: DTZ007 (a date, no time zone)
        except ValueError:
            continue
    return None


@dataclass
class _Baris:
    """A valid row, ready to apply."""

    baris: Baris
    pegawai: dict
    judul: str
    mulai: dt.date
    selesai: dt.date
    jp: int
    atribut: dict  # jenis / bidang / penyelenggara / nama_penyelenggara as given (empty: not given)
    unit: int | None  # the organising unit of the event (the admin's granted unit; None: province)
    bukti: str = ""  # the proof named in the file (the organiser's certificate number or reference)
    bidang: str = ""  # the programme's competence area (the needs it answers)
    program: int | str | None = None  # a Program pk, or the key of a programme to create
    kegiatan: int | tuple = ()  # a Kegiatan pk, or the key of an event to create


@dataclass
class _Rencana:
    baris: list[_Baris] = field(default_factory=list)
    program_baru: dict[tuple, dict] = field(default_factory=dict)
    kegiatan_baru: dict[tuple, dict] = field(default_factory=dict)


class _Validasi:
    def __init__(self, actor, data: DataImpor, progres: Callable[[int], None]):
        self.actor = actor
        self.data = data
        self.rows = data.baris_tabel(TABEL)
        self.kesalahan: list[Kesalahan] = list(data.kesalahan)
        self.progres = progres
        self.hari = hari_ini()
        self.rencana = _Rencana()
        # Scope: None = everywhere (admin BKD); else the admin's granted units (path -> pk).
        akses = akses_for(actor)
        if not akses.is_admin:
            raise PermissionDenied(_PESAN_AKSES())
        self.wewenang: dict[str, int] | None = None
        if not akses.is_bkd:
            self.wewenang = dict(UnitKerja.objects.filter(path__in=akses.admin_unit_paths).values_list("path", "pk"))
        self._jenis = _peta_pilihan(Jenis.choices)
        self._bidang = _peta_pilihan(BidangKompetensi.choices)
        self._penyelenggara = _peta_pilihan(Penyelenggara.choices)

    def salah(self, baris: Baris, kolom: str, pesan: str) -> None:
        self.kesalahan.append(Kesalahan(baris.lembar, baris.nomor, kolom, pesan))

    def _unit_wewenang(self, path: str) -> tuple[bool, int | None]:
        """(inside the actor's scope, the organising unit for his events: the deepest grant that covers it)."""
        if self.wewenang is None:
            return True, None
        cocok = [p for p in self.wewenang if path.startswith(p)]
        if not cocok:
            return False, None
        return True, self.wewenang[max(cocok, key=len)]

    def jalankan(self) -> None:
        nips = {b["nip"].replace(" ", "") for b in self.rows if b["nip"]}
        pegawai = {
            p["nip"]: dict(p)
            for p in Pegawai.objects.filter(nip__in=nips).values("pk", "nip", "nama", "status", "unit__path")
        }
        bersih: list[_Baris] = []
        dilihat: dict[tuple, int] = {}
        for i, baris in enumerate(self.rows, start=1):
            if i % 200 == 0:
                self.progres(i * 100 // max(len(self.rows), 1))
            n = len(self.kesalahan)
            hasil = self._baris(baris, pegawai)
            if hasil is None or len(self.kesalahan) != n:
                continue
            kunci = (hasil.pegawai["nip"], hasil.judul.casefold(), hasil.mulai, hasil.selesai)
            if kunci in dilihat:
                self.salah(
                    baris,
                    "program",
                    _("Baris ganda: pegawai, program dan tanggal yang sama sudah ada di baris %(n)d.")
                    % {"n": dilihat[kunci]},
                )
                continue
            dilihat[kunci] = baris.nomor
            bersih.append(hasil)
        self._cocokkan(bersih)

    def _baris(self, baris: Baris, pegawai: dict[str, dict]) -> _Baris | None:
        nip = baris["nip"].replace(" ", "")
        orang = pegawai.get(nip)
        if not nip:
            self.salah(baris, "nip", _("NIP wajib diisi."))
        elif impor.nip_dibulatkan_excel(nip):
            self.salah(baris, "nip", impor.pesan_nip_dibulatkan())
        elif orang is None:
            self.salah(baris, "nip", _("Pegawai dengan NIP %(nip)s tidak ditemukan.") % {"nip": nip})
        unit = None
        if orang is not None:
            boleh, unit = self._unit_wewenang(orang["unit__path"])
            if not boleh:
                self.salah(baris, "nip", _("Pegawai dengan NIP ini bekerja di unit di luar unit yang Anda kelola."))
        judul = " ".join(baris["program"].split())
        if not judul:
            self.salah(baris, "program", _("Judul program wajib diisi."))
        elif len(judul) > 200:
            self.salah(baris, "program", _("Judul program paling panjang 200 karakter."))
        mulai, selesai = _tanggal(baris["tanggal_mulai"]), _tanggal(baris["tanggal_selesai"])
        for kolom, tanggal in (("tanggal_mulai", mulai), ("tanggal_selesai", selesai)):
            if tanggal is None:
                self.salah(baris, kolom, _("Tanggal tidak dapat dibaca: tulis sebagai 2025-03-31 atau 31/03/2025."))
        if mulai and selesai:
            if selesai < mulai:
                self.salah(baris, "tanggal_selesai", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
            elif selesai > self.hari:
                self.salah(
                    baris,
                    "tanggal_selesai",
                    _("Hanya pelatihan yang sudah selesai yang dapat diimpor: tanggal selesai masih akan datang."),
                )
        jp = None
        try:
            jp = jp_periksa(baris["jp"])
        except ValidationError as exc:
            self.salah(baris, "jp", " ".join(exc.messages))
        atribut: dict[str, str | None] = {}
        for kolom, peta, pilihan in (
            ("jenis", self._jenis, Jenis.values),
            ("bidang", self._bidang, BidangKompetensi.values),
            ("penyelenggara", self._penyelenggara, Penyelenggara.values),
        ):
            if not baris[kolom].strip():
                continue
            dipilih = _pilihan(baris[kolom], peta)
            if dipilih is None:
                self.salah(
                    baris, kolom, _("Isian tidak dikenal. Pilihan: %(pilihan)s.") % {"pilihan": ", ".join(pilihan)}
                )
            atribut[kolom] = dipilih
        nama_penyelenggara = " ".join(baris["nama_penyelenggara"].split())
        if len(nama_penyelenggara) > 200:
            self.salah(baris, "nama_penyelenggara", _("Nama penyelenggara paling panjang 200 karakter."))
        bukti = " ".join(baris["bukti"].split())
        if len(bukti) > BUKTI_IMPOR_MAKS:
            self.salah(baris, "bukti", _("Bukti paling panjang %(n)d karakter.") % {"n": BUKTI_IMPOR_MAKS})
        if orang is None or mulai is None or selesai is None or jp is None:
            return None
        atribut["nama_penyelenggara"] = nama_penyelenggara
        return _Baris(baris, orang, judul, mulai, selesai, jp, atribut, unit, bukti=bukti)

    def _cocokkan(self, bersih: list[_Baris]) -> None:
        """Find each row's programme, event and registration in the database (a few queries for the whole file)."""
        judul = {b.judul.lower() for b in bersih}
        program_ada: dict[str, list[dict]] = {}
        for p in (
            Program.objects.annotate(judul_kecil=Lower("judul"))
            .filter(judul_kecil__in=judul)
            .order_by("pk")
            .values("pk", "judul_kecil", "jenis", "bidang", "penyelenggara")
        ):
            program_ada.setdefault(p["judul_kecil"], []).append(p)
        for b in bersih:
            syarat = {k: v for k, v in b.atribut.items() if k in KOLOM_PROGRAM_BARU}
            calon = [p for p in program_ada.get(b.judul.lower(), []) if all(p[k] == v for k, v in syarat.items())]
            if calon:
                b.program = calon[0]["pk"]
                b.bidang = calon[0]["bidang"]
                continue
            kurang = [k for k in KOLOM_PROGRAM_BARU if not syarat.get(k)]
            if kurang:
                self.salah(
                    b.baris,
                    kurang[0],
                    _(
                        "Program %(judul)s belum ada di katalog: isi kolom %(kolom)s agar program dibuat, atau "
                        "tulis judulnya persis seperti di katalog."
                    )
                    % {"judul": b.judul, "kolom": ", ".join(KOLOM_PROGRAM_BARU)},
                )
                continue
            kunci_program = (b.judul.lower(), syarat["jenis"], syarat["bidang"], syarat["penyelenggara"])
            b.program = "baru:" + "|".join(str(k) for k in kunci_program)
            b.bidang = syarat["bidang"]
            self.rencana.program_baru.setdefault(
                kunci_program,
                {"judul": b.judul, **syarat, "nama": b.atribut["nama_penyelenggara"], "jp": b.jp, "unit": b.unit},
            )
        bersih = [b for b in bersih if b.program is not None]

        # events of the matched programmes on those dates, organised by the same unit (never another's event)
        ada_pk = {b.program for b in bersih if isinstance(b.program, int)}
        kegiatan_ada: dict[tuple, int] = {}
        for k in (
            Kegiatan.objects.filter(
                program_id__in=ada_pk,
                status=Kegiatan.Status.DIJADWALKAN,
                tanggal_mulai__in={b.mulai for b in bersih},
            )
            .order_by("-pk")
            .values("pk", "program_id", "tanggal_mulai", "tanggal_selesai", "unit_penyelenggara_id")
        ):
            kegiatan_ada[(k["program_id"], k["tanggal_mulai"], k["tanggal_selesai"], k["unit_penyelenggara_id"])] = k[
                "pk"
            ]  # the oldest wins (ordered newest first)
        for b in bersih:
            kunci_kegiatan = (b.program, b.mulai, b.selesai, b.unit)
            if kunci_kegiatan in kegiatan_ada:
                b.kegiatan = kegiatan_ada[kunci_kegiatan]
            else:
                b.kegiatan = kunci_kegiatan
                self.rencana.kegiatan_baru.setdefault(kunci_kegiatan, {"program": b.program, "unit": b.unit})

        # registrations already there: completed (unchanged, or a new JP), seated (now completed), waiting (error)
        self.peserta_ada: dict[tuple[int, int], dict[str, Any]] = {}
        for ps in (
            Peserta.objects.filter(kegiatan_id__in=set(kegiatan_ada.values()))
            .exclude(status=Peserta.Status.BATAL)
            .values("pk", "kegiatan_id", "pegawai_id", "status", "selesai", "jp")
        ):
            self.peserta_ada[(ps["kegiatan_id"], ps["pegawai_id"])] = dict(ps)
        for b in bersih:
            ada = self.peserta_ada.get((b.kegiatan, b.pegawai["pk"])) if isinstance(b.kegiatan, int) else None
            if ada is not None and ada["status"] == Peserta.Status.MENUNGGU:
                self.salah(
                    b.baris,
                    "nip",
                    _("Pegawai ini masih di daftar tunggu kegiatan tersebut; dudukkan atau batalkan dahulu."),
                )
                continue
            self.rencana.baris.append(b)


def _kode_kode(n: int) -> list[str]:
    """``n`` fresh certificate codes, checked against the database in one query per batch."""
    hasil: list[str] = []
    while len(hasil) < n:
        calon = {kode_verifikasi_baru() for _i in range(min(BATCH, n - len(hasil)))} - set(hasil)
        terpakai = set(Peserta.objects.filter(kode_verifikasi__in=calon).values_list("kode_verifikasi", flat=True))
        hasil.extend(sorted(calon - terpakai))
    return hasil[:n]


def _terapkan(actor, val: _Validasi, hasil: HasilImporPelatihan, maju: Callable[[], None]) -> None:
    rencana = val.rencana
    kini = timezone.now()
    user = actor

    program_pk: dict[str, int] = {}
    for kunci, n in rencana.program_baru.items():
        program = Program(
            judul=n["judul"],
            bidang=n["bidang"],
            jenis=n["jenis"],
            bentuk=Bentuk.KLASIKAL if n["jenis"] == Jenis.KLASIKAL else Bentuk.NON_KLASIKAL,
            penyelenggara=n["penyelenggara"],
            nama_penyelenggara=n["nama"],
            jp=n["jp"],
            unit_pemilik_id=n["unit"],
            aktif=False,  # history: in the catalogue, not offered for scheduling until its admin activates it
            dibuat_oleh=user,
        )
        program.full_clean()
        program.save()  # one by one: few, and auditlog records each
        program_pk["baru:" + "|".join(str(k) for k in kunci)] = program.pk
        hasil.program_baru += 1

    def _pk_program(nilai) -> int:
        return nilai if isinstance(nilai, int) else program_pk[nilai]

    # the new events hold exactly their imported participants: closed registration, quota = seats
    jumlah: dict[tuple, int] = {}
    for b in rencana.baris:
        if not isinstance(b.kegiatan, int):
            jumlah[b.kegiatan] = jumlah.get(b.kegiatan, 0) + 1
    kunci_kegiatan = list(rencana.kegiatan_baru)
    objek = [
        Kegiatan(
            program_id=_pk_program(kunci[0]),
            tanggal_mulai=kunci[1],
            tanggal_selesai=kunci[2],
            pendaftaran_mulai=kunci[1],
            pendaftaran_selesai=kunci[1],
            kuota=jumlah[kunci],
            jumlah_terdaftar=jumlah[kunci],
            unit_penyelenggara_id=kunci[3],
            dibuat_oleh=user,
        )
        for kunci in kunci_kegiatan
    ]
    kegiatan_pk: dict[tuple, int] = {}
    for i in range(0, len(objek), BATCH):
        dibuat = Kegiatan.objects.bulk_create(objek[i : i + BATCH])
        audit_massal_catat(actor, [(None, k) for k in dibuat], LogEntry.Action.CREATE)
        for kunci, k in zip(kunci_kegiatan[i : i + BATCH], dibuat, strict=True):
            kegiatan_pk[kunci] = k.pk
    hasil.kegiatan_baru = len(objek)

    baru: list[Peserta] = []
    ubah: list[tuple[Peserta, dict]] = []
    tambah_kursi: dict[int, int] = {}
    selesai_baru: list[tuple[int, _Baris]] = []  # (event pk, row) of every completion this import records
    for b in rencana.baris:
        tahun = tahun_buku(status=b.pegawai["status"], nip=b.pegawai["nip"], tanggal=b.selesai)
        if isinstance(b.kegiatan, int):
            ada = val.peserta_ada.get((b.kegiatan, b.pegawai["pk"]))
            if ada is None:
                tambah_kursi[b.kegiatan] = tambah_kursi.get(b.kegiatan, 0) + 1
                kegiatan_id = b.kegiatan
            elif ada["selesai"] and ada["jp"] == b.jp:
                hasil.peserta_tetap += 1
                maju()
                continue
            else:
                ubah.append((Peserta(pk=ada["pk"]), {"jp": b.jp, "tahun_jp": tahun, "selesai": ada["selesai"]}))
                if not ada["selesai"]:
                    selesai_baru.append((b.kegiatan, b))
                continue
        else:
            kegiatan_id = kegiatan_pk[b.kegiatan]
        selesai_baru.append((kegiatan_id, b))
        baru.append(
            Peserta(
                kegiatan_id=kegiatan_id,
                pegawai_id=b.pegawai["pk"],
                status=Peserta.Status.TERDAFTAR,
                didaftarkan_oleh=user,
                selesai=True,
                selesai_pada=kini,
                jp=b.jp,
                tahun_jp=tahun,
                # history: no Kinerja certificate, the proof and the source kept instead
                asal=Peserta.Asal.IMPOR,
                kode_verifikasi=None,
                bukti_impor=b.bukti,
                sumber_impor=(_("%(lembar)s, baris %(n)d") % {"lembar": b.baris.lembar, "n": b.baris.nomor})[:200],
            )
        )

    # seats for the people added to an event already there (its quota grows with them: they did attend)
    for kegiatan in Kegiatan.objects.select_for_update().filter(pk__in=tambah_kursi):
        kegiatan.jumlah_terdaftar += tambah_kursi[kegiatan.pk]
        kegiatan.kuota = max(kegiatan.kuota, kegiatan.jumlah_terdaftar)
        kegiatan.save(update_fields=["jumlah_terdaftar", "kuota"])

    # codes only for the seated registrants of an event held in Kinerja (the organiser's sheet)
    kode = iter(_kode_kode(sum(1 for _p, n in ubah if not n["selesai"])))
    for i in range(0, len(baru), BATCH):
        peserta_dibuat = Peserta.objects.bulk_create(baru[i : i + BATCH])
        audit_massal_catat(actor, [(None, p) for p in peserta_dibuat], LogEntry.Action.CREATE)
        for _p in peserta_dibuat:
            maju()
    hasil.peserta_baru = len(baru)

    diubah_lama: list[tuple[int, int | None]] = []  # (person, ledger year) of each changed row before the change
    for i in range(0, len(ubah), BATCH):
        potong = ubah[i : i + BATCH]
        lama = Peserta.objects.select_for_update().in_bulk([p.pk for p, _n in potong])
        diubah_lama.extend((p.pegawai_id, p.tahun_jp) for p in lama.values())
        pasangan = []
        for p, n in potong:
            sebelum = lama[p.pk]
            sesudah = copy.copy(sebelum)
            sesudah.jp, sesudah.tahun_jp = n["jp"], n["tahun_jp"]
            if not n["selesai"]:  # a seated participant of the organiser's sheet: completed now
                sesudah.selesai, sesudah.selesai_pada, sesudah.kode_verifikasi = True, kini, next(kode)
            pasangan.append((sebelum, sesudah))
            maju()
        Peserta.objects.bulk_update(
            [s for _l, s in pasangan], ["jp", "tahun_jp", "selesai", "selesai_pada", "kode_verifikasi"]
        )
        audit_massal_catat(actor, pasangan, LogEntry.Action.UPDATE)
    hasil.peserta_diubah = len(ubah)
    # the JP summary of every (person, year) the file names, and of the changed rows' year before the change
    jp_tahunan_segarkan(
        [
            (b.pegawai["pk"], tahun_buku(status=b.pegawai["status"], nip=b.pegawai["nip"], tanggal=b.selesai))
            for b in rencana.baris
        ]
        + diubah_lama
    )
    hasil.kebutuhan_ditutup = _kebutuhan_tutup(actor, selesai_baru)


def _kebutuhan_tutup(actor, selesai: list[tuple[int, _Baris]]) -> int:
    """Close the open development needs the imported completions answer, through the one function every completion
    uses (``kebutuhan_close_by_pelatihan``), per event. One query finds who has an open need at all; the function is
    called only for the events of those people (a file of 5,000 rows whose people have no open need costs one
    query). A need counts only when it was raised before the training ended."""
    if not selesai:
        return 0
    terbuka = set(
        KebutuhanPengembangan.objects.filter(
            pegawai_id__in={b.pegawai["pk"] for _k, b in selesai}, status=KebutuhanPengembangan.Status.TERBUKA
        ).values_list("pegawai_id", flat=True)
    )
    per_kegiatan: dict[int, tuple[_Baris, list[int]]] = {}
    for kegiatan_id, b in selesai:
        if b.pegawai["pk"] in terbuka:
            per_kegiatan.setdefault(kegiatan_id, (b, []))[1].append(b.pegawai["pk"])
    tz = timezone.get_current_timezone()
    ditutup = 0
    for kegiatan_id, (b, pegawai_ids) in sorted(per_kegiatan.items()):
        akhir_hari = dt.datetime.combine(b.selesai, dt.time.max, tzinfo=tz)
        ditutup += len(
            penilaian_services.kebutuhan_close_by_pelatihan(
                actor=actor,
                pegawai_ids=pegawai_ids,
                area_kompetensi=area_dijawab(b.bidang),
                referensi=f"pelatihan:{kegiatan_id}",
                catatan=_("Terpenuhi oleh pelatihan %(judul)s (selesai %(tgl)s, dari impor riwayat).")
                % {"judul": b.judul, "tgl": date_format(b.selesai, "j F Y")},
                dibuat_sebelum=akhir_hari,
            )
        )
    return ditutup


def riwayat_import(*, actor, data: DataImpor, progres: Callable[[int], None] | None = None) -> HasilImporPelatihan:
    """Validate every row, then apply all of them in one transaction; raise ``ImporDitolak`` on any bad row and
    ``PermissionDenied`` for an actor who is no admin. ``progres(percent)``: validation 0–40 %, writing 40–100 %."""
    lapor = progres or (lambda _p: None)
    val = _Validasi(actor, data, lambda p: lapor(p * 40 // 100))
    val.jalankan()
    if val.kesalahan:
        raise ImporDitolak(sorted(val.kesalahan, key=lambda k: (k.lembar, k.baris)))
    hasil = HasilImporPelatihan()
    total = max(len(val.rencana.baris), 1)
    selesai = 0

    def maju() -> None:
        nonlocal selesai
        selesai += 1
        if selesai % 100 == 0:
            lapor(40 + selesai * 60 // total)

    with transaction.atomic(), audit_actor(actor):
        _terapkan(actor, val, hasil, maju)
    lapor(100)
    return hasil


def riwayat_import_job_create(*, actor, berkas) -> ImporJob:
    """Upload a training-history file as an import job (run now when small, else by the worker). Admins only."""
    if not akses_for(actor).is_admin:
        raise PermissionDenied(_PESAN_AKSES())
    return impor.impor_job_create(actor=actor, berkas=list(berkas), jenis=ImporJob.Jenis.PELATIHAN)


def jenis_impor_pelatihan() -> impor.JenisImpor:
    """What ``PelatihanConfig.ready`` registers with the import machinery."""
    return impor.JenisImpor(
        baca=riwayat_baca,
        terapkan=riwayat_import,
        url_unggah="pelatihan:impor",
        template_hasil="pelatihan/impor_hasil.html",
        pesan_akses=_PESAN_AKSES,
    )
