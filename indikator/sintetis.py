"""Performance of the synthetic Jakarta (``manage.py bangun_jakarta``): the period, every pegawai's approved SKP
with its RHK and IKI, the monthly realisations, the unit indicators (IKU and Perjanjian Kinerja) the unit heads'
RHK serve, and the audit history (mostly realisation edits, spread over the year), written with COPY
(``kinerja.sintetis``).

Each unit with a head (a pegawai whose atasan works elsewhere, or the Sekda) gets one PK and one IKU indicator;
the head's first RHK is linked to the PK, his second to the IKU, and their last IKI (the one the report reads)
carry the indicator's text and target, so that the report's IKU chapter (``laporan.bab.bab_iku``) reads a
realisation for every unit. The Pemprov root has nobody in it: the Sekda's second RHK serves its IKU (the Setda
keeps his PK).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models

from indikator.models import Iki, IndikatorUnit, PeriodePenilaian, Perspektif, Realisasi, Rhk, Skp
from kepegawaian.models import Pegawai
from kepegawaian.sintetis import NAMA_BELAKANG, NAMA_DEPAN, DataOrang
from kinerja.sintetis import Copy, Dunia, id_awal, urutan_segarkan

#: what ``--ganti`` empties for this part (CASCADE takes SKP, RHK, IKI, realisations, unit indicators)
TABEL = (LogEntry, PeriodePenilaian)

#: (jenis, sasaran strategis, indikator, satuan, perspektif) of every unit's two indicators
INDIKATOR_UNIT = (
    (
        IndikatorUnit.Jenis.PK,
        "Meningkatnya kualitas layanan unit kerja",
        "Persentase keluaran layanan yang diselesaikan",
        "persen",
        Perspektif.PENERIMA_LAYANAN,
    ),
    (
        IndikatorUnit.Jenis.IKU,
        "Meningkatnya akuntabilitas kinerja unit kerja",
        "Jumlah dokumen kinerja yang dihasilkan",
        "dokumen",
        "",
    ),
)


@dataclass
class DataKinerja:
    """What the performance builder leaves for the others."""

    periode: PeriodePenilaian
    per_orang: int
    #: pegawai id -> (SKP id, first IKI id); his IKI are ``per_orang`` consecutive ids
    skp: dict[int, tuple[int, int]] = field(default_factory=dict)
    jumlah_realisasi: int = 0
    realisasi_rentang: tuple[int, int] = (0, -1)
    skp_rentang: tuple[int, int] = (0, -1)


def bangun(dunia: Dunia, data: DataOrang, *, per_orang: int, bulan: int) -> DataKinerja:
    """The period, the unit indicators, approved SKP, RHK, IKI and ``bulan`` monthly realisations of every IKI."""
    tahun, now, rng = dunia.tahun, dunia.now, dunia.rng_inti
    periode = PeriodePenilaian.objects.create(
        tahun=tahun,
        periodisitas=PeriodePenilaian.Periodisitas.BULANAN,
        batas_penyusunan_skp=dt.date(tahun, 1, 31),
        batas_evaluasi_tahunan=dt.date(tahun + 1, 1, 31),
    )
    hasil = DataKinerja(periode=periode, per_orang=per_orang)
    skp_c, rhk_c, iki_c, real_c, iu_c = (Copy(m, now) for m in (Skp, Rhk, Iki, Realisasi, IndikatorUnit))
    skp_id, rhk_id, iki_id, real_id, iu_id = (id_awal(m) for m in (Skp, Rhk, Iki, Realisasi, IndikatorUnit))
    disetujui = dt.datetime(tahun, 1, 20, 2, 0, tzinfo=dt.UTC)
    tulis_realisasi = real_c.cepat(["id", "iki_id", "periode_ke", "nilai"])
    rnd = rng.random
    # pegawai -> the units he heads; the root unit (the Pemprov, with nobody in it) is led by the Sekda
    kepala: dict[int, list[int]] = {}
    for unit_id, pegawai_id in data.kepala_unit().items():
        kepala.setdefault(pegawai_id, []).append(unit_id)
    akar = [u.pk for u in data.unit.values() if len(u.path) == 4]
    kepala.setdefault(data.sekda_id, []).extend(akar)
    rhk_per = (per_orang + 1) // 2, per_orang // 2
    for o in data.orang:
        pegawai_id = o.pk
        skp_c.tulis(
            id=skp_id,
            pegawai_id=pegawai_id,
            periode_id=periode.pk,
            revisi=1,
            terkini=True,
            status=Skp.Status.DISETUJUI,
            versi=1,
            diajukan_pada=disetujui,
            disetujui_pada=disetujui,
        )
        hasil.skp[pegawai_id] = (skp_id, iki_id)
        dipimpin = kepala.get(pegawai_id)
        for r, jumlah_iki in enumerate(rhk_per):
            if not jumlah_iki:
                continue
            iu = INDIKATOR_UNIT[r] if dipimpin else None
            # his first RHK serves his unit's PK, the second its IKU; the Sekda's second the Pemprov's IKU
            unit_dipimpin = dipimpin[r % len(dipimpin)] if dipimpin else None
            rhk_c.tulis(
                id=rhk_id,
                skp_id=skp_id,
                jenis=Rhk.Jenis.UTAMA,
                uraian=f"Rencana hasil kerja {r + 1}" if iu is None else f"Tercapainya {iu[2].lower()}",
                urutan=r,
                indikator_unit_id=iu_id if iu is not None else None,
                perspektif=iu[4] if iu is not None else "",
            )
            for k in range(jumlah_iki):
                target = Decimal(rng.choice((4, 12, 100, 24)))
                if iu is not None and k == jumlah_iki - 1:
                    iu_c.tulis(
                        id=iu_id,
                        unit_id=unit_dipimpin,
                        periode_id=periode.pk,
                        jenis=iu[0],
                        sasaran_strategis=iu[1],
                        indikator=iu[2],
                        satuan=iu[3],
                        target=target,
                        perspektif=iu[4],
                        urutan=r,
                    )
                    iu_id += 1
                iki_c.tulis(
                    id=iki_id,
                    rhk_id=rhk_id,
                    uraian=f"Jumlah keluaran {r + 1}.{k + 1}" if iu is None or k < jumlah_iki - 1 else iu[2],
                    satuan="dokumen" if iu is None or k < jumlah_iki - 1 else iu[3],
                    target=target,
                    urutan=k,
                )
                batas = int(target)
                for ke in range(1, bulan + 1):
                    tulis_realisasi(real_id, iki_id, ke, int(batas * rnd()))
                    real_id += 1
                iki_id += 1
            rhk_id += 1
        skp_id += 1
    for c in (iu_c, skp_c, rhk_c, iki_c, real_c):
        c.kirim()
    hasil.jumlah_realisasi = real_c.jumlah
    hasil.realisasi_rentang = (real_id - real_c.jumlah, real_id - 1)
    hasil.skp_rentang = (skp_id - skp_c.jumlah, skp_id - 1)
    urutan_segarkan((IndikatorUnit, Skp, Rhk, Iki, Realisasi))
    return hasil


def audit(dunia: Dunia, data: DataOrang, kinerja: DataKinerja, jumlah: int) -> None:
    """Entries as the app writes them: realisation edits (most), SKP approvals, pegawai changes, over the year."""
    rng, now, tahun = dunia.rng_inti, dunia.now, dunia.tahun
    # The trigram indexes (migrations kepegawaian 0005 and 0011) are built once after the load: far faster than
    # kept up to date row by row.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE indexname IN ('logentry_objek_trgm_idx', 'logentry_waktu_trgm_idx')"
        )
        trigram = cursor.fetchall()
        for nama, _definisi in trigram:
            cursor.execute(f"DROP INDEX {nama}")
    c = Copy(LogEntry, now)
    ct = ContentType.objects.get_for_models(Realisasi, Skp, Pegawai)
    awal = dt.datetime(tahun, 1, 1, tzinfo=dt.UTC)
    rentang = max(1, int((min(now, awal + dt.timedelta(days=365)) - awal).total_seconds()))
    langkah = rentang / max(1, jumlah)
    r0, r1 = kinerja.realisasi_rentang
    s0, s1 = kinerja.skp_rentang
    pegawai_ids = [o.pk for o in data.orang]
    pk = id_awal(LogEntry)
    ct_id = {m: ct[m].pk for m in ct}
    kolom = ["id", "content_type_id", "object_pk", "object_id", "object_repr", "timestamp", "changes", "action"]
    tulis_audit = c.cepat(kolom)
    rnd = rng.random
    model: type[models.Model]
    for i in range(jumlah):
        waktu = awal + dt.timedelta(seconds=i * langkah)
        pilih = i % 20
        if pilih < 17 and r1 >= r0:
            model, oid = Realisasi, r0 + int((r1 - r0) * rnd())
            repr_ = f"Realisasi {oid} bulan {1 + oid % 12}"
            lama, baru = int(9 * rnd()), int(9 * rnd())
            changes = f'{{"nilai": ["{lama}", "{baru}"], "versi": ["1", "2"]}}'
        elif pilih < 19 and s1 >= s0:
            model, oid = Skp, s0 + int((s1 - s0) * rnd())
            repr_ = f"SKP {oid} {tahun} (revisi 1)"
            changes = '{"status": ["diajukan", "disetujui"]}'
        else:
            model, oid = Pegawai, rng.choice(pegawai_ids)
            repr_ = f"{rng.choice(NAMA_DEPAN)} {rng.choice(NAMA_BELAKANG)} {oid}"
            changes = '{"golongan": ["III/a", "III/b"]}'
        tulis_audit(pk + i, ct_id[model], oid, oid, repr_, waktu.isoformat(), changes, int(LogEntry.Action.UPDATE))
    c.kirim()
    urutan_segarkan((LogEntry,))
    if trigram:
        with connection.cursor() as cursor:
            # The deferred foreign-key checks of the rows just copied run first (an index cannot be built
            # on a table with pending trigger events).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for _nama, definisi in trigram:
                cursor.execute(definisi)
            # ...and the later builders' rows are checked at commit again (they copy children before parents)
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
