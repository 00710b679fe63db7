"""Input and output serializers of the pelatihan API."""

from rest_framework import serializers

from kepegawaian.models import Jabatan, UnitKerja
from kinerja.teks import TEKS_PANJANG, TEKS_SEDANG
from pelatihan.models import BidangKompetensi, Jenis, Kegiatan, ModaKegiatan, Penyelenggara, Peserta, Program


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
        fields = [
            "id",
            "kegiatan",
            "pegawai",
            "pegawai_nama",
            "status",
            "cara",
            "selesai",
            "jp",
            "tahun_jp",
            "asal",
            "bukti_impor",
        ]
        read_only_fields = ["asal", "bukti_impor"]


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


# --- writes: the catalogue and the events (admin unit, admin BKD) ----------------------------------------------

ID_MAKS = 2**63 - 1  # a row id (bigint); a larger number is a 400, not a database overflow


class ProgramSerializer(serializers.ModelSerializer):
    target_jabatan: serializers.PrimaryKeyRelatedField[Jabatan] = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True
    )
    target_unit: serializers.PrimaryKeyRelatedField[UnitKerja] = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True
    )

    class Meta:
        model = Program
        fields = [
            "id",
            "judul",
            "deskripsi",
            "bidang",
            "kompetensi",
            "bentuk",
            "jenis",
            "penyelenggara",
            "nama_penyelenggara",
            "jp",
            "unit_pemilik",
            "target_jabatan",
            "target_unit",
            "aktif",
        ]


class _ProgramIsianSerializer(serializers.Serializer):
    """A programme's fields. JP and the rules are checked by the service (JP 1 to ``PELATIHAN_JP_MAKS``)."""

    judul = serializers.CharField(max_length=200, allow_blank=True)
    bidang = serializers.ChoiceField(choices=BidangKompetensi.choices)
    jenis = serializers.ChoiceField(choices=Jenis.choices, help_text="klasikal, atau satu bentuk non-klasikal.")
    penyelenggara = serializers.ChoiceField(choices=Penyelenggara.choices)
    jp = serializers.IntegerField(help_text="Jam pelajaran (1 JP = 45 menit).")
    kompetensi = serializers.ListField(child=serializers.CharField(max_length=100), required=False, max_length=20)
    nama_penyelenggara = serializers.CharField(max_length=200, required=False, allow_blank=True)
    deskripsi = serializers.CharField(max_length=TEKS_PANJANG, required=False, allow_blank=True)
    target_jabatan = serializers.PrimaryKeyRelatedField(many=True, queryset=Jabatan.objects.all(), required=False)
    target_unit = serializers.PrimaryKeyRelatedField(many=True, queryset=UnitKerja.objects.all(), required=False)


class ProgramUbahInputSerializer(_ProgramIsianSerializer):
    """A change (PATCH) sends only the fields it changes. The owning unit is fixed once created."""

    aktif = serializers.BooleanField(required=False, help_text="Nonaktif: tidak dapat dijadwalkan lagi.")


class ProgramInputSerializer(_ProgramIsianSerializer):
    """A new programme is active."""

    unit_pemilik = serializers.PrimaryKeyRelatedField(
        queryset=UnitKerja.objects.all(),
        allow_null=True,
        required=False,
        help_text="Unit pengelola; kosong (null): program tingkat provinsi (Admin BKD).",
    )


class KegiatanUbahInputSerializer(serializers.Serializer):
    """An event's schedule; a change (PATCH) sends only what it changes. The programme and the organising unit are
    fixed once scheduled."""

    nama = serializers.CharField(max_length=200, required=False, allow_blank=True)
    tanggal_mulai = serializers.DateField()
    tanggal_selesai = serializers.DateField()
    pendaftaran_mulai = serializers.DateField()
    pendaftaran_selesai = serializers.DateField()
    kuota = serializers.IntegerField(min_value=1, max_value=100000)
    moda = serializers.ChoiceField(choices=ModaKegiatan.choices, required=False)
    tempat = serializers.CharField(max_length=200, required=False, allow_blank=True)
    tautan = serializers.URLField(max_length=200, required=False, allow_blank=True)


class KegiatanInputSerializer(KegiatanUbahInputSerializer):
    program = serializers.IntegerField(min_value=1, max_value=ID_MAKS, help_text="Id program yang dijadwalkan.")
    unit_penyelenggara = serializers.PrimaryKeyRelatedField(
        queryset=UnitKerja.objects.all(),
        allow_null=True,
        required=False,
        help_text="Unit penyelenggara; kosong (null): tingkat provinsi (Admin BKD).",
    )


class NominasiInputSerializer(serializers.Serializer):
    pegawai = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=ID_MAKS),
        min_length=1,
        max_length=200,
        help_text="Id bawahan langsung.",
    )
    daftar_tunggu = serializers.BooleanField(default=True, help_text="Masuk daftar tunggu bila kuota penuh.")


class KehadiranInputSerializer(serializers.Serializer):
    tanggal = serializers.DateField()
    hadir = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=ID_MAKS),
        allow_empty=True,
        max_length=100000,
        help_text="Id peserta yang hadir pada tanggal itu; peserta terdaftar lainnya dicatat tidak hadir.",
    )


class KehadiranSerializer(serializers.Serializer):
    tanggal = serializers.DateField()
    jumlah_hadir = serializers.IntegerField()


class KelulusanInputSerializer(serializers.Serializer):
    peserta = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=ID_MAKS),
        min_length=1,
        max_length=10000,
        help_text="Id peserta yang dinyatakan selesai.",
    )


class PesertaKegiatanSerializer(PesertaSerializer):
    """A participant as the organiser sees him: with the days present."""

    hari_hadir = serializers.IntegerField(read_only=True)

    class Meta(PesertaSerializer.Meta):
        fields = [*PesertaSerializer.Meta.fields, "hari_hadir"]


class EksternalSerializer(serializers.Serializer):
    """A course taken elsewhere, as its pegawai and his penilai see it (the certificate file itself is not served)."""

    id = serializers.IntegerField()
    pegawai = serializers.IntegerField(source="pegawai_id")
    nama_pegawai = serializers.CharField(source="pegawai.nama")
    judul = serializers.CharField()
    jenis = serializers.CharField()
    bidang = serializers.CharField()
    penyelenggara = serializers.CharField()
    tanggal_mulai = serializers.DateField()
    tanggal_selesai = serializers.DateField()
    jp = serializers.IntegerField()
    tahun_jp = serializers.IntegerField()
    tipe = serializers.CharField(help_text="Jenis berkas sertifikat, diperiksa dari isinya.")
    sha256 = serializers.CharField()
    nama_asli = serializers.CharField()
    status = serializers.CharField()
    catatan = serializers.CharField()
    diajukan = serializers.DateTimeField()
    diputuskan_pada = serializers.DateTimeField(allow_null=True)


class EksternalInputSerializer(serializers.Serializer):
    """The pegawai's submission (multipart/form-data): the rules (JP, dates, the file's content) are the service's."""

    judul = serializers.CharField(max_length=200)
    jenis = serializers.ChoiceField(choices=Jenis.choices)
    bidang = serializers.ChoiceField(choices=BidangKompetensi.choices)
    penyelenggara = serializers.CharField(max_length=200)
    tanggal_mulai = serializers.DateField()
    tanggal_selesai = serializers.DateField()
    jp = serializers.IntegerField()
    berkas = serializers.FileField(help_text="Sertifikat: PDF, JPEG atau PNG, paling besar 10 MB.")


class KeputusanEksternalInputSerializer(serializers.Serializer):
    catatan = serializers.CharField(
        max_length=TEKS_SEDANG, required=False, allow_blank=True, default="", help_text="Wajib untuk penolakan."
    )
