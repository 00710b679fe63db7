"""``manage.py jp_tahunan_bangun``: rebuild the JP summary per pegawai and ledger year (``pelatihan.rekap``) from
the live rows; ``--periksa`` only compares the two and fails when they differ."""

from django.core.management.base import BaseCommand, CommandError

from pelatihan.rekap import jp_tahunan_bangun, jp_tahunan_selisih


class Command(BaseCommand):
    help = "Bangun ulang rekap JP per pegawai per tahun dari data pelatihan (atau periksa dengan --periksa)."

    def add_arguments(self, parser):
        parser.add_argument("--periksa", action="store_true", help="Hanya bandingkan rekap dengan data pelatihan.")

    def handle(self, *args, periksa: bool = False, **options):
        if periksa:
            selisih = jp_tahunan_selisih()
            if selisih:
                baris = "; ".join(f"pegawai {p} tahun {t}: rekap {r}, data {h}" for p, t, r, h in selisih)
                raise CommandError(f"Rekap JP tidak sama dengan data pelatihan: {baris}")
            self.stdout.write("Rekap JP sama dengan data pelatihan.")
            return
        n = jp_tahunan_bangun()
        self.stdout.write(f"Rekap JP dibangun ulang: {n} baris.")
