"""A year of appraisal in the synthetic Jakarta (``manage.py bangun_jakarta``), written with COPY
(``kinerja.sintetis``), for every pegawai with an approved SKP and an atasan (the Sekda is rated by the Gubernur,
who is not in the data):

- a final **periodic evaluation** for each month/quarter of the period that ended before the built year's end
  (``Dunia.akhir``), made final on its last day (the first day it may be opened is the first of that month:
  ``masa_evaluasi_dimulai``), and a final **annual evaluation**, dated in December (the month it opens) — also when
  the year is still running, as the realisations cover the twelve months: the report run of the year finds them;
- the two ratings from a per-person level with some month-to-month noise, the predikat from the official matrix
  (``aturan.predikat_pegawai``): most Baik, some Sangat Baik, a few Butuh Perbaikan / Kurang / Sangat Kurang, with
  some perangkat daerah stronger and some weaker than the rest; BerAKHLAK values rated Di Bawah for a perilaku Di
  Bawah, a penilai's development note for some weak annual results;
- feedback on every IKI in the annual evaluation (``UmpanBalikEvaluasi``);
- the **development needs** the weak results call for, one per reason of ``aturan.alasan_kebutuhan`` with the area
  and text of ``services.pengembangan`` (the training builder closes some of them);
- a few **objections** to annual results (most pending, some decided by the atasan of the penilai);
- the organisation side: the annual **predikat kinerja organisasi** of every unit with people, and the
  **penetapan** of most perangkat daerah's annual results with their spread and the distribution rules it breaks
  (``aturan.periksa_distribusi``), justified where it is off the curve.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from indikator.models import EkspektasiPerilaku
from indikator.sintetis import DataKinerja
from kepegawaian.models import UnitKerja
from kepegawaian.sintetis import DataOrang, OrangSintetis
from kinerja.sintetis import Copy, Dunia, id_awal, urutan_segarkan
from penilaian import aturan, selectors
from penilaian.models import (
    Evaluasi,
    Keberatan,
    KebutuhanPengembangan,
    PenetapanDistribusi,
    PengaturanPeriode,
    PredikatUnit,
    UmpanBalikEvaluasi,
)
from penilaian.services.pengembangan import _isian

#: what ``--ganti`` empties for this part (the rest goes with the period and the people, CASCADE)
TABEL = (KebutuhanPengembangan, Keberatan, UmpanBalikEvaluasi, PenetapanDistribusi, PredikatUnit, Evaluasi)

A, S, B = aturan.Rating.DI_ATAS.value, aturan.Rating.SESUAI.value, aturan.Rating.DI_BAWAH.value
#: (rating hasil kerja, rating perilaku) -> weight, per kind of perangkat daerah: the usual one (SB ~13 %, Baik ~77 %,
#: Butuh Perbaikan ~6.5 %, Kurang ~2.3 %, Sangat Kurang ~0.5 %), a strong one and a weak one
BOBOT = {
    "biasa": {
        (A, A): 130,
        (A, S): 80,
        (S, A): 70,
        (S, S): 620,
        (B, S): 60,
        (B, A): 5,
        (S, B): 20,
        (A, B): 3,
        (B, B): 5,
    },
    "kuat": {
        (A, A): 330,
        (A, S): 120,
        (S, A): 80,
        (S, S): 420,
        (B, S): 30,
        (B, A): 5,
        (S, B): 10,
        (A, B): 2,
        (B, B): 3,
    },
    "lemah": {
        (A, A): 60,
        (A, S): 40,
        (S, A): 40,
        (S, S): 620,
        (B, S): 160,
        (B, A): 10,
        (S, B): 45,
        (A, B): 5,
        (B, B): 20,
    },
}
#: share of the perangkat daerah (units under the root) of each kind
NADA = (("biasa", 0.7), ("kuat", 0.15), ("lemah", 0.15))
#: a month's ratings are the person's level with this probability, else drawn afresh
SAMA_DENGAN_TINGKAT = 0.85
NILAI = [n.value for n in EkspektasiPerilaku.Nilai]
UMPAN_BALIK = (
    "Capaian sesuai bukti dukung; pertahankan ketepatan waktu pelaporan.",
    "Keluaran melampaui target; dokumentasikan praktik baiknya untuk rekan satu tim.",
    "Beberapa bulan di bawah target; susun rencana tindak lanjut bersama atasan.",
    "Kualitas keluaran baik, tingkatkan kelengkapan bukti dukung.",
)
CATATAN_PENGEMBANGAN = (
    ("Perlu penguatan perencanaan dan pelaporan hasil kerja.", aturan.AreaKompetensi.TEKNIS),
    ("Perlu pembinaan kepemimpinan dan pengelolaan tim.", aturan.AreaKompetensi.MANAJERIAL),
    ("Perlu penguatan komunikasi dan pelayanan kepada warga.", aturan.AreaKompetensi.SOSIAL_KULTURAL),
)
#: share of annual results with an objection, and of those decided
KEBERATAN = 0.005
KEBERATAN_DIPUTUSKAN = 0.35
#: share of the perangkat daerah whose annual results are finalised (penetapan)
DITETAPKAN = 0.8


@dataclass(frozen=True)
class KebutuhanSintetis:
    """An open development need, for the training builder (which may close it)."""

    pk: int
    pegawai_id: int
    area: str
    dibuat: dt.datetime


@dataclass
class DataPenilaian:
    kebutuhan: list[KebutuhanSintetis] = field(default_factory=list)
    predikat_tahunan: dict[int, str] = field(default_factory=dict)
    jumlah_evaluasi: int = 0


def _jakarta(tahun: int, bulan: int, hari: int, jam: int = 0, menit: int = 0) -> dt.datetime:
    return dt.datetime(tahun, bulan, hari, jam, menit, tzinfo=timezone.get_current_timezone())


def bangun(dunia: Dunia, data: DataOrang, kinerja: DataKinerja) -> DataPenilaian:
    rng = dunia.acak("penilaian")
    periode, tahun = kinerja.periode, dunia.tahun
    hasil = DataPenilaian()
    per_pk = data.per_pk()
    matriks = {pasangan: aturan.predikat_pegawai(*pasangan).value for pasangan in BOBOT["biasa"]}
    bobot = {nama: (list(b), list(b.values())) for nama, b in BOBOT.items()}

    # the kind of each perangkat daerah (the units directly under the root), by the first 8 characters of the path
    nada_unit: dict[str, str] = {}
    for u in sorted(data.unit.values(), key=lambda u: u.path):
        if len(u.path) == 2 * UnitKerja.steplen:
            nada_unit[u.path] = rng.choices([n for n, _b in NADA], [b for _n, b in NADA])[0]

    def nada(o) -> str:
        return nada_unit.get(data.unit[o.unit_id].path[: 2 * UnitKerja.steplen], "biasa")

    PengaturanPeriode.objects.get_or_create(periode=periode)
    ev_c, ub_c, keb_c, kb_c = (
        Copy(m, dunia.now) for m in (Evaluasi, UmpanBalikEvaluasi, KebutuhanPengembangan, Keberatan)
    )
    ev_id, ub_id, keb_id, kb_id = (id_awal(m) for m in (Evaluasi, UmpanBalikEvaluasi, KebutuhanPengembangan, Keberatan))
    kolom = [
        "id",
        "pegawai_id",
        "periode_id",
        "jenis",
        "periode_ke",
        "skp_id",
        "penilai_id",
        "penilai_nama",
        "penilai_nip",
        "penilai_jabatan",
        "status",
        "rating_hasil_kerja",
        "rating_perilaku",
        "predikat",
        "rating_nilai",
        "catatan_pengembangan",
        "area_pengembangan",
        "difinalkan_pada",
        "difinalkan_oleh_id",
        "dibaca_pada",
        "dibuat",
        "diubah",
    ]
    tulis_ev = ev_c.cepat(kolom)

    # the months/quarters that ended before the built year's end, each made final on its last day at 15:00
    periodik: list[tuple[int, dt.datetime, dt.datetime]] = []
    for ke in periode.daftar_periode_ke:
        bulan_awal, bulan_akhir = periode.bulan_periode_ke(ke)
        final = _jakarta(tahun, bulan_akhir, calendar.monthrange(tahun, bulan_akhir)[1], 15)
        if final < dunia.akhir:
            periodik.append((ke, _jakarta(tahun, bulan_akhir, 1, 8), final))
    # the annual one: mid-December, or earlier in December when the year has not got that far (see the docstring);
    # from the day, not the hour, so that a rebuild the same day is the same
    tahunan_final = min(
        _jakarta(tahun, 12, 15, 10), max(_jakarta(tahun, 12, 1, 8), dunia.akhir - dt.timedelta(hours=8))
    )
    tahunan_dibuka = _jakarta(tahun, 12, 1, 8)

    uraian_kebutuhan: dict[tuple, dict] = {}

    def kebutuhan(o, eid: int, jenis: str, ke, predikat: str, nilai: dict, catatan: str, area: str, final) -> None:
        nonlocal keb_id
        alasan = aturan.alasan_kebutuhan(predikat=predikat, rating_nilai=nilai, catatan_pengembangan=catatan)
        for sumber, aspek in alasan:
            kunci = (sumber, aspek, predikat, jenis, ke, catatan, area)
            if kunci not in uraian_kebutuhan:
                contoh = Evaluasi(
                    periode=periode,
                    jenis=jenis,
                    periode_ke=ke,
                    predikat=predikat,
                    catatan_pengembangan=catatan,
                    area_pengembangan=area,
                )
                uraian_kebutuhan[kunci] = _isian(contoh, sumber, aspek)
            isian = uraian_kebutuhan[kunci]
            keb_c.tulis(
                id=keb_id,
                pegawai_id=o.pk,
                evaluasi_id=eid,
                sumber=sumber,
                aspek=aspek,
                area_kompetensi=isian["area_kompetensi"],
                uraian=isian["uraian"],
                status="terbuka",
                dibuat=final,
            )
            hasil.kebutuhan.append(KebutuhanSintetis(keb_id, o.pk, str(isian["area_kompetensi"]), final))
            keb_id += 1

    tahunan_rows: list[tuple[int, OrangSintetis, tuple[str, str], str]] = []
    for o in data.orang:
        if o.atasan_id is None or o.pk not in kinerja.skp:
            continue
        skp_id, iki_awal = kinerja.skp[o.pk]
        penilai = per_pk[o.atasan_id]
        pasangan, berat = bobot[nada(o)]
        tingkat = rng.choices(pasangan, berat)[0]

        for ke, dibuka, final in periodik:
            ratings = tingkat if rng.random() < SAMA_DENGAN_TINGKAT else rng.choices(pasangan, berat)[0]
            predikat = matriks[ratings]
            nilai = _nilai_di_bawah(rng, ratings[1])
            dibaca = final + dt.timedelta(days=1)
            tulis_ev(
                ev_id,
                o.pk,
                periode.pk,
                "periodik",
                ke,
                skp_id,
                penilai.pk,
                penilai.nama,
                penilai.nip,
                penilai.jabatan,
                "final",
                ratings[0],
                ratings[1],
                predikat,
                _json(nilai),
                "",
                "",
                final.isoformat(),
                penilai.user_id,
                dibaca.isoformat() if dibaca < dunia.akhir else "\\N",
                dibuka.isoformat(),
                final.isoformat(),
            )
            kebutuhan(o, ev_id, "periodik", ke, predikat, nilai, "", "", final)
            ev_id += 1

        predikat = matriks[tingkat]
        nilai = _nilai_di_bawah(rng, tingkat[1])
        catatan, area = "", ""
        if aturan.predikat_butuh_pengembangan(predikat) and rng.random() < 0.5:
            catatan, area = rng.choice(CATATAN_PENGEMBANGAN)
        tulis_ev(
            ev_id,
            o.pk,
            periode.pk,
            "tahunan",
            "\\N",
            skp_id,
            penilai.pk,
            penilai.nama,
            penilai.nip,
            penilai.jabatan,
            "final",
            tingkat[0],
            tingkat[1],
            predikat,
            _json(nilai),
            catatan,
            area,
            tahunan_final.isoformat(),
            penilai.user_id,
            "\\N",
            tahunan_dibuka.isoformat(),
            tahunan_final.isoformat(),
        )
        for k in range(kinerja.per_orang):
            ub_c.tulis(id=ub_id, evaluasi_id=ev_id, iki_id=iki_awal + k, teks=rng.choice(UMPAN_BALIK))
            ub_id += 1
        kebutuhan(o, ev_id, "tahunan", None, predikat, nilai, catatan, area, tahunan_final)
        hasil.predikat_tahunan[o.pk] = predikat
        tahunan_rows.append((ev_id, o, tingkat, predikat))
        ev_id += 1

    for eid, o, (rh, rp), predikat in tahunan_rows:
        if predikat == aturan.Predikat.SANGAT_BAIK or rng.random() >= KEBERATAN:
            continue
        atasan = per_pk[o.atasan_id] if o.atasan_id else None
        diajukan = tahunan_final + dt.timedelta(days=rng.randint(1, 10), hours=rng.randint(0, 8))
        if tahunan_final < dunia.akhir:  # filed before the built year's end (objections within the 14 days)
            diajukan = min(diajukan, dunia.akhir - dt.timedelta(hours=1))
        diputus = rng.random() < KEBERATAN_DIPUTUSKAN and diajukan + dt.timedelta(days=5) < max(dunia.akhir, diajukan)
        baris = {"id": kb_id, "evaluasi_id": eid, "alasan": "Bukti dukung triwulan IV belum dipertimbangkan."}
        baris["diajukan_pada"] = diajukan
        if atasan is not None and atasan.atasan_id is not None and diputus:
            baris.update(
                status=Keberatan.Status.DIPUTUSKAN,
                tanggapan_penilai="Bukti sudah diperiksa; rating sesuai capaian.",
                ditanggapi_pada=diajukan + dt.timedelta(days=2),
                keputusan=Keberatan.Keputusan.DIPERTAHANKAN,
                alasan_keputusan="Rating sesuai bukti dukung dan umpan balik sepanjang tahun.",
                rating_hasil_kerja_semula=rh,
                rating_perilaku_semula=rp,
                predikat_semula=predikat,
                diputuskan_oleh_id=atasan.atasan_id,
                diputuskan_pada=diajukan + dt.timedelta(days=5),
            )
        kb_c.tulis(**baris)
        kb_id += 1

    for c in (ev_c, ub_c, keb_c, kb_c):
        c.kirim()
    hasil.jumlah_evaluasi = ev_c.jumlah
    urutan_segarkan((Evaluasi, UmpanBalikEvaluasi, KebutuhanPengembangan, Keberatan))
    _organisasi(dunia, data, kinerja, hasil, rng, tahunan_final)
    return hasil


def _json(nilai: dict) -> str:
    if not nilai:
        return "{}"
    return "{" + ", ".join(f'"{k}": "{v}"' for k, v in nilai.items()) + "}"


def _nilai_di_bawah(rng, rating_perilaku: str) -> dict[str, str]:
    """The BerAKHLAK values the penilai rated Di Bawah: one or two when the perilaku rating is Di Bawah."""
    if rating_perilaku != B:
        return {}
    return dict.fromkeys(rng.sample(NILAI, rng.choice((1, 1, 2))), B)


def _organisasi(dunia: Dunia, data: DataOrang, kinerja: DataKinerja, hasil: DataPenilaian, rng, final) -> None:
    """The units' annual predikat kinerja organisasi and the penetapan of most perangkat daerah."""
    periode = kinerja.periode
    berisi: set[str] = set()
    sebaran: dict[str, Counter] = {}
    for o in data.orang:
        path = data.unit[o.unit_id].path
        for i in range(UnitKerja.steplen, len(path) + 1, UnitKerja.steplen):
            berisi.add(path[:i])
        if o.pk in hasil.predikat_tahunan and len(path) >= 2 * UnitKerja.steplen:
            sebaran.setdefault(path[: 2 * UnitKerja.steplen], Counter())[hasil.predikat_tahunan[o.pk]] += 1
    pu_c = Copy(PredikatUnit, dunia.now)
    pu_id = id_awal(PredikatUnit)
    predikat_org: dict[int, str] = {}
    pilihan = [
        aturan.PredikatOrganisasi.ISTIMEWA,
        aturan.PredikatOrganisasi.BAIK,
        aturan.PredikatOrganisasi.BUTUH_PERBAIKAN,
    ]
    for u in sorted(data.unit.values(), key=lambda u: u.path):
        if u.path not in berisi:
            continue
        predikat_org[u.pk] = rng.choices(pilihan, (10, 82, 8))[0].value
        pu_c.tulis(
            id=pu_id,
            unit_id=u.pk,
            periode_id=periode.pk,
            periode_ke=None,
            predikat=predikat_org[u.pk],
            catatan="Capaian Perjanjian Kinerja tahunan.",
            ditetapkan_oleh_id=data.bkd_user_id,
            ditetapkan_pada=final - dt.timedelta(days=3),
        )
        pu_id += 1
    pu_c.kirim()
    urutan_segarkan((PredikatUnit,))
    penetapan = []
    for unit in UnitKerja.objects.filter(depth=2, path__in=list(sebaran)).order_by("path"):
        if unit.pk not in predikat_org or rng.random() >= DITETAPKAN:
            continue
        jumlah = dict.fromkeys(aturan.Predikat.values, 0) | dict(sebaran[unit.path])
        pelanggaran = aturan.periksa_distribusi(predikat_org[unit.pk], jumlah)
        penetapan.append(
            PenetapanDistribusi(
                unit=unit,
                periode=periode,
                predikat_organisasi=predikat_org[unit.pk],
                jumlah=jumlah,
                pelanggaran=[p.pesan for p in pelanggaran],
                sesuai_kurva=not pelanggaran,
                justifikasi="" if not pelanggaran else "Sebaran mengikuti capaian nyata pegawai; dibahas bersama BKD.",
                ditetapkan_oleh_id=data.bkd_user_id,
                **{f"penandatangan_{k}": v for k, v in selectors.penandatangan_penetapan(unit=unit).items()},
            )
        )
    PenetapanDistribusi.objects.bulk_create(penetapan)
    PenetapanDistribusi.objects.filter(periode=periode).update(ditetapkan_pada=final + dt.timedelta(days=7))
