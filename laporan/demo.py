"""Demo data for laporan (``seed_demo``): the reports of the demo year AND of the year before (for the comparison),
generated synchronously from the other apps' demo data (no broker) and published with a demo narrative, so that a
citizen opening ``/laporan/`` on a fresh ``make run`` sees real published reports with charts, downloads and a
comparison with the previous year. Medium-term (RPJMD) targets are recorded for the demo year's IKU, so the IKU
table compares with them. Running it twice changes nothing.

The demo's other apps hold one year only: the previous year's history is written here, in bulk and straight to the
tables (as indikator's demo writes its own history): the same IKU one year earlier, carried by the same heads' SKP
of that year, with a year-end realisation. Its other chapters (evaluations, training) say that there is no data.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from indikator.models import Arah, Iki, IndikatorUnit, PeriodePenilaian, Realisasi, Rhk, Skp
from laporan import services
from laporan.models import RENCANA_BAWAAN, RencanaMenengah, TargetMenengah

#: the previous year's realisation as a share of its target, by indicator (deterministic, some missed)
_PORSI = (Decimal("0.86"), Decimal("0.93"), Decimal("0.98"), Decimal("1.02"), Decimal("1.06"))
_SEN = Decimal("0.01")


def _target_menengah(periode: PeriodePenilaian) -> int:
    """An RPJMD (or RPD) end-of-plan target for every IKU of the demo year: 10% beyond this year's target (10% below
    it when lower is better)."""
    for kode, nama, awal, akhir in RENCANA_BAWAAN:
        RencanaMenengah.objects.get_or_create(
            kode=kode, defaults={"nama": nama, "tahun_awal": awal, "tahun_akhir": akhir}
        )
    rencana = (
        RencanaMenengah.objects.filter(tahun_awal__lte=periode.tahun, tahun_akhir__gte=periode.tahun)
        .order_by("-tahun_awal")
        .first()
    )
    if rencana is None:
        return 0
    baru = [
        TargetMenengah(
            rencana=rencana,
            unit_id=iku.unit_id,
            indikator=iku.indikator,
            target=(iku.target * (Decimal("0.9") if iku.arah == Arah.TURUN else Decimal("1.1"))).quantize(_SEN),
        )
        for iku in IndikatorUnit.objects.filter(periode=periode, jenis=IndikatorUnit.Jenis.IKU)
    ]
    return len(TargetMenengah.objects.bulk_create(baru, ignore_conflicts=True))


def _tahun_lalu(periode: PeriodePenilaian) -> PeriodePenilaian | None:
    """The previous year's IKU with realisation, when the demo has no previous year yet (``None`` when it has)."""
    tahun = periode.tahun - 1
    if PeriodePenilaian.objects.filter(tahun=tahun).exists():
        return None
    lalu = PeriodePenilaian.objects.create(
        tahun=tahun,
        periodisitas=periode.periodisitas,
        batas_penyusunan_skp=dt.date(tahun, 1, 31),
        hari_batas_realisasi=periode.hari_batas_realisasi,
        batas_evaluasi_tahunan=dt.date(tahun + 1, 1, 31),
        status=PeriodePenilaian.Status.DITUTUP,
    )
    # who carries each IKU this year: the pegawai whose current SKP has an RHK linked to it
    pemegang = dict(
        Rhk.objects.filter(indikator_unit__periode=periode, skp__terkini=True).values_list(
            "indikator_unit_id", "skp__pegawai_id"
        )
    )
    kini = list(IndikatorUnit.objects.filter(periode=periode).order_by("pk"))
    iku_lalu = IndikatorUnit.objects.bulk_create(
        [
            IndikatorUnit(
                unit_id=i.unit_id, periode=lalu, jenis=i.jenis, sasaran_strategis=i.sasaran_strategis,
                indikator=i.indikator, satuan=i.satuan, arah=i.arah, perspektif=i.perspektif, urutan=i.urutan,
                target=(i.target * (Decimal("0.95") if i.arah == Arah.NAIK else Decimal("1.05"))).quantize(_SEN),
            )
            for i in kini
        ]
    )  # fmt: skip
    sekarang = timezone.now()
    skp = {
        s.pegawai_id: s
        for s in Skp.objects.bulk_create(
            [
                Skp(pegawai_id=p, periode=lalu, status=Skp.Status.DISETUJUI, terkini=True, disetujui_pada=sekarang)
                for p in sorted(set(pemegang.values()))
            ]
        )
    }
    pasangan = [(i, baru) for i, baru in zip(kini, iku_lalu, strict=True) if i.pk in pemegang]
    rhk = Rhk.objects.bulk_create(
        [Rhk(skp=skp[pemegang[i.pk]], uraian=baru.indikator, indikator_unit=baru) for i, baru in pasangan]
    )
    iki = Iki.objects.bulk_create(
        [
            Iki(rhk=r, uraian=baru.indikator, satuan=baru.satuan, arah=baru.arah, target=baru.target)
            for r, (_i, baru) in zip(rhk, pasangan, strict=True)
        ]
    )
    akhir = 12 if periode.periodisitas == PeriodePenilaian.Periodisitas.BULANAN else 4
    nilai = []
    for n, x in enumerate(iki):
        porsi = _PORSI[n % len(_PORSI)]
        nilai.append(
            Realisasi(
                iki=x,
                periode_ke=akhir,
                nilai=(x.target * (porsi if x.arah == Arah.NAIK else 2 - porsi)).quantize(_SEN),
            )
        )
    Realisasi.objects.bulk_create(nilai)
    return lalu


def seed(stdout) -> None:
    periode = PeriodePenilaian.objects.order_by("-tahun").first()
    if periode is None:
        return
    n_target = _target_menengah(periode)
    lalu = _tahun_lalu(periode) or PeriodePenilaian.objects.filter(tahun=periode.tahun - 1).first()
    if lalu is not None:
        jumlah = services.laporan_publish_demo(tahun=lalu.tahun)
        stdout.write(_("Laporan kinerja %(tahun)s: %(n)s laporan diterbitkan.") % {"tahun": lalu.tahun, "n": jumlah})
    jumlah = services.laporan_publish_demo(tahun=periode.tahun)
    stdout.write(_("Laporan kinerja %(tahun)s: %(n)s laporan diterbitkan.") % {"tahun": periode.tahun, "n": jumlah})
    if n_target:
        stdout.write(_("Target jangka menengah: %(n)s indikator.") % {"n": n_target})
