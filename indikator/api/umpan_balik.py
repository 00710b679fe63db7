"""Feedback threads and the records of dialog kinerja."""

from django.utils.translation import gettext_lazy as _l
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from indikator import access, selectors, services
from indikator.api import serializers as s
from indikator.api import serializers_input as si
from indikator.filters import (
    DialogKinerjaFilter,
    UmpanBalikFilter,
)
from indikator.models import (
    DialogKinerja,
    UmpanBalik,
)
from kepegawaian.access import pegawai_scope_q
from kinerja.api import ScopedViewSetMixin, api_doc


@extend_schema_view(
    list=api_doc(_l("Daftar umpan balik"), ok=s.UmpanBalikSerializer(many=True), errors=(400, 401)),
    retrieve=api_doc(_l("Satu umpan balik"), ok=s.UmpanBalikSerializer, errors=(401, 404), detail=True),
    create=api_doc(
        _l("Beri umpan balik pada satu IKI untuk satu bulan/triwulan (pejabat penilai)"),
        ok=s.UmpanBalikSerializer,
        ok_status=201,
        errors=(400, 401, 403, 404),
        request=si.UmpanBalikInputSerializer,
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
        form = si.UmpanBalikInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        iki = access.iki_get_for_user(request.user, data.pop("iki"))
        obj = services.umpan_balik_create(actor=request.user, iki=iki, **data)
        return Response(s.UmpanBalikSerializer(obj).data, status=status.HTTP_201_CREATED)

    @api_doc(
        _l("Balas umpan balik (pegawai atau pejabat penilainya)"),
        ok=s.UmpanBalikSerializer,
        ok_status=201,
        errors=(400, 401, 403, 404),
        request=si.BalasInputSerializer,
        detail=True,
    )
    @action(detail=True, methods=["post"])
    def balas(self, request, pk=None):
        induk = self.get_object()
        form = si.BalasInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        obj = services.umpan_balik_reply(actor=request.user, umpan_balik=induk, teks=form.validated_data["teks"])
        return Response(s.UmpanBalikSerializer(obj).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=api_doc(
        _l("Daftar catatan dialog kinerja"),
        ok=s.DialogKinerjaSerializer(many=True),
        errors=(400, 401),
        description=_l(
            "Catatan dialog kinerja pada SKP yang boleh Anda lihat, tanggal terbaru dahulu. Mencatat dialog baru: "
            "POST /skp/{id}/dialog/ (pejabat penilai)."
        ),
    ),
    retrieve=api_doc(_l("Satu catatan dialog kinerja"), ok=s.DialogKinerjaSerializer, errors=(401, 404), detail=True),
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
