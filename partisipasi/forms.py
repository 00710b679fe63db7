"""Forms of the complaint pages: parsing only. Every rule (known kelurahan and category, photo content, limits,
the order of statuses, who may act) is checked by ``partisipasi.services``; ``kinerja.forms.run_form`` puts its
Indonesian messages back on the form with the citizen's input kept."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kepegawaian.models import UnitKerja
from kinerja.teks import TEKS_PANJANG
from partisipasi.foto import MAKS_FOTO
from partisipasi.models import (
    JenisForum,
    KategoriAspirasi,
    KategoriPengaduan,
    Pengaduan,
    StatusAspirasi,
    UkuranTerhitung,
)
from partisipasi.services import MAKS_DESKRIPSI, MAKS_TEKS


class MultiFotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiFotoField(forms.FileField):
    """Up to ``MAKS_FOTO`` files in one input; the service checks each one's content."""

    widget = MultiFotoInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultiFotoField, self).clean(f, initial) for f in files]


class PengaduanForm(forms.Form):
    kategori = forms.ModelChoiceField(
        label=_("Kategori"), queryset=KategoriPengaduan.objects.filter(aktif=True), empty_label=_("— pilih —")
    )
    kelurahan = forms.ModelChoiceField(
        label=_("Kelurahan"),
        queryset=UnitKerja.objects.filter(jenis=UnitKerja.Jenis.KELURAHAN, aktif=True).order_by("nama"),
        empty_label=_("— pilih —"),
    )
    rw = forms.CharField(label=_("RW"), max_length=3, help_text=_("Angka RW, mis. 03."))
    deskripsi = forms.CharField(
        label=_("Uraian pengaduan"), max_length=MAKS_DESKRIPSI, widget=forms.Textarea(attrs={"rows": 6})
    )
    foto = MultiFotoField(
        label=_("Foto (paling banyak 3)"),
        required=False,
        help_text=_("JPEG, PNG atau WebP, paling besar 5 MB per foto. Data lokasi (GPS) dihapus dari foto."),
    )
    simpan_lokasi = forms.BooleanField(label=_("Simpan data lokasi (GPS) foto"), required=False)
    nama_pelapor = forms.CharField(label=_("Nama (tidak wajib)"), max_length=120, required=False)
    kontak_pelapor = forms.CharField(
        label=_("Nomor telepon atau email (tidak wajib)"),
        max_length=120,
        required=False,
        help_text=_("Hanya dilihat petugas unit yang menangani, untuk menghubungi Anda."),
    )
    publik = forms.BooleanField(label=_("Tampilkan pengaduan ini di daftar publik"), required=False, initial=True)
    # The honeypot: hidden from people by CSS, filled by bots.
    situs = forms.CharField(label=_("Jangan diisi"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kategori"].error_messages["invalid_choice"] = _(
            "Kategori tidak dikenal. Pilih kategori dari daftar."
        )
        self.fields["kelurahan"].error_messages["invalid_choice"] = _(
            "Kelurahan tidak dikenal. Pilih kelurahan dari daftar."
        )
        self.fields["deskripsi"].error_messages["required"] = _("Uraian pengaduan wajib diisi.")

    def clean_foto(self):
        foto = self.cleaned_data.get("foto") or []
        if len(foto) > MAKS_FOTO:
            raise forms.ValidationError(_("Paling banyak %(n)d foto.") % {"n": MAKS_FOTO})
        return foto


class LacakForm(forms.Form):
    kode = forms.CharField(label=_("Kode lacak"), max_length=20)


class UlasanForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Penilaian"), choices=[(i, str(i)) for i in range(1, 6)], coerce=int, widget=forms.RadioSelect
    )
    komentar = forms.CharField(
        label=_("Komentar (tidak wajib)"),
        required=False,
        max_length=MAKS_TEKS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BukaKembaliForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan membuka kembali"), max_length=MAKS_TEKS, widget=forms.Textarea(attrs={"rows": 3})
    )


class TransisiForm(forms.Form):
    ke = forms.ChoiceField(label=_("Status baru"), choices=Pengaduan.Status.choices)
    alasan = forms.CharField(
        label=_("Alasan/keterangan"),
        required=False,
        max_length=MAKS_TEKS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib untuk Disposisi dan Ditolak; ditampilkan kepada pelapor."),
    )
    unit_tujuan = forms.ModelChoiceField(
        label=_("Unit tujuan (untuk Disposisi)"),
        required=False,
        queryset=UnitKerja.objects.filter(aktif=True).order_by("nama"),
    )
    versi = forms.IntegerField(widget=forms.HiddenInput)


class TanggapanForm(forms.Form):
    teks = forms.CharField(label=_("Tanggapan resmi"), max_length=MAKS_TEKS, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teks"].error_messages["required"] = _("Tanggapan tidak boleh kosong.")


class GabungForm(forms.Form):
    utama = forms.IntegerField(label=_("Nomor pengaduan utama"), min_value=1)


class SembunyiForm(forms.Form):
    tersembunyi = forms.BooleanField(required=False, widget=forms.HiddenInput)
    alasan = forms.CharField(label=_("Alasan"), required=False, max_length=300)


class IkiTerhitungForm(forms.Form):
    """Bind an IKI to complaint figures. The IKI list is the current IKI the user may see (given by the view)."""

    iki: forms.ModelChoiceField = forms.ModelChoiceField(label=_("IKI"), queryset=None, empty_label=_("— pilih —"))
    unit = forms.ModelChoiceField(
        label=_("Unit penanganan"),
        queryset=UnitKerja.objects.filter(aktif=True).order_by("path"),
        empty_label=_("— pilih —"),
    )
    ukuran = forms.ChoiceField(label=_("Ukuran"), choices=UkuranTerhitung.choices)

    def __init__(self, *args, iki_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["iki"].queryset = iki_qs  # type: ignore[attr-defined]


class RentangForm(forms.Form):
    """A span of Jakarta dates (public figures); empty or bad input falls back to the current month."""

    mulai = forms.DateField(label=_("Dari"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    akhir = forms.DateField(label=_("Sampai"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class ForumForm(forms.Form):
    kelurahan = forms.ModelChoiceField(
        label=_("Kelurahan"),
        queryset=UnitKerja.objects.filter(jenis=UnitKerja.Jenis.KELURAHAN, aktif=True).order_by("nama"),
        empty_label=_("— pilih —"),
    )
    jenis = forms.ChoiceField(label=_("Jenis forum"), choices=JenisForum.choices)
    topik = forms.CharField(label=_("Topik"), max_length=200)
    mulai = forms.DateTimeField(label=_("Mulai"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    selesai = forms.DateTimeField(label=_("Selesai"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    tempat = forms.CharField(label=_("Tempat"), max_length=200)
    rw = forms.CharField(label=_("RW"), max_length=3, required=False, help_text=_("Kosong bila seluruh kelurahan."))


class HadirForm(forms.Form):
    nama = forms.CharField(
        label=_("Nama (tidak ditampilkan)"), max_length=120, required=False, help_text=_("Boleh dikosongkan.")
    )
    situs = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)  # honeypot


class NotulenForm(forms.Form):
    notulen = forms.CharField(label=_("Notulen"), widget=forms.Textarea(attrs={"rows": 8}), max_length=TEKS_PANJANG)


class AspirasiForm(forms.Form):
    kategori = forms.ChoiceField(label=_("Kategori"), choices=KategoriAspirasi.choices)
    rw = forms.CharField(label=_("RW"), max_length=3)
    uraian = forms.CharField(label=_("Uraian aspirasi"), max_length=MAKS_TEKS, widget=forms.Textarea(attrs={"rows": 3}))
    unit = forms.ModelChoiceField(
        label=_("Unit penanggung jawab"),
        queryset=UnitKerja.objects.filter(aktif=True).order_by("path"),
        empty_label=_("— pilih —"),
    )


class TindakLanjutForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=StatusAspirasi.choices)
    progres = forms.IntegerField(label=_("Progres (%)"), min_value=0, max_value=100)
    teks = forms.CharField(label=_("Keterangan publik"), max_length=MAKS_TEKS, widget=forms.Textarea(attrs={"rows": 3}))
    alasan = forms.CharField(
        label=_("Alasan (bila tidak direkomendasikan)"),
        max_length=MAKS_TEKS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
