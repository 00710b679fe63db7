"""Serializers of the complaint API: input and output apart. The public ones never name the complainant's name
or contact; the officer one fills them only for the handling unit (``access.can_see_kontak``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kepegawaian.models import UnitKerja
from partisipasi import access
from partisipasi.foto import MAKS_FOTO
from partisipasi.models import (
    IkiTerhitung,
    KategoriPengaduan,
    Pengaduan,
    PetugasPengaduan,
    RiwayatStatus,
    Tanggapan,
)
from partisipasi.services import MAKS_DESKRIPSI, MAKS_TEKS

# --- output -------------------------------------------------------------------------------------------------------


class KategoriSerializer(serializers.ModelSerializer):
    class Meta:
        model = KategoriPengaduan
        fields = ["id", "kode", "nama", "batas_respons_hari", "batas_selesai_hari", "hitungan"]


class KelurahanSerializer(serializers.ModelSerializer):
    class Meta:
        model = UnitKerja
        fields = ["id", "kode", "nama"]


class RiwayatSerializer(serializers.ModelSerializer):
    ke_status_label = serializers.CharField(source="get_ke_status_display")
    unit_tujuan = serializers.CharField(source="unit_tujuan.nama", default=None)

    class Meta:
        model = RiwayatStatus
        fields = ["dari_status", "ke_status", "ke_status_label", "alasan", "unit_tujuan", "pada"]


class TanggapanSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.nama")

    class Meta:
        model = Tanggapan
        fields = ["id", "teks", "unit", "pada"]


class PengaduanPublikSerializer(serializers.ModelSerializer):
    """What anyone may read of a public complaint (no tracking code, no name, no contact)."""

    kategori = serializers.CharField(source="kategori.nama")
    kelurahan = KelurahanSerializer()
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = Pengaduan
        fields = [
            "id",
            "kategori",
            "kelurahan",
            "rw",
            "deskripsi",
            "status",
            "status_label",
            "dibuat",
            "jumlah_dukungan",
        ]


class PengaduanLacakSerializer(PengaduanPublikSerializer):
    """The tracking view (for the holder of the code): the trail and the official responses, still no contact."""

    riwayat = RiwayatSerializer(many=True)
    tanggapan = TanggapanSerializer(many=True)
    digabung_ke = serializers.IntegerField(source="digabung_ke_id", allow_null=True)

    class Meta(PengaduanPublikSerializer.Meta):
        fields = [
            "kode_lacak",
            *PengaduanPublikSerializer.Meta.fields,
            "selesai_pada",
            "rating",
            "komentar_rating",
            "digabung_ke",
            "riwayat",
            "tanggapan",
        ]


class PengaduanPetugasSerializer(PengaduanPublikSerializer):
    unit_penanganan = KelurahanSerializer()
    nama_pelapor = serializers.SerializerMethodField()
    kontak_pelapor = serializers.SerializerMethodField()
    detail_url = serializers.SerializerMethodField()

    class Meta(PengaduanPublikSerializer.Meta):
        fields = [
            *PengaduanPublikSerializer.Meta.fields,
            "versi",
            "publik",
            "kanal",
            "unit_penanganan",
            "batas_respons",
            "batas_selesai",
            "respons_pertama_pada",
            "selesai_pada",
            "rating",
            "komentar_rating",
            "digabung_ke",
            "disembunyikan",
            "nama_pelapor",
            "kontak_pelapor",
            "detail_url",
        ]

    def _kontak(self, obj) -> bool:
        return access.can_see_kontak(self.context["request"].user, obj)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_nama_pelapor(self, obj) -> str | None:
        return obj.nama_pelapor if self._kontak(obj) else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_kontak_pelapor(self, obj) -> str | None:
        return obj.kontak_pelapor if self._kontak(obj) else None

    def get_detail_url(self, obj) -> str:
        return reverse("partisipasi:pengaduan-detail", args=[obj.pk])


class PengaduanPetugasDetailSerializer(PengaduanPetugasSerializer):
    riwayat = RiwayatSerializer(many=True)
    tanggapan = TanggapanSerializer(many=True)

    class Meta(PengaduanPetugasSerializer.Meta):
        fields = [*PengaduanPetugasSerializer.Meta.fields, "riwayat", "tanggapan"]


class PengaduanDiterimaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kode_lacak = serializers.CharField(help_text=_("Simpan kode ini untuk melacak pengaduan."))
    status = serializers.CharField()


# --- input --------------------------------------------------------------------------------------------------------


class PengaduanInputSerializer(serializers.Serializer):
    """Parsing only; the service checks the kelurahan, category, photos and limits."""

    kategori = serializers.IntegerField()
    kelurahan = serializers.IntegerField()
    rw = serializers.CharField(max_length=3)
    deskripsi = serializers.CharField(max_length=MAKS_DESKRIPSI, allow_blank=True)
    foto = serializers.ListField(child=serializers.FileField(), required=False, max_length=MAKS_FOTO)
    simpan_lokasi = serializers.BooleanField(required=False, default=False)
    nama_pelapor = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    kontak_pelapor = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    publik = serializers.BooleanField(required=False, default=True)
    situs = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200, help_text=_("Jangan diisi.")
    )


class UlasanInputSerializer(serializers.Serializer):
    rating = serializers.IntegerField()
    komentar = serializers.CharField(max_length=MAKS_TEKS, required=False, allow_blank=True, default="")


class AlasanInputSerializer(serializers.Serializer):
    alasan = serializers.CharField(max_length=MAKS_TEKS, allow_blank=True)


class TransisiInputSerializer(serializers.Serializer):
    ke = serializers.CharField(max_length=30)
    versi = serializers.IntegerField()
    alasan = serializers.CharField(max_length=MAKS_TEKS, required=False, allow_blank=True, default="")
    unit_tujuan = serializers.IntegerField(required=False, allow_null=True, default=None)


class TanggapanPengaduanInputSerializer(serializers.Serializer):
    teks = serializers.CharField(max_length=MAKS_TEKS, allow_blank=True)


class GabungInputSerializer(serializers.Serializer):
    utama = serializers.IntegerField()


class SembunyiInputSerializer(serializers.Serializer):
    tersembunyi = serializers.BooleanField()
    alasan = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class PetugasSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username")
    unit_nama = serializers.CharField(source="unit.nama")
    peran = serializers.CharField(help_text="petugas | moderator")

    class Meta:
        model = PetugasPengaduan
        fields = ["id", "user", "username", "unit", "unit_nama", "peran", "diberikan_oleh", "diberikan_pada"]


class PetugasInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    unit = serializers.IntegerField()
    # A plain string (the service refuses an unknown one): a second "peran" enum would rename kepegawaian's in the
    # schema.
    peran = serializers.CharField(help_text="petugas | moderator", max_length=30)


# --- complaint figures and computed IKI ---------------------------------------------------------------------------


class AngkaSerializer(serializers.Serializer):
    jumlah = serializers.IntegerField()
    median_jam = serializers.FloatField(allow_null=True)
    rata_jam = serializers.FloatField(allow_null=True)
    p90_jam = serializers.FloatField(allow_null=True)
    persen_tepat_waktu = serializers.FloatField(allow_null=True)


class PeringkatSerializer(serializers.Serializer):
    peringkat = serializers.IntegerField(allow_null=True)
    kelurahan = KelurahanSerializer()
    angka = AngkaSerializer()


class PengaduanSelesaiSerializer(serializers.ModelSerializer):
    """A completed complaint behind a figure: no description, no contact, no tracking code."""

    kategori = serializers.CharField(source="kategori.nama")
    kelurahan = KelurahanSerializer()
    durasi_jam = serializers.FloatField()
    tepat_waktu = serializers.SerializerMethodField()

    class Meta:
        model = Pengaduan
        fields = ["id", "kategori", "kelurahan", "dibuat", "selesai_pada", "durasi_jam", "tepat_waktu"]

    def get_tepat_waktu(self, obj) -> bool:
        return obj.selesai_pada <= obj.batas_selesai


class AngkaUnitSerializer(serializers.Serializer):
    unit = KelurahanSerializer()
    mulai = serializers.DateField()
    akhir = serializers.DateField()
    angka = AngkaSerializer()
    pengaduan = PengaduanSelesaiSerializer(many=True)


class IkiTerhitungSerializer(serializers.ModelSerializer):
    iki_uraian = serializers.CharField(source="iki.uraian")
    pegawai = serializers.CharField(source="iki.rhk.skp.pegawai.nama")
    unit_nama = serializers.CharField(source="unit.nama")

    class Meta:
        model = IkiTerhitung
        fields = ["id", "iki", "iki_uraian", "pegawai", "unit", "unit_nama", "ukuran", "dibuat", "dihitung_pada"]


class IkiTerhitungInputSerializer(serializers.Serializer):
    iki = serializers.IntegerField()
    unit = serializers.IntegerField()
    ukuran = serializers.CharField(help_text="median | rata | p90 | tepat_waktu | jumlah", max_length=30)


class HasilHitungSerializer(serializers.Serializer):
    ditulis = serializers.ListField(child=serializers.IntegerField())
    tetap = serializers.ListField(child=serializers.IntegerField())
    kosong = serializers.ListField(child=serializers.IntegerField())
    dilewati = serializers.ListField(child=serializers.CharField())
