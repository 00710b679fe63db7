"""Evaluations in the API: list/read what the user may see; open, rate, finalise, self-assess, acknowledge, object.
Each write parses with its own input serializer and calls one service, which checks who may act."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from drf_spectacular.utils import extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from indikator.models import PeriodePenilaian
from kepegawaian.access import pegawai_get_for_user
from kinerja.api import ScopedViewSetMixin, api_doc
from penilaian import access, services
from penilaian.api import serializers as s
from penilaian.models import Evaluasi

TULIS = (400, 401, 403, 404, 409)


@extend_schema_view(
    list=api_doc(_l("Daftar evaluasi kinerja yang boleh Anda lihat"), ok=s.EvaluasiSerializer(many=True)),
    retrieve=api_doc(_l("Satu evaluasi kinerja"), ok=s.EvaluasiSerializer, detail=True, errors=(401, 404)),
    create=api_doc(
        _l("Buka evaluasi bawahan (pejabat penilai)"),
        ok=s.EvaluasiSerializer,
        ok_status=201,
        request=s.EvaluasiOpenInputSerializer,
        errors=(400, 401, 403, 404),
    ),
)
class EvaluasiViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Evaluasi.objects.none()
    serializer_class = s.EvaluasiSerializer
    lookup_value_regex = r"\d+"
    not_found_message = _l("Evaluasi tidak ditemukan.")

    def scoped_queryset(self):
        return access.evaluasi_visible(self.request.user).order_by("-periode__tahun", "pegawai__nama", "pk")

    def create(self, request):
        form = s.EvaluasiOpenInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        pegawai = pegawai_get_for_user(request.user, data["pegawai"])
        periode = PeriodePenilaian.objects.filter(pk=data["periode"]).first()
        if periode is None:
            raise exceptions.ValidationError({"periode": [_("Periode tidak ditemukan.")]})
        evaluasi = services.evaluasi_open(
            actor=request.user, pegawai=pegawai, periode=periode, periode_ke=data["periode_ke"]
        )
        return Response(
            s.EvaluasiSerializer(evaluasi, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )

    def _aksi(self, request, input_class, fn):
        """Parse with ``input_class``, call the service ``fn`` on this evaluation, answer with the evaluation."""
        evaluasi = self.get_object()
        form = input_class(data=request.data)
        form.is_valid(raise_exception=True)
        hasil = fn(actor=request.user, evaluasi=evaluasi, **form.validated_data)
        hasil.refresh_from_db()
        return Response(s.EvaluasiSerializer(hasil, context=self.get_serializer_context()).data)

    @api_doc(
        _l("Simpan rating dan umpan balik (pejabat penilai)"),
        ok=s.EvaluasiSerializer,
        detail=True,
        request=s.EvaluasiSaveInputSerializer,
        errors=TULIS,
    )
    @action(detail=True, methods=["post"])
    def nilai(self, request, pk=None):
        return self._aksi(request, s.EvaluasiSaveInputSerializer, services.evaluasi_save)

    @api_doc(
        _l("Finalkan evaluasi (pejabat penilai)"),
        ok=s.EvaluasiSerializer,
        detail=True,
        request=s.EvaluasiVersiInputSerializer,
        errors=TULIS,
    )
    @action(detail=True, methods=["post"])
    def finalkan(self, request, pk=None):
        return self._aksi(request, s.EvaluasiVersiInputSerializer, services.evaluasi_finalize)

    @api_doc(
        _l("Penilaian mandiri (pegawai)"),
        ok=s.EvaluasiSerializer,
        detail=True,
        request=s.MandiriInputSerializer,
        errors=TULIS,
    )
    @action(detail=True, methods=["post"])
    def mandiri(self, request, pk=None):
        return self._aksi(request, s.MandiriInputSerializer, services.penilaian_mandiri_save)

    @api_doc(
        _l("Nyatakan telah membaca evaluasi final (pegawai)"),
        ok=s.EvaluasiSerializer,
        detail=True,
        request=s.KosongInputSerializer,
        errors=(400, 401, 403, 404),
    )
    @action(detail=True, methods=["post"])
    def baca(self, request, pk=None):
        return self._aksi(request, s.KosongInputSerializer, services.evaluasi_acknowledge)

    @api_doc(
        _l("Ajukan keberatan atas evaluasi tahunan final (pegawai, 14 hari kalender)"),
        ok=s.KeberatanSerializer,
        ok_status=201,
        detail=True,
        request=s.KeberatanInputSerializer,
        errors=(400, 401, 403, 404),
    )
    @action(detail=True, methods=["post"])
    def keberatan(self, request, pk=None):
        evaluasi = self.get_object()
        form = s.KeberatanInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        keberatan = services.keberatan_submit(actor=request.user, evaluasi=evaluasi, **form.validated_data)
        return Response(s.KeberatanSerializer(keberatan).data, status=status.HTTP_201_CREATED)
