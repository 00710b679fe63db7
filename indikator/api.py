"""The API of SKP planning and realisation (``/api/v1/``). Thin views: objects come through ``indikator.access``
(not visible: 404), reads through ``indikator.selectors``, writes through ``indikator.services`` (visible but not
allowed: 403; bad input: 400 with Indonesian messages; a stale ``versi``: 409). One error shape
(``kinerja.api``)."""

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from indikator import access, selectors, services
from indikator import serializers as s
from indikator.filters import (
    BuktiDukungFilter,
    IkiFilter,
    IndikatorUnitFilter,
    PeriodeFilter,
    RealisasiFilter,
    RhkFilter,
    SkpFilter,
    UmpanBalikFilter,
)
from indikator.models import (
    BuktiDukung,
    Iki,
    IndikatorUnit,
    PeriodePenilaian,
    Realisasi,
    Rhk,
    Skp,
    UmpanBalik,
)
from indikator.services import KonflikVersi
from kepegawaian.access import akses_for, pegawai_scope_q, unit_get_for_user
from kepegawaian.models import Pegawai
from kinerja.api import error_responses

ID_PATH = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)
VERSI_QUERY = OpenApiParameter(
    "versi", OpenApiTypes.INT, OpenApiParameter.QUERY, required=True, description="Versi SKP yang Anda baca."
)


class Konflik(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "konflik"
    default_detail = _l("Data ini sudah diubah di tempat lain sejak Anda membacanya. Muat ulang lalu ulangi.")


def _layanan(fn, *args, **kwargs):
    """Call a service; a stale version becomes a 409 (other errors keep their mapping in ``kinerja.api``)."""
    try:
        return fn(*args, **kwargs)
    except KonflikVersi as exc:
        raise Konflik(exc.messages[0]) from exc


def _versi_query(request) -> int:
    try:
        versi = int(request.query_params.get("versi", ""))
    except ValueError as exc:
        raise exceptions.ValidationError({"versi": [_("Sertakan ?versi= (versi SKP yang Anda baca).")]}) from exc
    return versi


# --- Periods ----------------------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=_l("Daftar periode penilaian"), responses={200: s.PeriodeSerializer(many=True)}),
    retrieve=extend_schema(
        summary=_l("Satu periode"), parameters=[ID_PATH], responses={200: s.PeriodeSerializer, **error_responses(404)}
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
class IndikatorUnitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = IndikatorUnit.objects.none()
    serializer_class = s.IndikatorUnitSerializer
    filterset_class = IndikatorUnitFilter
    search_fields = ["indikator", "sasaran_strategis"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return IndikatorUnit.objects.none()
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
class SkpViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Skp.objects.none()
    serializer_class = s.SkpSerializer
    filterset_class = SkpFilter
    search_fields = ["pegawai__nama", "=pegawai__nip"]
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Skp.objects.none()
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
        akses = akses_for(request.user)
        if akses.pegawai_id is None:
            raise exceptions.PermissionDenied(_("Akun Anda tidak terhubung dengan data pegawai."))
        pegawai = Pegawai.objects.get(pk=akses.pegawai_id)
        buat = services.skp_copy_from_last_year if form.validated_data["salin_tahun_lalu"] else services.skp_create
        skp = buat(actor=request.user, pegawai=pegawai, periode=periode)
        return Response(_skp_detail(skp), status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        skp = self.get_object()
        form = s.SkpLampiranInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        skp = _layanan(services.skp_update, actor=request.user, skp=skp, **data)
        return Response(_skp_detail(skp))

    def _aksi(self, request, fn, input_class=s.VersiInputSerializer, **extra):
        skp = self.get_object()
        form = input_class(data=request.data)
        form.is_valid(raise_exception=True)
        hasil = _layanan(fn, actor=request.user, skp=skp, **form.validated_data, **extra)
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
        _layanan(services.ekspektasi_set, actor=request.user, skp=skp, **form.validated_data)
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
        obj = services.dialog_kinerja_add(actor=request.user, skp=skp, **form.validated_data)
        return Response(s.DialogKinerjaSerializer(obj).data, status=status.HTTP_201_CREATED)


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
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Rhk.objects.none()
    serializer_class = s.RhkSerializer
    filterset_class = RhkFilter
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Rhk.objects.none()
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
        rhk = _layanan(
            services.rhk_add,
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
        rhk = _layanan(services.rhk_update, actor=request.user, rhk=rhk, versi=versi, **data)
        return Response(self._keluaran(rhk))

    def destroy(self, request, pk=None):
        rhk = self.get_object()
        _layanan(services.rhk_delete, actor=request.user, rhk=rhk, versi=_versi_query(request))
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
class IkiViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Iki.objects.none()
    serializer_class = s.IkiSerializer
    filterset_class = IkiFilter
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Iki.objects.none()
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
        iki = _layanan(services.iki_add, actor=request.user, rhk=rhk, **data)
        return Response(s.IkiSerializer(iki).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        iki = self.get_object()
        form = s.IkiUbahInputSerializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        versi = data.pop("versi", None)
        if versi is None:
            raise exceptions.ValidationError({"versi": [_("Sertakan versi SKP yang Anda baca.")]})
        iki = _layanan(services.iki_update, actor=request.user, iki=iki, versi=versi, **data)
        return Response(s.IkiSerializer(iki).data)

    def destroy(self, request, pk=None):
        iki = self.get_object()
        _layanan(services.iki_delete, actor=request.user, iki=iki, versi=_versi_query(request))
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
class RealisasiViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Realisasi.objects.none()
    serializer_class = s.RealisasiSerializer
    filterset_class = RealisasiFilter
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Realisasi.objects.none()
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
        obj = _layanan(services.realisasi_save, actor=request.user, iki=iki, versi=None, **data)
        return Response(s.RealisasiSerializer(self.get_queryset().get(pk=obj.pk)).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        realisasi = self.get_object()
        form = s.RealisasiUbahInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        obj = _layanan(
            services.realisasi_save,
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
class BuktiDukungViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = BuktiDukung.objects.none()
    serializer_class = s.BuktiDukungSerializer
    filterset_class = BuktiDukungFilter
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "delete", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return BuktiDukung.objects.none()
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
        bukti = services.bukti_add(
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
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            **error_responses(401, 404),
        },
    )
    @action(detail=True, methods=["get"])
    def unduh(self, request, pk=None):
        bukti = self.get_object()
        if bukti.jenis != BuktiDukung.Jenis.BERKAS or not bukti.berkas:
            raise Http404(_("Bukti dukung ini berupa tautan, bukan berkas."))
        try:
            handle = bukti.berkas.open("rb")
        except FileNotFoundError as exc:
            raise Http404(_("Berkas bukti dukung tidak ditemukan di penyimpanan.")) from exc
        response = FileResponse(handle, as_attachment=True, filename=bukti.nama_asli or f"bukti-{bukti.pk}")
        response["Content-Type"] = bukti.tipe or "application/octet-stream"
        response["X-Content-Type-Options"] = "nosniff"
        return response


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
class UmpanBalikViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = UmpanBalik.objects.none()
    serializer_class = s.UmpanBalikSerializer
    filterset_class = UmpanBalikFilter
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return UmpanBalik.objects.none()
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
        obj = services.umpan_balik_add(actor=request.user, iki=iki, **data)
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
                baru = services.rhk_cascade_bulk(
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
    "IkiViewSet",
    "IndikatorUnitViewSet",
    "KaskadeView",
    "PeriodeViewSet",
    "RealisasiViewSet",
    "RhkViewSet",
    "SkpViewSet",
    "UmpanBalikViewSet",
]
