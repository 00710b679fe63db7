"""Demo data for laporan (``seed_demo``): the demo year's reports of every unit, generated synchronously from the
other apps' demo data (no broker) and published with a demo narrative, so that a citizen opening ``/laporan/`` on a
fresh ``make run`` sees real published reports with charts and downloads. Running it twice changes nothing."""

from django.utils.translation import gettext as _

from indikator.models import PeriodePenilaian
from laporan import services


def seed(stdout) -> None:
    periode = PeriodePenilaian.objects.order_by("-tahun").first()
    if periode is None:
        return
    jumlah = services.laporan_publish_demo(tahun=periode.tahun)
    stdout.write(_("Laporan kinerja %(tahun)s: %(n)s laporan diterbitkan.") % {"tahun": periode.tahun, "n": jumlah})
