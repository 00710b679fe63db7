"""Build the fault tests' private database (run as a script, with DATABASE_URL set) and print JSON.

``realisasi N``: the schema from the models, one pegawai with an approved SKP of N IKI (the open quarter of today),
his API token. ``impor N``: the schema, an admin BKD and an import job of one unit and N pegawai, queued (after
commit) for the worker. ``laporan N``: the schema, an admin BKD, a root with N units, THE report row of the middle
unit (so that the test can hold its lock) and the admin's province report run of last year, queued (after commit)."""

import json
import os
import sys

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings_gangguan"


def skema() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", run_syncdb=True, verbosity=0)


def impor(n: int) -> None:
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from kepegawaian import impor as impor_mod
    from kepegawaian import services
    from kepegawaian.models import PeranAdmin
    from tests.kepegawaian.factories import UserFactory

    settings.KEPEGAWAIAN_IMPOR_BATAS_SINKRON = 0  # always the worker's path
    bkd = UserFactory(username="bkd")
    services.peran_grant(actor=None, user=bkd, peran=PeranAdmin.Peran.ADMIN_BKD)
    unit = b"kode,nama,jenis,kode_induk\nUJI,Dinas Uji,perangkat_daerah,\n"
    kepala = "nip,nama,status,golongan,jabatan,jenis_jabatan,kode_unit,nip_atasan,email"
    baris = [kepala] + [
        f"197001012000{i // 999 + 1:02d}1{i % 999 + 1:03d},Pegawai {i},PNS,II/c,Pengadministrasi Umum,pelaksana,UJI,,"
        for i in range(n)
    ]
    berkas = [
        SimpleUploadedFile("unit.csv", unit),
        SimpleUploadedFile("pegawai.csv", ("\n".join(baris) + "\n").encode()),
    ]
    with transaction.atomic():
        job = impor_mod.impor_job_create(actor=bkd, berkas=berkas)
    print(json.dumps({"job": job.pk}))


def realisasi(n: int) -> None:
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from indikator.models import Iki
    from kepegawaian.models import Jabatan
    from tests.indikator.factories import PeriodeFactory, skp_disetujui
    from tests.kepegawaian.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory, UserFactory

    hari = timezone.localdate()
    unit = UnitKerjaFactory(kode="UJI", nama="Dinas Uji", jenis="perangkat_daerah")
    atasan = PegawaiFactory(
        user=UserFactory(username="atasan"),
        unit=unit,
        jabatan=JabatanFactory(nama="Kepala Dinas Uji", jenis=Jabatan.Jenis.JPT),
    )
    pegawai = PegawaiFactory(
        user=UserFactory(username="pegawai"),
        unit=unit,
        atasan=atasan,
        jabatan=JabatanFactory(nama="Analis Uji", jenis=Jabatan.Jenis.PELAKSANA),
    )
    skp = skp_disetujui(pegawai, PeriodeFactory(tahun=hari.year), rhk=n)
    iki = list(Iki.objects.filter(rhk__skp=skp).order_by("pk").values_list("pk", flat=True))
    token = Token.objects.create(user=pegawai.user)
    print(json.dumps({"token": token.key, "iki": iki, "periode_ke": (hari.month - 1) // 3 + 1}))


def laporan(n: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from kepegawaian import services as kepegawaian_services
    from kepegawaian.models import PeranAdmin
    from laporan import services
    from laporan.models import Laporan
    from tests.kepegawaian.factories import UnitKerjaFactory, UserFactory

    bkd = UserFactory(username="bkd")
    kepegawaian_services.peran_grant(actor=None, user=bkd, peran=PeranAdmin.Peran.ADMIN_BKD)
    root = UnitKerjaFactory(kode="PEMPROV", nama="Pemprov Uji", jenis="pemprov")
    units = [
        UnitKerjaFactory(kode=f"UJI{i}", nama=f"Dinas Uji {i}", jenis="perangkat_daerah", parent=root) for i in range(n)
    ]
    tahun = timezone.localdate().year - 1
    kunci = units[n // 2]
    Laporan.objects.create(unit=kunci, tahun=tahun)
    with transaction.atomic():
        run = services.run_create(actor=bkd, unit=root, tahun=tahun)
    print(json.dumps({"run": run.pk, "tahun": tahun, "kunci": kunci.pk, "unit": [root.pk] + [u.pk for u in units]}))


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    skema()
    {"realisasi": realisasi, "impor": impor, "laporan": laporan}[sys.argv[1]](int(sys.argv[2]))
