"""HTML input of ``penilaian``: parsing only; the services hold the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from penilaian.aturan import Rating
from penilaian.models import Keberatan

#: feedback fields sit in the tables of the sheet, outside the <form> element they belong to
_DI_FORM = {"rows": "2", "form": "form-evaluasi"}

PILIHAN_RATING = [("", _("— belum dinilai —")), *Rating.choices]


class EvaluasiForm(forms.Form):
    """The penilai's draft: ratings, reason, notes, and one feedback field per IKI (``ub_iki_<pk>``) and per
    BerAKHLAK value (``ub_nilai_<nilai>``)."""

    versi = forms.IntegerField(widget=forms.HiddenInput)
    rating_hasil_kerja = forms.ChoiceField(label=_("Rating hasil kerja"), choices=PILIHAN_RATING, required=False)
    rating_perilaku = forms.ChoiceField(label=_("Rating perilaku kerja"), choices=PILIHAN_RATING, required=False)
    alasan_beda_saran = forms.CharField(
        label=_("Alasan bila berbeda dari saran"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    catatan = forms.CharField(
        label=_("Catatan / rekomendasi"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, iki_ids=(), nilai=(), **kwargs):
        super().__init__(*args, **kwargs)
        for pk in iki_ids:
            self.fields[f"ub_iki_{pk}"] = forms.CharField(
                label=_("Umpan balik"), widget=forms.Textarea(attrs=_DI_FORM), required=False
            )
        for n in nilai:
            self.fields[f"ub_nilai_{n}"] = forms.CharField(
                label=_("Umpan balik"), widget=forms.Textarea(attrs=_DI_FORM), required=False
            )

    def umpan_balik(self) -> tuple[dict[int, str], dict[str, str]]:
        data = self.cleaned_data
        per_iki = {int(k.removeprefix("ub_iki_")): v for k, v in data.items() if k.startswith("ub_iki_")}
        per_nilai = {k.removeprefix("ub_nilai_"): v for k, v in data.items() if k.startswith("ub_nilai_")}
        return per_iki, per_nilai


class VersiForm(forms.Form):
    versi = forms.IntegerField(widget=forms.HiddenInput)


class MandiriForm(forms.Form):
    versi = forms.IntegerField(widget=forms.HiddenInput)
    hasil_kerja = forms.ChoiceField(label=_("Hasil kerja menurut saya"), choices=PILIHAN_RATING, required=False)
    perilaku = forms.ChoiceField(label=_("Perilaku kerja menurut saya"), choices=PILIHAN_RATING, required=False)
    catatan = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class KeberatanForm(forms.Form):
    alasan = forms.CharField(label=_("Alasan keberatan"), widget=forms.Textarea(attrs={"rows": 4}))
    bukti_tautan = forms.URLField(label=_("Tautan bukti pendukung (opsional)"), required=False, assume_scheme="https")


class TanggapanForm(forms.Form):
    tanggapan = forms.CharField(label=_("Tanggapan pejabat penilai"), widget=forms.Textarea(attrs={"rows": 3}))


class KeputusanForm(forms.Form):
    keputusan = forms.ChoiceField(label=_("Keputusan"), choices=Keberatan.Keputusan.choices, widget=forms.RadioSelect)
    alasan_keputusan = forms.CharField(label=_("Alasan keputusan"), widget=forms.Textarea(attrs={"rows": 3}))
    rating_hasil_kerja = forms.ChoiceField(label=_("Rating hasil kerja baru"), choices=PILIHAN_RATING, required=False)
    rating_perilaku = forms.ChoiceField(label=_("Rating perilaku kerja baru"), choices=PILIHAN_RATING, required=False)
