"""HTML input of ``penilaian``: parsing only; the services hold the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.teks import TEKS_SEDANG
from penilaian.aturan import AreaKompetensi, PredikatOrganisasi, Rating
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
        label=_("Alasan bila berbeda dari saran"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=TEKS_SEDANG,
    )
    catatan = forms.CharField(
        label=_("Catatan / rekomendasi"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=TEKS_SEDANG,
    )

    catatan_pengembangan = forms.CharField(
        label=_("Kebutuhan pengembangan (catatan penilai)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=TEKS_SEDANG,
        help_text=_("Diisi bila pegawai perlu mengembangkan kompetensi; dicatat sebagai kebutuhan saat final."),
    )
    area_pengembangan = forms.ChoiceField(
        label=_("Area kompetensi"), choices=[("", "—"), *AreaKompetensi.choices], required=False
    )

    def __init__(self, *args, iki_ids=(), nilai=(), **kwargs):
        super().__init__(*args, **kwargs)
        for n in nilai:
            self.fields[f"rn_{n}"] = forms.ChoiceField(
                label=_("Rating nilai"), choices=PILIHAN_RATING, required=False, widget=forms.Select(attrs=_DI_FORM)
            )
        for pk in iki_ids:
            self.fields[f"ub_iki_{pk}"] = forms.CharField(
                label=_("Umpan balik"), widget=forms.Textarea(attrs=_DI_FORM), required=False, max_length=TEKS_SEDANG
            )
        for n in nilai:
            self.fields[f"ub_nilai_{n}"] = forms.CharField(
                label=_("Umpan balik"), widget=forms.Textarea(attrs=_DI_FORM), required=False, max_length=TEKS_SEDANG
            )

    def umpan_balik(self) -> tuple[dict[int, str], dict[str, str]]:
        data = self.cleaned_data
        per_iki = {int(k.removeprefix("ub_iki_")): v for k, v in data.items() if k.startswith("ub_iki_")}
        per_nilai = {k.removeprefix("ub_nilai_"): v for k, v in data.items() if k.startswith("ub_nilai_")}
        return per_iki, per_nilai

    def rating_nilai(self) -> dict[str, str]:
        return {k.removeprefix("rn_"): v for k, v in self.cleaned_data.items() if k.startswith("rn_") and v}


class VersiForm(forms.Form):
    versi = forms.IntegerField(widget=forms.HiddenInput)


class MandiriForm(forms.Form):
    versi = forms.IntegerField(widget=forms.HiddenInput)
    hasil_kerja = forms.ChoiceField(label=_("Hasil kerja menurut saya"), choices=PILIHAN_RATING, required=False)
    perilaku = forms.ChoiceField(label=_("Perilaku kerja menurut saya"), choices=PILIHAN_RATING, required=False)
    catatan = forms.CharField(
        label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=TEKS_SEDANG
    )


class KeberatanForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan keberatan"), widget=forms.Textarea(attrs={"rows": 4}), max_length=TEKS_SEDANG
    )
    bukti_tautan = forms.URLField(
        label=_("Tautan bukti pendukung (opsional)"), required=False, assume_scheme="https", max_length=500
    )


class TanggapanForm(forms.Form):
    tanggapan = forms.CharField(
        label=_("Tanggapan pejabat penilai"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEKS_SEDANG
    )


class KeputusanForm(forms.Form):
    keputusan = forms.ChoiceField(label=_("Keputusan"), choices=Keberatan.Keputusan.choices, widget=forms.RadioSelect)
    alasan_keputusan = forms.CharField(
        label=_("Alasan keputusan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEKS_SEDANG
    )
    rating_hasil_kerja = forms.ChoiceField(label=_("Rating hasil kerja baru"), choices=PILIHAN_RATING, required=False)
    rating_perilaku = forms.ChoiceField(label=_("Rating perilaku kerja baru"), choices=PILIHAN_RATING, required=False)


PILIHAN_KE_TAHUNAN = "tahunan"


class PredikatUnitForm(forms.Form):
    ke = forms.CharField(label=_("Periode"), widget=forms.Select, max_length=20)
    predikat = forms.ChoiceField(label=_("Predikat kinerja organisasi"), choices=PredikatOrganisasi.choices)
    catatan = forms.CharField(
        label=_("Dasar penetapan"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=TEKS_SEDANG
    )

    def __init__(self, *args, pilihan_ke=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.pilihan = [(PILIHAN_KE_TAHUNAN, _("Tahunan")), *[(str(k), label) for k, label in pilihan_ke]]
        self.fields["ke"].widget.choices = self.pilihan

    def clean_ke(self) -> int | None:
        ke = self.cleaned_data["ke"]
        if ke not in {k for k, _label in self.pilihan}:
            raise forms.ValidationError(_("Pilih periode."))
        return None if ke == PILIHAN_KE_TAHUNAN else int(ke)


class PenetapanForm(forms.Form):
    justifikasi = forms.CharField(
        label=_("Justifikasi (wajib bila sebaran tidak sesuai kurva)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=TEKS_SEDANG,
    )


class KalibrasiBukaForm(forms.Form):
    catatan = forms.CharField(
        label=_("Catatan sesi"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=TEKS_SEDANG
    )


class KalibrasiUbahForm(forms.Form):
    evaluasi = forms.IntegerField(widget=forms.HiddenInput)
    rating_hasil_kerja = forms.ChoiceField(label=_("Rating hasil kerja"), choices=Rating.choices)
    rating_perilaku = forms.ChoiceField(label=_("Rating perilaku kerja"), choices=Rating.choices)
    alasan = forms.CharField(
        label=_("Alasan perubahan"), widget=forms.Textarea(attrs={"rows": 2}), max_length=TEKS_SEDANG
    )


class KosongForm(forms.Form):
    """A form with no field: a button that only confirms (CSRF-protected POST)."""
