"""HTML input of pelatihan: parsing only; the services validate the rules."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from pelatihan.models import ULASAN_KOMENTAR_MAKS, BidangKompetensi, Jenis


class DaftarForm(forms.Form):
    daftar_tunggu = forms.BooleanField(label=_("Masuk daftar tunggu bila kuota penuh"), required=False)


class NominasiForm(forms.Form):
    kegiatan = forms.IntegerField(label=_("Kegiatan"))
    pegawai = forms.TypedMultipleChoiceField(label=_("Bawahan"), coerce=int, choices=())
    daftar_tunggu = forms.BooleanField(label=_("Masuk daftar tunggu bila kuota penuh"), required=False, initial=True)

    def __init__(self, *args, bawahan=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["pegawai"]).choices = [(p.pk, p.nama) for p in bawahan]


class KehadiranForm(forms.Form):
    tanggal = forms.DateField(label=_("Tanggal"))
    hadir = forms.TypedMultipleChoiceField(label=_("Hadir"), coerce=int, required=False, choices=())

    def __init__(self, *args, peserta=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["hadir"]).choices = [(p.pk, p.pegawai.nama) for p in peserta]


class KelulusanForm(forms.Form):
    peserta = forms.TypedMultipleChoiceField(label=_("Peserta"), coerce=int, choices=())

    def __init__(self, *args, peserta=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["peserta"]).choices = [(p.pk, p.pegawai.nama) for p in peserta]


class EksternalForm(forms.Form):
    judul = forms.CharField(label=_("Judul pelatihan"), max_length=200)
    jenis = forms.ChoiceField(label=_("Jenis"), choices=Jenis.choices)
    bidang = forms.ChoiceField(label=_("Bidang kompetensi"), choices=BidangKompetensi.choices)
    penyelenggara = forms.CharField(label=_("Penyelenggara"), max_length=200)
    tanggal_mulai = forms.DateField(label=_("Tanggal mulai"), widget=forms.DateInput(attrs={"type": "date"}))
    tanggal_selesai = forms.DateField(label=_("Tanggal selesai"), widget=forms.DateInput(attrs={"type": "date"}))
    jp = forms.CharField(label=_("JP"), max_length=5)
    berkas = forms.FileField(label=_("Sertifikat (PDF, JPEG atau PNG, paling besar 10 MB)"))


class KeputusanForm(forms.Form):
    catatan = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    keputusan = forms.ChoiceField(choices=[("setujui", _("Setujui")), ("tolak", _("Tolak"))])


class VerifikasiForm(forms.Form):
    kode = forms.CharField(label=_("Kode verifikasi"), max_length=30)


class UlasanForm(forms.Form):
    """The service checks the value (1–5) and who may rate; the form only reads the fields."""

    nilai = forms.CharField(label=_("Nilai (1–5)"), required=False)
    komentar = forms.CharField(label=_("Komentar"), required=False, max_length=ULASAN_KOMENTAR_MAKS)
