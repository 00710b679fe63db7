"""``manage.py antrian_kuras``: send the tasks stored while the broker was down (kinerja.antrian's outbox)."""

from django.core.management.base import BaseCommand

from kinerja.antrian import antrian_kuras


class Command(BaseCommand):
    help = "Kirim ulang tugas Celery yang tertunda karena broker tidak menjawab."

    def handle(self, *args, **options):
        total = 0
        while True:
            terkirim, sisa = antrian_kuras()
            total += terkirim
            if not terkirim or not sisa:
                break
        self.stdout.write(f"{total} tugas terkirim, {sisa} masih menunggu.")
        return None
