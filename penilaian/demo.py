"""Demo data for penilaian (a step of ``seed_demo``, after indikator's): final periodic evaluations of the demo year's
closed months for every pegawai with an approved SKP, the previous year's annual results of three units (with
the development needs the weak ones call for), annual results for two units — BKD's Bidang Penilaian Kinerja
follows the curve of its Baik predikat (after a locked calibration session that moved one rating), its Bidang
Pengembangan Karier breaks it and is finalised with a justification — annual results of the Suku Dinas Pendidikan
Jakarta Pusat I with one pending objection (demo.pegawai's) and one decided, and the development needs the weak
results call for.

Like indikator's demo this is generated history, written straight to the tables (the services would refuse to
backdate it); the database constraints still hold every row. Running it twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from indikator.models import PeriodePenilaian, Skp, hari_ini
from kepegawaian.models import Pegawai, UnitKerja
from penilaian import aturan, selectors
from penilaian.models import (
    Evaluasi,
    Keberatan,
    KebutuhanPengembangan,
    PenetapanDistribusi,
    PerubahanKalibrasi,
    PredikatUnit,
    SesiKalibrasi,
)
from penilaian.services.pengembangan import _isian, _kebutuhan_sync

BENIH = 20261001
UNIT_SESUAI = "BKD-PKA"  # follows the curve (Baik), finalised after a calibration
UNIT_MENYIMPANG = "BKD-PKP"  # breaks it, finalised with a justification
UNIT_KEBERATAN = "SUDINDIK-JP1"  # demo.pegawai's unit: an objection waits, so the unit is not finalised yet


def _evaluasi(pegawai: Pegawai, skp: Skp, periode, ke, hasil, perilaku, waktu, **extra) -> Evaluasi:
    penilai = pegawai.atasan
    assert penilai is not None
    return Evaluasi(
        pegawai=pegawai,
        periode=periode,
        jenis=Evaluasi.Jenis.TAHUNAN if ke is None else Evaluasi.Jenis.PERIODIK,
        periode_ke=ke,
        skp=skp,
        penilai=penilai,
        penilai_nama=penilai.nama,
        penilai_nip=penilai.nip,
        penilai_jabatan=penilai.jabatan.nama,
        status=Evaluasi.Status.FINAL,
        rating_hasil_kerja=hasil,
        rating_perilaku=perilaku,
        saran_hasil_kerja=hasil,
        predikat=aturan.predikat_pegawai(hasil, perilaku),
        difinalkan_pada=waktu,
        **extra,
    )


def _rating_sesuai_kurva(n: int) -> list[tuple[str, str]]:
    """Ratings for ``n`` people that follow the Baik curve: Baik the majority and at most 70 %, one Butuh Perbaikan,
    the rest Sangat Baik."""
    baik = max(n // 2 + 1, 0)
    while baik * 100 > 70 * n and baik > 0:
        baik -= 1
    rows = [("di_bawah", "sesuai")] + [("sesuai", "sesuai")] * baik
    rows += [("di_atas", "di_atas")] * (n - len(rows))
    return rows[:n]


def seed(stdout) -> None:
    hari = hari_ini()
    periode = PeriodePenilaian.objects.filter(tahun=hari.year).first()
    if periode is None:
        stdout.write(_("Penilaian: belum ada periode; jalankan data demo indikator dahulu."))
        return
    if Evaluasi.objects.filter(periode=periode).exists():
        stdout.write(_("Penilaian: data demo periode %(tahun)s sudah ada.") % {"tahun": periode.tahun})
        return
    rng = random.Random(BENIH)  # noqa: S311 -- demo data, not security
    skp = {
        s.pegawai_id: s
        for s in Skp.objects.filter(periode=periode, status=Skp.Status.DISETUJUI, terkini=True).select_related(
            "pegawai__atasan__jabatan", "pegawai__unit"
        )
    }
    orang = [s.pegawai for s in skp.values() if s.pegawai.atasan_id is not None]
    tz = timezone.get_current_timezone()
    with transaction.atomic():
        periodik = []
        for ke in periode.daftar_periode_ke:
            akhir = periode.bulan_periode_ke(ke)[1]
            if akhir >= hari.month:
                break
            waktu = dt.datetime(hari.year, akhir, 28, 10, 0, tzinfo=tz)
            for p in orang:
                hasil = rng.choices(["di_atas", "sesuai", "di_bawah"], [2, 7, 1])[0]
                perilaku = rng.choices(["di_atas", "sesuai"], [2, 8])[0]
                periodik.append(
                    _evaluasi(p, skp[p.pk], periode, ke, hasil, perilaku, waktu, dibaca_pada=waktu + dt.timedelta(1))
                )
        Evaluasi.objects.bulk_create(periodik, batch_size=500)
        demo = Pegawai.objects.filter(user__username="demo.pegawai").first()
        if demo is not None and demo.pk in skp:
            e = Evaluasi.objects.filter(pegawai=demo, periode=periode, jenis="periodik").order_by("-periode_ke").first()
            if e is not None:  # a weak BerAKHLAK value and a note: development needs for the training app
                e.rating_nilai = {"kolaboratif": "di_bawah"}
                e.catatan_pengembangan = _("Perlu penguatan penyusunan laporan data pendidikan.")
                e.area_pengembangan = aturan.AreaKompetensi.TEKNIS
                e.save()
                _kebutuhan_sync(e)
        _kebutuhan_awal(Evaluasi.objects.filter(periode=periode).exclude(predikat__in=["sangat_baik", "baik"]))
        _tahunan(periode=periode, orang=orang, skp=skp, demo=demo)
        n_lalu = _tahun_lalu(periode=periode)
    if n_lalu:
        stdout.write(
            _("Penilaian: %(n)d evaluasi tahunan final tahun %(tahun)s.") % {"n": n_lalu, "tahun": periode.tahun - 1}
        )
    stdout.write(
        _("Penilaian: %(n)d evaluasi periodik final, evaluasi tahunan dua unit, kalibrasi, keberatan.")
        % {"n": len(periodik)}
    )


def _kebutuhan_awal(evaluasi) -> None:
    """The development needs of the evaluations just written: what ``_kebutuhan_sync`` (THE rule,
    ``aturan.alasan_kebutuhan``, and its wording) makes of each of them, written in one INSERT like the evaluations
    themselves (generated history, no audit entry per row; the database constraints hold every row). An evaluation
    that has needs already goes through ``_kebutuhan_sync`` itself."""
    baris = []
    for e in evaluasi.select_related("periode").prefetch_related("kebutuhan_pengembangan"):
        if not e.final:
            continue
        if e.kebutuhan_pengembangan.all():
            _kebutuhan_sync(e)
            continue
        alasan = aturan.alasan_kebutuhan(
            predikat=e.predikat, rating_nilai=e.rating_nilai, catatan_pengembangan=e.catatan_pengembangan
        )
        baris += [
            KebutuhanPengembangan(
                pegawai_id=e.pegawai_id, evaluasi=e, sumber=sumber, aspek=aspek, **_isian(e, sumber, aspek)
            )
            for sumber, aspek in alasan
        ]
    KebutuhanPengembangan.objects.bulk_create(baris, batch_size=500)


def _tahun_lalu(*, periode) -> int:
    """The year before (its period and SKP written by ``indikator.demo.tahun_lalu``): final annual evaluations of
    the people of the three units that have annual results this year, two in three of them weak — Butuh Perbaikan,
    or Baik with a Di Bawah on *Kompeten* — so that they carry a development need in the technical area. The
    training demo then meets every other one of those needs with a training this year, and the "did training work"
    page (``pelatihan.selectors.dampak``, year ``tahun - 1``) compares how the trained and the others moved."""
    lalu = PeriodePenilaian.objects.filter(tahun=periode.tahun - 1).first()
    if lalu is None or Evaluasi.objects.filter(periode=lalu).exists():
        return 0
    paths = list(
        UnitKerja.objects.filter(kode__in=(UNIT_SESUAI, UNIT_MENYIMPANG, UNIT_KEBERATAN)).values_list("path", flat=True)
    )
    orang = sorted(
        (
            s
            for s in Skp.objects.filter(periode=lalu, status=Skp.Status.DISETUJUI, terkini=True).select_related(
                "pegawai__atasan__jabatan", "pegawai__unit"
            )
            if s.pegawai.atasan_id is not None and any(s.pegawai.unit.path.startswith(p) for p in paths)
        ),
        key=lambda s: s.pegawai.nip,
    )
    # finalised within the annual deadline of that year (January of this year)
    waktu = dt.datetime(periode.tahun, 1, 20, 10, 0, tzinfo=timezone.get_current_timezone())
    baris = []
    for n, s in enumerate(orang):
        if n % 3 == 2:
            baris.append(_evaluasi(s.pegawai, s, lalu, None, "sesuai", "sesuai", waktu))
        elif n % 3 == 1:
            baris.append(
                _evaluasi(s.pegawai, s, lalu, None, "sesuai", "sesuai", waktu, rating_nilai={"kompeten": "di_bawah"})
            )
        else:
            baris.append(_evaluasi(s.pegawai, s, lalu, None, "di_bawah", "sesuai", waktu))
    Evaluasi.objects.bulk_create(baris, batch_size=500)
    _kebutuhan_awal(Evaluasi.objects.filter(periode=lalu, jenis=Evaluasi.Jenis.TAHUNAN))
    return len(baris)


def _tahunan(*, periode, orang, skp, demo) -> None:
    User = get_user_model()  # noqa: N806
    admin = User.objects.filter(username="demo.admin").first()
    if admin is None:
        return
    tz = timezone.get_current_timezone()
    waktu = timezone.now() - dt.timedelta(days=2)
    for kode in (UNIT_SESUAI, UNIT_MENYIMPANG, UNIT_KEBERATAN):
        unit = UnitKerja.objects.filter(kode=kode).first()
        if unit is None:
            continue
        anggota = sorted((p for p in orang if p.unit.path.startswith(unit.path)), key=lambda p: p.nip)
        if not anggota:
            continue
        if kode == UNIT_SESUAI:
            rating = _rating_sesuai_kurva(len(anggota))
        else:
            rating = [("sesuai", "sesuai")] * (len(anggota) - 1) + [("di_atas", "di_atas")]
        baris = [
            _evaluasi(p, skp[p.pk], periode, None, h, pr, waktu - dt.timedelta(days=20 if p != demo else 0))
            for p, (h, pr) in zip(anggota, rating, strict=True)
        ]
        Evaluasi.objects.bulk_create(baris)
        PredikatUnit.objects.create(
            unit=unit, periode=periode, periode_ke=None, predikat="baik", ditetapkan_oleh=admin, catatan=_("Demo.")
        )
        tahunan = list(Evaluasi.objects.filter(periode=periode, jenis="tahunan", pegawai__in=anggota))
        _kebutuhan_awal(Evaluasi.objects.filter(pk__in=[e.pk for e in tahunan]))
        if kode == UNIT_SESUAI:
            _kalibrasi(unit=unit, periode=periode, admin=admin, tahunan=tahunan, tz=tz)
        jumlah = dict.fromkeys(aturan.Predikat.values, 0)
        for e in Evaluasi.objects.filter(pk__in=[e.pk for e in tahunan]):
            jumlah[e.predikat] += 1
        pelanggaran = aturan.periksa_distribusi("baik", jumlah)
        if kode == UNIT_KEBERATAN:
            _keberatan(tahunan=tahunan, demo=demo)
            continue  # demo.pegawai's objection still waits: the unit is not finalised yet
        PenetapanDistribusi.objects.create(
            unit=unit,
            periode=periode,
            predikat_organisasi="baik",
            jumlah=jumlah,
            pelanggaran=[p.pesan for p in pelanggaran],
            sesuai_kurva=not pelanggaran,
            justifikasi="" if not pelanggaran else _("Seluruh pegawai mencapai target layanan; unit kecil."),
            ditetapkan_oleh=admin,
            **{f"penandatangan_{k}": v for k, v in selectors.penandatangan_penetapan(unit=unit).items()},
        )


def _kalibrasi(*, unit, periode, admin, tahunan, tz) -> None:
    """A locked session that moved one Sangat Baik down to Baik (kept before/after)."""
    sesi = SesiKalibrasi.objects.create(
        unit=unit,
        periode=periode,
        dibuka_oleh=admin,
        status=SesiKalibrasi.Status.TERKUNCI,
        dikunci_oleh=admin,
        dikunci_pada=timezone.now() - dt.timedelta(days=10),
        catatan=_("Kalibrasi antarpenilai bidang."),
    )
    baik = next((e for e in tahunan if e.predikat == "baik"), None)
    if baik is None:
        return
    PerubahanKalibrasi.objects.create(
        sesi=sesi,
        evaluasi=baik,
        rating_hasil_kerja_semula="di_atas",
        rating_perilaku_semula="di_atas",
        predikat_semula="sangat_baik",
        rating_hasil_kerja=baik.rating_hasil_kerja,
        rating_perilaku=baik.rating_perilaku,
        predikat=baik.predikat,
        alasan=_("Capaian setara rekan satu bidang."),
        diubah_oleh=admin,
    )


def _keberatan(*, tahunan, demo) -> None:
    """demo.pegawai objects (pending); another one's objection was decided (upheld)."""
    milik_demo = next((e for e in tahunan if e.pegawai_id == getattr(demo, "pk", None)), None)
    if milik_demo is not None:
        Keberatan.objects.create(evaluasi=milik_demo, alasan=_("Capaian saya melebihi target pada triwulan IV."))
    lain = next((e for e in tahunan if e.pegawai_id != getattr(demo, "pk", None) and e.penilai.atasan_id), None)
    if lain is not None:
        Keberatan.objects.create(
            evaluasi=lain,
            alasan=_("Bukti dukung saya belum dipertimbangkan."),
            tanggapan_penilai=_("Bukti sudah diperiksa dan sesuai rating."),
            ditanggapi_pada=timezone.now() - dt.timedelta(days=8),
            status=Keberatan.Status.DIPUTUSKAN,
            keputusan=Keberatan.Keputusan.DIPERTAHANKAN,
            alasan_keputusan=_("Rating sesuai bukti dukung."),
            rating_hasil_kerja_semula=lain.rating_hasil_kerja,
            rating_perilaku_semula=lain.rating_perilaku,
            predikat_semula=lain.predikat,
            diputuskan_oleh_id=lain.penilai.atasan_id,
            diputuskan_pada=timezone.now() - dt.timedelta(days=5),
        )
