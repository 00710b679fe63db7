"""The API of SKP planning and realisation (``/api/v1/``). Thin views: objects come through ``indikator.access``
(not visible: 404), reads through ``indikator.selectors``, writes through ``indikator.services`` (visible but not
allowed: 403; bad input: 400 with Indonesian messages; a stale ``versi``: 409). One error shape
(``kinerja.api``)."""

from types import SimpleNamespace

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, renderers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from indikator import access, exports, selectors, services
from indikator import serializers as s
from indikator.bukti import bukti_file_response
from indikator.filters import (
    BuktiDukungFilter,
    DialogKinerjaFilter,
    IkiFilter,
    IndikatorUnitFilter,
    PembukaanKembaliFilter,
    PeriodeFilter,
    RealisasiFilter,
    RhkFilter,
    SkpFilter,
    UmpanBalikFilter,
)
from indikator.models import (
    BuktiDukung,
    DialogKinerja,
    Iki,
    IndikatorUnit,
    PembukaanKembali,
    PeriodePenilaian,
    Realisasi,
    Rhk,
    Skp,
    UmpanBalik,
)
from kepegawaian.access import akses_for, pegawai_get_for_user, pegawai_of_account, pegawai_scope_q, unit_get_for_user
from kepegawaian.models import Pegawai
from kinerja.api import ScopedViewSetMixin, error_responses
from kinerja.berkas import MIME_XLSX

ID_PATH = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)
VERSI_QUERY = OpenApiParameter(
    "versi", OpenApiTypes.INT, OpenApiParameter.QUERY, required=True, description="Versi SKP yang Anda baca."
)


def _versi_query(request) -> int:
    try:
        versi = int(request.query_params.get("versi", ""))
    except ValueError as exc:
        raise exceptions.ValidationError({"versi": [_("Sertakan ?versi= (versi SKP yang Anda baca).")]}) from exc
    return versi


class BerkasRenderer(renderers.BaseRenderer):
    """For the file downloads: accepts any ``Accept`` (``application/pdf``, the XLSX type …) so that a client may
    ask for the file's own type. The file itself is returned as a plain Django response and never passes through
    a renderer; an error body does, and is written as JSON (the one error shape) with a JSON content type."""

    media_type = "*/*"
    format = "json"  # what it writes itself is JSON (errors); no extra ?format= value in the schema
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return renderers.JSONRenderer().render(data, "application/json", renderer_context)


BERKAS_RENDERERS = [renderers.JSONRenderer, BerkasRenderer]


def _berkas_responses(media_type: str, *codes: int) -> dict:
    """``responses=`` of a download: the file, and the errors documented as JSON only (the renderer above)."""
    return {
        (200, media_type): OpenApiTypes.BINARY,
        **{(code, "application/json"): resp for code, resp in error_responses(*codes).items()},
    }


def _periode(pk) -> PeriodePenilaian:
    """A period named by id in a request (periods are reference data: an unknown id is bad input, a 400)."""
    periode = PeriodePenilaian.objects.filter(pk=pk).first()
    if periode is None:
        raise exceptions.ValidationError({"periode": [_("Periode tidak ditemukan.")]})
    return periode


def _periode_query(request, form_class=s.PeriodeQuerySerializer) -> tuple[PeriodePenilaian, dict]:
    """``?periode=`` when given, else the period the pages show (this year's, or the latest open one)."""
    form = form_class(data=request.query_params)
    form.is_valid(raise_exception=True)
    data = form.validated_data
    if data.get("periode") is not None:
        return _periode(data["periode"]), data
    periode = selectors.periode_aktif()
    if periode is None:
        raise Http404(_("Belum ada periode penilaian."))
    return periode, data


def _berkas(isi: bytes, *, content_type: str, nama: str) -> HttpResponse:
    response = HttpResponse(isi, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Periods ----------------------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary=_l("Daftar periode penilaian"),
        responses={200: s.PeriodeSerializer(many=True), **error_responses(400, 401)},
    ),
    retrieve=extend_schema(
        summary=_l("Satu periode"),
        parameters=[ID_PATH],
        responses={200: s.PeriodeSerializer, **error_responses(401, 404)},
    ),
    create=extend_schema(
        summary=_l("Buka periode baru (Admin BKD)"),
        request=s.PeriodeInputSerializer,
        responses={201: s.PeriodeSerializer, **error_responses(400, 401, 403)},
    ),
)
@extend_schema(tags=["Periode penilaian"])
class PeriodeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Periods are public reference data for every signed-in user; only Admin BKD changes them."""

    queryset = PeriodePenilaian.objects.order_by("-tahun")
    serializer_class = s.PeriodeSerializer
    filterset_class = PeriodeFilter
    lookup_value_regex = r"\d+"

    def create(self, request):
        form = s.PeriodeInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        periode = services.periode_create(actor=request.user, **form.validated_data)
        return Response(s.PeriodeSerializer(periode).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_l("Periode yang sedang berjalan"),
        description=_l(
            "Periode tahun ini, atau bila belum ada, periode terakhir yang dibuka: periode yang dipakai halaman "
            "SKP saya, dasbor dan tim bila `?periode=` tidak disertakan."
        ),
        responses={200: s.PeriodeSerializer, **error_responses(401, 404)},
    )
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def aktif(self, request):
        periode = selectors.periode_aktif()
        if periode is None:
            raise Http404(_("Belum ada periode penilaian."))
        return Response(s.PeriodeSerializer(periode).data)

    @extend_schema(
        summary=_l("Buka kembali periode (Admin BKD)"),
        request=None,
        parameters=[ID_PATH],
        responses={200: s.PeriodeSerializer, **error_responses(401, 403, 404)},
    )
    @action(detail=True, methods=["post"])
    def buka(self, request, pk=None):
        periode = services.periode_open(actor=request.user, periode=self.get_object())
        return Response(s.PeriodeSerializer(periode).data)

    @extend_schema(
        summary=_l("Tutup periode: semua isian menjadi hanya-baca (Admin BKD)"),
        request=None,
        parameters=[ID_PATH],
        responses={200: s.PeriodeSerializer, **error_responses(401, 403, 404)},
    )
    @action(detail=True, methods=["post"])
    def tutup(self, request, pk=None):
        periode = services.periode_close(actor=request.user, periode=self.get_object())
        return Response(s.PeriodeSerializer(periode).data)


# --- Unit indicators ----------------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary=_l("IKU dan Perjanjian Kinerja unit"),
        description=_l(
            "Indikator unit yang boleh Anda lihat (unit Anda, unit bawahan Anda, atau unit yang Anda kelola)."
        ),
        responses={200: s.IndikatorUnitSerializer(many=True), **error_responses(400, 401)},
    ),
    retrieve=extend_schema(
        summary=_l("Satu indikator unit"),
        parameters=[ID_PATH],
        responses={200: s.IndikatorUnitSerializer, **error_responses(401, 404)},
    ),
    create=extend_schema(
        summary=_l("Tambah indikator unit (admin unit tersebut atau Admin BKD)"),
        request=s.IndikatorUnitInputSerializer,
        responses={201: s.IndikatorUnitSerializer, **error_responses(400, 401, 403)},
    ),
)
@extend_schema(tags=["Indikator unit"])
class IndikatorUnitViewSet(
    ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = IndikatorUnit.objects.none()
    serializer_class = s.IndikatorUnitSerializer
    filterset_class = IndikatorUnitFilter
    search_fields = ["indikator", "sasaran_strategis"]
    lookup_value_regex = r"\d+"

    def scoped_queryset(self):
        return (
            access.indikator_unit_visible(self.request.user)
            .select_related("periode")
            .order_by("unit_id", "jenis", "urutan", "pk")
        )

    def get_object(self):
        return access.indikator_unit_get_for_user(self.request.user, self.kwargs["pk"])

    def create(self, request):
        form = s.IndikatorUnitInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        unit = unit_get_for_user(request.user, data.pop("unit"))
        periode = PeriodePenilaian.objects.filter(pk=data.pop("periode")).first()
        if periode is None:
            raise exceptions.ValidationError({"periode": [_("Periode tidak ditemukan.")]})
        obj = services.indikator_unit_create(actor=request.user, unit=unit, periode=periode, **data)
        obj = IndikatorUnit.objects.select_related("periode").get(pk=obj.pk)
        return Response(s.IndikatorUnitSerializer(obj).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_l("Impor IKU dan Perjanjian Kinerja unit dari XLSX (admin unit tersebut atau Admin BKD)"),
        description=_l(
            "Kirim multipart/form-data dengan `unit`, `periode` dan `berkas` (XLSX, paling besar 5 MB). Lembar "
            "pertama berbaris judul `jenis, sasaran_strategis, indikator, satuan, arah, target, perspektif`. "
            "Setiap baris diperiksa dulu: satu baris salah menolak seluruh berkas, dengan daftar kesalahan per baris "
            "di `error.fields.baris`, dan tidak ada yang tersimpan. Impor ulang berkas yang sama tidak mengubah "
            "apa pun (kunci: unit, periode, jenis, indikator)."
        ),
        request={"multipart/form-data": s.ImporIndikatorUnitInputSerializer},
        responses={200: s.ImporHasilSerializer, **error_responses(400, 401, 403, 404)},
    )
    @action(detail=False, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def impor(self, request):
        form = s.ImporIndikatorUnitInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        unit = unit_get_for_user(request.user, data["unit"])
        periode = _periode(data["periode"])
        hasil = services.indikator_unit_import(actor=request.user, unit=unit, periode=periode, berkas=data["berkas"])
        rows = (
            IndikatorUnit.objects.filter(pk__in=[o.pk for o in hasil])
            .select_related("periode")
            .order_by("jenis", "urutan", "pk")
        )
        return Response({"jumlah": len(hasil), "indikator": s.IndikatorUnitSerializer(rows, many=True).data})


# --- SKP --------------------------------------------------------------------------------------------------------


def _skp_detail(skp: Skp) -> dict:
    return s.SkpDetailSerializer(selectors.skp_lembar(skp=skp)).data


@extend_schema_view(
    list=extend_schema(
        summary=_l("Daftar SKP"),
        description=_l(
            "SKP yang boleh Anda lihat: milik Anda, bawahan Anda (dua tingkat), unit yang Anda kelola, atau semua "
            "(Admin BKD). Bawaan hanya revisi terkini; `terkini=false` untuk revisi lama."
        ),
        responses={200: s.SkpSerializer(many=True), **error_responses(400, 401)},
    ),
    retrieve=extend_schema(
        summary=_l("Satu SKP dengan RHK, IKI, perilaku kerja dan lampiran"),
        parameters=[ID_PATH],
        responses={200: s.SkpDetailSerializer, **error_responses(401, 404)},
    ),
    create=extend_schema(
        summary=_l("Mulai SKP Anda (draf kosong atau salinan tahun lalu)"),
        request=s.SkpInputSerializer,
        responses={201: s.SkpDetailSerializer, **error_responses(400, 401, 403)},
    ),
    partial_update=extend_schema(
        summary=_l("Ubah lampiran SKP (pemilik, selama draf)"),
        parameters=[ID_PATH],
        request=s.SkpLampiranInputSerializer,
        responses={200: s.SkpDetailSerializer, **error_responses(400, 401, 403, 404, 409)},
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
        form = s.SkpInputSerializer(data=request.data)
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
        form = s.SkpLampiranInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        skp = services.skp_update(actor=request.user, skp=skp, **data)
        return Response(_skp_detail(skp))

    def _aksi(self, request, fn, input_class=s.VersiInputSerializer, **extra):
        skp = self.get_object()
        form = input_class(data=request.data)
        form.is_valid(raise_exception=True)
        hasil = fn(actor=request.user, skp=skp, **form.validated_data, **extra)
        return Response(_skp_detail(hasil))

    @extend_schema(
        summary=_l("Ajukan SKP ke pejabat penilai (pemilik)"),
        parameters=[ID_PATH],
        request=s.VersiInputSerializer,
        responses={200: s.SkpDetailSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def ajukan(self, request, pk=None):
        return self._aksi(request, services.skp_submit)

    @extend_schema(
        summary=_l("Kembalikan SKP dengan alasan (pejabat penilai)"),
        parameters=[ID_PATH],
        request=s.KembalikanInputSerializer,
        responses={200: s.SkpDetailSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def kembalikan(self, request, pk=None):
        return self._aksi(request, services.skp_return, s.KembalikanInputSerializer)

    @extend_schema(
        summary=_l("Setujui SKP (pejabat penilai)"),
        parameters=[ID_PATH],
        request=s.VersiInputSerializer,
        responses={200: s.SkpDetailSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def setujui(self, request, pk=None):
        return self._aksi(request, services.skp_approve)

    @extend_schema(
        summary=_l("Buat revisi SKP yang disetujui (pemilik)"),
        description=_l("Menyalin SKP menjadi draf revisi baru; revisi lama tetap dapat dibaca."),
        parameters=[ID_PATH],
        request=s.VersiInputSerializer,
        responses={201: s.SkpDetailSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def revisi(self, request, pk=None):
        response = self._aksi(request, services.skp_revise)
        response.status_code = status.HTTP_201_CREATED
        return response

    @extend_schema(
        summary=_l("Isi ekspektasi khusus pimpinan untuk satu nilai BerAKHLAK (pejabat penilai)"),
        parameters=[ID_PATH],
        request=s.EkspektasiInputSerializer,
        responses={200: s.SkpDetailSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def ekspektasi(self, request, pk=None):
        skp = self.get_object()
        form = s.EkspektasiInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.ekspektasi_set(actor=request.user, skp=skp, **form.validated_data)
        return Response(_skp_detail(skp))

    @extend_schema(
        summary=_l("Catat dialog kinerja (pejabat penilai)"),
        parameters=[ID_PATH],
        request=s.DialogInputSerializer,
        responses={201: s.DialogKinerjaSerializer, **error_responses(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["post"])
    def dialog(self, request, pk=None):
        skp = self.get_object()
        form = s.DialogInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        obj = services.dialog_kinerja_create(actor=request.user, skp=skp, **form.validated_data)
        return Response(s.DialogKinerjaSerializer(obj).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_l("SKP terkini saya untuk satu periode"),
        description=_l(
            "SKP terkini (revisi terakhir) milik Anda untuk `?periode=` atau periode yang sedang berjalan; 404 "
            "bila belum disusun (mulai dengan POST /skp/)."
        ),
        parameters=[s.PeriodeQuerySerializer],
        responses={200: s.SkpDetailSerializer, **error_responses(400, 401, 403, 404)},
    )
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def saya(self, request):
        periode, _data = _periode_query(request)
        pegawai = pegawai_of_account(request.user)
        skp = selectors.skp_terkini(pegawai=pegawai, periode=periode)
        if skp is None:
            raise Http404(_("Anda belum memiliki SKP untuk periode %(tahun)s.") % {"tahun": periode.tahun})
        return Response(_skp_detail(skp))

    @extend_schema(
        summary=_l("Pilihan tautan RHK: RHK atasan yang boleh diintervensi dan Perjanjian Kinerja unit (pemilik)"),
        description=_l(
            "Id untuk `rhk_atasan` dan `indikator_unit` saat menambah atau mengubah RHK: RHK pada SKP terkini "
            "atasan langsung Anda (draf pun boleh; tautannya diperiksa lagi saat SKP atasan disetujui) dan "
            "Perjanjian Kinerja unit kerja Anda pada periode SKP ini."
        ),
        parameters=[ID_PATH],
        responses={200: s.PilihanTautanSerializer, **error_responses(401, 403, 404)},
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

    @extend_schema(
        summary=_l("Unduh SKP sebagai dokumen PDF bergaya formulir resmi"),
        description=_l(
            "Siapa pun yang boleh melihat SKP ini dapat mengunduhnya. Header `Accept` boleh `application/pdf`; "
            "kesalahan tetap dijawab dalam JSON."
        ),
        parameters=[ID_PATH],
        responses=_berkas_responses("application/pdf", 401, 404),
    )
    @action(detail=True, methods=["get"], renderer_classes=BERKAS_RENDERERS, filterset_class=None)
    def pdf(self, request, pk=None):
        skp = self.get_object()
        return _berkas(exports.skp_pdf(skp=skp), content_type="application/pdf", nama=exports.nama_berkas_skp(skp))


# --- RHK and IKI ----------------------------------------------------------------------------------------------------


def _rhk_atasan(pk) -> Rhk | None:
    """The intervened RHK by id. The service decides whether it is the atasan's; an unknown id gets the same
    message, so the answer reveals nothing about other people's plans."""
    if pk is None:
        return None
    rhk = Rhk.objects.filter(pk=pk).first()
    if rhk is None:
        raise exceptions.ValidationError(
            {"rhk_atasan": [_("RHK yang diintervensi harus merupakan RHK dari SKP terkini atasan langsung Anda.")]}
        )
    return rhk


def _indikator_unit(pk) -> IndikatorUnit | None:
    if pk is None:
        return None
    obj = IndikatorUnit.objects.filter(pk=pk).first()
    if obj is None:
        raise exceptions.ValidationError(
            {"indikator_unit": [_("Indikator unit harus milik unit kerja Anda pada periode yang sama.")]}
        )
    return obj


@extend_schema_view(
    list=extend_schema(
        summary=_l("Daftar RHK"), responses={200: s.RhkSerializer(many=True), **error_responses(400, 401)}
    ),
    retrieve=extend_schema(
        summary=_l("Satu RHK dengan IKI-nya"),
        parameters=[ID_PATH],
        responses={200: s.RhkSerializer, **error_responses(401, 404)},
    ),
    create=extend_schema(
        summary=_l("Tambah RHK pada SKP draf Anda"),
        request=s.RhkInputSerializer,
        responses={201: s.RhkSerializer, **error_responses(400, 401, 403, 404, 409)},
    ),
    partial_update=extend_schema(
        summary=_l("Ubah RHK"),
        parameters=[ID_PATH],
        request=s.RhkInputSerializer,
        responses={200: s.RhkSerializer, **error_responses(400, 401, 403, 404, 409)},
    ),
    destroy=extend_schema(
        summary=_l("Hapus RHK beserta IKI-nya"),
        parameters=[ID_PATH, VERSI_QUERY],
        responses={204: None, **error_responses(400, 401, 403, 404, 409)},
    ),
)
@extend_schema(tags=["SKP"])
class RhkViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Rhk.objects.none()
    serializer_class = s.RhkSerializer
    filterset_class = RhkFilter
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def scoped_queryset(self):
        return (
            Rhk.objects.filter(pegawai_scope_q(self.request.user, "skp__pegawai__"))
            .prefetch_related("iki")
            .order_by("skp_id", "jenis", "urutan", "pk")
        )

    def get_object(self) -> Rhk:
        return access.rhk_get_for_user(self.request.user, self.kwargs["pk"])

    def _keluaran(self, rhk: Rhk) -> dict:
        return s.RhkSerializer(self.get_queryset().get(pk=rhk.pk)).data

    def create(self, request):
        form = s.RhkInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        if data.get("skp") is None:
            raise exceptions.ValidationError({"skp": [_("Sertakan id SKP.")]})
        skp = access.skp_get_for_user(request.user, data["skp"])
        rhk = services.rhk_create(
            actor=request.user,
            skp=skp,
            versi=data["versi"],
            uraian=data["uraian"],
            jenis=data["jenis"],
            rhk_atasan=_rhk_atasan(data.get("rhk_atasan")),
            indikator_unit=_indikator_unit(data.get("indikator_unit")),
            perspektif=data.get("perspektif") or None,
        )
        return Response(self._keluaran(rhk), status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        rhk = self.get_object()
        form = s.RhkInputSerializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        versi = data.pop("versi", None)
        if versi is None:
            raise exceptions.ValidationError({"versi": [_("Sertakan versi SKP yang Anda baca.")]})
        data.pop("skp", None)
        if "rhk_atasan" in data:
            data["rhk_atasan"] = _rhk_atasan(data["rhk_atasan"])
        if "indikator_unit" in data:
            data["indikator_unit"] = _indikator_unit(data["indikator_unit"])
        rhk = services.rhk_update(actor=request.user, rhk=rhk, versi=versi, **data)
        return Response(self._keluaran(rhk))

    def destroy(self, request, pk=None):
        rhk = self.get_object()
        services.rhk_delete(actor=request.user, rhk=rhk, versi=_versi_query(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(
        summary=_l("Daftar IKI"), responses={200: s.IkiSerializer(many=True), **error_responses(400, 401)}
    ),
    retrieve=extend_schema(
        summary=_l("Satu IKI"), parameters=[ID_PATH], responses={200: s.IkiSerializer, **error_responses(401, 404)}
    ),
    create=extend_schema(
        summary=_l("Tambah IKI pada RHK"),
        request=s.IkiInputSerializer,
        responses={201: s.IkiSerializer, **error_responses(400, 401, 403, 404, 409)},
    ),
    partial_update=extend_schema(
        summary=_l("Ubah IKI"),
        parameters=[ID_PATH],
        request=s.IkiUbahInputSerializer,
        responses={200: s.IkiSerializer, **error_responses(400, 401, 403, 404, 409)},
    ),
    destroy=extend_schema(
        summary=_l("Hapus IKI"),
        parameters=[ID_PATH, VERSI_QUERY],
        responses={204: None, **error_responses(400, 401, 403, 404, 409)},
    ),
)
@extend_schema(tags=["SKP"])
class IkiViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Iki.objects.none()
    serializer_class = s.IkiSerializer
    filterset_class = IkiFilter
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def scoped_queryset(self):
        return Iki.objects.filter(pegawai_scope_q(self.request.user, "rhk__skp__pegawai__")).order_by(
            "rhk_id", "urutan", "pk"
        )

    def get_object(self) -> Iki:
        return access.iki_get_for_user(self.request.user, self.kwargs["pk"])

    def create(self, request):
        form = s.IkiInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        rhk_id = data.pop("rhk", None)
        if rhk_id is None:
            raise exceptions.ValidationError({"rhk": [_("Sertakan id RHK.")]})
        rhk = access.rhk_get_for_user(request.user, rhk_id)
        iki = services.iki_create(actor=request.user, rhk=rhk, **data)
        return Response(s.IkiSerializer(iki).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        iki = self.get_object()
        form = s.IkiUbahInputSerializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        versi = data.pop("versi", None)
        if versi is None:
            raise exceptions.ValidationError({"versi": [_("Sertakan versi SKP yang Anda baca.")]})
        iki = services.iki_update(actor=request.user, iki=iki, versi=versi, **data)
        return Response(s.IkiSerializer(iki).data)

    def destroy(self, request, pk=None):
        iki = self.get_object()
        services.iki_delete(actor=request.user, iki=iki, versi=_versi_query(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Realisation and evidence ---------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary=_l("Daftar realisasi"), responses={200: s.RealisasiSerializer(many=True), **error_responses(400, 401)}
    ),
    retrieve=extend_schema(
        summary=_l("Satu realisasi dengan capaian dan bukti dukung"),
        parameters=[ID_PATH],
        responses={200: s.RealisasiSerializer, **error_responses(401, 404)},
    ),
    create=extend_schema(
        summary=_l("Isi realisasi satu IKI untuk satu bulan/triwulan (pemilik)"),
        description=_l("Ditolak bila bulan/triwulan itu belum dimulai atau sudah ditutup (kecuali dibuka kembali)."),
        request=s.RealisasiInputSerializer,
        responses={201: s.RealisasiSerializer, **error_responses(400, 401, 403, 404, 409)},
    ),
    partial_update=extend_schema(
        summary=_l("Ubah realisasi"),
        parameters=[ID_PATH],
        request=s.RealisasiUbahInputSerializer,
        responses={200: s.RealisasiSerializer, **error_responses(400, 401, 403, 404, 409)},
    ),
)
@extend_schema(tags=["Realisasi"])
class RealisasiViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Realisasi.objects.none()
    serializer_class = s.RealisasiSerializer
    filterset_class = RealisasiFilter
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def scoped_queryset(self):
        return (
            Realisasi.objects.filter(pegawai_scope_q(self.request.user, "iki__rhk__skp__pegawai__"))
            .select_related("iki")
            .prefetch_related("bukti")
            .order_by("iki_id", "periode_ke")
        )

    def get_object(self) -> Realisasi:
        access.realisasi_get_for_user(self.request.user, self.kwargs["pk"])
        return self.get_queryset().get(pk=self.kwargs["pk"])

    def create(self, request):
        form = s.RealisasiInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        iki = access.iki_get_for_user(request.user, data.pop("iki"))
        obj = services.realisasi_save(actor=request.user, iki=iki, versi=None, **data)
        return Response(s.RealisasiSerializer(self.get_queryset().get(pk=obj.pk)).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        realisasi = self.get_object()
        form = s.RealisasiUbahInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        obj = services.realisasi_save(
            actor=request.user,
            iki=realisasi.iki,
            periode_ke=realisasi.periode_ke,
            **form.validated_data,
        )
        return Response(s.RealisasiSerializer(self.get_queryset().get(pk=obj.pk)).data)


@extend_schema_view(
    list=extend_schema(
        summary=_l("Daftar bukti dukung"),
        responses={200: s.BuktiDukungSerializer(many=True), **error_responses(400, 401)},
    ),
    retrieve=extend_schema(
        summary=_l("Satu bukti dukung (dengan hash SHA-256)"),
        parameters=[ID_PATH],
        responses={200: s.BuktiDukungSerializer, **error_responses(401, 404)},
    ),
    create=extend_schema(
        summary=_l("Unggah bukti dukung (multipart) atau kirim tautan"),
        description=_l(
            "Berkas PDF, JPEG, PNG, XLSX atau DOCX, paling besar 10 MB; jenisnya diperiksa dari isi berkas, bukan "
            "dari namanya. Kirim sebagai multipart/form-data dengan `realisasi` dan `berkas`, atau JSON dengan "
            "`realisasi` dan `url`."
        ),
        request={"multipart/form-data": s.BuktiInputSerializer, "application/json": s.BuktiInputSerializer},
        responses={201: s.BuktiDukungSerializer, **error_responses(400, 401, 403, 404)},
    ),
    destroy=extend_schema(
        summary=_l("Hapus bukti dukung (pemilik, selama bulan/triwulannya terbuka)"),
        parameters=[ID_PATH],
        responses={204: None, **error_responses(400, 401, 403, 404)},
    ),
)
@extend_schema(tags=["Realisasi"])
class BuktiDukungViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = BuktiDukung.objects.none()
    serializer_class = s.BuktiDukungSerializer
    filterset_class = BuktiDukungFilter
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "delete", "head", "options"]

    def scoped_queryset(self):
        return BuktiDukung.objects.filter(
            pegawai_scope_q(self.request.user, "realisasi__iki__rhk__skp__pegawai__")
        ).order_by("realisasi_id", "dibuat", "pk")

    def get_object(self) -> BuktiDukung:
        return access.bukti_get_for_user(self.request.user, self.kwargs["pk"])

    def create(self, request):
        form = s.BuktiInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        realisasi = access.realisasi_get_for_user(request.user, data["realisasi"])
        bukti = services.bukti_create(
            actor=request.user, realisasi=realisasi, berkas=data.get("berkas"), url=data.get("url") or ""
        )
        return Response(s.BuktiDukungSerializer(bukti).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, pk=None):
        services.bukti_delete(actor=request.user, bukti=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary=_l("Unduh berkas bukti dukung"),
        description=_l("Isi berkas apa adanya; bandingkan hash SHA-256-nya dengan `sha256` untuk memeriksa keaslian."),
        parameters=[ID_PATH],
        responses=_berkas_responses("application/octet-stream", 401, 404),
    )
    @action(detail=True, methods=["get"], renderer_classes=BERKAS_RENDERERS, filterset_class=None)
    def unduh(self, request, pk=None):
        return bukti_file_response(self.get_object())


# --- Feedback -------------------------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary=_l("Daftar umpan balik"),
        responses={200: s.UmpanBalikSerializer(many=True), **error_responses(400, 401)},
    ),
    retrieve=extend_schema(
        summary=_l("Satu umpan balik"),
        parameters=[ID_PATH],
        responses={200: s.UmpanBalikSerializer, **error_responses(401, 404)},
    ),
    create=extend_schema(
        summary=_l("Beri umpan balik pada satu IKI untuk satu bulan/triwulan (pejabat penilai)"),
        request=s.UmpanBalikInputSerializer,
        responses={201: s.UmpanBalikSerializer, **error_responses(400, 401, 403, 404)},
    ),
)
@extend_schema(tags=["Umpan balik"])
class UmpanBalikViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = UmpanBalik.objects.none()
    serializer_class = s.UmpanBalikSerializer
    filterset_class = UmpanBalikFilter
    lookup_value_regex = r"\d+"

    def scoped_queryset(self):
        return UmpanBalik.objects.filter(pegawai_scope_q(self.request.user, "iki__rhk__skp__pegawai__")).order_by(
            "iki_id", "periode_ke", "dibuat", "pk"
        )

    def get_object(self) -> UmpanBalik:
        return access.umpan_balik_get_for_user(self.request.user, self.kwargs["pk"])

    def create(self, request):
        form = s.UmpanBalikInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        iki = access.iki_get_for_user(request.user, data.pop("iki"))
        obj = services.umpan_balik_create(actor=request.user, iki=iki, **data)
        return Response(s.UmpanBalikSerializer(obj).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_l("Balas umpan balik (pegawai atau pejabat penilainya)"),
        parameters=[ID_PATH],
        request=s.BalasInputSerializer,
        responses={201: s.UmpanBalikSerializer, **error_responses(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["post"])
    def balas(self, request, pk=None):
        induk = self.get_object()
        form = s.BalasInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        obj = services.umpan_balik_reply(actor=request.user, umpan_balik=induk, teks=form.validated_data["teks"])
        return Response(s.UmpanBalikSerializer(obj).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        summary=_l("Daftar catatan dialog kinerja"),
        description=_l(
            "Catatan dialog kinerja pada SKP yang boleh Anda lihat, tanggal terbaru dahulu. Mencatat dialog baru: "
            "POST /skp/{id}/dialog/ (pejabat penilai)."
        ),
        responses={200: s.DialogKinerjaSerializer(many=True), **error_responses(400, 401)},
    ),
    retrieve=extend_schema(
        summary=_l("Satu catatan dialog kinerja"),
        parameters=[ID_PATH],
        responses={200: s.DialogKinerjaSerializer, **error_responses(401, 404)},
    ),
)
@extend_schema(tags=["SKP"])
class DialogKinerjaViewSet(
    ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = DialogKinerja.objects.none()
    serializer_class = s.DialogKinerjaSerializer
    filterset_class = DialogKinerjaFilter
    lookup_value_regex = r"\d+"
    not_found_message = _l("Catatan dialog kinerja tidak ditemukan.")

    def scoped_queryset(self):
        return selectors.dialog_kinerja_for_user(self.request.user)


# --- Reopening one pegawai's entries -------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary=_l("Daftar pembukaan kembali isian"),
        description=_l(
            "Pembukaan kembali isian pegawai yang boleh Anda lihat (milik Anda, bawahan Anda, unit yang Anda "
            "kelola, atau semua bagi Admin BKD), terbaru dahulu."
        ),
        responses={200: s.PembukaanKembaliSerializer(many=True), **error_responses(400, 401)},
    ),
    retrieve=extend_schema(
        summary=_l("Satu pembukaan kembali"),
        parameters=[ID_PATH],
        responses={200: s.PembukaanKembaliSerializer, **error_responses(401, 404)},
    ),
    create=extend_schema(
        summary=_l("Buka kembali isian satu pegawai yang sudah lewat tenggat, dengan alasan (admin)"),
        description=_l(
            "Admin unit bagi pegawai di unit yang dikelolanya, Admin BKD bagi semua. Tanpa `periode_ke`: seluruh "
            "periode (penyusunan SKP dan semua realisasi); dengan `periode_ke`: realisasi bulan/triwulan itu saja. "
            "Berlaku sampai `berlaku_sampai`; penutupan periode tetap mengunci semuanya."
        ),
        request=s.PembukaanKembaliInputSerializer,
        responses={201: s.PembukaanKembaliSerializer, **error_responses(400, 401, 403, 404)},
    ),
)
@extend_schema(tags=["Periode penilaian"])
class PembukaanKembaliViewSet(
    ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = PembukaanKembali.objects.none()
    serializer_class = s.PembukaanKembaliSerializer
    filterset_class = PembukaanKembaliFilter
    lookup_value_regex = r"\d+"
    not_found_message = _l("Pembukaan kembali tidak ditemukan.")

    def scoped_queryset(self):
        return selectors.pembukaan_kembali_for_user(self.request.user)

    def create(self, request):
        form = s.PembukaanKembaliInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        periode = _periode(data.pop("periode"))
        pegawai = pegawai_get_for_user(request.user, data.pop("pegawai"))
        obj = services.pembukaan_kembali_create(actor=request.user, periode=periode, pegawai=pegawai, **data)
        return Response(
            s.PembukaanKembaliSerializer(self.get_queryset().get(pk=obj.pk)).data, status=status.HTTP_201_CREATED
        )


# --- The penilai's team and the pegawai's dashboard -------------------------------------------------------------------


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
    tersembunyi = (
        Pegawai.objects.filter(atasan=penilai).exclude(pegawai_scope_q(request.user)).values_list("pk", flat=True)
    )
    return penilai, set(tersembunyi)


class TimView(APIView):
    @extend_schema(
        tags=["Tim dan dasbor"],
        summary=_l("Halaman tim pejabat penilai"),
        description=_l(
            "Setiap bawahan langsung yang aktif: status SKP terkini, realisasi terisi atau kosong per "
            "bulan/triwulan, capaian sampai saat ini dan tautan yang putus; SKP yang menunggu persetujuan. "
            "Bawaan tim Anda sendiri pada periode berjalan; atasan pejabat penilai dan admin dapat menyertakan "
            "`?penilai=` untuk pejabat penilai yang boleh mereka lihat. Tidak berhalaman (satu tim); jumlah "
            "kueri tetap berapa pun besar timnya."
        ),
        parameters=[s.TimQuerySerializer],
        responses={200: s.TimSerializer, **error_responses(400, 401, 403, 404)},
    )
    def get(self, request):
        periode, data = _periode_query(request, s.TimQuerySerializer)
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

    @extend_schema(
        tags=["Tim dan dasbor"],
        summary=_l("Unduh realisasi tim sebagai XLSX"),
        description=_l(
            "Lembar ringkasan (satu baris per bawahan) dan lembar realisasi (satu baris per IKI dengan nilai per "
            "bulan/triwulan dan capaian). Parameter sama dengan /tim/; bila sebagian anggota tim berada di luar "
            "wewenang Anda, unduhan ditolak (403)."
        ),
        parameters=[s.TimQuerySerializer],
        responses=_berkas_responses(MIME_XLSX, 400, 401, 403, 404),
    )
    def get(self, request):
        periode, data = _periode_query(request, s.TimQuerySerializer)
        penilai, tersembunyi = _tim_penilai(request, data)
        if tersembunyi:
            raise exceptions.PermissionDenied(
                _("Sebagian anggota tim ini berada di luar wewenang Anda; unduhan XLSX tidak tersedia.")
            )
        isi = exports.tim_xlsx(penilai=penilai, periode=periode)
        return _berkas(isi, content_type=MIME_XLSX, nama=f"realisasi-tim-{periode.tahun}-{penilai.nip}.xlsx")


class DasborView(APIView):
    @extend_schema(
        tags=["Tim dan dasbor"],
        summary=_l("Dasbor kinerja pegawai"),
        description=_l(
            "IKI dengan target dan realisasi per bulan/triwulan (data grafik), capaian sampai saat ini, realisasi "
            "yang belum diisi, tenggat terdekat, tautan yang putus dan umpan balik terbaru. Bawaan dasbor Anda "
            "sendiri pada periode berjalan; `?pegawai=` untuk pegawai yang boleh Anda lihat. Jumlah kueri tetap "
            "berapa pun besar SKP-nya."
        ),
        parameters=[s.DasborQuerySerializer],
        responses={200: s.DasborSerializer, **error_responses(400, 401, 403, 404)},
    )
    def get(self, request):
        periode, data = _periode_query(request, s.DasborQuerySerializer)
        pk = data.get("pegawai")
        pegawai = pegawai_of_account(request.user) if pk is None else pegawai_get_for_user(request.user, pk)
        dasbor = selectors.dasbor_pegawai(pegawai=pegawai, periode=periode)
        if dasbor.skp is not None:
            dasbor.skp.pegawai = pegawai  # the same row: the SKP header needs no second read
        return Response(s.DasborSerializer(SimpleNamespace(**vars(dasbor), pegawai=pegawai)).data)


# --- Bulk cascade ---------------------------------------------------------------------------------------------------


class KaskadeView(APIView):
    @extend_schema(
        tags=["SKP"],
        summary=_l("Turunkan satu RHK Anda, dengan IKI dan target, ke banyak bawahan sekaligus"),
        description=_l(
            "Satu permintaan untuk banyak bawahan langsung (semua atau tidak sama sekali). Bawahan yang belum "
            "memiliki SKP dibuatkan draf; SKP yang sedang diajukan atau sudah disetujui menolak seluruh permintaan."
        ),
        request=s.KaskadeInputSerializer,
        responses={201: s.KaskadeHasilSerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request):
        form = s.KaskadeInputSerializer(data=request.data)
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


__all__ = [
    "BuktiDukungViewSet",
    "DasborView",
    "DialogKinerjaViewSet",
    "IkiViewSet",
    "IndikatorUnitViewSet",
    "KaskadeView",
    "PembukaanKembaliViewSet",
    "PeriodeViewSet",
    "RealisasiViewSet",
    "RhkViewSet",
    "SkpViewSet",
    "TimView",
    "TimXlsxView",
    "UmpanBalikViewSet",
]
