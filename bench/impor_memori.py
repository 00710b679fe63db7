# Run by ``bench/bench_skala.py --impor`` inside ``manage.py shell`` of the big database: the worker's path of a
# 5,000-row import (read, validate against every existing pegawai, apply), peak memory measured, rolled back.
import datetime as dt
import io
import json
import resource
import time

from django.db import transaction

from kepegawaian.impor import data_import
from kepegawaian.impor.baca import baca_berkas
from kepegawaian.models import Pegawai, UnitKerja, User
from kepegawaian.nip import nip_build


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0


akun = User.objects.get(username="jakarta.bkd")
unit = UnitKerja.objects.filter(jenis="sekolah").order_by("pk").first()
kepsek = Pegawai.objects.filter(unit=unit, jabatan__nama="Kepala Sekolah").first()
baris = ["nip,nama,status,golongan,jabatan,jenis_jabatan,kode_unit,nip_atasan,email"]
for i in range(5000):
    nip = nip_build(
        tanggal_lahir=dt.date(1999, 1, 1) + dt.timedelta(days=i // 999),
        tmt=dt.date(2021, 1, 1),
        jenis_kelamin="L" if i % 2 else "P",
        nomor_urut=1 + i % 999,
    )
    baris.append(f"{nip},Pegawai Impor {i},pns,III/a,Guru,fungsional,{unit.kode},{kepsek.nip},")
isi = ("\n".join(baris) + "\n").encode()
awal, puncak_awal = rss_mb(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t = time.monotonic()
with transaction.atomic():
    data = baca_berkas([("impor.csv", io.BytesIO(isi))])
    hasil = data_import(actor=akun, data=data, progres=lambda _p: None)
    transaction.set_rollback(True)
detik = time.monotonic() - t
puncak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(
    "BENCH-IMPOR "
    + json.dumps(
        {
            "pegawai_di_db": Pegawai.objects.count(),
            "baris": 5000,
            "pegawai_baru": hasil.pegawai_baru,
            "rss_sebelum_mb": round(awal, 1),
            "puncak_rss_mb": round(puncak, 1),
            "puncak_sebelum_mb": round(puncak_awal, 1),
            "detik": round(detik, 1),
        }
    )
)
