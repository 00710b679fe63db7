"""Tokens for integrations, a pegawai's login and the granted admin roles (``/api/v1/token/``,
``pegawai/<id>/akun/``, ``peran-admin/``)."""

import logging

from django.conf import settings
from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.filters import SearchFilter
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from kepegawaian import access, masuk, selectors, services
from kepegawaian.models import PeranAdmin
from kepegawaian.serializers import (
    AkunBuatInputSerializer,
    AkunPegawaiSerializer,
    PeranAdminInputSerializer,
    PeranAdminSerializer,
    TokenLoginSerializer,
    TokenSerializer,
)
from kinerja.api import ScopedViewSetMixin, api_doc

logger = logging.getLogger(__name__)

# --- Tokens for integrations ------------------------------------------------------------------------------------


class TokenThrottle(SimpleRateThrottle):
    """Password guessing through the token endpoint is limited per client address (``kinerja.klien``:
    ``NUM_PROXIES``); django-axes also locks the username + address after repeated failures, in the database.

    The count lives in the cache. When the cache does not answer, the throttle fails open (logged): sign-in keeps
    working, and axes' lockout, kept in PostgreSQL, still bounds password guessing (README, "Redis mati").
    """

    scope = "token"

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception:  # redis-py ConnectionError/TimeoutError, OSError: the cache is down
            logger.warning("Cache tidak menjawab: pembatas /api/v1/token/ dilewati", exc_info=True)
            return True

    def get_rate(self):
        return self.THROTTLE_RATES.get(self.scope) or "10/min"

    def get_cache_key(self, request, view):
        if request.method != "POST":
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class LoginLocked(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"


def _token_body(token: Token) -> dict:
    return TokenSerializer({"token": token.key, "username": token.user.get_username(), "dibuat": token.created}).data


TOKEN_DOC = _l(
    "Token untuk integrasi (aplikasi lain). Kirim nama pengguna dan kata sandi; jawabannya token milik akun itu "
    "(token yang sama selama belum diganti). Gunakan pada setiap permintaan dengan header "
    "`Authorization: Token <token>`. Token dapat diganti (`POST /api/v1/token/ganti/`, token lama langsung tidak "
    "berlaku) atau dicabut (`DELETE /api/v1/token/`). Percobaan yang gagal berulang kali mengunci akun sementara "
    "(429). Nama pengguna boleh diganti NIP. Akun admin (bila autentikasi dua faktor diwajibkan) juga mengirim "
    "`kode_otp`: kode dari aplikasi autentikator atau satu kode cadangan."
)


@extend_schema(tags=["Token API"])
class TokenView(APIView):
    throttle_classes = [TokenThrottle]

    def get_permissions(self):
        # Only DELETE needs a login: POST logs in, and a method this address does not offer answers 405 (not 401).
        if self.request is not None and self.request.method != "DELETE":
            return [AllowAny()]
        return [IsAuthenticated()]

    def get_authenticators(self):
        # Logging in with a password needs no session (and so no CSRF token).
        if getattr(self, "request", None) is not None and self.request.method == "POST":
            return []
        return super().get_authenticators()

    @api_doc(
        _l("Minta token API"),
        ok=TokenSerializer,
        errors=(400, 429),
        request=TokenLoginSerializer,
        description=TOKEN_DOC,
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
        if user.wajib_ganti_sandi:
            raise exceptions.ValidationError(
                {"non_field_errors": [_("Ganti kata sandi Anda lebih dulu di situs Kinerja, lalu minta token.")]}
            )
        # An admin's token is as strong as his sign-in: with two-factor sign-in required, the password alone is not
        # enough here either (masuk.wajib_2fa; decision documented in the README).
        if masuk.wajib_2fa(user) and masuk.kode_otp_cocok(user, form.validated_data.get("kode_otp", "")) is None:
            raise exceptions.ValidationError(
                {"kode_otp": [_("Akun admin memerlukan kode dari aplikasi autentikator (atau satu kode cadangan).")]}
            )
        return Response(_token_body(services.token_create(actor=user, user=user)))

    @api_doc(
        _l("Cabut token API saya"),
        ok=None,
        ok_status=204,
        description=_l("Token akun yang sedang masuk dihapus; integrasi yang memakainya berhenti berfungsi."),
    )
    def delete(self, request):
        services.token_revoke(actor=request.user, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["Token API"])
class TokenGantiView(APIView):
    @api_doc(
        _l("Ganti token API saya"),
        ok=TokenSerializer,
        request=None,
        description=_l("Membuat token baru untuk akun yang sedang masuk; token lama langsung tidak berlaku."),
    )
    def post(self, request):
        return Response(_token_body(services.token_rotate(actor=request.user, user=request.user)))


# --- Granted admin roles (admin BKD) ----------------------------------------------------------------------------

PERAN_ADMIN_DOC = _l(
    "Peran admin yang diberikan: admin unit (mengelola satu unit beserta seluruh unit di bawahnya) dan Admin BKD "
    "(seluruh Pemprov). Hanya Admin BKD yang melihat dan mengelolanya: pengguna lain mendapat 403 pada daftar dan "
    "saat memberi peran, dan 404 pada satu peran (keberadaannya tidak diungkap). Peran pegawai, pejabat penilai dan "
    "atasan pejabat penilai mengikuti data atasan dan tidak ada di sini (lihat `/api/v1/saya/`)."
)


@extend_schema_view(
    list=api_doc(
        _l("Daftar peran admin"),
        ok=PeranAdminSerializer(many=True),
        errors=(400, 401, 403),
        description=PERAN_ADMIN_DOC,
        parameters=(OpenApiParameter("peran", str, enum=PeranAdmin.Peran.values, description=_l("Hanya peran ini.")),),
    ),
    retrieve=api_doc(_l("Satu peran admin"), ok=PeranAdminSerializer, errors=(401, 404), detail=True),
    create=api_doc(
        _l("Beri peran admin"),
        ok=PeranAdminSerializer,
        ok_status=201,
        errors=(400, 401, 403),
        request=PeranAdminInputSerializer,
        description=_l(
            "Akun dipilih dengan nama pengguna, unit dengan kodenya (wajib untuk admin_unit, kosong untuk "
            "admin_bkd). Peran yang sudah dimiliki akun itu ditolak (400)."
        ),
        examples=[
            OpenApiExample(
                "Admin unit",
                value={"username": "198501012010011001", "peran": "admin_unit", "unit_kode": "DISDIK"},
                request_only=True,
            )
        ],
    ),
    destroy=api_doc(
        _l("Cabut peran admin"),
        ok=None,
        ok_status=204,
        errors=(400, 401, 404),
        detail=True,
        description=_l("Admin BKD tidak dapat mencabut peran Admin BKD miliknya sendiri (400)."),
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

    def scoped_queryset(self):
        if not access.akses_for(self.request.user).is_bkd:
            return PeranAdmin.objects.none()
        peran = self.request.query_params.get("peran", "")
        if peran and peran not in PeranAdmin.Peran.values:
            raise exceptions.ValidationError(
                {"peran": [_("Pilih salah satu: %(pilihan)s.") % {"pilihan": ", ".join(PeranAdmin.Peran.values)}]}
            )
        return selectors.peran_admin_list(peran=peran)

    def list(self, request, *args, **kwargs):
        access.require_bkd(request.user)
        return super().list(request, *args, **kwargs)

    def create(self, request, *args, **kwargs):
        access.require_bkd(request.user)  # before the input is read: a non-admin learns nothing from a 400
        form = PeranAdminInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        grant = services.peran_grant(actor=request.user, **form.validated_data)
        grant = selectors.peran_admin_list().get(pk=grant.pk)
        return Response(PeranAdminSerializer(grant).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        services.peran_revoke(actor=request.user, grant=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- A pegawai's login ------------------------------------------------------------------------------------------


@extend_schema(tags=["Pegawai"])
class PegawaiAkunView(APIView):
    @api_doc(
        _l("Buat akun login untuk pegawai"),
        ok=AkunPegawaiSerializer,
        ok_status=201,
        errors=(400, 401, 403, 404),
        request=AkunBuatInputSerializer,
        detail=True,
        description=_l(
            "Admin unit (pegawai di unit yang ia kelola) atau Admin BKD. Nama pengguna bawaan: NIP. Kata sandi "
            "diperiksa dengan aturan kata sandi; pesan kesalahannya dalam bahasa Indonesia. Pegawai yang sudah "
            "memiliki akun: 400. "
            "Yang dapat melihat pegawai ini tetapi tidak berwenang: 403; yang tidak dapat melihatnya: 404."
        ),
    )
    def post(self, request, id: int):
        pegawai = access.pegawai_get_for_user(request.user, id)
        access.require_pegawai_manager(request.user, pegawai)  # before the input is read, as above
        form = AkunBuatInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        user = services.akun_create(
            actor=request.user,
            pegawai=pegawai,
            username=form.validated_data.get("username"),
            password=form.validated_data["password"],
        )
        body = {"id": user.pk, "username": user.username, "is_active": user.is_active, "pegawai": pegawai}
        return Response(AkunPegawaiSerializer(body).data, status=status.HTTP_201_CREATED)
