"""Validation of an import, in memory, against the file *and* the database together.

Existing units, employees, supervisors and jabatan are loaded once (``_Konteks``), not queried per row. Every rule
the services apply (NIP, choices, unit, supervisor loops, the admin's scope over the tree after the import) runs
here; any bad row rejects the whole import with a per-row list of errors (``ImporDitolak``). A valid import leaves
a plan (``_Rencana``) that ``terapkan`` writes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from kepegawaian.access import akses_for
from kepegawaian.impor.baca import KODE_UNIT_POLA, Baris, DataImpor, Kesalahan
from kepegawaian.models import Jabatan, Pegawai, UnitKerja
from kepegawaian.validators import nip_parts


class ImporDitolak(Exception):
    """The import was rejected whole; ``kesalahan`` lists every bad row. Nothing was saved."""

    def __init__(self, kesalahan: list[Kesalahan]):
        self.kesalahan = kesalahan
        super().__init__(_("Impor ditolak: %(n)d kesalahan.") % {"n": len(kesalahan)})


def nip_dibulatkan_excel(nip: str) -> bool:
    """A NIP Excel stored as a number and wrote back rounded (``1.97001E+17``)."""
    return re.fullmatch(r"[0-9.]+[eE][+-]?[0-9]+", nip) is not None


def pesan_nip_dibulatkan() -> str:
    return _(
        "NIP tertulis sebagai angka dan dibulatkan oleh Excel. Format kolom NIP sebagai teks, lalu ketik ulang NIP-nya."
    )


# --- Validation (in memory, against the file and the database together) --------------------------------------


@dataclass
class _UnitAda:
    pk: int
    kode: str
    nama: str
    jenis: str
    path: str
    induk: str | None


@dataclass
class _Rencana:
    """What a valid import will do, computed during validation."""

    unit: list[tuple[Baris, dict]] = field(default_factory=list)
    pegawai: list[tuple[Baris, dict]] = field(default_factory=list)


class _Konteks:
    """Everything the validation needs from the database, loaded in a handful of queries."""

    def __init__(self, actor):
        self.unit: dict[str, _UnitAda] = {}
        rows = list(UnitKerja.objects.values_list("pk", "kode", "nama", "jenis", "path", "depth"))
        steplen = UnitKerja.steplen
        path_ke_kode = {row[4]: row[1] for row in rows}
        for pk, kode, nama, jenis, path, depth in rows:
            induk = path_ke_kode.get(path[:-steplen]) if depth > 1 else None
            self.unit[kode] = _UnitAda(pk, kode, nama, jenis, path, induk)
        self.unit_pk_ke_kode = {u.pk: u.kode for u in self.unit.values()}
        self.pegawai: dict[str, dict] = {}
        pk_ke_nip = {}
        # Plain dicts (typed as such: ``nip_atasan`` is added to them below).
        for nilai in cast(
            "Iterable[dict[str, Any]]",
            Pegawai.objects.values(
                "pk", "nip", "nama", "status", "golongan", "jabatan_id", "unit_id", "atasan_id", "email", "aktif"
            ),
        ):
            self.pegawai[nilai["nip"]] = nilai
            pk_ke_nip[nilai["pk"]] = nilai["nip"]
        for nilai in self.pegawai.values():
            nilai["nip_atasan"] = pk_ke_nip.get(nilai["atasan_id"])
        self.jabatan = {
            (nama.casefold(), jenis): pk for pk, nama, jenis in Jabatan.objects.values_list("pk", "nama", "jenis")
        }

        # Scope: None = everywhere (admin BKD, the system); otherwise the paths/kodes of the granted units.
        if actor is None:
            self.paths_wewenang = None
        else:
            akses = akses_for(actor)
            if akses.is_bkd:
                self.paths_wewenang = None
            elif akses.admin_unit_paths:
                self.paths_wewenang = akses.admin_unit_paths
            else:
                raise PermissionDenied(_("Hanya admin unit atau admin BKD yang dapat mengimpor data kepegawaian."))
        self.kode_wewenang = (
            None if self.paths_wewenang is None else {path_ke_kode[p] for p in self.paths_wewenang if p in path_ke_kode}
        )

    def unit_sekarang_dalam_wewenang(self, kode: str) -> bool:
        if self.paths_wewenang is None:
            return True
        unit = self.unit.get(kode)
        return unit is not None and any(unit.path.startswith(p) for p in self.paths_wewenang)


_LABEL_JENIS_UNIT = {str(v).casefold(): v for v in UnitKerja.Jenis.values}
_LABEL_JENIS_UNIT.update({str(label).casefold(): v for v, label in UnitKerja.Jenis.choices})
_LABEL_JENIS_JABATAN = {str(v).casefold(): v for v in Jabatan.Jenis.values}
_LABEL_JENIS_JABATAN.update({str(label).casefold(): v for v, label in Jabatan.Jenis.choices})
_GOLONGAN = {v.casefold(): v for v in Pegawai.Golongan.values}
_GOLONGAN.update({label.casefold(): v for v, label in Pegawai.Golongan.choices})


def _pilihan(nilai: str, peta: dict[str, str]) -> str | None:
    kunci = nilai.strip().casefold()
    return peta.get(kunci) or peta.get(kunci.replace(" ", "_"))


def _rantai(mulai: str, induk_dari: Callable[[str], str | None]) -> list[str] | None:
    """Walk up from ``mulai``; return the loop (``[mulai, ..., mulai]``) if the walk comes back, else None."""
    jalur = [mulai]
    dilihat = {mulai}
    sekarang = induk_dari(mulai)
    while sekarang is not None:
        jalur.append(sekarang)
        if sekarang == mulai:
            return jalur
        if sekarang in dilihat or len(jalur) > 10_000:
            return None  # a loop further up that does not pass through this row: reported on its own rows
        dilihat.add(sekarang)
        sekarang = induk_dari(sekarang)
    return None


class _Validasi:
    def __init__(self, actor, data: DataImpor, progres: Callable[[int], None]):
        self.ktx = _Konteks(actor)
        self.data = data
        self.kesalahan: list[Kesalahan] = list(data.kesalahan)
        # Cells that could not be read (a formula, a NUL byte): their reading error says it; no second one.
        self._sel_tak_terbaca = {(k.lembar, k.baris, k.kolom) for k in data.kesalahan if k.baris and k.kolom}
        self.rencana = _Rencana()
        self.progres = progres
        self._diperiksa = 0

    def salah(self, baris: Baris, kolom: str, pesan: str) -> None:
        if (baris.lembar, baris.nomor, kolom) in self._sel_tak_terbaca:
            return
        self.kesalahan.append(Kesalahan(baris.lembar, baris.nomor, kolom, pesan))

    def _maju(self) -> None:
        self._diperiksa += 1
        if self._diperiksa % 200 == 0:
            self.progres(self._diperiksa * 100 // max(self.data.total_baris, 1))

    # -- units --
    def unit(self) -> None:
        baris_kode: dict[str, Baris] = {}
        bersih: list[tuple[Baris, dict]] = []
        for baris in self.data.unit:
            self._maju()
            n_salah = len(self.kesalahan)
            kode, nama, induk = baris["kode"], baris["nama"], baris["kode_induk"] or None
            if not kode:
                self.salah(baris, "kode", _("Kode unit wajib diisi."))
            elif len(kode) > 30 or not KODE_UNIT_POLA.fullmatch(kode):
                self.salah(
                    baris,
                    "kode",
                    _(
                        "Kode unit paling panjang 30 karakter: huruf, angka, titik, garis miring, tanda hubung, "
                        "atau garis bawah."
                    ),
                )
            elif kode in baris_kode:
                self.salah(
                    baris, "kode", _("Kode unit ganda: sudah dipakai di baris %(n)d.") % {"n": baris_kode[kode].nomor}
                )
            else:
                baris_kode[kode] = baris
            if not nama:
                self.salah(baris, "nama", _("Nama unit wajib diisi."))
            elif len(nama) > 200:
                self.salah(baris, "nama", _("Nama unit paling panjang 200 karakter."))
            jenis = _pilihan(baris["jenis"], _LABEL_JENIS_UNIT)
            if jenis is None:
                self.salah(
                    baris,
                    "jenis",
                    _("Jenis unit tidak dikenal. Pilihan: %(pilihan)s.")
                    % {"pilihan": ", ".join(UnitKerja.Jenis.values)},
                )
            if induk is not None and induk == kode:
                self.salah(baris, "kode_induk", _("Unit tidak boleh menjadi induk bagi dirinya sendiri."))
            if len(self.kesalahan) == n_salah:
                bersih.append((baris, {"kode": kode, "nama": nama, "jenis": jenis, "induk": induk}))

        # The tree after the import: the database overlaid with the file. A reference to a unit whose own row
        # is wrong is not reported again as "not found" (``kode_file``): that row's error says enough.
        self.kode_file = {b["kode"] for b in self.data.unit if b["kode"]}
        self.induk_akhir = {kode: u.induk for kode, u in self.ktx.unit.items()}
        self.induk_akhir.update({n["kode"]: n["induk"] for _b, n in bersih})
        for baris, n in bersih:
            kode, induk = n["kode"], n["induk"]
            ada = self.ktx.unit.get(kode)
            if induk is not None and induk not in self.induk_akhir and induk not in self.kode_file:
                self.salah(
                    baris,
                    "kode_induk",
                    _("Unit induk dengan kode %(kode)s tidak ditemukan (tidak ada di berkas maupun di basis data).")
                    % {"kode": induk},
                )
                continue
            if induk is None and ada is not None and ada.induk is not None:
                self.salah(
                    baris,
                    "kode_induk",
                    _("Kode induk wajib diisi: unit ini sekarang berada di bawah %(induk)s.") % {"induk": ada.induk},
                )
                continue
            lingkaran = _rantai(kode, self.induk_akhir.get)
            if lingkaran:
                self.salah(
                    baris,
                    "kode_induk",
                    _("Susunan unit membentuk lingkaran: %(rantai)s.") % {"rantai": " → ".join(lingkaran)},
                )
                continue
            if self.ktx.kode_wewenang is not None:
                if ada is not None and not self.ktx.unit_sekarang_dalam_wewenang(kode):
                    self.salah(baris, "kode", _("Unit %(kode)s berada di luar unit yang Anda kelola.") % {"kode": kode})
                    continue
                induk_tetap = ada is not None and ada.induk == induk
                if not induk_tetap and (induk is None or not self.dalam_wewenang_akhir(induk)):
                    self.salah(
                        baris,
                        "kode_induk",
                        _("Unit induk %(kode)s berada di luar unit yang Anda kelola.") % {"kode": induk or "-"},
                    )
                    continue
            self.rencana.unit.append((baris, n))

    def dalam_wewenang_akhir(self, kode: str) -> bool:
        """Is the unit (after the import) inside one of the admin's granted subtrees?"""
        if self.ktx.kode_wewenang is None:
            return True
        dilihat = set()
        sekarang: str | None = kode
        while sekarang is not None and sekarang not in dilihat:
            if sekarang in self.ktx.kode_wewenang:
                return True
            dilihat.add(sekarang)
            sekarang = self.induk_akhir.get(sekarang)
        return False

    # -- employees --
    def pegawai(self) -> None:
        baris_nip: dict[str, Baris] = {}
        bersih: list[tuple[Baris, dict]] = []
        self._nip_file = {b["nip"].replace(" ", "") for b in self.data.pegawai}
        for baris in self.data.pegawai:
            self._maju()
            n_salah = len(self.kesalahan)
            n = self._pegawai_baris(baris, baris_nip)
            if len(self.kesalahan) == n_salah:
                bersih.append((baris, n))

        atasan_akhir = {nip: p["nip_atasan"] for nip, p in self.ktx.pegawai.items()}
        atasan_akhir.update({n["nip"]: n["nip_atasan"] for _b, n in bersih})
        for baris, n in bersih:
            nip, nip_atasan = n["nip"], n["nip_atasan"]
            lingkaran = _rantai(nip, atasan_akhir.get) if nip_atasan else None
            if lingkaran:
                self.salah(
                    baris,
                    "nip_atasan",
                    _(
                        "Rantai atasan membentuk lingkaran: %(rantai)s. Seorang pegawai tidak boleh menjadi atasan "
                        "bagi atasannya sendiri."
                    )
                    % {"rantai": " → ".join(lingkaran)},
                )
                continue
            if self.ktx.kode_wewenang is not None:
                ada = self.ktx.pegawai.get(nip)
                if ada is not None and not self.ktx.unit_sekarang_dalam_wewenang(
                    self.ktx.unit_pk_ke_kode.get(ada["unit_id"], "")
                ):
                    self.salah(baris, "nip", _("Pegawai dengan NIP ini bekerja di unit di luar unit yang Anda kelola."))
                    continue
                if not self.dalam_wewenang_akhir(n["kode_unit"]):
                    self.salah(
                        baris,
                        "kode_unit",
                        _("Unit %(kode)s berada di luar unit yang Anda kelola.") % {"kode": n["kode_unit"]},
                    )
                    continue
            self.rencana.pegawai.append((baris, n))

    def _pegawai_baris(self, baris: Baris, baris_nip: dict[str, Baris]) -> dict:
        nip = baris["nip"].replace(" ", "")  # NIPs are often printed grouped: "19700101 200001 1 001"
        if not nip:
            self.salah(baris, "nip", _("NIP wajib diisi."))
        elif nip_dibulatkan_excel(nip):
            self.salah(baris, "nip", pesan_nip_dibulatkan())
        else:
            try:
                nip_parts(nip)
            except ValidationError as exc:
                self.salah(baris, "nip", " ".join(exc.messages))
            else:
                if nip in baris_nip:
                    self.salah(
                        baris, "nip", _("NIP ganda: sudah dipakai di baris %(n)d.") % {"n": baris_nip[nip].nomor}
                    )
                else:
                    baris_nip[nip] = baris
        nama = baris["nama"]
        if not nama:
            self.salah(baris, "nama", _("Nama pegawai wajib diisi."))
        elif len(nama) > 200:
            self.salah(baris, "nama", _("Nama pegawai paling panjang 200 karakter."))
        status = baris["status"].strip().lower()
        if status not in Pegawai.Status.values:
            self.salah(baris, "status", _("Status kepegawaian harus PNS atau PPPK."))
        golongan = _pilihan(baris["golongan"], _GOLONGAN)
        if golongan is None:
            self.salah(
                baris,
                "golongan",
                _("Golongan tidak dikenal. Pilihan: %(pilihan)s.") % {"pilihan": ", ".join(Pegawai.Golongan.values)},
            )
        elif status == Pegawai.Status.PNS and "/" not in golongan:
            self.salah(baris, "golongan", _("Golongan %(g)s adalah golongan PPPK, bukan PNS.") % {"g": golongan})
        elif status == Pegawai.Status.PPPK and "/" in golongan:
            self.salah(baris, "golongan", _("Golongan %(g)s adalah golongan PNS, bukan PPPK.") % {"g": golongan})
        jabatan = baris["jabatan"]
        if not jabatan:
            self.salah(baris, "jabatan", _("Nama jabatan wajib diisi."))
        elif len(jabatan) > 200:
            self.salah(baris, "jabatan", _("Nama jabatan paling panjang 200 karakter."))
        jenis_jabatan = _pilihan(baris["jenis_jabatan"], _LABEL_JENIS_JABATAN)
        if jenis_jabatan is None:
            self.salah(
                baris,
                "jenis_jabatan",
                _("Jenis jabatan tidak dikenal. Pilihan: %(pilihan)s.") % {"pilihan": ", ".join(Jabatan.Jenis.values)},
            )
        kode_unit = baris["kode_unit"]
        if not kode_unit:
            self.salah(baris, "kode_unit", _("Kode unit wajib diisi."))
        elif kode_unit not in self.induk_akhir and kode_unit not in self.kode_file:
            self.salah(
                baris,
                "kode_unit",
                _("Unit dengan kode %(kode)s tidak ditemukan (tidak ada di berkas maupun di basis data).")
                % {"kode": kode_unit},
            )
        nip_atasan = baris["nip_atasan"].replace(" ", "") or None
        if nip_atasan is not None and nip_atasan == nip:
            self.salah(baris, "nip_atasan", _("Pegawai tidak boleh menjadi atasan bagi dirinya sendiri."))
        elif nip_atasan is not None and nip_atasan not in self.ktx.pegawai and nip_atasan not in self._nip_file:
            self.salah(
                baris,
                "nip_atasan",
                _("Atasan dengan NIP %(nip)s tidak ditemukan (tidak ada di berkas maupun di basis data).")
                % {"nip": nip_atasan},
            )
        email = baris["email"]
        if email:
            try:
                validate_email(email)
            except ValidationError:
                self.salah(baris, "email", _("Alamat email tidak valid."))
        aktif = _AKTIF.get(baris["aktif"].strip().casefold())
        if baris["aktif"].strip() and aktif is None:
            self.salah(baris, "aktif", _("Kolom aktif diisi ya atau tidak (atau 1/0); kosongkan agar tidak berubah."))
        return {
            "nip": nip,
            "nama": nama,
            "status": status,
            "golongan": golongan,
            "jabatan": jabatan,
            "jenis_jabatan": jenis_jabatan,
            "kode_unit": kode_unit,
            "nip_atasan": nip_atasan,
            "email": email,
            "aktif": aktif,
        }


# The optional "aktif" column: empty = unchanged (a new pegawai is active); an inactive pegawai cannot sign in.
_AKTIF = {"ya": True, "1": True, "aktif": True, "tidak": False, "0": False, "nonaktif": False, "tidak aktif": False}


def _urutkan(kesalahan: list[Kesalahan], data: DataImpor) -> list[Kesalahan]:
    urutan_lembar: dict[str, int] = {}
    for baris in [*data.unit, *data.pegawai]:
        urutan_lembar.setdefault(baris.lembar, len(urutan_lembar))
    return sorted(kesalahan, key=lambda k: (urutan_lembar.get(k.lembar, -1), k.baris))
