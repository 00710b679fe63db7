"""Input and output serializers of the penilaian API. Inputs refuse fields they do not know, so that a crafted
request cannot slip a rating (or a decision) past an endpoint that does not take it: a 400 names the field."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from kinerja.skema import UriAtauKosongField
from kinerja.teks import TEKS_SEDANG
from penilaian import access
from penilaian.aturan import AreaKompetensi, PredikatOrganisasi, Rating
from penilaian.models import Evaluasi, Keberatan, PenetapanDistribusi


class KetatSerializer(serializers.Serializer):
    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            asing = sorted(set(data.keys()) - set(self.fields))
            if asing:
                raise serializers.ValidationError({k: [_("Kolom ini tidak dapat diisi di sini.")] for k in asing})
        return super().to_internal_value(data)


class EvaluasiOpenInputSerializer(KetatSerializer):
    pegawai = serializers.IntegerField()
    periode = serializers.IntegerField()
    periode_ke = serializers.IntegerField(allow_null=True, help_text="Kosong (null) untuk evaluasi tahunan.")


class EvaluasiSaveInputSerializer(KetatSerializer):
    versi = serializers.IntegerField()
    rating_hasil_kerja = serializers.ChoiceField(choices=Rating.choices, allow_blank=True, required=False, default="")
    rating_perilaku = serializers.ChoiceField(choices=Rating.choices, allow_blank=True, required=False, default="")
    alasan_beda_saran = serializers.CharField(required=False, default="", allow_blank=True, max_length=TEKS_SEDANG)
    catatan = serializers.CharField(required=False, default="", allow_blank=True, max_length=TEKS_SEDANG)
    umpan_balik_iki = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=TEKS_SEDANG), required=False, default=dict
    )
    umpan_balik_perilaku = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=TEKS_SEDANG), required=False, default=dict
    )
    rating_nilai = serializers.DictField(
        child=serializers.ChoiceField(choices=Rating.choices, allow_blank=True),
        required=False,
        default=dict,
        help_text='Rating per nilai BerAKHLAK, mis. {"kompeten": "di_bawah"}.',
    )
    catatan_pengembangan = serializers.CharField(required=False, default="", allow_blank=True, max_length=TEKS_SEDANG)
    area_pengembangan = serializers.ChoiceField(
        choices=AreaKompetensi.choices, required=False, default="", allow_blank=True
    )


class EvaluasiVersiInputSerializer(KetatSerializer):
    versi = serializers.IntegerField()


class MandiriInputSerializer(KetatSerializer):
    versi = serializers.IntegerField()
    hasil_kerja = serializers.ChoiceField(choices=Rating.choices, allow_blank=True, required=False, default="")
    perilaku = serializers.ChoiceField(choices=Rating.choices, allow_blank=True, required=False, default="")
    catatan = serializers.CharField(required=False, default="", allow_blank=True, max_length=TEKS_SEDANG)


class KosongInputSerializer(KetatSerializer):
    pass


class KeberatanInputSerializer(KetatSerializer):
    alasan = serializers.CharField(max_length=TEKS_SEDANG)
    bukti_tautan = serializers.URLField(required=False, default="", allow_blank=True, max_length=500)


class TanggapanInputSerializer(KetatSerializer):
    tanggapan = serializers.CharField(max_length=TEKS_SEDANG)


class KeputusanInputSerializer(KetatSerializer):
    keputusan = serializers.ChoiceField(choices=Keberatan.Keputusan.choices)
    alasan_keputusan = serializers.CharField(max_length=TEKS_SEDANG)
    rating_hasil_kerja = serializers.ChoiceField(choices=Rating.choices, allow_blank=True, required=False, default="")
    rating_perilaku = serializers.ChoiceField(choices=Rating.choices, allow_blank=True, required=False, default="")


#: what the pegawai does not see of his own evaluation while it is a draft (``access.can_see_rating``)
DRAF_TERSEMBUNYI = (
    "rating_hasil_kerja",
    "rating_perilaku",
    "saran_hasil_kerja",
    "alasan_beda_saran",
    "predikat",
    "catatan",
    "rating_nilai",
    "catatan_pengembangan",
    "area_pengembangan",
)


class _PilihanKosongMixin:
    """Read-only model fields lose ``allow_blank`` in DRF, so the schema's enum of a choice that may be blank (a
    rating not given yet, a decision not taken, a draft's rating hidden from its pegawai) would refuse the "" the API
    sends: it is kept for those fields."""

    def include_extra_kwargs(self, kwargs, extra_kwargs):
        kosong = kwargs.get("allow_blank") and "choices" in kwargs
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)  # type: ignore[misc]
        if kosong:
            kwargs["allow_blank"] = True
        return kwargs


class EvaluasiSerializer(_PilihanKosongMixin, serializers.ModelSerializer):
    """An evaluation; give ``context={"request": ...}`` so that a draft's ratings are left out for its pegawai."""

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and not access.can_see_rating(request.user, instance):
            for nama in DRAF_TERSEMBUNYI:
                data[nama] = {} if nama == "rating_nilai" else ""
        return data

    class Meta:
        model = Evaluasi
        fields = [
            "id",
            "pegawai",
            "periode",
            "jenis",
            "periode_ke",
            "skp",
            "penilai",
            "penilai_nama",
            "penilai_nip",
            "status",
            "versi",
            "rating_hasil_kerja",
            "rating_perilaku",
            "saran_hasil_kerja",
            "alasan_beda_saran",
            "predikat",
            "catatan",
            "rating_nilai",
            "catatan_pengembangan",
            "area_pengembangan",
            "mandiri_hasil_kerja",
            "mandiri_perilaku",
            "mandiri_catatan",
            "difinalkan_pada",
            "dibaca_pada",
        ]
        read_only_fields = fields


class KeberatanSerializer(_PilihanKosongMixin, serializers.ModelSerializer):
    bukti_tautan = UriAtauKosongField(read_only=True, help_text="Tautan bukti pendukung; kosong bila tidak ada.")

    class Meta:
        model = Keberatan
        fields = [
            "id",
            "evaluasi",
            "alasan",
            "bukti_tautan",
            "status",
            "diajukan_pada",
            "tanggapan_penilai",
            "ditanggapi_pada",
            "keputusan",
            "alasan_keputusan",
            "rating_hasil_kerja_semula",
            "rating_perilaku_semula",
            "predikat_semula",
            "diputuskan_oleh",
            "diputuskan_pada",
        ]
        read_only_fields = fields


# --- the organisation's side ------------------------------------------------------------------------------------


class PredikatUnitInputSerializer(KetatSerializer):
    periode_ke = serializers.IntegerField(allow_null=True, help_text="Kosong (null) untuk predikat tahunan.")
    predikat = serializers.ChoiceField(choices=PredikatOrganisasi.choices)
    catatan = serializers.CharField(required=False, default="", allow_blank=True, max_length=TEKS_SEDANG)


class PenetapanInputSerializer(KetatSerializer):
    justifikasi = serializers.CharField(
        required=False,
        default="",
        allow_blank=True,
        help_text="Wajib bila sebaran tidak sesuai kurva distribusi.",
        max_length=TEKS_SEDANG,
    )


class PelanggaranSerializer(serializers.Serializer):
    aturan = serializers.CharField()
    predikat = serializers.ListField(child=serializers.CharField())
    jumlah = serializers.IntegerField(help_text="Jumlah pegawai pada kelompok yang diperiksa.")
    batas = serializers.IntegerField(help_text="Batas aturan dalam jumlah orang.")
    selisih = serializers.IntegerField(help_text="Berapa orang sebaran meleset dari aturan.")
    pesan = serializers.CharField()


class PenetapanSerializer(serializers.ModelSerializer):
    class Meta:
        model = PenetapanDistribusi
        fields = [
            "id",
            "predikat_organisasi",
            "jumlah",
            "pelanggaran",
            "sesuai_kurva",
            "justifikasi",
            "ditetapkan_pada",
            "penandatangan_nama",
            "penandatangan_nip",
            "penandatangan_jabatan",
        ]
        read_only_fields = fields


class DistribusiSerializer(serializers.Serializer):
    unit = serializers.IntegerField(source="unit.pk")
    periode = serializers.IntegerField(source="periode.pk")
    predikat_organisasi = serializers.CharField(source="predikat_unit.predikat", default="")
    jumlah = serializers.DictField(child=serializers.IntegerField(), help_text="Jumlah pegawai per predikat.")
    total = serializers.IntegerField()
    draf = serializers.IntegerField(help_text="Evaluasi tahunan yang masih draf.")
    sesuai_kurva = serializers.BooleanField()
    pelanggaran = PelanggaranSerializer(many=True)
    penetapan = PenetapanSerializer(allow_null=True)
