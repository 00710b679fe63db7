"""HTML input of laporan: parsing only (the services check the rules)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from laporan.models import BATAS_ALASAN, BATAS_NARASI


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
