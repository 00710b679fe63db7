"""API shapes of indikator. Output and input serializers are separate.

Output serializers only read prepared rows (the views fetch with ``select_related`` / the page selectors, so a
serializer never queries per row). Input serializers only check types and shapes; ids of other objects are plain
integers that the view resolves through ``indikator.access`` (an object the user may not see is a 404, the same
as one that does not exist) — every domain rule is checked by ``indikator.services``.
"""

from typing import TypedDict

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from indikator.capaian import capaian_iki
from indikator.models import (
    BuktiDukung,
    DialogKinerja,
    DokumenSkp,
    EkspektasiPerilaku,
    Iki,
    IndikatorUnit,
    PembukaanKembali,
    PeriodePenilaian,
    Perspektif,
    Realisasi,
    Rhk,
    Skp,
    UmpanBalik,
)
from kepegawaian.models import Pegawai
from kinerja.skema import UriAtauKosongField


class _Angka(TypedDict):
    max_digits: int
    decimal_places: int


ANGKA: _Angka = {"max_digits": 18, "decimal_places": 4}

# --- Output -----------------------------------------------------------------------------------------------------


class PeriodeKeSerializer(serializers.Serializer):
    ke = serializers.IntegerField(help_text="Nomor bulan (1–12) atau triwulan (1–4).")
    label = serializers.CharField()  # type: ignore[assignment]  # shadows Field.label in the stubs
    batas_realisasi = serializers.DateField(help_text="Hari terakhir pengisian realisasi periode ini.")


class PeriodeSerializer(serializers.ModelSerializer):
    periode_ke = serializers.SerializerMethodField(help_text="Bulan/triwulan periode ini beserta tenggat realisasinya.")

    class Meta:
        model = PeriodePenilaian
        fields = [
            "id",
            "tahun",
            "periodisitas",
            "status",
            "batas_penyusunan_skp",
            "hari_batas_realisasi",
            "batas_evaluasi_tahunan",
            "periode_ke",
        ]
        read_only_fields = fields

    @extend_schema_field(PeriodeKeSerializer(many=True))
    def get_periode_ke(self, obj: PeriodePenilaian) -> list[dict]:
        return [
            {"ke": ke, "label": obj.label_periode_ke(ke), "batas_realisasi": obj.batas_realisasi(ke)}
            for ke in obj.daftar_periode_ke
        ]


# Read-only model fields lose ``allow_blank`` in DRF, so the schema would refuse the "" a blank perspektif is.
def _perspektif_field():
    return serializers.ChoiceField(
        choices=Perspektif.choices, allow_blank=True, read_only=True, help_text="Kosong bila tidak ada perspektif."
    )


class IndikatorUnitSerializer(serializers.ModelSerializer):
    tahun = serializers.IntegerField(source="periode.tahun", read_only=True)
    perspektif = _perspektif_field()

    class Meta:
        model = IndikatorUnit
        fields = [
            "id",
            "unit",
            "periode",
            "tahun",
            "jenis",
            "sasaran_strategis",
            "indikator",
            "satuan",
            "arah",
            "target",
            "perspektif",
            "urutan",
        ]
        read_only_fields = fields


class CapaianSerializer(serializers.Serializer):
    # Wide enough for every value the model can store: realisation up to 10^14 over a target down to 0.0001 gives
    # at most 10^20 % (21 digits before the point); a narrower field answered 500 and broke the list for good.
    persen = serializers.DecimalField(
        max_digits=26, decimal_places=2, allow_null=True, help_text="Dua desimal; null bila belum dapat dihitung."
    )
    teks = serializers.CharField(help_text='Mis. "107,14%" atau "—".')
    warna = serializers.ChoiceField(choices=["hijau", "kuning", "merah", "abu"])


def _capaian(c) -> dict:
    return CapaianSerializer({"persen": c.dibulatkan, "teks": c.teks, "warna": c.pita.kunci}).data


class IkiSerializer(serializers.ModelSerializer):
    target_label = serializers.CharField(read_only=True)

    class Meta:
        model = Iki
        fields = [
            "id",
            "rhk",
            "uraian",
            "aspek",
            "satuan",
            "arah",
            "target_bentuk",
            "target",
            "target_atas",
            "target_label",
            "batas_bawah_realisasi",
            "batas_atas_realisasi",
            "berlaku_sejak",
            "urutan",
        ]
        read_only_fields = fields


class RhkSerializer(serializers.ModelSerializer):
    iki = serializers.SerializerMethodField()
    perspektif = _perspektif_field()

    class Meta:
        model = Rhk
        fields = [
            "id",
            "skp",
            "jenis",
            "uraian",
            "rhk_atasan",
            "rhk_atasan_uraian",
            "status_tautan",
            "catatan_tautan",
            "indikator_unit",
            "perspektif",
            "urutan",
            "iki",
        ]
        read_only_fields = fields

    @extend_schema_field(IkiSerializer(many=True))
    def get_iki(self, obj: Rhk) -> list[dict]:
        ikis = getattr(obj, "iki_list", None)
        if ikis is None:
            ikis = obj.iki.all()
        # many=True gives a ListSerializer whose data is a list; the stubs type the call as one Serializer.
        return IkiSerializer(ikis, many=True).data  # type: ignore[return-value]


class SkpPegawaiSerializer(serializers.ModelSerializer):
    class Meta:
        model = Pegawai
        fields = ["id", "nip", "nama"]
        read_only_fields = fields


class SkpSerializer(serializers.ModelSerializer):
    pegawai = SkpPegawaiSerializer(read_only=True)
    tahun = serializers.IntegerField(source="periode.tahun", read_only=True)

    class Meta:
        model = Skp
        fields = [
            "id",
            "pegawai",
            "periode",
            "tahun",
            "revisi",
            "terkini",
            "status",
            "versi",
            "diajukan_pada",
            "disetujui_pada",
        ]
        read_only_fields = fields


class EkspektasiSerializer(serializers.ModelSerializer):
    class Meta:
        model = EkspektasiPerilaku
        fields = ["nilai", "ekspektasi_khusus"]
        read_only_fields = fields


class OrangSkpSerializer(serializers.Serializer):
    nama = serializers.CharField()
    nip = serializers.CharField()
    golongan = serializers.CharField()
    jabatan = serializers.CharField()
    unit = serializers.CharField()


class SkpDetailSerializer(SkpSerializer):
    """One SKP with the header people (snapshots once approved), RHK with IKI, perilaku kerja and lampiran."""

    kepala = serializers.SerializerMethodField(help_text="Pegawai dan pejabat penilai seperti tercetak pada SKP.")
    rhk = RhkSerializer(source="rhk_list", many=True, read_only=True)
    ekspektasi_perilaku = EkspektasiSerializer(source="ekspektasi_list", many=True, read_only=True)

    class Meta(SkpSerializer.Meta):
        fields = [
            *SkpSerializer.Meta.fields,
            "alasan_pengembalian",
            "revisi_dari",
            "kepala",
            "dukungan_sumber_daya",
            "skema_pertanggungjawaban",
            "konsekuensi",
            "rhk",
            "ekspektasi_perilaku",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.DictField(child=OrangSkpSerializer(), help_text="Kunci: pegawai, penilai."))
    def get_kepala(self, obj: Skp) -> dict:
        from indikator.exports import kepala_skp

        return kepala_skp(obj)


class DokumenSkpSerializer(serializers.Serializer):
    """The SKP's PDF while it is being made (202): ask ``unduh`` again after ``Retry-After`` seconds."""

    status = serializers.ChoiceField(choices=DokumenSkp.Status.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    pesan = serializers.CharField(read_only=True)
    unduh = serializers.SerializerMethodField(help_text="Alamat unduhan PDF, lengkap (alamat permintaan ini).")

    def get_unduh(self, obj: DokumenSkp) -> str:
        path = reverse("api-skp-pdf", args=[obj.skp_id])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class BuktiDukungSerializer(serializers.ModelSerializer):
    url = UriAtauKosongField(read_only=True, help_text="Tautan bukti (jenis tautan); kosong untuk jenis berkas.")
    unduh = serializers.SerializerMethodField(
        help_text="Alamat unduhan berkas, lengkap (hanya untuk jenis berkas; null untuk jenis tautan)."
    )

    class Meta:
        model = BuktiDukung
        fields = ["id", "realisasi", "jenis", "nama_asli", "tipe", "ukuran", "sha256", "url", "unduh", "dibuat"]
        read_only_fields = fields

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_unduh(self, obj: BuktiDukung) -> str | None:
        if obj.jenis != BuktiDukung.Jenis.BERKAS:
            return None
        path = reverse("api-bukti-dukung-unduh", args=[obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class RealisasiSerializer(serializers.ModelSerializer):
    capaian = serializers.SerializerMethodField()
    bukti = BuktiDukungSerializer(many=True, read_only=True)

    class Meta:
        model = Realisasi
        fields = ["id", "iki", "periode_ke", "nilai", "narasi", "versi", "capaian", "bukti", "diubah"]
        read_only_fields = fields

    @extend_schema_field(CapaianSerializer)
    def get_capaian(self, obj: Realisasi) -> dict:
        return _capaian(capaian_iki(obj.iki, obj.nilai))


class UmpanBalikSerializer(serializers.ModelSerializer):
    class Meta:
        model = UmpanBalik
        fields = ["id", "iki", "periode_ke", "penulis_nama", "teks", "balasan_untuk", "dibuat"]
        read_only_fields = fields


class DialogKinerjaSerializer(serializers.ModelSerializer):
    penilai_nama = serializers.CharField(
        source="penilai.nama", read_only=True, allow_null=True, help_text="Pejabat penilai yang mencatat dialog."
    )

    class Meta:
        model = DialogKinerja
        fields = ["id", "skp", "penilai", "penilai_nama", "tanggal", "catatan", "hasil", "dibuat"]
        read_only_fields = fields


class KaskadeHasilSerializer(serializers.Serializer):
    jumlah = serializers.IntegerField(help_text="Jumlah bawahan yang menerima RHK.")
    rhk = serializers.ListField(child=serializers.IntegerField(), help_text="Id RHK baru pada SKP bawahan.")


class PembukaanKembaliSerializer(serializers.ModelSerializer):
    tahun = serializers.IntegerField(source="periode.tahun", read_only=True)
    pegawai = SkpPegawaiSerializer(read_only=True)
    cakupan = serializers.SerializerMethodField(help_text="Yang dibuka, dalam kata-kata.")
    dibuat_oleh = serializers.CharField(
        source="dibuat_oleh.username", read_only=True, allow_null=True, help_text="Akun admin yang membuka."
    )

    class Meta:
        model = PembukaanKembali
        fields = [
            "id",
            "periode",
            "tahun",
            "pegawai",
            "periode_ke",
            "cakupan",
            "berlaku_sampai",
            "alasan",
            "dibuat_oleh",
            "dibuat",
        ]
        read_only_fields = fields
        extra_kwargs = {"periode_ke": {"help_text": "Kosong: seluruh periode (SKP dan semua realisasi)."}}

    def get_cakupan(self, obj: PembukaanKembali) -> str:
        if obj.periode_ke is None:
            return str(_("Seluruh periode (SKP dan semua realisasi)"))
        return str(_("Realisasi %(label)s") % {"label": obj.periode.label_periode_ke(obj.periode_ke)})


class ImporHasilSerializer(serializers.Serializer):
    jumlah = serializers.IntegerField(help_text="Jumlah baris indikator dalam berkas (baru atau diperbarui).")
    indikator = IndikatorUnitSerializer(many=True)


class RhkPilihanSerializer(serializers.ModelSerializer):
    skp_status = serializers.CharField(source="skp.status", read_only=True, help_text="Status SKP atasan.")

    class Meta:
        model = Rhk
        fields = ["id", "skp", "skp_status", "jenis", "uraian"]
        read_only_fields = fields


class PilihanTautanSerializer(serializers.Serializer):
    rhk_atasan = RhkPilihanSerializer(many=True, help_text="RHK atasan langsung yang boleh diintervensi.")
    indikator_unit = IndikatorUnitSerializer(
        many=True, help_text="Perjanjian Kinerja unit kerja Anda (untuk RHK kepala unit)."
    )


class PegawaiTimSerializer(serializers.ModelSerializer):
    jabatan = serializers.CharField(source="jabatan.nama", read_only=True)
    unit = serializers.CharField(source="unit.nama", read_only=True)

    class Meta:
        model = Pegawai
        fields = ["id", "nip", "nama", "jabatan", "unit"]
        read_only_fields = fields


class SkpRingkasSerializer(serializers.ModelSerializer):
    class Meta:
        model = Skp
        fields = ["id", "revisi", "status", "versi", "diajukan_pada", "disetujui_pada"]
        read_only_fields = fields


class SelPeriodeSerializer(serializers.Serializer):
    ke = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]  # shadows Field.label in the stubs
    terisi = serializers.IntegerField(help_text="IKI yang sudah ada realisasinya.")
    jumlah_iki = serializers.IntegerField(
        help_text="IKI yang wajib diisi untuk bulan/triwulan ini (yang sudah ada sebelum batasnya lewat)."
    )
    tanpa_isian = serializers.IntegerField(
        help_text="IKI tanpa realisasi yang baru ditambahkan setelah bulan/triwulan ini ditutup (bukan tunggakan)."
    )
    dimulai = serializers.BooleanField(help_text="Bulan/triwulan ini sudah dimulai.")
    status = serializers.ChoiceField(
        choices=["belum", "lengkap", "sebagian", "kosong", "tanpa_isian"],
        help_text="belum (belum dimulai), lengkap, sebagian, kosong, tanpa_isian (ditutup sebelum IKI ada).",
    )


class BarisTimSerializer(serializers.Serializer):
    pegawai = PegawaiTimSerializer()
    skp = SkpRingkasSerializer(allow_null=True, help_text="SKP terkini periode ini; null bila belum disusun.")
    status_skp = serializers.CharField(help_text="Status SKP dalam kata-kata.")
    jumlah_iki = serializers.IntegerField()
    capaian = serializers.SerializerMethodField(help_text="Rata-rata capaian IKI sampai saat ini.")
    tautan_putus = serializers.IntegerField(help_text="Jumlah RHK yang tautannya ke RHK atasan putus.")
    kosong = serializers.IntegerField(help_text="Bulan/triwulan yang sudah dimulai dan belum terisi lengkap.")
    sel = SelPeriodeSerializer(many=True)

    @extend_schema_field(CapaianSerializer)
    def get_capaian(self, obj) -> dict:
        return _capaian(obj.capaian)


class TautanPutusSerializer(serializers.ModelSerializer):
    pegawai = serializers.SerializerMethodField()

    class Meta:
        model = Rhk
        fields = ["id", "skp", "pegawai", "uraian", "catatan_tautan"]
        read_only_fields = fields

    @extend_schema_field(SkpPegawaiSerializer)
    def get_pegawai(self, obj: Rhk) -> dict:
        return SkpPegawaiSerializer(obj.skp.pegawai).data


class TimSerializer(serializers.Serializer):
    periode = PeriodeSerializer()
    penilai = SkpPegawaiSerializer()
    anggota = BarisTimSerializer(many=True, help_text="Setiap bawahan langsung yang aktif, urut nama.")
    menunggu_persetujuan = SkpSerializer(many=True, help_text="SKP yang diajukan dan menunggu persetujuan.")
    tautan_putus = TautanPutusSerializer(many=True, help_text="RHK bawahan yang tautannya putus.")


class TitikGrafikSerializer(serializers.Serializer):
    ke = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]  # shadows Field.label in the stubs
    realisasi = serializers.DecimalField(**ANGKA, allow_null=True)
    capaian = serializers.SerializerMethodField()

    @extend_schema_field(CapaianSerializer)
    def get_capaian(self, obj) -> dict:
        return _capaian(obj.capaian)


class RhkRingkasSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rhk
        fields = ["id", "jenis", "uraian", "status_tautan"]
        read_only_fields = fields


class BarisIkiSerializer(serializers.Serializer):
    iki = IkiSerializer()
    rhk = RhkRingkasSerializer()
    target_grafik = serializers.DecimalField(**ANGKA, help_text="Garis target pada grafik.")
    capaian = serializers.SerializerMethodField(help_text="Capaian sampai saat ini (periode terakhir yang terisi).")
    titik = TitikGrafikSerializer(many=True, help_text="Realisasi per bulan/triwulan (data grafik).")

    @extend_schema_field(CapaianSerializer)
    def get_capaian(self, obj) -> dict:
        return _capaian(obj.capaian)


class IsianKosongSerializer(serializers.Serializer):
    iki = serializers.IntegerField(source="iki.pk")
    iki_uraian = serializers.CharField(source="iki.uraian")
    ke = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]  # shadows Field.label in the stubs
    batas = serializers.DateField(help_text="Tenggat pengisian.")
    terbuka = serializers.BooleanField(help_text="Masih dapat diisi sekarang.")


class TenggatSerializer(serializers.Serializer):
    label = serializers.CharField()  # type: ignore[assignment]  # shadows Field.label in the stubs
    tanggal = serializers.DateField()
    jenis = serializers.ChoiceField(choices=["skp", "realisasi", "evaluasi"])


class DasborSerializer(serializers.Serializer):
    periode = PeriodeSerializer()
    pegawai = SkpPegawaiSerializer()
    skp = SkpSerializer(allow_null=True, help_text="SKP terkini periode ini; null bila belum disusun.")
    capaian = serializers.SerializerMethodField(help_text="Rata-rata capaian IKI sampai saat ini.")
    iki = BarisIkiSerializer(many=True)
    kosong = IsianKosongSerializer(many=True, help_text="Realisasi yang sudah jatuh tempo dan belum diisi.")
    tanpa_isian = IsianKosongSerializer(
        many=True,
        help_text="Bulan/triwulan yang ditutup sebelum IKI ditambahkan (revisi): tanpa isian, bukan tunggakan.",
    )
    tenggat = TenggatSerializer(many=True, help_text="Tenggat terdekat.")
    tautan_putus = RhkRingkasSerializer(many=True)
    umpan_balik_terbaru = UmpanBalikSerializer(many=True)

    @extend_schema_field(CapaianSerializer)
    def get_capaian(self, obj) -> dict:
        return _capaian(obj.capaian)
