"""``GET /api/v1/pelatihan/dampak/?tahun=2025``: the figures of the "did training work?" page (admin unit: his
subtree; admin BKD: the province; anyone else 403). Thin: ``pelatihan.selectors.dampak_pelatihan``. A cell is a
number or the suppression mark ``"< 5"``. Kept beside ``pelatihan.api`` (not in it) so that the two grow apart
without merge conflicts; mounted by ``pelatihan.api_urls``."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _l
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from kinerja.api import api_doc
from pelatihan import selectors
from pelatihan.views.dampak import tahun_dampak

TAHUN_KEBUTUHAN = OpenApiParameter(
    "tahun",
    OpenApiTypes.INT,
    OpenApiParameter.QUERY,
    description="Tahun kebutuhan pengembangan (bawaan: tahun lalu); dibandingkan dengan tahun berikutnya.",
)


@extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string", "example": "< 5"}]})
class SelField(serializers.Field):
    """A count of people, or the suppression mark."""

    def to_representation(self, value):
        return value


class KelompokDampakSerializer(serializers.Serializer):
    orang = SelField()
    naik = SelField(help_text="Predikat tahun berikutnya lebih baik.")
    tetap = SelField()
    turun = SelField()
    belum = SelField(help_text="Belum dapat dibandingkan (tidak ada evaluasi tahunan final di salah satu tahun).")
    persen = serializers.DictField(child=serializers.CharField(allow_null=True), help_text="Persen dari orang.")
    capaian_awal = serializers.FloatField(allow_null=True)
    capaian_akhir = serializers.FloatField(allow_null=True)
    capaian_selisih = serializers.FloatField(allow_null=True)


class BarisDampakSerializer(serializers.Serializer):
    unit_path = serializers.CharField(help_text='"__total__" untuk baris seluruh lingkup.')
    unit_nama = serializers.CharField()
    total = serializers.BooleanField()
    area = serializers.CharField()
    area_label = serializers.CharField()
    kebutuhan = SelField()
    kebutuhan_latih = SelField(help_text="Kebutuhan yang dipenuhi pelatihan.")
    persen_kebutuhan_latih = serializers.CharField(allow_null=True)
    latih = KelompokDampakSerializer(help_text="Pegawai yang berlatih.")
    tidak = KelompokDampakSerializer(help_text="Pegawai dengan kebutuhan yang sama yang tidak berlatih.")


class LaporanDampakSerializer(serializers.Serializer):
    tahun = serializers.IntegerField()
    min_kelompok = serializers.IntegerField()
    catatan = serializers.CharField()
    baris = BarisDampakSerializer(many=True)


CATATAN = _l(
    "Ini perbandingan, bukan bukti sebab-akibat: pegawai yang berlatih dapat berbeda dari yang tidak berlatih "
    "dalam banyak hal selain pelatihan."
)


class DampakView(APIView):
    @extend_schema(tags=["Pelatihan"])
    @api_doc(
        _l("Apakah pelatihan berhasil? Perbandingan per unit dan area kompetensi"),
        ok=LaporanDampakSerializer,
        parameters=(TAHUN_KEBUTUHAN,),
        errors=(400, 401, 403),
    )
    def get(self, request):
        tahun = tahun_dampak(request.query_params.get("tahun"))
        if tahun is None:
            raise ValidationError({"tahun": _l("Tahun harus berupa angka antara 2000 dan 2100, misalnya 2025.")})
        laporan = selectors.dampak_pelatihan(user=request.user, tahun=tahun)
        data = {
            "tahun": laporan.tahun,
            "min_kelompok": laporan.min_kelompok,
            "catatan": CATATAN,
            "baris": laporan.baris,
        }
        return Response(LaporanDampakSerializer(data).data)
