"""What SKP planning and realisation asks of each person (``kinerja.tugas``): computed from the data, a constant
number of queries whatever the size of the team or of the admin's scope.

- pegawai: start, finish or fix (returned, with the reason) his SKP; the realisation of the months still open, with
  their deadline; feedback threads whose last word is not his;
- pejabat penilai: SKP waiting for his approval (oldest first); subordinates whose realisation of the last closed
  month is incomplete; feedback threads on his subordinates' indicators whose last word is the pegawai's;
- admin unit / admin BKD: SKP of his scope not yet approved (draft, submitted, returned, not started), linked to the
  monitoring page that lists them.
"""

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from indikator.models import Iki, Realisasi, Skp, UmpanBalik, hari_ini
from indikator.selectors import periode_aktif, periode_ke_terakhir_ditutup, periode_ke_terbuka, skp_status_ringkas
from kepegawaian.access import akses_for, pegawai_manage_q
from kepegawaian.models import Pegawai
from kinerja.tugas import Tugas, penyedia


def _tanggal(tanggal) -> str:
    return date_format(tanggal, "j E Y")


def _penulis_terakhir():
    """The author of the latest message of a feedback thread (the root or one of its replies)."""
    return Subquery(
        UmpanBalik.objects.filter(Q(pk=OuterRef("pk")) | Q(balasan_untuk=OuterRef("pk")))
        .order_by("-dibuat", "-pk")
        .values("penulis_id")[:1]
    )


def _utas(utas: list[tuple[int, int]], *, kode: str, teks: str, peran: str = "pegawai") -> list[Tugas]:
    """One item for feedback threads waiting for an answer (``(iki_id, periode_ke)``, newest first), linking to the
    newest one."""
    if not utas:
        return []
    iki_id, ke = utas[0]
    url = reverse("indikator:iki-realisasi", args=[iki_id]) + f"#bulan-{ke}"
    return [Tugas(kode=kode, teks=teks % {"n": len(utas)}, url=url, jumlah=len(utas), peran=peran)]


@penyedia
def tugas_pegawai(user) -> list[Tugas]:
    akses = akses_for(user)
    if akses.pegawai_id is None:
        return []
    periode = periode_aktif()
    if periode is None or not periode.dibuka:
        return []
    hari = hari_ini()
    skp_url = reverse("indikator:skp-saya")
    skp = Skp.objects.filter(pegawai_id=akses.pegawai_id, periode=periode, terkini=True).first()
    items: list[Tugas] = []
    if skp is None:
        if periode.penyusunan_skp_terbuka(pegawai_id=akses.pegawai_id, hari=hari):
            items.append(
                Tugas(
                    kode="indikator.skp_susun",
                    teks=_("Susun SKP Anda untuk periode %(tahun)s sebelum %(batas)s.")
                    % {"tahun": periode.tahun, "batas": _tanggal(periode.batas_penyusunan_skp)},
                    url=skp_url,
                    tenggat=periode.batas_penyusunan_skp,
                )
            )
        return items
    if skp.status == Skp.Status.DIKEMBALIKAN:
        items.append(
            Tugas(
                kode="indikator.skp_perbaiki",
                teks=_("SKP Anda dikembalikan oleh pejabat penilai: “%(alasan)s”. Perbaiki lalu ajukan lagi.")
                % {"alasan": skp.alasan_pengembalian},
                url=skp_url,
                penting=True,
            )
        )
    elif skp.status == Skp.Status.DRAFT:
        teks = (
            _("Lengkapi revisi SKP Anda lalu ajukan ke pejabat penilai.")
            if skp.revisi > 1
            else _("Lengkapi draf SKP Anda lalu ajukan ke pejabat penilai sebelum %(batas)s.")
            % {"batas": _tanggal(periode.batas_penyusunan_skp)}
        )
        items.append(
            Tugas(
                kode="indikator.skp_ajukan",
                teks=teks,
                url=skp_url,
                tenggat=None if skp.revisi > 1 else periode.batas_penyusunan_skp,
            )
        )
    berlaku = (
        skp
        if skp.status == Skp.Status.DISETUJUI
        else Skp.objects.filter(pegawai_id=akses.pegawai_id, periode=periode, status=Skp.Status.DISETUJUI)
        .order_by("-revisi")
        .first()
    )
    if berlaku is not None:
        terbuka = periode_ke_terbuka(periode=periode, hari=hari)
        if terbuka:
            iki_ids = list(Iki.objects.filter(rhk__skp=berlaku).values_list("pk", flat=True))
            terisi = set(
                Realisasi.objects.filter(iki_id__in=iki_ids, periode_ke__in=terbuka).values_list("iki_id", "periode_ke")
            )
            for ke in terbuka:
                kosong = [pk for pk in iki_ids if (pk, ke) not in terisi]
                if kosong:
                    batas = periode.batas_realisasi(ke)
                    items.append(
                        Tugas(
                            kode="indikator.realisasi_isi",
                            teks=ngettext(
                                "Isi realisasi %(label)s untuk %(n)d indikator sebelum %(batas)s.",
                                "Isi realisasi %(label)s untuk %(n)d indikator sebelum %(batas)s.",
                                len(kosong),
                            )
                            % {"label": periode.label_periode_ke(ke), "n": len(kosong), "batas": _tanggal(batas)},
                            url=reverse("indikator:iki-realisasi", args=[kosong[0]]) + f"#bulan-{ke}",
                            jumlah=1,
                            tenggat=batas,
                        )
                    )
    menunggu = list(
        UmpanBalik.objects.filter(
            iki__rhk__skp__pegawai_id=akses.pegawai_id, iki__rhk__skp__periode=periode, balasan_untuk__isnull=True
        )
        .annotate(penulis_terakhir=_penulis_terakhir())
        .exclude(penulis_terakhir=user.pk)
        .order_by("-dibuat")
        .values_list("iki_id", "periode_ke")
    )
    items += _utas(
        menunggu,
        kode="indikator.umpan_balik_tanggapi",
        teks=ngettext(
            "%(n)d umpan balik dari pejabat penilai belum Anda tanggapi.",
            "%(n)d umpan balik dari pejabat penilai belum Anda tanggapi.",
            len(menunggu),
        ),
    )
    return items


@penyedia
def tugas_penilai(user) -> list[Tugas]:
    akses = akses_for(user)
    if akses.pegawai_id is None:
        return []
    periode = periode_aktif()
    if periode is None:
        return []
    hari = hari_ini()
    items: list[Tugas] = []
    diajukan = list(
        Skp.objects.filter(
            pegawai__atasan_id=akses.pegawai_id, periode=periode, terkini=True, status=Skp.Status.DIAJUKAN
        )
        .order_by("diajukan_pada", "pk")
        .values_list("pk", "pegawai__nama")
    )
    if diajukan:
        pk, nama = diajukan[0]
        items.append(
            Tugas(
                kode="indikator.skp_setujui",
                teks=ngettext(
                    "%(n)d SKP bawahan menunggu persetujuan Anda (terlama: %(nama)s).",
                    "%(n)d SKP bawahan menunggu persetujuan Anda (terlama: %(nama)s).",
                    len(diajukan),
                )
                % {"n": len(diajukan), "nama": nama},
                url=reverse("indikator:skp-detail", args=[pk]),
                jumlah=len(diajukan),
                peran="penilai",
            )
        )
    ke = periode_ke_terakhir_ditutup(periode=periode, hari=hari)
    if ke is not None:
        belum = (
            Iki.objects.filter(
                rhk__skp__pegawai__atasan_id=akses.pegawai_id,
                rhk__skp__pegawai__aktif=True,
                rhk__skp__periode=periode,
                rhk__skp__terkini=True,
                rhk__skp__status=Skp.Status.DISETUJUI,
            )
            .exclude(realisasi__periode_ke=ke)
            # an IKI added after that month had closed owes nothing for it (Iki.ada_saat_terbuka, as a query)
            .exclude(berlaku_sejak__gt=periode.batas_realisasi(ke))
            .aggregate(n=Count("rhk__skp__pegawai", distinct=True))["n"]
        )
        if belum:
            items.append(
                Tugas(
                    kode="indikator.realisasi_bawahan_kurang",
                    teks=ngettext(
                        "%(n)d bawahan belum lengkap mengisi realisasi %(label)s (batasnya %(batas)s sudah lewat).",
                        "%(n)d bawahan belum lengkap mengisi realisasi %(label)s (batasnya %(batas)s sudah lewat).",
                        belum,
                    )
                    % {
                        "n": belum,
                        "label": periode.label_periode_ke(ke),
                        "batas": _tanggal(periode.batas_realisasi(ke)),
                    },
                    url=reverse("indikator:tim"),
                    jumlah=belum,
                    peran="penilai",
                )
            )
    dibalas = list(
        UmpanBalik.objects.filter(
            iki__rhk__skp__pegawai__atasan_id=akses.pegawai_id,
            iki__rhk__skp__periode=periode,
            balasan_untuk__isnull=True,
        )
        .annotate(penulis_terakhir=_penulis_terakhir())
        .filter(
            penulis_terakhir=Subquery(
                Pegawai.objects.filter(pk=OuterRef("iki__rhk__skp__pegawai_id")).values("user_id")
            )
        )
        .order_by("-dibuat")
        .values_list("iki_id", "periode_ke")
    )
    items += _utas(
        dibalas,
        kode="indikator.umpan_balik_balas",
        teks=ngettext(
            "%(n)d tanggapan bawahan atas umpan balik Anda belum Anda balas.",
            "%(n)d tanggapan bawahan atas umpan balik Anda belum Anda balas.",
            len(dibalas),
        ),
        peran="penilai",
    )
    return items


@penyedia
def tugas_admin(user) -> list[Tugas]:
    akses = akses_for(user)
    if not akses.is_admin:
        return []
    periode = periode_aktif()
    if periode is None:
        return []
    per_status = skp_status_ringkas(
        periode=periode, pegawai_qs=Pegawai.objects.filter(pegawai_manage_q(user), aktif=True)
    )
    belum = per_status["belum"]
    url = reverse("indikator:pemantauan")
    items = []
    for status, jumlah, teks in (
        ("belum", belum, _("%(n)d pegawai di lingkup Anda belum menyusun SKP %(tahun)s.")),
        (Skp.Status.DRAFT, per_status.get(Skp.Status.DRAFT, 0), _("%(n)d SKP %(tahun)s masih berupa draf.")),
        (
            Skp.Status.DIKEMBALIKAN,
            per_status.get(Skp.Status.DIKEMBALIKAN, 0),
            _("%(n)d SKP %(tahun)s dikembalikan dan belum diajukan lagi."),
        ),
        (
            Skp.Status.DIAJUKAN,
            per_status.get(Skp.Status.DIAJUKAN, 0),
            _("%(n)d SKP %(tahun)s menunggu persetujuan pejabat penilai."),
        ),
    ):
        if jumlah:
            items.append(
                Tugas(
                    kode=f"indikator.pemantauan_{status}",
                    teks=teks % {"n": jumlah, "tahun": periode.tahun},
                    url=f"{url}?status={status}",
                    jumlah=jumlah,
                    peran="admin",
                )
            )
    return items
