"""Output serializers of the public report API (read only: the snapshot as published)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from laporan import tabel
from laporan.models import BATAS_JAWABAN, BATAS_NAMA_PENANYA, BATAS_PERTANYAAN, Laporan


class UnitPublikSerializer(serializers.Serializer):
    kode = serializers.CharField()
    nama = serializers.CharField()
    jenis = serializers.CharField()


class LaporanRingkasSerializer(serializers.ModelSerializer):
    unit = UnitPublikSerializer()
    versi = serializers.IntegerField(source="versi_publik.nomor")
    terbit_pada = serializers.DateTimeField(source="versi_publik.terbit_pada")
    dihasilkan_pada = serializers.DateTimeField(source="versi_publik.dibuat_pada")
    ringkasan = serializers.SerializerMethodField()

    class Meta:
        model = Laporan
        fields = ["id", "unit", "tahun", "versi", "terbit_pada", "dihasilkan_pada", "ringkasan"]

    @extend_schema_field(serializers.DictField())
    def get_ringkasan(self, obj) -> dict:
        return obj.versi_publik.data.get("ringkasan", {})


class KolomSerializer(serializers.Serializer):
    kunci = serializers.CharField()
    judul = serializers.CharField()
    keterangan = serializers.CharField()
    tipe = serializers.CharField()


class TabelSerializer(serializers.Serializer):
    kunci = serializers.CharField()
    judul = serializers.CharField()
    kolom = KolomSerializer(many=True)
    baris = serializers.ListField(child=serializers.DictField())


class LaporanDetailSerializer(LaporanRingkasSerializer):
    bab = serializers.SerializerMethodField()
    tabel = serializers.SerializerMethodField()
    tantangan = serializers.CharField(source="versi_publik.tantangan")
    langkah = serializers.CharField(source="versi_publik.langkah")
    versi_data = serializers.CharField(source="versi_publik.versi_data")

    class Meta(LaporanRingkasSerializer.Meta):
        fields = [*LaporanRingkasSerializer.Meta.fields, "bab", "tabel", "tantangan", "langkah", "versi_data"]

    @extend_schema_field(serializers.DictField())
    def get_bab(self, obj) -> dict:
        return obj.versi_publik.data.get("bab", {})

    @extend_schema_field(TabelSerializer(many=True))
    def get_tabel(self, obj) -> list:
        data = obj.versi_publik.data
        return [
            {
                "kunci": kunci,
                "judul": str(d.judul),
                "kolom": [{"kunci": k.kunci, "judul": str(k.judul), "keterangan": str(k.keterangan), "tipe": k.tipe}
                          for k in d.kolom],
                "baris": [dict(zip([k.kunci for k in d.kolom], b, strict=False))
                          for b in tabel.baris_tabel(data, kunci)],
            }
            for kunci, d in tabel.TABEL.items()
        ]  # fmt: skip


# --- citizens' questions -------------------------------------------------------------------------------------------


class PertanyaanPublikSerializer(serializers.Serializer):
    """What the public sees of an approved question: the optional name the citizen gave, never more."""

    id = serializers.IntegerField()
    nama = serializers.CharField()
    isi = serializers.CharField()
    dibuat_pada = serializers.DateTimeField()
    jawaban = serializers.CharField()
    dijawab_pada = serializers.DateTimeField(allow_null=True)


class PertanyaanInputSerializer(serializers.Serializer):
    nama = serializers.CharField(max_length=BATAS_NAMA_PENANYA, required=False, allow_blank=True, default="")
    isi = serializers.CharField(max_length=BATAS_PERTANYAAN)
    situs = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Jangan diisi (jebakan).", max_length=200
    )


class PertanyaanDiterimaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    pesan = serializers.SerializerMethodField()

    def get_pesan(self, obj) -> str:
        return str(_("Pertanyaan diterima dan akan tampil setelah diperiksa admin unit."))


class PertanyaanKelolaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    laporan = serializers.IntegerField(source="laporan_id")
    unit = serializers.CharField(source="laporan.unit.nama")
    tahun = serializers.IntegerField(source="laporan.tahun")
    nama = serializers.CharField()
    isi = serializers.CharField()
    status = serializers.CharField()
    dibuat_pada = serializers.DateTimeField()
    dimoderasi_pada = serializers.DateTimeField(allow_null=True)
    dimoderasi_oleh = serializers.CharField(source="dimoderasi_oleh.username", allow_null=True, default=None)
    alasan_sembunyi = serializers.CharField()
    jawaban = serializers.CharField()
    dijawab_pada = serializers.DateTimeField(allow_null=True)
    dijawab_oleh = serializers.CharField(source="dijawab_oleh.username", allow_null=True, default=None)


class PertanyaanSembunyiInputSerializer(serializers.Serializer):
    alasan = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class PertanyaanJawabInputSerializer(serializers.Serializer):
    jawaban = serializers.CharField(max_length=BATAS_JAWABAN)
