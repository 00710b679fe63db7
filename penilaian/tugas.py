"""What appraisal asks of each person (``kinerja.tugas``), a constant number of queries whatever the team's size:

- pejabat penilai: subordinates whose evaluation of the latest month/quarter that may be evaluated (and, from
  1 December, of the year) is not final yet; objections to his ratings still without his response;
- atasan pejabat penilai: objections waiting for his decision;
- pegawai: final results he has not yet acknowledged.
"""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from indikator.models import Skp
from indikator.selectors import periode_aktif
from kepegawaian.access import akses_for
from kepegawaian.models import Pegawai
from kinerja.tugas import Tugas, penyedia
from penilaian.models import Evaluasi, Keberatan, masa_evaluasi_dimulai


def periode_ke_dinilai(periode, hari) -> int | None:
    """The latest month/quarter of the period whose evaluation may be opened on ``hari`` (None: none yet)."""
    dapat = [ke for ke in periode.daftar_periode_ke if masa_evaluasi_dimulai(periode, ke) <= hari]
    return dapat[-1] if dapat else None


def _belum_final(penilai_id: int, periode, periode_ke: int | None) -> int:
    """Active direct subordinates with an approved SKP whose evaluation (``periode_ke``; None: the annual one) is not
    final: one query."""
    final = Evaluasi.objects.filter(
        pegawai=OuterRef("pk"), periode=periode, periode_ke=periode_ke, status=Evaluasi.Status.FINAL
    )
    skp = Skp.objects.filter(pegawai=OuterRef("pk"), periode=periode, status=Skp.Status.DISETUJUI)
    return Pegawai.objects.filter(atasan_id=penilai_id, aktif=True).filter(Exists(skp)).exclude(Exists(final)).count()


@penyedia
def tugas_penilai(user) -> list[Tugas]:
    akses = akses_for(user)
    if akses.pegawai_id is None:
        return []
    items: list[Tugas] = []
    periode = periode_aktif()
    if periode is not None:
        hari = timezone.localdate()
        ke = periode_ke_dinilai(periode, hari)
        sasaran: list[tuple[int | None, str]] = [(ke, periode.label_periode_ke(ke))] if ke is not None else []
        if hari >= masa_evaluasi_dimulai(periode, None):
            sasaran.append((None, _("tahunan")))
        for periode_ke, label in sasaran:
            n = _belum_final(akses.pegawai_id, periode, periode_ke)
            if n:
                items.append(
                    Tugas(
                        kode="penilaian.evaluasi_lakukan",
                        teks=ngettext(
                            "%(n)d bawahan belum dievaluasi final untuk %(label)s.",
                            "%(n)d bawahan belum dievaluasi final untuk %(label)s.",
                            n,
                        )
                        % {"n": n, "label": label},
                        url=reverse("penilaian:tim") + f"?ke={periode_ke or 'tahunan'}",
                        jumlah=n,
                        peran="penilai",
                    )
                )
    tanggapan = Keberatan.objects.filter(
        status=Keberatan.Status.DIAJUKAN, evaluasi__penilai_id=akses.pegawai_id, tanggapan_penilai=""
    ).count()
    if tanggapan:
        items.append(
            Tugas(
                kode="penilaian.keberatan_tanggapi",
                teks=ngettext(
                    "%(n)d keberatan atas rating Anda menunggu tanggapan Anda.",
                    "%(n)d keberatan atas rating Anda menunggu tanggapan Anda.",
                    tanggapan,
                )
                % {"n": tanggapan},
                url=reverse("penilaian:tim") + "?ke=tahunan",
                jumlah=tanggapan,
                peran="penilai",
            )
        )
    return items


@penyedia
def tugas_atasan_penilai(user) -> list[Tugas]:
    akses = akses_for(user)
    if akses.pegawai_id is None:
        return []
    n = Keberatan.objects.filter(
        status=Keberatan.Status.DIAJUKAN, evaluasi__penilai__atasan_id=akses.pegawai_id
    ).count()
    if not n:
        return []
    return [
        Tugas(
            kode="penilaian.keberatan_putuskan",
            teks=ngettext(
                "%(n)d keberatan menunggu keputusan Anda sebagai atasan pejabat penilai.",
                "%(n)d keberatan menunggu keputusan Anda sebagai atasan pejabat penilai.",
                n,
            )
            % {"n": n},
            url=reverse("penilaian:keberatan-masuk"),
            jumlah=n,
            penting=True,
            peran="penilai",
        )
    ]


@penyedia
def tugas_pegawai(user) -> list[Tugas]:
    akses = akses_for(user)
    if akses.pegawai_id is None:
        return []
    belum = list(
        Evaluasi.objects.filter(pegawai_id=akses.pegawai_id, status=Evaluasi.Status.FINAL, dibaca_pada__isnull=True)
        .order_by("-difinalkan_pada", "-pk")
        .values_list("pk", flat=True)
    )
    if not belum:
        return []
    return [
        Tugas(
            kode="penilaian.evaluasi_baca",
            teks=ngettext(
                "%(n)d hasil evaluasi final belum Anda nyatakan telah dibaca.",
                "%(n)d hasil evaluasi final belum Anda nyatakan telah dibaca.",
                len(belum),
            )
            % {"n": len(belum)},
            url=reverse("penilaian:evaluasi-detail", args=[belum[0]]),
            jumlah=len(belum),
        )
    ]
