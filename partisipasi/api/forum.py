"""Forums and aspirations in the API (``/api/v1/partisipasi/``).

Public (no login, no session): the forums of a kelurahan (upcoming, past, one with its minutes and aspirations),
aspirations with their status and dated public updates, and attendance registration (rate limited per client,
once per client, a honeypot field) — never an attendee's name nor an officer's. Officers (login): schedule a
forum, record its minutes and aspirations, follow aspirations up. Thin: reads through ``selectors``/``access``,
writes through ``services.forum`` (which check the actor: 403 for a forum he sees but may not manage), one error
shape (``kinerja.api``)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from kinerja.api import Publik, ScopedViewSetMixin, api_doc
from partisipasi import access, selectors, services
from partisipasi import serializers as s
from partisipasi.api.pengaduan import _layanan
from partisipasi.models import Aspirasi, Forum
from partisipasi.views import klien

KELURAHAN_Q = OpenApiParameter("kelurahan", OpenApiTypes.INT, description=_l("Hanya forum kelurahan ini."))
WAKTU_Q = OpenApiParameter(
    "waktu",
    OpenApiTypes.STR,
    enum=list(selectors.WAKTU_FORUM),
    description=_l("akan_datang: belum berakhir, terdekat dulu; lalu: sudah berakhir, terbaru dulu; kosong: semua."),
)
FORUM_Q = OpenApiParameter("forum", OpenApiTypes.INT, description=_l("Hanya aspirasi forum ini."))
STATUS_Q = OpenApiParameter("status", OpenApiTypes.STR, enum=list(Aspirasi.Status.values))


def _kelurahan(params):
    nilai = params.get("kelurahan") or ""
    if not nilai:
        return None
    kelurahan = selectors.kelurahan_pilihan().filter(pk=int(nilai) if nilai.isdigit() else 0).first()
    if kelurahan is None:
        raise ValidationError({"kelurahan": [_("Kelurahan tidak dikenal. Pilih kelurahan dari daftar.")]})
    return kelurahan


def _pilihan(params, nama: str, pilihan, pesan: str) -> str:
    nilai = params.get(nama) or ""
    if nilai and nilai not in pilihan:
        raise ValidationError({nama: [pesan]})
    return nilai


@extend_schema_view(
    list=api_doc(
        _l("Forum warga kelurahan (mendatang dan yang sudah berlangsung)"),
        ok=s.ForumPublikSerializer(many=True),
        errors=(400,),
        parameters=(KELURAHAN_Q, WAKTU_Q),
    ),
    retrieve=api_doc(_l("Satu forum dengan notulen dan aspirasinya"), ok=s.ForumPublikDetailSerializer, errors=(404,)),
)
class ForumPublikViewSet(Publik, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filter_backends: list = []
    lookup_value_regex = r"\d+"  # a non-numeric id is an unknown address (404), not a 500
    queryset = Forum.objects.none()
    serializer_class = s.ForumPublikSerializer

    def get_queryset(self):
        params = self.request.query_params
        waktu = _pilihan(params, "waktu", selectors.WAKTU_FORUM, _("Pilih akan_datang atau lalu."))
        return selectors.forum_publik_daftar(kelurahan=_kelurahan(params), waktu=waktu)

    def retrieve(self, request, pk=None):
        forum = selectors.forum_lengkap(selectors.forum_publik_get(pk))
        return Response(s.ForumPublikDetailSerializer(forum).data)

    @api_doc(
        _l("Daftar hadir forum (tanpa akun; nama tidak ditampilkan)"),
        ok=s.HadirDiterimaSerializer,
        ok_status=201,
        request=s.HadirInputSerializer,
        detail=True,
        errors=(400, 404, 429),
    )
    @action(detail=True, methods=["post"])
    def hadir(self, request, pk=None):
        data = s.HadirInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        forum = _layanan(
            services.kehadiran_register,
            actor=request.user,
            klien=klien(request),
            forum=selectors.forum_publik_get(pk),
            nama=data.validated_data["nama"],
            jebakan=data.validated_data["situs"],
        )
        return Response(s.HadirDiterimaSerializer(forum).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=api_doc(
        _l("Aspirasi warga dengan status dan pembaruan publiknya"),
        ok=s.AspirasiPublikSerializer(many=True),
        errors=(400,),
        parameters=(
            OpenApiParameter("kelurahan", OpenApiTypes.INT, description=_l("Hanya aspirasi forum kelurahan ini.")),
            FORUM_Q,
            STATUS_Q,
        ),
    ),
    retrieve=api_doc(_l("Satu aspirasi dengan riwayat tindak lanjutnya"), ok=s.AspirasiPublikSerializer, errors=(404,)),
)
class AspirasiPublikViewSet(Publik, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filter_backends: list = []
    lookup_value_regex = r"\d+"  # a non-numeric id is an unknown address (404), not a 500
    queryset = Aspirasi.objects.none()
    serializer_class = s.AspirasiPublikSerializer

    def get_queryset(self):
        params = self.request.query_params
        qs = selectors.aspirasi_publik(kelurahan=_kelurahan(params))
        forum = params.get("forum") or ""
        if forum:
            if not forum.isdigit():
                raise ValidationError({"forum": [_("Forum tidak dikenal.")]})
            qs = qs.filter(forum_id=int(forum))
        st = _pilihan(params, "status", Aspirasi.Status.values, _("Status aspirasi tidak dikenal."))
        return qs.filter(status=st) if st else qs

    def get_object(self):
        return selectors.aspirasi_publik_get(self.kwargs["pk"])


# --- officers -------------------------------------------------------------------------------------------------------


@extend_schema_view(
    list=api_doc(_l("Forum yang Anda kelola"), ok=s.ForumPublikSerializer(many=True), errors=(401,)),
    retrieve=api_doc(_l("Satu forum (petugas)"), ok=s.ForumPetugasSerializer, errors=(401, 404)),
    create=api_doc(
        _l("Jadwalkan forum kelurahan"),
        ok=s.ForumPetugasSerializer,
        ok_status=201,
        request=s.ForumInputSerializer,
        errors=(400, 401, 403),
    ),
)
class PetugasForumViewSet(
    ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Forum.objects.none()
    serializer_class = s.ForumPublikSerializer
    lookup_value_regex = r"\d+"
    not_found_message = _l("Forum tidak ditemukan.")
    filter_backends: list = []

    def scoped_queryset(self):
        return access.forum_kelola_visible(self.request.user).select_related("kelurahan").order_by("-mulai", "-pk")

    def _jawab(self, forum, http_status=status.HTTP_200_OK):
        forum = selectors.forum_lengkap(forum)
        forum.boleh_kelola = access.can_manage_forum(self.request.user, forum.kelurahan)
        return Response(s.ForumPetugasSerializer(forum).data, status=http_status)

    def retrieve(self, request, pk=None):
        return self._jawab(self.get_object())

    def create(self, request):
        data = s.ForumInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        forum = services.forum_create(
            actor=request.user,
            kelurahan_id=d["kelurahan"],
            jenis=d["jenis"],
            topik=d["topik"],
            mulai=d["mulai"],
            selesai=d["selesai"],
            tempat=d["tempat"],
            rw=d["rw"],
        )
        return self._jawab(forum, status.HTTP_201_CREATED)

    @api_doc(
        _l("Catat notulen forum (setelah forum dimulai)"),
        ok=s.ForumPetugasSerializer,
        request=s.NotulenInputSerializer,
        detail=True,
        errors=(400, 401, 403, 404),
    )
    @action(detail=True, methods=["post"])
    def notulen(self, request, pk=None):
        data = s.NotulenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        forum = services.notulen_set(
            actor=request.user, forum=self.get_object(), notulen=data.validated_data["notulen"]
        )
        return self._jawab(forum)

    @api_doc(
        _l("Catat aspirasi yang disampaikan di forum"),
        ok=s.AspirasiPetugasSerializer,
        ok_status=201,
        request=s.AspirasiInputSerializer,
        detail=True,
        errors=(400, 401, 403, 404),
    )
    @action(detail=True, methods=["post"])
    def aspirasi(self, request, pk=None):
        data = s.AspirasiInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        aspirasi = services.aspirasi_create(
            actor=request.user,
            forum=self.get_object(),
            kategori=d["kategori"],
            rw=d["rw"],
            uraian=d["uraian"],
            unit_id=d["unit"],
        )
        return _aspirasi_jawab(request, aspirasi.pk, status.HTTP_201_CREATED)


def _aspirasi_jawab(request, pk, http_status=status.HTTP_200_OK):
    aspirasi = access.aspirasi_kelola_get_for_user(request.user, pk)
    return Response(s.AspirasiPetugasSerializer(_boleh(request.user, aspirasi)).data, status=http_status)


def _boleh(user, aspirasi):
    aspirasi.boleh_tindak_lanjut = aspirasi.terbuka and access.can_follow_up(user, aspirasi)
    return aspirasi


@extend_schema_view(
    list=api_doc(
        _l("Aspirasi yang Anda tindak lanjuti"),
        ok=s.AspirasiPetugasSerializer(many=True),
        errors=(401,),
        parameters=(
            OpenApiParameter(
                "semua", OpenApiTypes.BOOL, description=_l("Juga yang sudah final (bawaan: hanya yang terbuka).")
            ),
        ),
    ),
    retrieve=api_doc(_l("Satu aspirasi (petugas)"), ok=s.AspirasiPetugasSerializer, errors=(401, 404)),
)
class PetugasAspirasiViewSet(
    ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Aspirasi.objects.none()
    serializer_class = s.AspirasiPetugasSerializer
    lookup_value_regex = r"\d+"
    not_found_message = _l("Aspirasi tidak ditemukan.")
    filter_backends: list = []

    def scoped_queryset(self):
        if self.request.query_params.get("semua") in ("1", "true"):
            qs = access.aspirasi_kelola_visible(self.request.user).order_by("-diubah", "-pk")
        else:
            qs = selectors.aspirasi_tindak_lanjut(self.request.user)
        return qs.select_related("forum__kelurahan", "unit_penanggung_jawab").prefetch_related("pembaruan")

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        rows = [_boleh(request.user, a) for a in page]  # type: ignore[union-attr]  # paginated: a page, not None
        return self.get_paginated_response(s.AspirasiPetugasSerializer(rows, many=True).data)

    def retrieve(self, request, pk=None):
        return _aspirasi_jawab(request, pk)

    @api_doc(
        _l("Tindak lanjuti aspirasi (status, progres, pembaruan publik)"),
        ok=s.AspirasiPetugasSerializer,
        request=s.TindakLanjutInputSerializer,
        detail=True,
        errors=(400, 401, 403, 404),
    )
    @action(detail=True, methods=["post"], url_path="tindak-lanjut")
    def tindak_lanjut(self, request, pk=None):
        data = s.TindakLanjutInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        aspirasi = services.aspirasi_update(
            actor=request.user,
            aspirasi=access.aspirasi_kelola_get_for_user(request.user, pk),
            status=d["status"],
            progres=d["progres"],
            teks=d["teks"],
            alasan=d["alasan"],
        )
        return _aspirasi_jawab(request, aspirasi.pk)
