"""HTML input of laporan: parsing only (the services check the rules)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.angka import PANJANG_MAKS, PESAN_TIDAK_SAH, AngkaTidakSah, parse_angka
from laporan.models import BATAS_ALASAN, BATAS_JAWABAN, BATAS_NAMA_PENANYA, BATAS_NARASI, BATAS_PERTANYAAN


class FormRun(forms.Form):
    unit: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None, label=_("Cakupan (unit dan seluruh unit di bawahnya)")
    )
    tahun = forms.IntegerField(label=_("Tahun laporan"), min_value=2000, max_value=2100)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["unit"].label_from_instance = lambda u: ("· " * u.depth) + u.nama  # type: ignore[attr-defined]


class FormTinjau(forms.Form):
    tantangan = forms.CharField(label=_("Tantangan"), widget=forms.Textarea(attrs={"rows": 5}), max_length=BATAS_NARASI)
    langkah = forms.CharField(
        label=_("Langkah ke depan"), widget=forms.Textarea(attrs={"rows": 5}), max_length=BATAS_NARASI
    )


class FormTarik(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan penarikan (ditampilkan kepada publik)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=BATAS_ALASAN,
    )


class FormPertanyaan(forms.Form):
    """A citizen's question or comment on a published report (no account)."""

    nama = forms.CharField(
        label=_("Nama (tidak wajib)"),
        max_length=BATAS_NAMA_PENANYA,
        required=False,
        help_text=_("Ditampilkan bersama pertanyaan Anda. Kosongkan bila ingin tanpa nama."),
    )
    isi = forms.CharField(
        label=_("Pertanyaan atau komentar"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=BATAS_PERTANYAAN,
        error_messages={"required": _("Tulis pertanyaan atau komentar Anda.")},
        help_text=_("Tampil setelah diperiksa admin unit. Jangan menulis data pribadi (NIK, alamat, nomor telepon)."),
    )
    # The honeypot: hidden from people by CSS, filled by bots.
    situs = forms.CharField(
        label=_("Jangan diisi"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


class FormJawab(forms.Form):
    jawaban = forms.CharField(
        label=_("Jawaban unit"), widget=forms.Textarea(attrs={"rows": 3}), max_length=BATAS_JAWABAN
    )


class FormSembunyi(forms.Form):
    alasan = forms.CharField(label=_("Alasan (hanya untuk admin)"), max_length=500, required=False)


class FormTargetMenengah(forms.Form):
    rencana: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, label=_("Rencana"))
    unit: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, label=_("Unit kerja"))
    indikator = forms.CharField(
        label=_("Indikator (nama persis seperti pada IKU unit)"), max_length=1000, widget=forms.TextInput
    )
    target = forms.CharField(label=_("Target akhir periode"), max_length=PANJANG_MAKS)

    def __init__(self, *args, rencana=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rencana"].queryset = rencana  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["unit"].label_from_instance = lambda u: ("· " * u.depth) + u.nama  # type: ignore[attr-defined]

    def clean_target(self):
        try:
            return parse_angka(self.cleaned_data["target"])
        except AngkaTidakSah as exc:
            raise forms.ValidationError(PESAN_TIDAK_SAH) from exc
