"""Objections in the API: list/read (the pegawai, the penilai, the atasan and admins who may see the evaluation);
the penilai responds, the atasan pejabat penilai decides. Nobody else writes a decision: the service refuses."""

from django.utils.translation import gettext_lazy as _l
from drf_spectacular.utils import extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from kinerja.api import ScopedViewSetMixin, api_doc
from penilaian import access, services
from penilaian.api import serializers as s
from penilaian.models import Keberatan


@extend_schema_view(
    list=api_doc(_l("Daftar keberatan yang boleh Anda lihat"), ok=s.KeberatanSerializer(many=True)),
    retrieve=api_doc(_l("Satu keberatan"), ok=s.KeberatanSerializer, detail=True, errors=(401, 404)),
)
class KeberatanViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Keberatan.objects.none()
    serializer_class = s.KeberatanSerializer
    lookup_value_regex = r"\d+"
    not_found_message = _l("Keberatan tidak ditemukan.")

    def scoped_queryset(self):
        return access.keberatan_visible(self.request.user).order_by("-diajukan_pada", "-pk")

    def _aksi(self, request, input_class, fn):
        """Parse with ``input_class``, call the service ``fn`` on this objection, answer with the objection."""
        keberatan = self.get_object()
        form = input_class(data=request.data)
        form.is_valid(raise_exception=True)
        return Response(s.KeberatanSerializer(fn(actor=request.user, keberatan=keberatan, **form.validated_data)).data)

    @api_doc(
        _l("Tanggapi keberatan (pejabat penilai)"),
        ok=s.KeberatanSerializer,
        detail=True,
        request=s.TanggapanInputSerializer,
        errors=(400, 401, 403, 404),
    )
    @action(detail=True, methods=["post"])
    def tanggapan(self, request, pk=None):
        return self._aksi(request, s.TanggapanInputSerializer, services.keberatan_reply)

    @api_doc(
        _l("Putuskan keberatan (atasan pejabat penilai; final)"),
        ok=s.KeberatanSerializer,
        detail=True,
        request=s.KeputusanInputSerializer,
        errors=(400, 401, 403, 404),
    )
    @action(detail=True, methods=["post"])
    def keputusan(self, request, pk=None):
        return self._aksi(request, s.KeputusanInputSerializer, services.keberatan_decide)
