"""Applying a validated import in one transaction.

Units go through the services (parents before children). Employees — tens of thousands of rows — are written in bulk
(``bulk_create``/``bulk_update`` per 500 rows) after ``periksa`` ran the same rules the services apply (the database
constraints still hold), and their audit entries are written alongside with auditlog's own diff, one entry per
created or changed row with the actor. Bulk writes send no ``post_save`` signals: code that must react to a
pegawai's change should not rely on them. Rows that change nothing write nothing, so re-importing a file changes
nothing and adds no audit entries.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.db import transaction

from kepegawaian import services
from kepegawaian.impor.baca import DataImpor
from kepegawaian.impor.periksa import ImporDitolak, _urutkan, _Validasi
from kepegawaian.models import Pegawai, UnitKerja, jalur_atasan_segarkan
from kinerja.audit import audit_actor, audit_massal_catat

BATCH = 500


@dataclass
class HasilImpor:
    unit_baru: int = 0
    unit_diubah: int = 0
    unit_dipindah: int = 0
    unit_tetap: int = 0
    jabatan_baru: int = 0
    pegawai_baru: int = 0
    pegawai_diubah: int = 0
    pegawai_tetap: int = 0

    @property
    def ada_perubahan(self) -> bool:
        return bool(
            self.unit_baru + self.unit_diubah + self.unit_dipindah + self.jabatan_baru
            or self.pegawai_baru + self.pegawai_diubah
        )


# --- Applying ---------------------------------------------------------------------------------------------------


def _kedalaman(kode: str, induk_dari: dict[str, str | None], memo: dict[str, int]) -> int:
    jalur = []
    sekarang: str | None = kode
    while sekarang is not None and sekarang not in memo:
        jalur.append(sekarang)
        sekarang = induk_dari.get(sekarang)
    dasar = memo.get(sekarang, 0) if sekarang is not None else 0
    for i, k in enumerate(reversed(jalur), start=1):
        memo[k] = dasar + i
    return memo[kode]


def _terapkan_unit(actor, val: _Validasi, hasil: HasilImpor, maju: Callable[[], None]) -> dict[str, int]:
    ktx = val.ktx
    pk_unit = {kode: u.pk for kode, u in ktx.unit.items()}
    memo: dict[str, int] = {}
    rencana = sorted(val.rencana.unit, key=lambda bn: _kedalaman(bn[1]["kode"], val.induk_akhir, memo))
    for _baris, n in rencana:
        maju()
        ada = ktx.unit.get(n["kode"])
        if ada is None:
            induk = UnitKerja(pk=pk_unit[n["induk"]]) if n["induk"] else None
            unit = services._unit_create(actor=actor, kode=n["kode"], nama=n["nama"], jenis=n["jenis"], parent=induk)
            pk_unit[unit.kode] = unit.pk
            hasil.unit_baru += 1
            continue
        berubah = False
        if (ada.nama, ada.jenis) != (n["nama"], n["jenis"]):
            services._unit_update(actor=actor, unit=UnitKerja.objects.get(pk=ada.pk), nama=n["nama"], jenis=n["jenis"])
            hasil.unit_diubah += 1
            berubah = True
        if ada.induk != n["induk"]:
            services._unit_move(actor=actor, unit=UnitKerja(pk=ada.pk), parent=UnitKerja(pk=pk_unit[n["induk"]]))
            hasil.unit_dipindah += 1
            berubah = True
        if not berubah:
            hasil.unit_tetap += 1
    return pk_unit


def _terapkan_pegawai(
    actor, val: _Validasi, pk_unit: dict[str, int], hasil: HasilImpor, maju: Callable[[], None]
) -> None:
    ktx = val.ktx
    pk_jabatan = dict(ktx.jabatan)
    for _baris, n in val.rencana.pegawai:
        kunci = (n["jabatan"].casefold(), n["jenis_jabatan"])
        if kunci not in pk_jabatan:
            jabatan = services.jabatan_get_or_create(actor=actor, nama=n["jabatan"], jenis=n["jenis_jabatan"])
            pk_jabatan[kunci] = jabatan.pk
            hasil.jabatan_baru += 1
        n["jabatan_id"] = pk_jabatan[kunci]
        n["unit_id"] = pk_unit[n["kode_unit"]]

    pk_pegawai = {nip: p["pk"] for nip, p in ktx.pegawai.items()}
    baru = [n for _b, n in val.rencana.pegawai if n["nip"] not in ktx.pegawai]
    lama = [n for _b, n in val.rencana.pegawai if n["nip"] in ktx.pegawai]

    # New people, level by level down the supervisor forest (the file may bring a new head with his new staff):
    # one INSERT per batch, their atasan's keys known from the level above.
    atasan_dari = {n["nip"]: n["nip_atasan"] for n in baru}
    memo: dict[str, int] = {}
    tingkat: dict[int, list[dict]] = {}
    for n in baru:
        tingkat.setdefault(_kedalaman(n["nip"], atasan_dari, memo), []).append(n)
    for kedalaman in sorted(tingkat):
        objek = [
            Pegawai(
                nip=n["nip"],
                nama=n["nama"],
                status=n["status"],
                golongan=n["golongan"],
                jabatan_id=n["jabatan_id"],
                unit_id=n["unit_id"],
                atasan_id=pk_pegawai[n["nip_atasan"]] if n["nip_atasan"] else None,
                email=n["email"],
                aktif=n["aktif"] is not False,
            )
            for n in tingkat[kedalaman]
        ]
        for i in range(0, len(objek), BATCH):
            dibuat = Pegawai.objects.bulk_create(objek[i : i + BATCH])
            audit_massal_catat(actor, [(None, p) for p in dibuat], LogEntry.Action.CREATE)
            for p in dibuat:
                pk_pegawai[p.nip] = p.pk
                maju()
        hasil.pegawai_baru += len(objek)
    # bulk_create/bulk_update bypass Pegawai.save(): give the new people, and everyone under a changed atasan,
    # their supervisor path in the same transaction (kepegawaian.models.jalur_atasan_segarkan).
    jalur_berubah = [pk_pegawai[n["nip"]] for n in baru]

    # Existing people: compare with what was loaded; only changed rows are fetched and written.
    perubahan: dict[int, dict] = {}
    for n in lama:
        ada = ktx.pegawai[n["nip"]]
        baru_nilai = {
            "nama": n["nama"],
            "status": n["status"],
            "golongan": n["golongan"],
            "jabatan_id": n["jabatan_id"],
            "unit_id": n["unit_id"],
            "atasan_id": pk_pegawai[n["nip_atasan"]] if n["nip_atasan"] else None,
            "email": n["email"],
        }
        if n["aktif"] is not None:  # an empty "aktif" cell leaves the pegawai as he is
            baru_nilai["aktif"] = n["aktif"]
        beda = {k: v for k, v in baru_nilai.items() if ada[k] != v}
        if beda:
            perubahan[ada["pk"]] = beda
            if "atasan_id" in beda:
                jalur_berubah.append(ada["pk"])
        else:
            maju()
            hasil.pegawai_tetap += 1
    pks = list(perubahan)
    for i in range(0, len(pks), BATCH):
        pasangan = []
        for lama_obj in Pegawai.objects.in_bulk(pks[i : i + BATCH]).values():
            baru_obj = copy.copy(lama_obj)
            for nama_field, nilai in perubahan[lama_obj.pk].items():
                setattr(baru_obj, nama_field, nilai)
            pasangan.append((lama_obj, baru_obj))
            maju()
        kolom = sorted({k for _l, b in pasangan for k in perubahan[b.pk]})
        Pegawai.objects.bulk_update([b for _l, b in pasangan], kolom)
        audit_massal_catat(actor, pasangan, LogEntry.Action.UPDATE)
        hasil.pegawai_diubah += len(pasangan)
    jalur_atasan_segarkan(jalur_berubah)


def data_import(*, actor, data: DataImpor, progres: Callable[[int], None] | None = None) -> HasilImpor:
    """Validate every row, then apply all of them in one transaction; raise ``ImporDitolak`` on any bad row.

    ``progres(percent)`` is called now and then: validation runs 0–40 %, writing 40–100 %.
    """
    lapor = progres or (lambda _p: None)
    terakhir = -1

    def lapor_sekali(persen: int) -> None:
        nonlocal terakhir
        if persen != terakhir:
            terakhir = persen
            lapor(persen)

    val = _Validasi(actor, data, lambda p: lapor_sekali(p * 40 // 100))
    val.unit()
    val.pegawai()
    if val.kesalahan:
        raise ImporDitolak(_urutkan(val.kesalahan, data))

    hasil = HasilImpor()
    total = max(data.total_baris, 1)
    selesai = 0

    def maju() -> None:
        nonlocal selesai
        selesai += 1
        if selesai % 100 == 0:
            lapor_sekali(40 + selesai * 60 // total)

    with transaction.atomic(), audit_actor(actor):
        pk_unit = _terapkan_unit(actor, val, hasil, maju)
        _terapkan_pegawai(actor, val, pk_unit, hasil, maju)
    lapor_sekali(100)
    return hasil
