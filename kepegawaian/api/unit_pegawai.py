"""Units, jabatan, pegawai and the current user (``/api/v1/unit-kerja/``, ``jabatan/``, ``pegawai/``, ``saya/``)."""

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Left
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from kepegawaian import access, selectors, services
from kepegawaian.filters import JabatanFilter, PegawaiFilter, UnitKerjaFilter
from kepegawaian.models import Jabatan, Pegawai, UnitKerja
from kepegawaian.serializers import (
    JabatanSerializer,
    PegawaiDetailSerializer,
    PegawaiInputSerializer,
    PegawaiSerializer,
    SayaSerializer,
    UnitKerjaCreateSerializer,
    UnitKerjaSerializer,
    UnitKerjaUpdateSerializer,
)
from kinerja.api import ScopedViewSetMixin, api_doc

# --- Unit kerja -------------------------------------------------------------------------------------------------


def _unit_rows(qs):
    """Units with the id and code of their parent, read from the materialised path in the same query."""
    parent = UnitKerja.objects.filter(path=Left(OuterRef("path"), (OuterRef("depth") - 1) * UnitKerja.steplen))
    return qs.annotate(
        induk_id=Subquery(parent.values("pk")[:1]), induk_kode=Subquery(parent.values("kode")[:1])
    ).order_by("path")


@extend_schema_view(
    list=api_doc(
        _l("Daftar unit kerja"),
        ok=UnitKerjaSerializer(many=True),
        errors=(400, 401),
        description=_l(
            "Unit yang boleh Anda lihat, urut pohon (induk sebelum anaknya). `induk` memberi anak langsung suatu "
            "unit; `subtree_of` memberi unit itu beserta seluruh unit di bawahnya pada kedalaman berapa pun."
        ),
    ),
    retrieve=api_doc(_l("Satu unit kerja"), ok=UnitKerjaSerializer, errors=(401, 404), detail=True),
    create=api_doc(
        _l("Tambah unit kerja"),
        ok=UnitKerjaSerializer,
        ok_status=201,
        errors=(400, 401, 403),
        request=UnitKerjaCreateSerializer,
        description=_l("Admin BKD di mana saja; admin unit hanya di bawah unit yang ia kelola."),
    ),
    partial_update=api_doc(
        _l("Ubah atau pindahkan unit kerja"),
        ok=UnitKerjaSerializer,
        errors=(400, 401, 403, 404),
        request=UnitKerjaUpdateSerializer,
        detail=True,
        description=_l("Mengubah `induk` memindahkan unit beserta seluruh isinya. Kode unit tidak dapat diubah."),
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
        access.require_admin(request.user)  # before the input is read: a non-admin learns nothing from a 400
        form = UnitKerjaCreateSerializer(data=request.data, context=self.get_serializer_context())
        form.is_valid(raise_exception=True)
        data = form.validated_data
        unit = services.unit_create(
            actor=request.user, kode=data["kode"], nama=data["nama"], jenis=data["jenis"], parent=data.get("induk")
        )
        return Response(UnitKerjaSerializer(self._row(unit.pk)).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        unit = self.get_object()
        access.require_unit_manager(request.user, unit)  # before the input is read, as above
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
    list=api_doc(_l("Daftar jabatan"), ok=JabatanSerializer(many=True), errors=(400, 401)),
    retrieve=api_doc(_l("Satu jabatan"), ok=JabatanSerializer, errors=(401, 404), detail=True),
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

_PEGAWAI_BARU = OpenApiExample(
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


@extend_schema_view(
    list=api_doc(
        _l("Daftar pegawai"),
        ok=PegawaiSerializer(many=True),
        errors=(400, 401),
        description=_l(
            "Pegawai yang boleh Anda lihat: diri sendiri, bawahan langsung dan bawahannya (pejabat penilai, atasan "
            "pejabat penilai), seluruh pegawai unit yang Anda kelola (admin unit), atau semua (Admin BKD). "
            "`search` mencari pada nama dan NIP."
        ),
    ),
    retrieve=api_doc(
        _l("Satu pegawai, dengan atasan dan atasan pejabat penilai"),
        ok=PegawaiDetailSerializer,
        errors=(401, 404),
        detail=True,
    ),
    create=api_doc(
        _l("Tambah pegawai"),
        ok=PegawaiDetailSerializer,
        ok_status=201,
        errors=(400, 401, 403),
        request=PegawaiInputSerializer,
        description=_l("Admin unit (di unit yang ia kelola) atau Admin BKD."),
        examples=[_PEGAWAI_BARU],
    ),
    partial_update=api_doc(
        _l("Ubah data pegawai"),
        ok=PegawaiDetailSerializer,
        errors=(400, 401, 403, 404),
        request=PegawaiInputSerializer,
        detail=True,
        description=_l(
            "Hanya admin yang berwenang atas unit pegawai. Pegawai yang dapat melihat data ini tetapi tidak "
            "berwenang (mis. dirinya sendiri atau bawahannya) mendapat 403; yang tidak dapat melihatnya 404."
        ),
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
        access.require_admin(request.user)  # before the input is read: a non-admin learns nothing from a 400
        form = PegawaiInputSerializer(data=request.data, context=self.get_serializer_context())
        form.is_valid(raise_exception=True)
        pegawai = services.pegawai_create(actor=request.user, **form.validated_data)
        pegawai = access.pegawai_get_for_user(request.user, pegawai.pk)
        return Response(PegawaiDetailSerializer(pegawai).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        pegawai = self.get_object()
        access.require_pegawai_manager(request.user, pegawai)  # before the input is read, as above
        form = PegawaiInputSerializer(data=request.data, partial=True, context=self.get_serializer_context())
        form.is_valid(raise_exception=True)
        if form.validated_data:
            services.pegawai_update(actor=request.user, pegawai=pegawai, **form.validated_data)
        return Response(PegawaiDetailSerializer(self.get_object()).data)


# --- The current user -------------------------------------------------------------------------------------------


@extend_schema(tags=["Saya"])
class SayaView(APIView):
    @api_doc(
        _l("Profil dan peran saya"),
        ok=SayaSerializer,
        description=_l(
            "Akun yang sedang masuk, data pegawainya (null bila akun tidak terhubung dengan pegawai), peran yang "
            "dimilikinya, dan unit yang dikelolanya sebagai admin unit."
        ),
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
