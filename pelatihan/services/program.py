"""Programmes of the catalogue."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kepegawaian.models import Jabatan, UnitKerja
from kinerja.audit import audit_actor
from pelatihan import access
from pelatihan.models import Bentuk, Jenis, Program
from pelatihan.services._dasar import jp_periksa

BATAS_KOMPETENSI = 20


def _kompetensi_bersih(kompetensi) -> list[str]:
    if isinstance(kompetensi, str):
        kompetensi = kompetensi.replace("\n", ",").split(",")
    hasil: list[str] = []
    for item in kompetensi or []:
        teks = str(item).strip()
        if teks and teks.lower() not in (h.lower() for h in hasil):
            if len(teks) > 100:
                raise ValidationError({"kompetensi": _("Nama kompetensi paling panjang 100 karakter.")})
            hasil.append(teks)
    if len(hasil) > BATAS_KOMPETENSI:
        raise ValidationError({"kompetensi": _("Paling banyak %(n)s kompetensi.") % {"n": BATAS_KOMPETENSI}})
    return hasil


def _simpan(program: Program, *, isian: dict, target_jabatan, target_unit) -> Program:
    """Fill, validate and save a programme with its targets; called inside the caller's transaction."""
    jenis = isian["jenis"]
    program.judul = (isian["judul"] or "").strip()
    program.bidang = isian["bidang"]
    program.jenis = jenis
    program.bentuk = Bentuk.KLASIKAL if jenis == Jenis.KLASIKAL else Bentuk.NON_KLASIKAL
    program.penyelenggara = isian["penyelenggara"]
    program.nama_penyelenggara = (isian["nama_penyelenggara"] or "").strip()
    program.deskripsi = (isian["deskripsi"] or "").strip()
    program.jp = jp_periksa(isian["jp"])
    program.kompetensi = _kompetensi_bersih(isian["kompetensi"])
    if not program.judul:
        raise ValidationError({"judul": _("Judul program wajib diisi.")})
    program.full_clean()
    program.save()
    program.target_jabatan.set(list(target_jabatan))
    program.target_unit.set(list(target_unit))
    return program


def program_create(
    *,
    actor,
    judul: str,
    bidang: str,
    jenis: str,
    penyelenggara: str,
    jp,
    unit_pemilik: UnitKerja | None = None,
    kompetensi: Iterable[str] | str = (),
    nama_penyelenggara: str = "",
    deskripsi: str = "",
    target_jabatan: Iterable[Jabatan] = (),
    target_unit: Iterable[UnitKerja] = (),
) -> Program:
    """A new programme in the catalogue, owned by ``unit_pemilik`` (``None``: province-wide, admin BKD)."""
    access.require_create_in_unit(actor, unit_pemilik)
    isian = {
        "judul": judul,
        "bidang": bidang,
        "jenis": jenis,
        "penyelenggara": penyelenggara,
        "jp": jp,
        "kompetensi": kompetensi,
        "nama_penyelenggara": nama_penyelenggara,
        "deskripsi": deskripsi,
    }
    with transaction.atomic(), audit_actor(actor):
        return _simpan(
            Program(unit_pemilik=unit_pemilik, dibuat_oleh=actor),
            isian=isian,
            target_jabatan=target_jabatan,
            target_unit=target_unit,
        )


def program_update(
    *,
    actor,
    program: Program,
    judul: str,
    bidang: str,
    jenis: str,
    penyelenggara: str,
    jp,
    kompetensi: Iterable[str] | str = (),
    nama_penyelenggara: str = "",
    deskripsi: str = "",
    aktif: bool = True,
    target_jabatan: Iterable[Jabatan] = (),
    target_unit: Iterable[UnitKerja] = (),
) -> Program:
    """Change a programme. JP already granted stays as granted (each completion holds its own JP)."""
    access.require_manage_program(actor, program)
    with transaction.atomic(), audit_actor(actor):
        program = Program.objects.select_for_update().get(pk=program.pk)
        program.aktif = aktif
        isian = {"judul": judul, "bidang": bidang, "jenis": jenis, "penyelenggara": penyelenggara, "jp": jp}
        isian.update(kompetensi=kompetensi, nama_penyelenggara=nama_penyelenggara, deskripsi=deskripsi)
        return _simpan(program, isian=isian, target_jabatan=target_jabatan, target_unit=target_unit)
