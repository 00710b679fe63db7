"""The complaint API (``/api/v1/partisipasi/``). Public endpoints (no login, no session: a citizen's client sends
plain JSON or multipart) file, list, support and track complaints; officer endpoints (login) list, read and act.
Thin: objects through ``access``/``selectors``, writes through ``services`` (403/404 there), one error shape
(``kinerja.api``); the services' rate limit answers 429."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from kepegawaian.access import unit_get_for_user
from kepegawaian.models import User
from kinerja.api import Publik, ScopedViewSetMixin, api_doc
from partisipasi import access, selectors, services
from partisipasi import serializers as s
from partisipasi.filters import PengaduanPetugasFilter, PengaduanPublikFilter
from partisipasi.models import KategoriPengaduan, Pengaduan, PetugasPengaduan, RiwayatStatus, Tanggapan
from partisipasi.views import klien


def _layanan(fn, **kwargs):
    try:
        return fn(**kwargs)
    except services.TerlaluSering as exc:
        raise exceptions.Throttled(wait=exc.detik) from exc


# Public endpoints: no authentication at all (no session, so no CSRF for a citizen's client), anyone allowed.
@extend_schema_view(list=api_doc(_l("Kategori pengaduan"), ok=s.KategoriSerializer(many=True), errors=()))
class KategoriViewSet(Publik, mixins.ListModelMixin, viewsets.GenericViewSet):
    filter_backends: list = []
    queryset = KategoriPengaduan.objects.filter(aktif=True)
    serializer_class = s.KategoriSerializer
    pagination_class = None


@extend_schema_view(list=api_doc(_l("Kelurahan (lokasi pengaduan)"), ok=s.KelurahanSerializer(many=True), errors=()))
class KelurahanViewSet(Publik, mixins.ListModelMixin, viewsets.GenericViewSet):
    filter_backends: list = []
    queryset = selectors.kelurahan_pilihan()
    serializer_class = s.KelurahanSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.kelurahan_pilihan()


@extend_schema_view(
    list=api_doc(_l("Daftar pengaduan publik"), ok=s.PengaduanPublikSerializer(many=True), errors=(400,)),
    retrieve=api_doc(_l("Satu pengaduan publik"), ok=s.PengaduanPublikSerializer, errors=(404,)),
    create=api_doc(
        _l("Sampaikan pengaduan (tanpa akun)"),
        ok=s.PengaduanDiterimaSerializer,
        ok_status=201,
        request={"multipart/form-data": s.PengaduanInputSerializer, "application/json": s.PengaduanInputSerializer},
        errors=(400, 429),
    ),
)
class PengaduanPublikViewSet(Publik, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Pengaduan.objects.none()
    serializer_class = s.PengaduanPublikSerializer
    lookup_value_regex = r"\d+"  # a non-numeric id is an unknown address (404), not a 500
    filterset_class = PengaduanPublikFilter
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    search_fields: list = []
    ordering_fields: list = []

    def get_queryset(self):
        return selectors.pengaduan_publik()

    def get_object(self):
        return selectors.pengaduan_publik_get(self.kwargs["pk"])

    def create(self, request):
        data = s.PengaduanInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        pengaduan = _layanan(
            services.pengaduan_create,
            actor=request.user,
            klien=klien(request),
            kategori_id=d["kategori"],
            kelurahan_id=d["kelurahan"],
            rw=d["rw"],
            deskripsi=d["deskripsi"],
            foto=d.get("foto") or [],
            simpan_lokasi=d["simpan_lokasi"],
            nama_pelapor=d["nama_pelapor"],
            kontak_pelapor=d["kontak_pelapor"],
            publik=d["publik"],
            jebakan=d["situs"],
            kanal=Pengaduan.Kanal.API,
        )
        return Response(s.PengaduanDiterimaSerializer(pengaduan).data, status=status.HTTP_201_CREATED)

    @api_doc(
        _l("Dukung pengaduan publik"), ok=s.PengaduanPublikSerializer, request=None, detail=True, errors=(400, 404, 429)
    )
    @action(detail=True, methods=["post"])
    def dukung(self, request, pk=None):
        pengaduan = _layanan(
            services.dukungan_create, actor=request.user, klien=klien(request), pengaduan=self.get_object()
        )
        return Response(s.PengaduanPublikSerializer(pengaduan).data)


KODE_PATH = OpenApiParameter("kode", OpenApiTypes.STR, OpenApiParameter.PATH, description="Kode lacak.")


@extend_schema_view(
    retrieve=api_doc(
        _l("Lacak pengaduan dengan kodenya"), ok=s.PengaduanLacakSerializer, errors=(404,), parameters=(KODE_PATH,)
    )
)
class LacakViewSet(Publik, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filter_backends: list = []
    queryset = Pengaduan.objects.none()
    serializer_class = s.PengaduanLacakSerializer
    lookup_field = "kode"
    lookup_value_regex = "[A-Za-z0-9-]+"

    def get_object(self):
        return selectors.pengaduan_lacak(self.kwargs["kode"])

    def _jawab(self):
        return Response(s.PengaduanLacakSerializer(self.get_object()).data)

    @api_doc(
        _l("Nilai hasil penanganan (1–5)"),
        ok=s.PengaduanLacakSerializer,
        request=s.UlasanInputSerializer,
        parameters=(KODE_PATH,),
        errors=(400, 404),
    )
    @action(detail=True, methods=["post"])
    def ulasan(self, request, kode=None):
        data = s.UlasanInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.ulasan_create(
            actor=request.user,
            pengaduan=self.get_object(),
            rating=data.validated_data["rating"],
            komentar=data.validated_data["komentar"],
        )
        return self._jawab()

    @api_doc(
        _l("Buka kembali pengaduan yang selesai"),
        ok=s.PengaduanLacakSerializer,
        request=s.AlasanInputSerializer,
        parameters=(KODE_PATH,),
        errors=(400, 404),
    )
    @action(detail=True, methods=["post"])
    def buka(self, request, kode=None):
        data = s.AlasanInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.pengaduan_open(actor=request.user, pengaduan=self.get_object(), alasan=data.validated_data["alasan"])
        return self._jawab()


_DETAIL = (
    Prefetch("riwayat", RiwayatStatus.objects.select_related("unit_tujuan")),
    Prefetch("tanggapan", Tanggapan.objects.select_related("unit")),
)


@extend_schema_view(
    list=api_doc(_l("Antrean pengaduan petugas"), ok=s.PengaduanPetugasSerializer(many=True), errors=(400, 401)),
    retrieve=api_doc(_l("Satu pengaduan (petugas)"), ok=s.PengaduanPetugasDetailSerializer, errors=(401, 404)),
)
class PetugasPengaduanViewSet(
    ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Pengaduan.objects.none()
    serializer_class = s.PengaduanPetugasSerializer
    lookup_value_regex = r"\d+"  # a non-numeric id is an unknown address (404), not a 500
    filterset_class = PengaduanPetugasFilter
    not_found_message = _l("Pengaduan tidak ditemukan.")
    search_fields: list = []
    ordering_fields = ["dibuat", "batas_selesai"]

    def scoped_queryset(self):
        return selectors.pengaduan_antrian(self.request.user, terbuka=False)

    def get_serializer_class(self):
        return s.PengaduanPetugasDetailSerializer if self.action != "list" else s.PengaduanPetugasSerializer

    def get_object(self):
        obj = super().get_object()
        return selectors.pengaduan_lengkap(self.request.user, obj.pk)

    def _jawab(self, pengaduan):
        pengaduan = selectors.pengaduan_lengkap(self.request.user, pengaduan.pk)
        return Response(s.PengaduanPetugasDetailSerializer(pengaduan, context={"request": self.request}).data)

    @api_doc(
        _l("Pengaduan terlambat (melewati batas layanan)"),
        ok=s.PengaduanPetugasSerializer(many=True),
        request=None,
        errors=(401,),
    )
    @action(detail=False, methods=["get"])
    def terlambat(self, request):
        page = self.paginate_queryset(selectors.pengaduan_terlambat(request.user))
        return self.get_paginated_response(
            s.PengaduanPetugasSerializer(page, many=True, context={"request": request}).data
        )

    def _aksi(self, request, pk, input_class, layanan, **nama):
        """The one shape of the officer actions: parse the input (400), get the complaint the actor may see (404),
        call the service, which checks the actor's right itself (403), and answer with the complaint as he sees it
        now. ``nama`` renames an input field to the service's argument (``unit_tujuan="unit_tujuan_id"``)."""
        data = input_class(data=request.data)
        data.is_valid(raise_exception=True)
        isian = {nama.get(k, k): v for k, v in data.validated_data.items()}
        pengaduan = access.pengaduan_get_for_user(request.user, pk)
        layanan(actor=request.user, pengaduan=pengaduan, **isian)
        return self._jawab(pengaduan)

    @api_doc(
        _l("Ubah status pengaduan"),
        ok=s.PengaduanPetugasDetailSerializer,
        request=s.TransisiInputSerializer,
        detail=True,
        errors=(400, 401, 403, 404, 409),
    )
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        return self._aksi(request, pk, s.TransisiInputSerializer, services.pengaduan_move, unit_tujuan="unit_tujuan_id")

    @api_doc(
        _l("Kirim tanggapan resmi"),
        ok=s.PengaduanPetugasDetailSerializer,
        request=s.TanggapanPengaduanInputSerializer,
        detail=True,
        errors=(400, 401, 403, 404),
    )
    @action(detail=True, methods=["post"])
    def tanggapan(self, request, pk=None):
        return self._aksi(request, pk, s.TanggapanPengaduanInputSerializer, services.pengaduan_reply)

    @api_doc(
        _l("Gabungkan duplikat ke pengaduan utama"),
        ok=s.PengaduanPetugasDetailSerializer,
        request=s.GabungInputSerializer,
        detail=True,
        errors=(400, 401, 403, 404),
    )
    @action(detail=True, methods=["post"])
    def gabung(self, request, pk=None):
        return self._aksi(request, pk, s.GabungInputSerializer, _gabung)

    @api_doc(
        _l("Sembunyikan atau tampilkan lagi (moderasi)"),
        ok=s.PengaduanPetugasDetailSerializer,
        request=s.SembunyiInputSerializer,
        detail=True,
        errors=(400, 401, 403, 404),
    )
    @action(detail=True, methods=["post"])
    def sembunyi(self, request, pk=None):
        return self._aksi(request, pk, s.SembunyiInputSerializer, services.pengaduan_set_tersembunyi)


def _gabung(*, actor, pengaduan, utama):
    """Merge ``pengaduan`` into ``utama``, the main complaint's id, which the actor must see too (404)."""
    return services.duplikat_link(actor=actor, duplikat=pengaduan, utama=access.pengaduan_get_for_user(actor, utama))


@extend_schema_view(
    list=api_doc(_l("Peran pengaduan di unit yang Anda kelola"), ok=s.PetugasSerializer(many=True), errors=(401,)),
    create=api_doc(
        _l("Beri peran pengaduan (petugas/moderator)"),
        ok=s.PetugasSerializer,
        ok_status=201,
        request=s.PetugasInputSerializer,
        errors=(400, 401, 403, 404),
    ),
    destroy=api_doc(_l("Cabut peran pengaduan"), ok=None, ok_status=204, detail=True, errors=(401, 403, 404)),
)
class PeranPetugasViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    queryset = PetugasPengaduan.objects.none()
    serializer_class = s.PetugasSerializer
    lookup_value_regex = r"\d+"  # a non-numeric id is an unknown address (404), not a 500
    not_found_message = _l("Peran tidak ditemukan.")
    filter_backends: list = []

    def scoped_queryset(self):
        return access.petugas_visible(self.request.user).select_related("user", "unit").order_by("unit__nama", "pk")

    def create(self, request):
        data = s.PetugasInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        user = User.objects.filter(username=d["username"], is_active=True).first()
        if user is None:
            raise exceptions.ValidationError({"username": [_("Akun tidak ditemukan.")]})
        grant = services.petugas_grant(
            actor=request.user, user=user, unit=unit_get_for_user(request.user, d["unit"]), peran=d["peran"]
        )
        return Response(s.PetugasSerializer(grant).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.petugas_revoke(actor=self.request.user, grant=instance)
