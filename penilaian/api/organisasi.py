"""The organisation's side in the API: a unit's spread of annual predikat against its curve (read), its predikat
kinerja organisasi (set) and the finalisation of its annual results (Penetapan; a spread off the curve needs a
justification). Thin: parse, call one service, answer; the services check who may act (404 / 403)."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from indikator.selectors import periode_aktif
from kepegawaian.access import unit_visible
from kepegawaian.models import UnitKerja
from kinerja.api import ScopedViewSetMixin, api_doc
from penilaian import access, selectors, services
from penilaian.api import serializers as s


def _periode():
    periode = periode_aktif()
    if periode is None:
        raise Http404(_("Belum ada periode penilaian."))
    return periode


class UnitPenilaianViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):
    """``/api/v1/unit-penilaian/{id}/...``: the unit's side of the active period's appraisal."""

    queryset = UnitKerja.objects.none()
    serializer_class = s.DistribusiSerializer
    lookup_value_regex = r"\d+"
    not_found_message = _l("Unit kerja tidak ditemukan.")

    def scoped_queryset(self):
        return unit_visible(self.request.user)

    def _jawab(self, unit):
        return Response(s.DistribusiSerializer(selectors.distribusi_unit(unit=unit, periode=_periode())).data)

    @api_doc(
        _l("Sebaran predikat tahunan unit terhadap kurva distribusi"),
        ok=s.DistribusiSerializer,
        detail=True,
        errors=(401, 403, 404),
    )
    @action(detail=True, methods=["get"])
    def distribusi(self, request, pk=None):
        unit = self.get_object()
        access.require_calibrate(request.user, unit)
        return self._jawab(unit)

    @api_doc(
        _l("Tetapkan predikat kinerja organisasi unit (periode ke-n atau tahunan)"),
        ok=s.DistribusiSerializer,
        detail=True,
        request=s.PredikatUnitInputSerializer,
        errors=(400, 401, 403, 404),
    )
    @action(detail=True, methods=["post"])
    def predikat(self, request, pk=None):
        unit = self.get_object()
        form = s.PredikatUnitInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.predikat_unit_set(actor=request.user, unit=unit, periode=_periode(), **form.validated_data)
        return self._jawab(unit)

    @api_doc(
        _l("Tetapkan hasil tahunan unit (Penetapan Predikat Kinerja); di luar kurva wajib dengan justifikasi"),
        ok=s.DistribusiSerializer,
        detail=True,
        request=s.PenetapanInputSerializer,
        errors=(400, 401, 403, 404),
    )
    @action(detail=True, methods=["post"])
    def tetapkan(self, request, pk=None):
        unit = self.get_object()
        form = s.PenetapanInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.distribusi_finalize(actor=request.user, unit=unit, periode=_periode(), **form.validated_data)
        return self._jawab(unit)
