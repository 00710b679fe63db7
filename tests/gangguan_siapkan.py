"""Build the fault tests' private database (run as a script, with DATABASE_URL set): the schema from the models,
one pegawai with an approved SKP of ``N`` IKI (the open quarter of today), his API token. Prints JSON."""

import json
import os
import sys

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings_syncdb"


def main(n: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    call_command("migrate", run_syncdb=True, verbosity=0)
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


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main(int(sys.argv[1]))
