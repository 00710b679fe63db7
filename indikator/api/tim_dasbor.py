"""The penilai's team (page data and XLSX), the pegawai's dashboard, and the bulk cascade to the team."""

from types import SimpleNamespace

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from indikator import access, exports, selectors, services
from indikator.api import serializers as s
from indikator.api import serializers_input as si
from indikator.api._dasar import (
    BERKAS_RENDERERS,
    _berkas,
    _berkas_responses,
    _periode_query,
)
from kepegawaian.access import akses_for, pegawai_get_for_user, pegawai_of_account, pegawai_scope_q
from kepegawaian.models import Pegawai
from kinerja.api import api_doc
from kinerja.berkas import MIME_XLSX


def _tim_penilai(request, data: dict) -> tuple[Pegawai, set[int]]:
    """The penilai whose team is read (``?penilai=``, default the user himself; not visible: 404) and the ids of
    his subordinates the user may not see (an admin unit's subtree may hold a penilai whose subordinate works in
    another unit): those rows are left out."""
    akses = akses_for(request.user)
    pk = data.get("penilai")
    if pk is None or pk == akses.pegawai_id:
        return pegawai_of_account(request.user), set()
    penilai = pegawai_get_for_user(request.user, pk)
    if akses.is_bkd:
        return penilai, set()
    # exclude(pk__in=visible), not exclude(scope): a whole-province scope is the empty Q, which exclude() ignores
    terlihat = Pegawai.objects.filter(pegawai_scope_q(request.user)).values("pk")
    tersembunyi = Pegawai.objects.filter(atasan=penilai).exclude(pk__in=terlihat).values_list("pk", flat=True)
    return penilai, set(tersembunyi)


class TimView(APIView):
    @api_doc(
        _l("Halaman tim pejabat penilai"),
        ok=s.TimSerializer,
        errors=(400, 401, 403, 404),
        parameters=(si.TimQuerySerializer,),
        description=_l(
            "Setiap bawahan langsung yang aktif: status SKP terkini, realisasi terisi atau kosong per "
            "bulan/triwulan, capaian sampai saat ini dan tautan yang putus; SKP yang menunggu persetujuan. "
            "Bawaan tim Anda sendiri pada periode berjalan; atasan pejabat penilai dan admin dapat menyertakan "
            "`?penilai=` untuk pejabat penilai yang boleh mereka lihat. Tidak berhalaman (satu tim); jumlah "
            "kueri tetap berapa pun besar timnya."
        ),
        tags=["Tim dan dasbor"],
    )
    def get(self, request):
        periode, data = _periode_query(request, si.TimQuerySerializer)
        penilai, tersembunyi = _tim_penilai(request, data)
        anggota = [
            b for b in selectors.tim_penilai(penilai=penilai, periode=periode) if b.pegawai.pk not in tersembunyi
        ]
        menunggu = [
            skp
            for skp in selectors.skp_menunggu_persetujuan(penilai=penilai, periode=periode)
            if skp.pegawai_id not in tersembunyi
        ]
        putus = [
            r
            for r in selectors.tautan_putus_bawahan(pegawai=penilai, periode=periode)
            if r.skp.pegawai_id not in tersembunyi
        ]
        body = {
            "periode": periode,
            "penilai": penilai,
            "anggota": anggota,
            "menunggu_persetujuan": menunggu,
            "tautan_putus": putus,
        }
        return Response(s.TimSerializer(body).data)


class TimXlsxView(APIView):
    renderer_classes = BERKAS_RENDERERS

    @api_doc(
        _l("Unduh realisasi tim sebagai XLSX"),
        responses=_berkas_responses(MIME_XLSX, 400, 401, 403, 404),
        errors=(),
        parameters=(si.TimQuerySerializer,),
        description=_l(
            "Lembar ringkasan (satu baris per bawahan) dan lembar realisasi (satu baris per IKI dengan nilai per "
            "bulan/triwulan dan capaian). Parameter sama dengan /tim/; bila sebagian anggota tim berada di luar "
            "wewenang Anda, unduhan ditolak (403)."
        ),
        tags=["Tim dan dasbor"],
    )
    def get(self, request):
        periode, data = _periode_query(request, si.TimQuerySerializer)
        penilai, tersembunyi = _tim_penilai(request, data)
        if tersembunyi:
            raise exceptions.PermissionDenied(
                _("Sebagian anggota tim ini berada di luar wewenang Anda; unduhan XLSX tidak tersedia.")
            )
        isi = exports.tim_xlsx(penilai=penilai, periode=periode)
        return _berkas(isi, content_type=MIME_XLSX, nama=f"realisasi-tim-{periode.tahun}-{penilai.nip}.xlsx")


class DasborView(APIView):
    @api_doc(
        _l("Dasbor kinerja pegawai"),
        ok=s.DasborSerializer,
        errors=(400, 401, 403, 404),
        parameters=(si.DasborQuerySerializer,),
        description=_l(
            "IKI dengan target dan realisasi per bulan/triwulan (data grafik), capaian sampai saat ini, realisasi "
            "yang belum diisi, tenggat terdekat, tautan yang putus dan umpan balik terbaru. Bawaan dasbor Anda "
            "sendiri pada periode berjalan; `?pegawai=` untuk pegawai yang boleh Anda lihat. Jumlah kueri tetap "
            "berapa pun besar SKP-nya."
        ),
        tags=["Tim dan dasbor"],
    )
    def get(self, request):
        periode, data = _periode_query(request, si.DasborQuerySerializer)
        pk = data.get("pegawai")
        pegawai = pegawai_of_account(request.user) if pk is None else pegawai_get_for_user(request.user, pk)
        dasbor = selectors.dasbor_pegawai(pegawai=pegawai, periode=periode)
        if dasbor.skp is not None:
            dasbor.skp.pegawai = pegawai  # the same row: the SKP header needs no second read
        return Response(s.DasborSerializer(SimpleNamespace(**vars(dasbor), pegawai=pegawai)).data)


class KaskadeView(APIView):
    @api_doc(
        _l("Turunkan satu RHK Anda, dengan IKI dan target, ke banyak bawahan sekaligus"),
        ok=s.KaskadeHasilSerializer,
        ok_status=201,
        errors=(400, 401, 403, 404),
        request=si.KaskadeInputSerializer,
        description=_l(
            "Satu permintaan untuk banyak bawahan langsung (semua atau tidak sama sekali). Bawahan yang belum "
            "memiliki SKP dibuatkan draf; SKP yang sedang diajukan atau sudah disetujui menolak seluruh permintaan."
        ),
        tags=["SKP"],
    )
    def post(self, request):
        form = si.KaskadeInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        rhk = access.rhk_get_for_user(request.user, data["rhk"])
        try:
            with transaction.atomic():
                baru = services.rhk_cascade(
                    actor=request.user,
                    rhk=rhk,
                    bawahan=data["bawahan"],
                    iki=[dict(item) for item in data["iki"]],
                    uraian=data.get("uraian") or None,
                    jenis=data["jenis"],
                )
        except ObjectDoesNotExist as exc:
            raise Http404(_("RHK tidak ditemukan.")) from exc
        return Response({"jumlah": len(baru), "rhk": [r.pk for r in baru]}, status=status.HTTP_201_CREATED)
