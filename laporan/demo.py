"""Demo data for laporan (``seed_demo``): the reports of the demo year AND of the year before (for the comparison),
generated synchronously from the other apps' demo data (no broker) and published with a demo narrative, so that a
citizen opening ``/laporan/`` on a fresh ``make run`` sees real published reports with charts, downloads and a
comparison with the previous year. Medium-term (RPJMD) targets are recorded for the demo year's IKU, so the IKU
table compares with them. Running it twice changes nothing.

The previous year's history (the same IKU one year earlier, carried by the same heads' SKP of that year, with a
year-end realisation; everyone's SKP of that year) is written by indikator's demo (``indikator.demo.tahun_lalu``),
its evaluations and development needs by penilaian's, the trainings that met them by pelatihan's.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from indikator.models import Arah, IndikatorUnit, PeriodePenilaian
from laporan import services
from laporan.models import RENCANA_BAWAAN, RencanaMenengah, TargetMenengah

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


def seed(stdout) -> None:
    periode = PeriodePenilaian.objects.order_by("-tahun").first()
    if periode is None:
        return
    n_target = _target_menengah(periode)
    # the previous year (IKU, the heads' SKP and their year-end realisation) is written by indikator's demo
    lalu = PeriodePenilaian.objects.filter(tahun=periode.tahun - 1).first()
    if lalu is not None:
        jumlah = services.laporan_publish_demo(tahun=lalu.tahun)
        stdout.write(_("Laporan kinerja %(tahun)s: %(n)s laporan diterbitkan.") % {"tahun": lalu.tahun, "n": jumlah})
    jumlah = services.laporan_publish_demo(tahun=periode.tahun)
    stdout.write(_("Laporan kinerja %(tahun)s: %(n)s laporan diterbitkan.") % {"tahun": periode.tahun, "n": jumlah})
    if n_target:
        stdout.write(_("Target jangka menengah: %(n)s indikator.") % {"n": n_target})
