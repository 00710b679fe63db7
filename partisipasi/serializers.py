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
    unit_tujuan = serializers.CharField(
        source="unit_tujuan.nama",
        default=None,
        allow_null=True,
        help_text="Unit tujuan pemindahan; null bila langkah ini tidak memindahkan pengaduan.",
    )

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
            "id_eksternal",
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
    peran = serializers.CharField(help_text="petugas | moderator | integrasi")

    class Meta:
        model = PetugasPengaduan
        fields = ["id", "user", "username", "unit", "unit_nama", "peran", "diberikan_oleh", "diberikan_pada"]


class PetugasInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    unit = serializers.IntegerField()
    # A plain string (the service refuses an unknown one): a second "peran" enum would rename kepegawaian's in the
    # schema.
    peran = serializers.CharField(help_text="petugas | moderator | integrasi (admin BKD saja)", max_length=30)


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


# --- complaints from other channels: the integration API ------------------------------------------------------------


class PengaduanIntegrasiItemSerializer(serializers.Serializer):
    """One complaint as an external system sends it; the service checks every field (Indonesian messages per item
    and field, all or nothing). Times: ISO 8601 (without an offset: Asia/Jakarta)."""

    id_eksternal = serializers.CharField(max_length=100, help_text=_("ID pengaduan di sistem/kanal asal."))
    kanal = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Kanal asal (bawaan: crm), mis. jaki, medsos."),
        max_length=30,
    )
    dibuat = serializers.CharField(help_text=_("Waktu pengaduan dibuat di kanal asal (ISO 8601)."), max_length=40)
    kategori = serializers.CharField(help_text=_("Kode kategori."), max_length=50)
    kelurahan = serializers.CharField(help_text=_("Kode unit kelurahan."), max_length=50)
    rw = serializers.CharField(max_length=3)
    deskripsi = serializers.CharField(max_length=MAKS_DESKRIPSI)
    nama_pelapor = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    kontak_pelapor = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    publik = serializers.BooleanField(required=False, default=False)
    status = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="menunggu | proses | selesai | ditolak", max_length=20
    )
    respons_pertama_pada = serializers.CharField(required=False, allow_blank=True, default="", max_length=40)
    selesai_pada = serializers.CharField(required=False, allow_blank=True, default="", max_length=40)
    alasan = serializers.CharField(max_length=MAKS_TEKS, required=False, allow_blank=True, default="")


class PengaduanIntegrasiInputSerializer(serializers.Serializer):
    pengaduan = PengaduanIntegrasiItemSerializer(many=True, allow_empty=False)


class PengaduanIntegrasiHasilItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kanal = serializers.CharField()
    id_eksternal = serializers.CharField()
    kode_lacak = serializers.CharField()
    status = serializers.CharField()
    baru = serializers.BooleanField(help_text=_("false: pengaduan ini sudah ada (tidak diubah)."))


class PengaduanIntegrasiHasilSerializer(serializers.Serializer):
    baru = serializers.IntegerField()
    sudah_ada = serializers.IntegerField()
    pengaduan = PengaduanIntegrasiHasilItemSerializer(many=True)


# --- forums and aspirations (public: never an attendee's name, never an officer's name) --------------------------


class PembaruanAspirasiSerializer(serializers.Serializer):
    """A dated public update of an aspiration (who wrote it is not public)."""

    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    progres = serializers.IntegerField()
    teks = serializers.CharField()
    pada = serializers.DateTimeField()


class AspirasiPublikSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    forum = serializers.IntegerField(source="forum_id")
    forum_topik = serializers.CharField(source="forum.topik")
    kelurahan = KelurahanSerializer(source="forum.kelurahan")
    kategori = serializers.CharField()
    kategori_label = serializers.CharField(source="get_kategori_display")
    rw = serializers.CharField()
    uraian = serializers.CharField()
    unit_penanggung_jawab = serializers.CharField(source="unit_penanggung_jawab.nama")
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    alasan = serializers.CharField(help_text=_("Alasan bila tidak direkomendasikan (publik)."))
    progres = serializers.IntegerField()
    diubah = serializers.DateTimeField()
    pembaruan = PembaruanAspirasiSerializer(many=True)
    url = serializers.CharField(source="get_absolute_url")


class ForumPublikSerializer(serializers.Serializer):
    """A forum as the public sees it: the number of registered attendees, never who they are."""

    id = serializers.IntegerField()
    kelurahan = KelurahanSerializer()
    jenis = serializers.CharField()
    jenis_label = serializers.CharField(source="get_jenis_display")
    topik = serializers.CharField()
    mulai = serializers.DateTimeField()
    selesai = serializers.DateTimeField()
    tempat = serializers.CharField()
    rw = serializers.CharField(help_text=_("Kosong bila untuk seluruh kelurahan."))
    jumlah_hadir = serializers.IntegerField()
    ada_notulen = serializers.SerializerMethodField()
    url = serializers.CharField(source="get_absolute_url")

    def get_ada_notulen(self, obj) -> bool:
        return bool(obj.notulen)


class ForumPublikDetailSerializer(ForumPublikSerializer):
    notulen = serializers.CharField()
    notulen_pada = serializers.DateTimeField(allow_null=True)
    pendaftaran_terbuka = serializers.BooleanField(help_text=_("Pendaftaran hadir dibuka sampai forum berakhir."))
    aspirasi = AspirasiPublikSerializer(many=True, source="aspirasi_daftar")


class ForumPetugasSerializer(ForumPublikDetailSerializer):
    boleh_kelola = serializers.BooleanField(help_text=_("Anda dapat mencatat notulen dan aspirasinya."))
    dibuat = serializers.DateTimeField()


class AspirasiPetugasSerializer(AspirasiPublikSerializer):
    boleh_tindak_lanjut = serializers.BooleanField()


class HadirDiterimaSerializer(serializers.Serializer):
    forum = serializers.IntegerField(source="pk")
    jumlah_hadir = serializers.IntegerField()


class HadirInputSerializer(serializers.Serializer):
    nama = serializers.CharField(
        max_length=120, required=False, allow_blank=True, default="", help_text=_("Boleh kosong; tidak ditampilkan.")
    )
    situs = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Jangan diisi."), max_length=200
    )


class ForumInputSerializer(serializers.Serializer):
    """Parsing only; the service checks the kelurahan, kind, times, texts and RW."""

    kelurahan = serializers.IntegerField()
    jenis = serializers.CharField(help_text="rembuk_rw | musrenbang | forum_warga", max_length=30)
    topik = serializers.CharField(max_length=200, allow_blank=True)
    mulai = serializers.DateTimeField()
    selesai = serializers.DateTimeField()
    tempat = serializers.CharField(max_length=200, allow_blank=True)
    rw = serializers.CharField(max_length=3, required=False, allow_blank=True, default="")


class NotulenInputSerializer(serializers.Serializer):
    notulen = serializers.CharField(max_length=20000, allow_blank=True)


class AspirasiInputSerializer(serializers.Serializer):
    kategori = serializers.CharField(help_text="fisik | sosial | ekonomi | lingkungan | pelayanan", max_length=30)
    rw = serializers.CharField(max_length=3, allow_blank=True)
    uraian = serializers.CharField(max_length=MAKS_TEKS, allow_blank=True)
    unit = serializers.IntegerField(help_text=_("Unit penanggung jawab."))


class TindakLanjutInputSerializer(serializers.Serializer):
    status = serializers.CharField(
        help_text="diterima | ditindaklanjuti | diakomodir | selesai | tidak_direkomendasikan", max_length=30
    )
    progres = serializers.IntegerField(help_text=_("0–100; selesai selalu 100."))
    teks = serializers.CharField(max_length=MAKS_TEKS, allow_blank=True, help_text=_("Keterangan publik."))
    alasan = serializers.CharField(
        max_length=MAKS_TEKS,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Wajib bila tidak direkomendasikan; ditampilkan kepada warga."),
    )
