"""What competency development asks of each person (``kinerja.tugas``), a constant number of queries:

- pegawai: his JP of the ledger year behind schedule (below ``target × pelatihan.jp.porsi_jadwal``, the rule of the
  monthly reminder); an event he attended in the last 30 days that he has not rated yet;
- pejabat penilai: external trainings of his subordinates waiting for his approval;
- admin unit / admin BKD (as organisers): events that ended with seated participants of whom none has been
  declared complete (attendance and completion still to record, so nobody got his JP yet).
"""

import datetime as dt

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kepegawaian.access import akses_for
from kepegawaian.models import Pegawai
from kinerja.tugas import Tugas, penyedia
from pelatihan import access
from pelatihan import jp as aturan
from pelatihan.models import Kegiatan, PelatihanEksternal, Peserta, hari_ini
from pelatihan.selectors import jp_ringkas

ULASAN_HARI = 30  # an attended event stays on the list for rating this many days after it ended


@penyedia
def tugas_pegawai(user) -> list[Tugas]:
    akses = akses_for(user)
    if akses.pegawai_id is None:
        return []
    hari = hari_ini()
    items: list[Tugas] = []
    orang = Pegawai.objects.filter(pk=akses.pegawai_id).values("status", "nip").first()
    if orang is not None:
        tahun = aturan.tahun_buku(status=orang["status"], nip=orang["nip"], tanggal=hari)
        awal, _akhir = aturan.rentang_tahun_buku(status=orang["status"], nip=orang["nip"], tahun=tahun)
        porsi = aturan.porsi_jadwal(awal=awal, hari=hari)
        saldo = jp_ringkas(pegawai_id=akses.pegawai_id, tahun=tahun)
        if saldo is not None and saldo["jp_diakui"] < saldo["target"] * porsi:
            items.append(
                Tugas(
                    kode="pelatihan.jp_tertinggal",
                    teks=_(
                        "JP pengembangan kompetensi Anda tahun %(tahun)d baru %(jp)d dari %(target)d JP; sesuai "
                        "jadwal seharusnya sudah sekitar %(jadwal)d JP. Pilih pelatihan di katalog."
                    )
                    % {
                        "tahun": tahun,
                        "jp": saldo["jp_diakui"],
                        "target": saldo["target"],
                        "jadwal": round(saldo["target"] * porsi),
                    },
                    url=reverse("pelatihan:katalog"),
                    penting=porsi >= 0.75,
                )
            )
    belum_diulas = (
        Peserta.objects.filter(
            pegawai_id=akses.pegawai_id,
            status=Peserta.Status.TERDAFTAR,
            kegiatan__tanggal_selesai__lte=hari,
            kegiatan__tanggal_selesai__gte=hari - dt.timedelta(days=ULASAN_HARI),
            ulasan__isnull=True,
        )
        .filter(Q(selesai=True) | Q(kehadiran__hadir=True))
        .order_by()
        .aggregate(n=Count("kegiatan", distinct=True), kegiatan=Min("kegiatan"))
    )
    if belum_diulas["n"]:
        items.append(
            Tugas(
                kode="pelatihan.ulasan_belum",
                teks=ngettext(
                    "Beri ulasan untuk %(n)d pelatihan yang Anda ikuti.",
                    "Beri ulasan untuk %(n)d pelatihan yang Anda ikuti.",
                    belum_diulas["n"],
                )
                % {"n": belum_diulas["n"]},
                url=reverse("pelatihan:kegiatan-detail", args=[belum_diulas["kegiatan"]]) + "#ulasan",
                jumlah=belum_diulas["n"],
            )
        )
    return items


@penyedia
def tugas_penilai(user) -> list[Tugas]:
    akses = akses_for(user)
    if akses.pegawai_id is None:
        return []
    n = PelatihanEksternal.objects.filter(
        pegawai__atasan_id=akses.pegawai_id, status=PelatihanEksternal.Status.DIAJUKAN
    ).count()
    if not n:
        return []
    return [
        Tugas(
            kode="pelatihan.eksternal_menunggu",
            teks=ngettext(
                "%(n)d pelatihan eksternal bawahan menunggu persetujuan JP Anda.",
                "%(n)d pelatihan eksternal bawahan menunggu persetujuan JP Anda.",
                n,
            )
            % {"n": n},
            url=reverse("pelatihan:tim") + "#eksternal",
            jumlah=n,
            peran="penilai",
        )
    ]


@penyedia
def tugas_penyelenggara(user) -> list[Tugas]:
    if not access.is_admin(user):
        return []
    hari = hari_ini()
    hasil = (
        Kegiatan.objects.filter(
            access.kegiatan_kelola_q(user),
            status=Kegiatan.Status.DIJADWALKAN,
            tanggal_selesai__lt=hari,
            jumlah_terdaftar__gt=0,
        )
        .exclude(peserta__selesai=True)
        .order_by()
        .aggregate(n=Count("pk", distinct=True), pertama=Min("pk"))
    )
    if not hasil["n"]:
        return []
    return [
        Tugas(
            kode="pelatihan.kelulusan_belum",
            teks=ngettext(
                "%(n)d kegiatan pelatihan telah berakhir tetapi kehadiran dan kelulusannya belum dicatat; "
                "pesertanya belum menerima JP.",
                "%(n)d kegiatan pelatihan telah berakhir tetapi kehadiran dan kelulusannya belum dicatat; "
                "pesertanya belum menerima JP.",
                hasil["n"],
            )
            % {"n": hasil["n"]},
            url=reverse("pelatihan:kegiatan-detail", args=[hasil["pertama"]]),
            jumlah=hasil["n"],
            peran="admin",
        )
    ]
