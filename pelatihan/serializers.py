"""Input and output serializers of the pelatihan API."""

from rest_framework import serializers

from pelatihan.models import Kegiatan, Peserta


class KegiatanSerializer(serializers.ModelSerializer):
    judul = serializers.CharField(read_only=True)
    program_id = serializers.IntegerField(read_only=True)
    bidang = serializers.CharField(source="program.bidang", read_only=True)
    jenis = serializers.CharField(source="program.jenis", read_only=True)
    jp = serializers.IntegerField(source="program.jp", read_only=True)
    sisa_kuota = serializers.IntegerField(read_only=True)

    class Meta:
        model = Kegiatan
        fields = [
            "id",
            "program_id",
            "judul",
            "bidang",
            "jenis",
            "jp",
            "tanggal_mulai",
            "tanggal_selesai",
            "moda",
            "tempat",
            "tautan",
            "kuota",
            "sisa_kuota",
            "pendaftaran_mulai",
            "pendaftaran_selesai",
            "status",
        ]


class PesertaSerializer(serializers.ModelSerializer):
    pegawai_nama = serializers.CharField(source="pegawai.nama", read_only=True)

    class Meta:
        model = Peserta
        fields = ["id", "kegiatan", "pegawai", "pegawai_nama", "status", "cara", "selesai", "jp", "tahun_jp"]


class DaftarInputSerializer(serializers.Serializer):
    daftar_tunggu = serializers.BooleanField(default=True, help_text="Masuk daftar tunggu bila kuota penuh.")


class SaldoJpSerializer(serializers.Serializer):
    tahun = serializers.IntegerField()
    status = serializers.CharField()
    jp_kegiatan = serializers.IntegerField()
    jp_eksternal = serializers.IntegerField()
    jp_diakui = serializers.IntegerField()
    target = serializers.IntegerField()
    batas = serializers.IntegerField(allow_null=True)
    kekurangan = serializers.IntegerField()
    tercapai = serializers.BooleanField()


class VerifikasiSerializer(serializers.Serializer):
    kode = serializers.CharField()
    nama = serializers.CharField()
    program = serializers.CharField()
    tanggal_mulai = serializers.DateField()
    tanggal_selesai = serializers.DateField()
    jp = serializers.IntegerField()


class UlasanKegiatanInputSerializer(serializers.Serializer):
    nilai = serializers.IntegerField(min_value=1, max_value=5, help_text="1 = sangat kurang, 5 = sangat baik.")
    komentar = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class UlasanKegiatanSerializer(serializers.Serializer):
    nilai = serializers.IntegerField()
    komentar = serializers.CharField()
    diubah = serializers.DateTimeField()


class SebaranUlasanKegiatanSerializer(serializers.Serializer):
    nilai = serializers.IntegerField()
    jumlah = serializers.IntegerField()


class RingkasanUlasanKegiatanSerializer(serializers.Serializer):
    """The organiser's summary; comments carry no names."""

    jumlah = serializers.IntegerField()
    rata_rata = serializers.FloatField(allow_null=True)
    sebaran = serializers.SerializerMethodField()
    komentar = UlasanKegiatanSerializer(many=True)

    def get_sebaran(self, obj) -> list[dict]:
        return [{"nilai": nilai, "jumlah": n} for nilai, n in obj.sebaran]
