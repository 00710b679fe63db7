"""SKP: list, the sheet, start one, lampiran, the workflow, ekspektasi, dialog, link choices, PDF."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from indikator import access, exports, selectors, services
from indikator.api import serializers as s
from indikator.api import serializers_input as si
from indikator.api._dasar import (
    BERKAS_RENDERERS,
    _berkas,
    _berkas_responses,
    _periode_query,
)
from indikator.filters import (
    SkpFilter,
)
from indikator.models import (
    IndikatorUnit,
    PeriodePenilaian,
    Skp,
)
from kepegawaian.access import pegawai_of_account
from kinerja.api import ErrorSerializer, ScopedViewSetMixin, api_doc


class PdfGagal(exceptions.APIException):
    """The SKP's PDF could not be made (too large, too slow): the job's message, in the one error shape."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "pdf_gagal"


def _skp_detail(skp: Skp) -> dict:
    return s.SkpDetailSerializer(selectors.skp_lembar(skp=skp)).data


@extend_schema_view(
    list=api_doc(
        _l("Daftar SKP"),
        ok=s.SkpSerializer(many=True),
        errors=(400, 401),
        description=_l(
            "SKP yang boleh Anda lihat: milik Anda, bawahan Anda (dua tingkat), unit yang Anda kelola, atau semua "
            "(Admin BKD). Bawaan hanya revisi terkini; `terkini=false` untuk revisi lama."
        ),
    ),
    retrieve=api_doc(
        _l("Satu SKP dengan RHK, IKI, perilaku kerja dan lampiran"),
        ok=s.SkpDetailSerializer,
        errors=(401, 404),
        detail=True,
    ),
    create=api_doc(
        _l("Mulai SKP Anda (draf kosong atau salinan tahun lalu)"),
        ok=s.SkpDetailSerializer,
        ok_status=201,
        errors=(400, 401, 403),
        request=si.SkpInputSerializer,
    ),
    partial_update=api_doc(
        _l("Ubah lampiran SKP (pemilik, selama draf)"),
        ok=s.SkpDetailSerializer,
        errors=(400, 401, 403, 404, 409),
        request=si.SkpLampiranInputSerializer,
        detail=True,
    ),
)
@extend_schema(tags=["SKP"])
class SkpViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Skp.objects.none()
    serializer_class = s.SkpSerializer
    filterset_class = SkpFilter
    search_fields = ["pegawai__nama", "=pegawai__nip"]
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def scoped_queryset(self):
        terkini = None if "terkini" in self.request.query_params else True
        return selectors.skp_for_user(self.request.user, terkini=terkini).order_by("pegawai__nama", "pk")

    def get_object(self) -> Skp:
        return access.skp_get_for_user(self.request.user, self.kwargs["pk"])

    def retrieve(self, request, pk=None):
        return Response(_skp_detail(self.get_object()))

    def create(self, request):
        form = si.SkpInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        periode = PeriodePenilaian.objects.filter(pk=form.validated_data["periode"]).first()
        if periode is None:
            raise exceptions.ValidationError({"periode": [_("Periode tidak ditemukan.")]})
        pegawai = pegawai_of_account(request.user)
        buat = services.skp_copy_from_last_year if form.validated_data["salin_tahun_lalu"] else services.skp_create
        skp = buat(actor=request.user, pegawai=pegawai, periode=periode)
        return Response(_skp_detail(skp), status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        skp = self.get_object()
        form = si.SkpLampiranInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        skp = services.skp_update(actor=request.user, skp=skp, **data)
        return Response(_skp_detail(skp))

    def _aksi(self, request, fn, input_class=si.VersiInputSerializer, **extra):
        skp = self.get_object()
        form = input_class(data=request.data)
        form.is_valid(raise_exception=True)
        hasil = fn(actor=request.user, skp=skp, **form.validated_data, **extra)
        return Response(_skp_detail(hasil))

    @api_doc(
        _l("Ajukan SKP ke pejabat penilai (pemilik)"),
        ok=s.SkpDetailSerializer,
        errors=(400, 401, 403, 404, 409),
        request=si.VersiInputSerializer,
        detail=True,
    )
    @action(detail=True, methods=["post"])
    def ajukan(self, request, pk=None):
        return self._aksi(request, services.skp_submit)

    @api_doc(
        _l("Kembalikan SKP dengan alasan (pejabat penilai)"),
        ok=s.SkpDetailSerializer,
        errors=(400, 401, 403, 404, 409),
        request=si.KembalikanInputSerializer,
        detail=True,
    )
    @action(detail=True, methods=["post"])
    def kembalikan(self, request, pk=None):
        return self._aksi(request, services.skp_return, si.KembalikanInputSerializer)

    @api_doc(
        _l("Setujui SKP (pejabat penilai)"),
        ok=s.SkpDetailSerializer,
        errors=(400, 401, 403, 404, 409),
        request=si.VersiInputSerializer,
        detail=True,
    )
    @action(detail=True, methods=["post"])
    def setujui(self, request, pk=None):
        return self._aksi(request, services.skp_approve)

    @api_doc(
        _l("Buat revisi SKP yang disetujui (pemilik)"),
        ok=s.SkpDetailSerializer,
        ok_status=201,
        errors=(400, 401, 403, 404, 409),
        request=si.VersiInputSerializer,
        detail=True,
        description=_l("Menyalin SKP menjadi draf revisi baru; revisi lama tetap dapat dibaca."),
    )
    @action(detail=True, methods=["post"])
    def revisi(self, request, pk=None):
        response = self._aksi(request, services.skp_revise)
        response.status_code = status.HTTP_201_CREATED
        return response

    @api_doc(
        _l("Isi ekspektasi khusus pimpinan untuk satu nilai BerAKHLAK (pejabat penilai)"),
        ok=s.SkpDetailSerializer,
        errors=(400, 401, 403, 404, 409),
        request=si.EkspektasiInputSerializer,
        detail=True,
    )
    @action(detail=True, methods=["post"])
    def ekspektasi(self, request, pk=None):
        skp = self.get_object()
        form = si.EkspektasiInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.ekspektasi_set(actor=request.user, skp=skp, **form.validated_data)
        return Response(_skp_detail(skp))

    @api_doc(
        _l("Catat dialog kinerja (pejabat penilai)"),
        ok=s.DialogKinerjaSerializer,
        ok_status=201,
        errors=(400, 401, 403, 404),
        request=si.DialogInputSerializer,
        detail=True,
    )
    @action(detail=True, methods=["post"])
    def dialog(self, request, pk=None):
        skp = self.get_object()
        form = si.DialogInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        obj = services.dialog_kinerja_create(actor=request.user, skp=skp, **form.validated_data)
        return Response(s.DialogKinerjaSerializer(obj).data, status=status.HTTP_201_CREATED)

    @api_doc(
        _l("SKP terkini saya untuk satu periode"),
        ok=s.SkpDetailSerializer,
        errors=(400, 401, 403, 404),
        parameters=(si.PeriodeQuerySerializer,),
        description=_l(
            "SKP terkini (revisi terakhir) milik Anda untuk `?periode=` atau periode yang sedang berjalan; 404 "
            "bila belum disusun (mulai dengan POST /skp/)."
        ),
    )
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def saya(self, request):
        periode, _data = _periode_query(request)
        pegawai = pegawai_of_account(request.user)
        skp = selectors.skp_terkini(pegawai=pegawai, periode=periode)
        if skp is None:
            raise Http404(_("Anda belum memiliki SKP untuk periode %(tahun)s.") % {"tahun": periode.tahun})
        return Response(_skp_detail(skp))

    @api_doc(
        _l("Pilihan tautan RHK: RHK atasan yang boleh diintervensi dan Perjanjian Kinerja unit (pemilik)"),
        ok=s.PilihanTautanSerializer,
        errors=(401, 403, 404),
        detail=True,
        description=_l(
            "Id untuk `rhk_atasan` dan `indikator_unit` saat menambah atau mengubah RHK: RHK pada SKP terkini "
            "atasan langsung Anda (draf pun boleh; tautannya diperiksa lagi saat SKP atasan disetujui) dan "
            "Perjanjian Kinerja unit kerja Anda pada periode SKP ini."
        ),
    )
    @action(detail=True, methods=["get"], url_path="pilihan-tautan", filterset_class=None, pagination_class=None)
    def pilihan_tautan(self, request, pk=None):
        skp = self.get_object()
        access.require_owner(request.user, skp)
        return Response(
            s.PilihanTautanSerializer(
                {
                    "rhk_atasan": selectors.rhk_atasan_pilihan(pegawai=skp.pegawai, periode=skp.periode),
                    "indikator_unit": selectors.indikator_unit_list(
                        unit=skp.pegawai.unit, periode=skp.periode, jenis=IndikatorUnit.Jenis.PK
                    ).select_related("periode"),
                }
            ).data
        )

    @api_doc(
        _l("Unduh SKP sebagai dokumen PDF bergaya formulir resmi"),
        responses={
            **_berkas_responses("application/pdf", 401, 404),
            (202, "application/json"): OpenApiResponse(
                s.DokumenSkpSerializer, description="Dokumen sedang dibuat; minta lagi setelah `Retry-After` detik."
            ),
            (422, "application/json"): OpenApiResponse(
                ErrorSerializer, description="Dokumen gagal dibuat (terlalu besar atau terlalu lama); lihat pesan."
            ),
        },
        errors=(),
        detail=True,
        description=_l(
            "Siapa pun yang boleh melihat SKP ini dapat mengunduhnya. Dokumen dibuat di latar belakang: selama "
            "dibuat jawabannya 202 dengan status dan header `Retry-After`; begitu siap, 200 dengan berkas PDF "
            "(SKP yang tidak berubah tidak dibuat ulang). Header `Accept` boleh `application/pdf`; kesalahan tetap "
            "dijawab dalam JSON."
        ),
    )
    @action(detail=True, methods=["get"], renderer_classes=BERKAS_RENDERERS, filterset_class=None)
    def pdf(self, request, pk=None):
        skp = self.get_object()
        dok = services.skp_pdf_minta(actor=request.user, skp=skp)
        if dok.siap:
            with dok.berkas.open("rb") as berkas:
                return _berkas(berkas.read(), content_type="application/pdf", nama=exports.nama_berkas_skp(skp))
        if dok.status == dok.Status.GAGAL:
            raise PdfGagal(dok.pesan)
        data = s.DokumenSkpSerializer(dok, context={"request": request}).data
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Retry-After": "2"})
