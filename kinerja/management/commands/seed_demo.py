"""`manage.py seed_demo [--if-empty]`: a realistic slice of Pemprov DKI Jakarta for demos and development.

The command is a list of steps, one per app, run in order in one transaction; a later app adds its step to
``STEPS`` (each step is ``function(stdout) -> None`` and must be safe to run twice). Apps never import this
command. It refuses to run when DEBUG is off: the demo logins share a publicly known password.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

import indikator.demo
import kepegawaian.demo
import laporan.demo
import partisipasi.demo
import pelatihan.demo
import penilaian.demo
from kepegawaian.models import UnitKerja

STEPS = [
    kepegawaian.demo.seed,  # units, pegawai, the five demo logins
    indikator.demo.seed,  # period, unit indicators, approved SKP, realisation and evidence
    penilaian.demo.seed,  # evaluations, a unit on / off the curve, calibration, objections, development needs
    pelatihan.demo.seed,  # training catalogue, events held and upcoming, JP, certificates, ratings, external
    partisipasi.demo.seed,  # complaints over the year, the lurah's IKI computed from them
    laporan.demo.seed,  # the demo year's reports of every unit, generated and published (keep it last)
]


class Command(BaseCommand):
    help = _("Mengisi basis data dengan data demo Pemprov DKI Jakarta (hanya untuk mode pengembangan).")

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_("Tidak melakukan apa pun bila basis data sudah berisi unit kerja."),
        )

    def handle(self, *args, if_empty: bool = False, **options):
        if not settings.DEBUG:
            raise CommandError(
                _(
                    "seed_demo ditolak: DEBUG tidak aktif (mode produksi). Data demo memuat akun dengan kata sandi "
                    "yang diketahui umum; jalankan hanya dengan DJANGO_DEBUG=1."
                )
            )
        if if_empty and UnitKerja.objects.exists():
            self.stdout.write(_("Basis data sudah berisi unit kerja; data demo tidak dibuat (--if-empty)."))
            return
        with transaction.atomic():
            for step in STEPS:
                step(self.stdout)
        self.stdout.write(self.style.SUCCESS(_("Data demo siap.")))
