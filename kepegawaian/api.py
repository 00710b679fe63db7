"""The API of people and units (``/api/v1/``): thin views over ``access`` (who sees what), ``selectors`` (reads)
and ``services`` (every write). A row the user may not see is a 404; a row he sees but may not change is a 403."""

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Left
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.filters import SearchFilter
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from kepegawaian import access, selectors, services
from kepegawaian.filters import JabatanFilter, PegawaiFilter, UnitKerjaFilter
from kepegawaian.models import Jabatan, Pegawai, PeranAdmin, UnitKerja
from kepegawaian.serializers import (
    AkunBuatInputSerializer,
    AkunPegawaiSerializer,
    JabatanSerializer,
    PegawaiDetailSerializer,
    PegawaiInputSerializer,
    PegawaiSerializer,
    PeranAdminInputSerializer,
    PeranAdminSerializer,
    SayaSerializer,
    TokenSerializer,
    UnitKerjaCreateSerializer,
    UnitKerjaSerializer,
    UnitKerjaUpdateSerializer,
)
from kinerja.api import ScopedViewSetMixin, error_responses

ID_PATH = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)


def _forbidden(message: str) -> exceptions.PermissionDenied:
    return exceptions.PermissionDenied(message)


# --- Unit kerja -------------------------------------------------------------------------------------------------


def _unit_rows(qs):
    """Units with the id and code of their parent, read from the materialised path in the same query."""
    parent = UnitKerja.objects.filter(path=Left(OuterRef("path"), (OuterRef("depth") - 1) * UnitKerja.steplen))
    return qs.annotate(
        induk_id=Subquery(parent.values("pk")[:1]), induk_kode=Subquery(parent.values("kode")[:1])
    ).order_by("path")


@extend_schema_view(
    list=extend_schema(
        summary=_l("Daftar unit kerja"),
        description=_l(
            "Unit yang boleh Anda lihat, urut pohon (induk sebelum anaknya). `induk` memberi anak langsung suatu "
            "unit; `subtree_of` memberi unit itu beserta seluruh unit di bawahnya pada kedalaman berapa pun."
        ),
        responses={200: UnitKerjaSerializer(many=True), **error_responses(400, 401)},
    ),
    retrieve=extend_schema(
        summary=_l("Satu unit kerja"),
        parameters=[ID_PATH],
        responses={200: UnitKerjaSerializer, **error_responses(401, 404)},
    ),
    create=extend_schema(
        summary=_l("Tambah unit kerja"),
        description=_l("Admin BKD di mana saja; admin unit hanya di bawah unit yang ia kelola."),
        request=UnitKerjaCreateSerializer,
        responses={201: UnitKerjaSerializer, **error_responses(400, 401, 403)},
    ),
    partial_update=extend_schema(
        summary=_l("Ubah atau pindahkan unit kerja"),
        description=_l("Mengubah `induk` memindahkan unit beserta seluruh isinya. Kode unit tidak dapat diubah."),
        parameters=[ID_PATH],
        request=UnitKerjaUpdateSerializer,
        responses={200: UnitKerjaSerializer, **error_responses(400, 401, 403, 404)},
    ),
)
@extend_schema(tags=["Unit kerja"])
class UnitKerjaViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = UnitKerja.objects.none()
    serializer_class = UnitKerjaSerializer
    filterset_class = UnitKerjaFilter
    search_fields = ["nama", "kode"]
    ordering_fields = ["kode", "nama"]
    lookup_value_regex = r"\d+"
    not_found_message = _l("Unit kerja tidak ditemukan.")
    http_method_names = ["get", "post", "patch", "head", "options"]

    def scoped_queryset(self):
        return _unit_rows(access.unit_visible(self.request.user))

    def _row(self, pk) -> UnitKerja:
        return _unit_rows(UnitKerja.objects.filter(pk=pk)).get()

    def create(self, request, *args, **kwargs):
        if not access.akses_for(request.user).is_admin:
            raise _forbidden(_("Hanya admin unit atau Admin BKD yang dapat menambah unit kerja."))
        form = UnitKerjaCreateSerializer(data=request.data, context=self.get_serializer_context())
        form.is_valid(raise_exception=True)
        data = form.validated_data
        unit = services.unit_create(
            actor=request.user, kode=data["kode"], nama=data["nama"], jenis=data["jenis"], parent=data.get("induk")
        )
        return Response(UnitKerjaSerializer(self._row(unit.pk)).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        unit = self.get_object()
        if not access.unit_can_manage(request.user, unit):
            raise _forbidden(_("Anda tidak berwenang mengubah unit kerja ini."))
        form = UnitKerjaUpdateSerializer(data=request.data, context=self.get_serializer_context())
        form.is_valid(raise_exception=True)
        data = form.validated_data
        changes = {name: data[name] for name in ("nama", "jenis", "aktif") if name in data}
        # A move and a change of fields are two service calls: one transaction, so nothing is half-saved.
        with transaction.atomic():
            if "induk" in data:
                services.unit_move(actor=request.user, unit=unit, parent=data["induk"])
            if changes:
                services.unit_update(actor=request.user, unit=UnitKerja.objects.get(pk=unit.pk), **changes)
        return Response(UnitKerjaSerializer(self._row(unit.pk)).data)


# --- Jabatan ----------------------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary=_l("Daftar jabatan"), responses={200: JabatanSerializer(many=True), **error_responses(400, 401)}
    ),
    retrieve=extend_schema(
        summary=_l("Satu jabatan"),
        parameters=[ID_PATH],
        responses={200: JabatanSerializer, **error_responses(401, 404)},
    ),
)
@extend_schema(tags=["Jabatan"])
class JabatanViewSet(viewsets.ReadOnlyModelViewSet):
    """Positions are reference data (no personal data): every signed-in user may read them."""

    queryset = Jabatan.objects.order_by("nama", "pk")
    serializer_class = JabatanSerializer
    filterset_class = JabatanFilter
    search_fields = ["nama"]
    ordering_fields = ["nama", "jenis"]
    lookup_value_regex = r"\d+"


# --- Pegawai ----------------------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary=_l("Daftar pegawai"),
        description=_l(
            "Pegawai yang boleh Anda lihat: diri sendiri, bawahan langsung dan bawahannya (pejabat penilai, atasan "
            "pejabat penilai), seluruh pegawai unit yang Anda kelola (admin unit), atau semua (Admin BKD). "
            "`search` mencari pada nama dan NIP."
        ),
        responses={200: PegawaiSerializer(many=True), **error_responses(400, 401)},
    ),
    retrieve=extend_schema(
        summary=_l("Satu pegawai, dengan atasan dan atasan pejabat penilai"),
        parameters=[ID_PATH],
        responses={200: PegawaiDetailSerializer, **error_responses(401, 404)},
    ),
    create=extend_schema(
        summary=_l("Tambah pegawai"),
        description=_l("Admin unit (di unit yang ia kelola) atau Admin BKD."),
        request=PegawaiInputSerializer,
        responses={201: PegawaiDetailSerializer, **error_responses(400, 401, 403)},
        examples=[
            OpenApiExample(
                "Pegawai baru",
                value={
                    "nip": "198501012010011001",
                    "nama": "Siti Rahma",
                    "status": "pns",
                    "golongan": "III/a",
                    "jabatan": 1,
                    "unit": 2,
                    "atasan": 3,
                },
                request_only=True,
            )
        ],
    ),
    partial_update=extend_schema(
        summary=_l("Ubah data pegawai"),
        description=_l(
            "Hanya admin yang berwenang atas unit pegawai. Pegawai yang dapat melihat data ini tetapi tidak "
            "berwenang (mis. dirinya sendiri atau bawahannya) mendapat 403; yang tidak dapat melihatnya 404."
        ),
        parameters=[ID_PATH],
        request=PegawaiInputSerializer,
        responses={200: PegawaiDetailSerializer, **error_responses(400, 401, 403, 404)},
    ),
)
@extend_schema(tags=["Pegawai"])
class PegawaiViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Pegawai.objects.none()
    filterset_class = PegawaiFilter
    search_fields = ["nama", "^nip"]
    ordering_fields = ["nama", "nip"]
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def scoped_queryset(self):
        return selectors.pegawai_with_relations(access.pegawai_visible(self.request.user)).order_by("nama", "pk")

    def get_serializer_class(self):
        return PegawaiSerializer if self.action == "list" else PegawaiDetailSerializer

    def get_object(self) -> Pegawai:
        return access.pegawai_get_for_user(self.request.user, self.kwargs["pk"])

    def create(self, request, *args, **kwargs):
        if not access.akses_for(request.user).is_admin:
            raise _forbidden(_("Hanya admin unit atau Admin BKD yang dapat menambah pegawai."))
        form = PegawaiInputSerializer(data=request.data, context=self.get_serializer_context())
        form.is_valid(raise_exception=True)
        pegawai = services.pegawai_create(actor=request.user, **form.validated_data)
        pegawai = access.pegawai_get_for_user(request.user, pegawai.pk)
        return Response(PegawaiDetailSerializer(pegawai).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        pegawai = self.get_object()
        if not access.pegawai_can_manage(request.user, pegawai):
            raise _forbidden(_("Anda tidak berwenang mengubah data pegawai ini."))
        form = PegawaiInputSerializer(data=request.data, partial=True, context=self.get_serializer_context())
        form.is_valid(raise_exception=True)
        if form.validated_data:
            services.pegawai_update(actor=request.user, pegawai=pegawai, **form.validated_data)
        return Response(PegawaiDetailSerializer(self.get_object()).data)


# --- The current user -------------------------------------------------------------------------------------------


@extend_schema(tags=["Saya"])
class SayaView(APIView):
    @extend_schema(
        summary=_l("Profil dan peran saya"),
        description=_l(
            "Akun yang sedang masuk, data pegawainya (null bila akun tidak terhubung dengan pegawai), peran yang "
            "dimilikinya, dan unit yang dikelolanya sebagai admin unit."
        ),
        responses={200: SayaSerializer, **error_responses(401)},
    )
    def get(self, request):
        akses = access.akses_for(request.user)
        pegawai = access.pegawai_get_for_user(request.user, akses.pegawai_id) if akses.pegawai_id else None
        labels = {
            "admin_bkd": _("Admin BKD"),
            "admin_unit": _("Admin unit"),
            "pegawai": _("Pegawai"),
            "pejabat_penilai": _("Pejabat penilai"),
            "atasan_penilai": _("Atasan pejabat penilai"),
        }
        data = {
            "akun": request.user,
            "pegawai": pegawai,
            "peran": [{"kode": kode, "label": labels[kode]} for kode in access.peran_kode(request.user)],
            "admin_unit": UnitKerja.objects.filter(pk__in=akses.admin_unit_ids).order_by("path"),
        }
        return Response(SayaSerializer(data).data)


# --- Tokens for integrations ------------------------------------------------------------------------------------


class TokenThrottle(SimpleRateThrottle):
    """Password guessing through the token endpoint is limited per client address (django-axes also locks the
    username after repeated failures)."""

    scope = "token"

    def get_rate(self):
        return self.THROTTLE_RATES.get(self.scope) or "10/min"

    def get_cache_key(self, request, view):
        if request.method != "POST":
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class LoginLocked(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"


class TokenLoginSerializer(serializers.Serializer):
    username = serializers.CharField(write_only=True)
    password = serializers.CharField(write_only=True, trim_whitespace=False, style={"input_type": "password"})


def _token_body(token: Token) -> dict:
    return TokenSerializer({"token": token.key, "username": token.user.get_username(), "dibuat": token.created}).data


TOKEN_DOC = _l(
    "Token untuk integrasi (aplikasi lain). Kirim nama pengguna dan kata sandi; jawabannya token milik akun itu "
    "(token yang sama selama belum diganti). Gunakan pada setiap permintaan dengan header "
    "`Authorization: Token <token>`. Token dapat diganti (`POST /api/v1/token/ganti/`, token lama langsung tidak "
    "berlaku) atau dicabut (`DELETE /api/v1/token/`). Percobaan yang gagal berulang kali mengunci akun sementara "
    "(429)."
)


@extend_schema(tags=["Token API"])
class TokenView(APIView):
    throttle_classes = [TokenThrottle]

    def get_permissions(self):
        if self.request is not None and self.request.method == "POST":
            return [AllowAny()]
        return [IsAuthenticated()]

    def get_authenticators(self):
        # Logging in with a password needs no session (and so no CSRF token).
        if getattr(self, "request", None) is not None and self.request.method == "POST":
            return []
        return super().get_authenticators()

    @extend_schema(
        summary=_l("Minta token API"),
        description=TOKEN_DOC,
        request=TokenLoginSerializer,
        responses={200: TokenSerializer, **error_responses(400, 429)},
        auth=[],
    )
    def post(self, request):
        form = TokenLoginSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        # The DRF request goes to authenticate() so that django-axes counts failures and reports a lockout on it.
        user = authenticate(
            request=request, username=form.validated_data["username"], password=form.validated_data["password"]
        )
        if getattr(request, "axes_locked_out", False):
            minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
            raise LoginLocked(
                _("Terlalu banyak percobaan masuk yang gagal. Akun dikunci sementara; coba lagi dalam %(menit)d menit.")
                % {"menit": minutes}
            )
        if user is None or not user.is_active:
            raise exceptions.ValidationError({"non_field_errors": [_("Nama pengguna atau kata sandi salah.")]})
        token, _created = Token.objects.get_or_create(user=user)
        return Response(_token_body(token))

    @extend_schema(
        summary=_l("Cabut token API saya"),
        description=_l("Token akun yang sedang masuk dihapus; integrasi yang memakainya berhenti berfungsi."),
        responses={204: None, **error_responses(401)},
    )
    def delete(self, request):
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["Token API"])
class TokenGantiView(APIView):
    @extend_schema(
        summary=_l("Ganti token API saya"),
        description=_l("Membuat token baru untuk akun yang sedang masuk; token lama langsung tidak berlaku."),
        request=None,
        responses={200: OpenApiResponse(TokenSerializer), **error_responses(401)},
    )
    def post(self, request):
        with transaction.atomic():
            Token.objects.filter(user=request.user).delete()
            token = Token.objects.create(user=request.user)
        return Response(_token_body(token))


# --- Granted admin roles (admin BKD) ----------------------------------------------------------------------------

PERAN_ADMIN_DOC = _l(
    "Peran admin yang diberikan: admin unit (mengelola satu unit beserta seluruh unit di bawahnya) dan Admin BKD "
    "(seluruh Pemprov). Hanya Admin BKD yang melihat dan mengelolanya: pengguna lain mendapat 403 pada daftar dan "
    "saat memberi peran, dan 404 pada satu peran (keberadaannya tidak diungkap). Peran pegawai, pejabat penilai dan "
    "atasan pejabat penilai mengikuti data atasan dan tidak ada di sini (lihat `/api/v1/saya/`)."
)


@extend_schema_view(
    list=extend_schema(
        summary=_l("Daftar peran admin"),
        description=PERAN_ADMIN_DOC,
        parameters=[
            OpenApiParameter("peran", str, enum=PeranAdmin.Peran.values, description=_l("Hanya peran ini.")),
        ],
        responses={200: PeranAdminSerializer(many=True), **error_responses(400, 401, 403)},
    ),
    retrieve=extend_schema(
        summary=_l("Satu peran admin"),
        parameters=[ID_PATH],
        responses={200: PeranAdminSerializer, **error_responses(401, 404)},
    ),
    create=extend_schema(
        summary=_l("Beri peran admin"),
        description=_l(
            "Akun dipilih dengan nama pengguna, unit dengan kodenya (wajib untuk admin_unit, kosong untuk "
            "admin_bkd). Peran yang sudah dimiliki akun itu ditolak (400)."
        ),
        request=PeranAdminInputSerializer,
        responses={201: PeranAdminSerializer, **error_responses(400, 401, 403)},
        examples=[
            OpenApiExample(
                "Admin unit",
                value={"username": "198501012010011001", "peran": "admin_unit", "unit_kode": "DISDIK"},
                request_only=True,
            )
        ],
    ),
    destroy=extend_schema(
        summary=_l("Cabut peran admin"),
        description=_l("Admin BKD tidak dapat mencabut peran Admin BKD miliknya sendiri (400)."),
        parameters=[ID_PATH],
        responses={204: None, **error_responses(400, 401, 404)},
    ),
)
@extend_schema(tags=["Peran admin"])
class PeranAdminViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    queryset = PeranAdmin.objects.none()
    serializer_class = PeranAdminSerializer
    filter_backends = [SearchFilter]
    search_fields = ["user__username", "user__pegawai__nama", "^user__pegawai__nip", "unit__kode", "unit__nama"]
    lookup_value_regex = r"\d+"
    not_found_message = _l("Peran admin tidak ditemukan.")

    def _is_bkd(self) -> bool:
        return access.akses_for(self.request.user).is_bkd

    def scoped_queryset(self):
        if not self._is_bkd():
            return PeranAdmin.objects.none()
        peran = self.request.query_params.get("peran", "")
        if peran and peran not in PeranAdmin.Peran.values:
            raise exceptions.ValidationError(
                {"peran": [_("Pilih salah satu: %(pilihan)s.") % {"pilihan": ", ".join(PeranAdmin.Peran.values)}]}
            )
        return selectors.peran_admin_list(peran=peran)

    def list(self, request, *args, **kwargs):
        if not self._is_bkd():
            raise _forbidden(_("Hanya Admin BKD yang dapat melihat dan mengelola peran admin."))
        return super().list(request, *args, **kwargs)

    def create(self, request, *args, **kwargs):
        if not self._is_bkd():
            raise _forbidden(_("Hanya Admin BKD yang dapat melihat dan mengelola peran admin."))
        form = PeranAdminInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        grant = services.peran_admin_beri(actor=request.user, **form.validated_data)
        grant = selectors.peran_admin_list().get(pk=grant.pk)
        return Response(PeranAdminSerializer(grant).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        services.peran_admin_cabut(actor=request.user, grant=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- A pegawai's login ------------------------------------------------------------------------------------------


@extend_schema(tags=["Pegawai"])
class PegawaiAkunView(APIView):
    @extend_schema(
        summary=_l("Buat akun login untuk pegawai"),
        description=_l(
            "Admin unit (pegawai di unit yang ia kelola) atau Admin BKD. Nama pengguna bawaan: NIP. Sandi diperiksa "
            "dengan aturan sandi; pesan kesalahannya dalam bahasa Indonesia. Pegawai yang sudah memiliki akun: 400. "
            "Yang dapat melihat pegawai ini tetapi tidak berwenang: 403; yang tidak dapat melihatnya: 404."
        ),
        parameters=[ID_PATH],
        request=AkunBuatInputSerializer,
        responses={201: AkunPegawaiSerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request, id: int):
        pegawai = access.pegawai_get_for_user(request.user, id)
        if not access.pegawai_can_manage(request.user, pegawai):
            raise _forbidden(_("Anda tidak berwenang membuat akun login untuk pegawai ini."))
        form = AkunBuatInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        user = services.akun_buat_untuk_pegawai(
            actor=request.user,
            pegawai=pegawai,
            username=form.validated_data.get("username"),
            password=form.validated_data["password"],
        )
        body = {"id": user.pk, "username": user.username, "is_active": user.is_active, "pegawai": pegawai}
        return Response(AkunPegawaiSerializer(body).data, status=status.HTTP_201_CREATED)
