"""HTML input of pelatihan: parsing only; the services validate the rules."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kepegawaian.models import Jabatan, UnitKerja
from kinerja.teks import TEKS_SEDANG
from pelatihan.models import ULASAN_KOMENTAR_MAKS, BidangKompetensi, Jenis, ModaKegiatan, Penyelenggara


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
    catatan = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=TEKS_SEDANG
    )
    keputusan = forms.ChoiceField(choices=[("setujui", _("Setujui")), ("tolak", _("Tolak"))])


class VerifikasiForm(forms.Form):
    kode = forms.CharField(label=_("Kode verifikasi"), max_length=30)


class UlasanForm(forms.Form):
    """The service checks the value (1–5) and who may rate; the form only reads the fields."""

    nilai = forms.CharField(label=_("Nilai (1–5)"), required=False, max_length=5)
    komentar = forms.CharField(label=_("Komentar"), required=False, max_length=ULASAN_KOMENTAR_MAKS)


class ProgramForm(forms.Form):
    """A programme of the catalogue (create and edit). ``unit_pemilik``: the units this admin manages; admin BKD
    may leave it empty for a province-wide programme."""

    judul = forms.CharField(label=_("Judul program"), max_length=200, required=False)
    deskripsi = forms.CharField(
        label=_("Deskripsi"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    bidang = forms.ChoiceField(label=_("Bidang kompetensi"), choices=BidangKompetensi.choices)
    kompetensi = forms.CharField(
        label=_("Kompetensi"), required=False, max_length=2000, help_text=_("Pisahkan dengan koma.")
    )
    jenis = forms.ChoiceField(label=_("Jenis"), choices=Jenis.choices)
    penyelenggara = forms.ChoiceField(label=_("Penyelenggara"), choices=Penyelenggara.choices)
    nama_penyelenggara = forms.CharField(label=_("Nama penyelenggara"), max_length=200, required=False)
    jp = forms.CharField(label=_("JP"), max_length=5, required=False, help_text=_("1 JP = 45 menit."))
    unit_pemilik = forms.ModelChoiceField(label=_("Unit pemilik"), queryset=UnitKerja.objects.none(), required=False)
    target_jabatan = forms.ModelMultipleChoiceField(
        label=_("Sasaran jabatan"), queryset=Jabatan.objects.none(), required=False
    )
    target_unit = forms.ModelMultipleChoiceField(
        label=_("Sasaran unit kerja"), queryset=UnitKerja.objects.none(), required=False
    )
    aktif = forms.BooleanField(label=_("Aktif (dapat dijadwalkan)"), required=False, initial=True)

    def __init__(self, *args, units, bkd: bool, **kwargs):
        super().__init__(*args, **kwargs)
        unit_field = cast(forms.ModelChoiceField, self.fields["unit_pemilik"])
        unit_field.queryset = units
        unit_field.empty_label = _("Seluruh Pemprov (Admin BKD)") if bkd else _("Pilih unit kerja…")
        cast(forms.ModelMultipleChoiceField, self.fields["target_unit"]).queryset = UnitKerja.objects.order_by("nama")
        cast(forms.ModelMultipleChoiceField, self.fields["target_jabatan"]).queryset = Jabatan.objects.order_by("nama")


class KegiatanForm(forms.Form):
    """An event of a programme (schedule and edit); ``unit_penyelenggara`` only when scheduling."""

    nama = forms.CharField(label=_("Nama angkatan/kelas"), max_length=200, required=False)
    tanggal_mulai = forms.DateField(label=_("Tanggal mulai"), widget=forms.DateInput(attrs={"type": "date"}))
    tanggal_selesai = forms.DateField(label=_("Tanggal selesai"), widget=forms.DateInput(attrs={"type": "date"}))
    pendaftaran_mulai = forms.DateField(label=_("Pendaftaran dibuka"), widget=forms.DateInput(attrs={"type": "date"}))
    pendaftaran_selesai = forms.DateField(
        label=_("Pendaftaran ditutup"), widget=forms.DateInput(attrs={"type": "date"})
    )
    kuota = forms.IntegerField(label=_("Kuota"), min_value=1, max_value=100000)
    moda = forms.ChoiceField(label=_("Moda"), choices=ModaKegiatan.choices)
    tempat = forms.CharField(label=_("Tempat"), max_length=200, required=False)
    tautan = forms.URLField(label=_("Tautan daring"), required=False, max_length=200, assume_scheme="https")
    unit_penyelenggara = forms.ModelChoiceField(
        label=_("Unit penyelenggara"), queryset=UnitKerja.objects.none(), required=False
    )

    def __init__(self, *args, units=None, bkd: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit_penyelenggara"]
            return
        unit_field = cast(forms.ModelChoiceField, self.fields["unit_penyelenggara"])
        unit_field.queryset = units
        unit_field.empty_label = _("Seluruh Pemprov (Admin BKD)") if bkd else _("Pilih unit kerja…")


class ImporRiwayatForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas CSV atau XLSX"),
        help_text=_("Satu baris untuk setiap pegawai yang telah menyelesaikan satu pelatihan."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
