"""Input serializers of the indikator API: types and shapes only (ids are plain integers that the views resolve
through ``indikator.access``; every domain rule is checked by ``indikator.services``). Numbers are read by
``AngkaField``, the one parser of the forms and the services (``kinerja.angka``)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from indikator.models import (
    Arah,
    Aspek,
    BentukTarget,
    EkspektasiPerilaku,
    IndikatorUnit,
    PeriodePenilaian,
    Perspektif,
    Rhk,
    galat_besaran,
)
from indikator.services.indikator_unit import IMPOR_MAKS_BYTE
from kinerja.angka import PESAN_TIDAK_SAH, AngkaTidakSah, parse_angka
from kinerja.teks import TEKS_SEDANG


@extend_schema_field(
    {
        "oneOf": [{"type": "number"}, {"type": "string", "example": "1.250,5"}],
        "description": 'Angka JSON (7.5) atau teks seperti diketik ("7,5", "1.250,5").',
    }
)
class AngkaField(serializers.DecimalField):
    """A number as JSON (``7.5``) or as Indonesians type it (``"7,5"``, ``"1.250,5"``), read by
    ``kinerja.angka.parse_angka`` as the forms and the services read it; then the usual digit limits."""

    default_error_messages = {"invalid": PESAN_TIDAK_SAH}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 18)
        kwargs.setdefault("decimal_places", 4)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if data == "" and self.allow_null:
            return None
        try:
            angka = parse_angka(data)
        except AngkaTidakSah:
            self.fail("invalid")
        pesan = galat_besaran(angka)  # the magnitude the model holds, with the forms' and services' message
        if pesan:
            raise serializers.ValidationError(str(pesan), code="max_digits")
        return super().to_internal_value(str(angka))


class VersiInputSerializer(serializers.Serializer):
    versi = serializers.IntegerField(min_value=1, help_text="Versi SKP yang Anda baca (penguncian optimistis).")


class PeriodeInputSerializer(serializers.Serializer):
    tahun = serializers.IntegerField(min_value=2000, max_value=2100)
    periodisitas = serializers.ChoiceField(
        choices=PeriodePenilaian.Periodisitas.choices, default=PeriodePenilaian.Periodisitas.TRIWULAN
    )
    batas_penyusunan_skp = serializers.DateField()
    hari_batas_realisasi = serializers.IntegerField(min_value=1, max_value=28, default=5)
    batas_evaluasi_tahunan = serializers.DateField()


class IndikatorUnitInputSerializer(serializers.Serializer):
    unit = serializers.IntegerField(help_text="Id unit kerja yang Anda kelola.")
    periode = serializers.IntegerField(help_text="Id periode penilaian.")
    jenis = serializers.ChoiceField(choices=IndikatorUnit.Jenis.choices)
    sasaran_strategis = serializers.CharField(max_length=2000)
    indikator = serializers.CharField(max_length=2000)
    satuan = serializers.CharField(max_length=50)
    arah = serializers.ChoiceField(choices=Arah.choices, default=Arah.NAIK)
    target = AngkaField()
    perspektif = serializers.ChoiceField(choices=Perspektif.choices, required=False, allow_blank=True, default="")


class SkpInputSerializer(serializers.Serializer):
    periode = serializers.IntegerField(help_text="Id periode penilaian yang dibuka.")
    salin_tahun_lalu = serializers.BooleanField(
        default=False, help_text="Mulai dari salinan SKP tahun sebelumnya (RHK, IKI, target, lampiran)."
    )


class SkpLampiranInputSerializer(VersiInputSerializer):
    dukungan_sumber_daya = serializers.CharField(required=False, allow_blank=True, max_length=TEKS_SEDANG)
    skema_pertanggungjawaban = serializers.CharField(required=False, allow_blank=True, max_length=TEKS_SEDANG)
    konsekuensi = serializers.CharField(required=False, allow_blank=True, max_length=TEKS_SEDANG)


class KembalikanInputSerializer(VersiInputSerializer):
    alasan = serializers.CharField(
        max_length=2000, allow_blank=True, help_text="Alasan pengembalian (wajib), dibaca oleh pegawai."
    )


class EkspektasiInputSerializer(VersiInputSerializer):
    nilai = serializers.ChoiceField(choices=EkspektasiPerilaku.Nilai.choices)
    ekspektasi_khusus = serializers.CharField(allow_blank=True, max_length=2000)


class DialogInputSerializer(serializers.Serializer):
    tanggal = serializers.DateField()
    catatan = serializers.CharField(max_length=4000, allow_blank=True)
    hasil = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class RhkInputSerializer(VersiInputSerializer):
    skp = serializers.IntegerField(required=False, help_text="Id SKP (wajib saat menambah).")
    jenis = serializers.ChoiceField(choices=Rhk.Jenis.choices, default=Rhk.Jenis.UTAMA)
    uraian = serializers.CharField(max_length=2000, allow_blank=True)
    rhk_atasan = serializers.IntegerField(
        required=False, allow_null=True, help_text="Id RHK atasan langsung yang diintervensi (boleh dari SKP draf)."
    )
    indikator_unit = serializers.IntegerField(
        required=False, allow_null=True, help_text="Id indikator Perjanjian Kinerja unit (untuk kepala unit)."
    )
    perspektif = serializers.ChoiceField(choices=Perspektif.choices, required=False, allow_blank=True)


class IkiDataSerializer(serializers.Serializer):
    uraian = serializers.CharField(max_length=2000, allow_blank=True)
    aspek = serializers.ChoiceField(choices=Aspek.choices, default=Aspek.KUANTITAS)
    satuan = serializers.CharField(max_length=50, allow_blank=True)
    arah = serializers.ChoiceField(choices=Arah.choices, default=Arah.NAIK)
    target_bentuk = serializers.ChoiceField(choices=BentukTarget.choices, default=BentukTarget.ANGKA)
    target = AngkaField(help_text="Batas bawah bila rentang.")
    target_atas = AngkaField(required=False, allow_null=True, help_text="Hanya untuk rentang.")
    batas_bawah_realisasi = AngkaField(
        required=False, allow_null=True, help_text="Batas bawah realisasi; kosong: realisasi tidak boleh negatif."
    )
    batas_atas_realisasi = AngkaField(
        required=False, allow_null=True, help_text="Batas atas realisasi; kosong: tanpa batas (100 untuk persen)."
    )


class IkiInputSerializer(VersiInputSerializer, IkiDataSerializer):
    rhk = serializers.IntegerField(required=False, help_text="Id RHK (wajib saat menambah).")


class IkiUbahInputSerializer(VersiInputSerializer):
    uraian = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    aspek = serializers.ChoiceField(choices=Aspek.choices, required=False)
    satuan = serializers.CharField(max_length=50, required=False, allow_blank=True)
    arah = serializers.ChoiceField(choices=Arah.choices, required=False)
    target_bentuk = serializers.ChoiceField(choices=BentukTarget.choices, required=False)
    target = AngkaField(required=False)
    target_atas = AngkaField(required=False, allow_null=True)
    batas_bawah_realisasi = AngkaField(required=False, allow_null=True)
    batas_atas_realisasi = AngkaField(required=False, allow_null=True)


class RealisasiInputSerializer(serializers.Serializer):
    iki = serializers.IntegerField(help_text="Id IKI Anda.")
    periode_ke = serializers.IntegerField(min_value=1, max_value=12, help_text="Bulan (1–12) atau triwulan (1–4).")
    nilai = AngkaField()
    narasi = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")
    berkas = serializers.FileField(
        required=False,
        help_text="Bukti dukung sekaligus (multipart): PDF, JPEG, PNG, XLSX atau DOCX, paling besar 10 MB.",
    )
    url = serializers.URLField(
        required=False, allow_blank=True, max_length=500, help_text="Atau tautan bukti dukung sekaligus."
    )

    def validate(self, attrs):
        if attrs.get("berkas") and attrs.get("url"):
            raise serializers.ValidationError(_("Lampirkan satu berkas atau satu tautan."))
        return attrs


class RealisasiUbahInputSerializer(serializers.Serializer):
    versi = serializers.IntegerField(min_value=1, help_text="Versi realisasi yang Anda baca.")
    nilai = AngkaField()
    narasi = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")


class BuktiInputSerializer(serializers.Serializer):
    realisasi = serializers.IntegerField(help_text="Id realisasi.")
    berkas = serializers.FileField(
        required=False, help_text="PDF, JPEG, PNG, XLSX atau DOCX, paling besar 10 MB (diperiksa dari isinya)."
    )
    url = serializers.URLField(required=False, allow_blank=True, max_length=500, help_text="Atau sebuah tautan.")

    def validate(self, attrs):
        if bool(attrs.get("berkas")) == bool(attrs.get("url")):
            raise serializers.ValidationError(_("Lampirkan satu berkas atau satu tautan."))
        return attrs


class UmpanBalikInputSerializer(serializers.Serializer):
    iki = serializers.IntegerField()
    periode_ke = serializers.IntegerField(min_value=1, max_value=12)
    teks = serializers.CharField(max_length=4000, allow_blank=True)


class BalasInputSerializer(serializers.Serializer):
    teks = serializers.CharField(max_length=4000, allow_blank=True)


class KaskadeInputSerializer(serializers.Serializer):
    rhk = serializers.IntegerField(help_text="Id RHK pada SKP terkini Anda yang diturunkan.")
    bawahan = serializers.ListField(
        child=serializers.IntegerField(), max_length=2000, help_text="Id pegawai bawahan langsung Anda."
    )
    uraian = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, help_text="Uraian RHK bawahan; kosong = sama."
    )
    jenis = serializers.ChoiceField(choices=Rhk.Jenis.choices, default=Rhk.Jenis.UTAMA)
    iki = IkiDataSerializer(many=True, help_text="Indikator dan target yang diberikan kepada setiap bawahan.")


class PembukaanKembaliInputSerializer(serializers.Serializer):
    periode = serializers.IntegerField(help_text="Id periode penilaian.")
    pegawai = serializers.IntegerField(help_text="Id pegawai yang isiannya dibuka kembali.")
    periode_ke = serializers.IntegerField(
        min_value=1,
        max_value=12,
        required=False,
        allow_null=True,
        default=None,
        help_text="Bulan/triwulan yang dibuka; kosong = seluruh periode (SKP dan semua realisasi).",
    )
    berlaku_sampai = serializers.DateField(help_text="Hari terakhir isian dapat diubah.")
    alasan = serializers.CharField(max_length=2000, allow_blank=True, help_text="Alasan (wajib), dicatat.")


class ImporIndikatorUnitInputSerializer(serializers.Serializer):
    unit = serializers.IntegerField(help_text="Id unit kerja yang Anda kelola.")
    periode = serializers.IntegerField(help_text="Id periode penilaian.")
    berkas = serializers.FileField(
        help_text="XLSX; lembar pertama berbaris judul: jenis, sasaran_strategis, indikator, satuan, arah, target, "
        "perspektif."
    )

    def validate_berkas(self, berkas):
        if berkas.size > IMPOR_MAKS_BYTE:  # early, for the message; the service checks it too
            raise serializers.ValidationError(_("Berkas impor paling besar 5 MB."))
        return berkas


class PeriodeQuerySerializer(serializers.Serializer):
    periode = serializers.IntegerField(
        required=False, help_text="Id periode penilaian; bawaan: periode tahun ini (atau yang terakhir dibuka)."
    )


class TimQuerySerializer(PeriodeQuerySerializer):
    penilai = serializers.IntegerField(
        required=False, help_text="Id pejabat penilai yang timnya dilihat; bawaan: Anda sendiri."
    )


class DasborQuerySerializer(PeriodeQuerySerializer):
    pegawai = serializers.IntegerField(
        required=False, help_text="Id pegawai yang dasbornya dilihat; bawaan: Anda sendiri."
    )
