"""The RHK and IKI of an SKP."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.response import Response

from indikator import access, services
from indikator.api import serializers as s
from indikator.api import serializers_input as si
from indikator.api._dasar import (
    VERSI_QUERY,
    _versi_query,
)
from indikator.filters import (
    IkiFilter,
    RhkFilter,
)
from indikator.models import (
    Iki,
    IndikatorUnit,
    Rhk,
)
from kepegawaian.access import pegawai_scope_q
from kinerja.api import ScopedViewSetMixin, api_doc


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
    list=api_doc(_l("Daftar RHK"), ok=s.RhkSerializer(many=True), errors=(400, 401)),
    retrieve=api_doc(_l("Satu RHK dengan IKI-nya"), ok=s.RhkSerializer, errors=(401, 404), detail=True),
    create=api_doc(
        _l("Tambah RHK pada SKP draf Anda"),
        ok=s.RhkSerializer,
        ok_status=201,
        errors=(400, 401, 403, 404, 409),
        request=si.RhkInputSerializer,
    ),
    partial_update=api_doc(
        _l("Ubah RHK"), ok=s.RhkSerializer, errors=(400, 401, 403, 404, 409), request=si.RhkInputSerializer, detail=True
    ),
    destroy=api_doc(
        _l("Hapus RHK beserta IKI-nya"),
        ok_status=204,
        errors=(400, 401, 403, 404, 409),
        detail=True,
        parameters=(VERSI_QUERY,),
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
        form = si.RhkInputSerializer(data=request.data)
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
        form = si.RhkInputSerializer(data=request.data, partial=True)
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
    list=api_doc(_l("Daftar IKI"), ok=s.IkiSerializer(many=True), errors=(400, 401)),
    retrieve=api_doc(_l("Satu IKI"), ok=s.IkiSerializer, errors=(401, 404), detail=True),
    create=api_doc(
        _l("Tambah IKI pada RHK"),
        ok=s.IkiSerializer,
        ok_status=201,
        errors=(400, 401, 403, 404, 409),
        request=si.IkiInputSerializer,
    ),
    partial_update=api_doc(
        _l("Ubah IKI"),
        ok=s.IkiSerializer,
        errors=(400, 401, 403, 404, 409),
        request=si.IkiUbahInputSerializer,
        detail=True,
    ),
    destroy=api_doc(
        _l("Hapus IKI"), ok_status=204, errors=(400, 401, 403, 404, 409), detail=True, parameters=(VERSI_QUERY,)
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
        form = si.IkiInputSerializer(data=request.data)
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
        form = si.IkiUbahInputSerializer(data=request.data, partial=True)
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
