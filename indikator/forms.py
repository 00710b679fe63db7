"""Forms of the indikator pages. They only parse and check the shape of input; every rule (deadlines, who may
act, targets, links) is checked by ``indikator.services``, whose ``ValidationError`` the views put back on the
form so that the user keeps what he typed.

Forms that change an SKP carry its ``versi`` (optimistic locking): the view passes it to the service, which
refuses the change when somebody else (another tab) changed the SKP meanwhile.
"""

from typing import cast

from django import forms
from django.db.models import QuerySet
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from indikator.bukti import LABEL_TIPE_DIIZINKAN
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
    galat_target_rentang,
)
from kepegawaian.models import Pegawai, UnitKerja
from kinerja.angka import PANJANG_MAKS, PESAN_TIDAK_SAH, AngkaTidakSah, parse_angka
from kinerja.teks import TEKS_SEDANG

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AngkaField(forms.CharField):
    """A number as Indonesians type it: a decimal comma or a point ("7,5" or "7.5"); returns a ``Decimal``."""

    default_error_messages = {"invalid": PESAN_TIDAK_SAH}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "maxlength": PANJANG_MAKS})
        )
        super().__init__(*args, **kwargs)
        self.max_length = PANJANG_MAKS  # checked by parse_angka in to_python (a validator would see a Decimal)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            angka = parse_angka(value)
        except AngkaTidakSah as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc
        pesan = galat_besaran(angka)  # the magnitude the model holds, refused at the door
        if pesan:
            raise forms.ValidationError(pesan, code="max_digits")
        return angka


class VersiForm(forms.Form):
    """The version of the SKP the user read; sent back with every change."""

    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


# --- SKP ----------------------------------------------------------------------------------------------------------


class LampiranForm(VersiForm):
    dukungan_sumber_daya = forms.CharField(
        label=_("Dukungan sumber daya"),
        required=False,
        max_length=TEKS_SEDANG,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    skema_pertanggungjawaban = forms.CharField(
        label=_("Skema pertanggungjawaban"),
        required=False,
        max_length=TEKS_SEDANG,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    konsekuensi = forms.CharField(
        label=_("Konsekuensi"), required=False, max_length=TEKS_SEDANG, widget=forms.Textarea(attrs={"rows": 3})
    )


def potong_kata(teks: str, panjang: int = 120) -> str:
    """A long text shortened at a word boundary with an ellipsis ("… laporan…"), never cut mid-word."""
    teks = " ".join((teks or "").split())
    if len(teks) <= panjang:
        return teks
    potongan = teks[: panjang + 1].rsplit(" ", 1)[0] if " " in teks[:panjang] else teks[:panjang]
    return potongan.rstrip(",.;:") + "…"


class RhkPilihanField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Rhk) -> str:
        status = "" if obj.skp.status == "disetujui" else f" [{obj.skp.get_status_display()}]"
        return f"{obj.get_jenis_display()}: {potong_kata(obj.uraian)}{status}"


class IndikatorUnitPilihanField(forms.ModelChoiceField):
    def label_from_instance(self, obj: IndikatorUnit) -> str:
        return f"{obj.get_perspektif_display() or obj.get_jenis_display()}: {obj.indikator[:120]}"


class RhkForm(VersiForm):
    jenis = forms.ChoiceField(label=_("Jenis RHK"), choices=Rhk.Jenis.choices, initial=Rhk.Jenis.UTAMA)
    uraian = forms.CharField(
        label=_("Rencana hasil kerja"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Uraian RHK wajib diisi.")},
    )
    rhk_atasan = RhkPilihanField(
        label=_("RHK atasan yang diintervensi"),
        queryset=Rhk.objects.none(),
        required=False,
        empty_label=_("— Tanpa RHK atasan —"),
        help_text=_("Dari SKP terkini atasan langsung Anda; boleh yang masih draf."),
        error_messages={"invalid_choice": _("Pilih RHK dari SKP terkini atasan langsung Anda.")},
    )
    indikator_unit = IndikatorUnitPilihanField(
        label=_("Perjanjian Kinerja unit (untuk kepala unit)"),
        queryset=IndikatorUnit.objects.none(),
        required=False,
        empty_label=_("— Tidak dari Perjanjian Kinerja —"),
        help_text=_("Kepala unit mengambil RHK dari Perjanjian Kinerja unitnya, beserta perspektifnya."),
        error_messages={"invalid_choice": _("Pilih indikator Perjanjian Kinerja unit kerja Anda.")},
    )
    perspektif = forms.ChoiceField(
        label=_("Perspektif"),
        choices=[("", _("— Ikuti Perjanjian Kinerja / tanpa perspektif —")), *Perspektif.choices],
        required=False,
    )

    def __init__(self, *args, rhk_atasan: QuerySet[Rhk], indikator_unit: QuerySet[IndikatorUnit], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["rhk_atasan"]).queryset = rhk_atasan
        cast(forms.ModelChoiceField, self.fields["indikator_unit"]).queryset = indikator_unit
        if not indikator_unit.exists():
            del self.fields["indikator_unit"]
            del self.fields["perspektif"]


class IkiFieldsMixin(forms.Form):
    uraian = forms.CharField(
        label=_("Indikator kinerja individu"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Uraian indikator wajib diisi.")},
    )
    aspek = forms.ChoiceField(label=_("Aspek"), choices=Aspek.choices, initial=Aspek.KUANTITAS)
    satuan = forms.CharField(
        label=_("Satuan"), max_length=50, error_messages={"required": _("Satuan wajib diisi, misalnya dokumen.")}
    )
    arah = forms.ChoiceField(label=_("Arah"), choices=Arah.choices, initial=Arah.NAIK)
    target_bentuk = forms.ChoiceField(
        label=_("Bentuk target"), choices=BentukTarget.choices, initial=BentukTarget.ANGKA
    )
    target = AngkaField(
        label=_("Target (batas bawah bila rentang)"), error_messages={"required": _("Target wajib diisi.")}
    )
    target_atas = AngkaField(label=_("Batas atas (hanya untuk rentang)"), required=False)
    batas_bawah_realisasi = AngkaField(
        label=_("Realisasi paling kecil"),
        required=False,
        help_text=_("Kosongkan: realisasi tidak boleh negatif."),
    )
    batas_atas_realisasi = AngkaField(
        label=_("Realisasi paling besar"),
        required=False,
        help_text=_("Kosongkan: tanpa batas atas (100 untuk satuan persen)."),
    )

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data  # what Form.clean returns; its stub type is Optional
        bentuk = cleaned.get("target_bentuk")
        if bentuk == BentukTarget.RENTANG:
            pesan = galat_target_rentang(
                target_bentuk=bentuk, target=cleaned.get("target"), target_atas=cleaned.get("target_atas")
            )
            if pesan and "target_atas" not in self.errors:
                self.add_error("target_atas", pesan)
        else:
            cleaned["target_atas"] = None
        bawah, atas = cleaned.get("batas_bawah_realisasi"), cleaned.get("batas_atas_realisasi")
        if bawah is not None and atas is not None and bawah > atas and "batas_atas_realisasi" not in self.errors:
            self.add_error(
                "batas_atas_realisasi", _("Batas bawah realisasi tidak boleh lebih besar dari batas atasnya.")
            )
        return cleaned

    def iki_data(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in (
                "uraian",
                "aspek",
                "satuan",
                "arah",
                "target_bentuk",
                "target",
                "target_atas",
                "batas_bawah_realisasi",
                "batas_atas_realisasi",
            )
        }


class IkiForm(VersiForm, IkiFieldsMixin):
    pass


class AjukanForm(VersiForm):
    pass


class KembalikanForm(VersiForm):
    alasan = forms.CharField(
        label=_("Alasan pengembalian"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Alasan pengembalian wajib diisi.")},
    )


class EkspektasiForm(VersiForm):
    """The penilai's ekspektasi khusus, one text per BerAKHLAK value."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for nilai, label in EkspektasiPerilaku.Nilai.choices:
            self.fields[nilai] = forms.CharField(
                label=label, required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
            )


class DialogForm(forms.Form):
    tanggal = forms.DateField(label=_("Tanggal"), widget=DATE_WIDGET)
    catatan = forms.CharField(
        label=_("Catatan"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Catatan dialog kinerja wajib diisi.")},
    )
    hasil = forms.CharField(
        label=_("Hasil / tindak lanjut"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


# --- Realisation ----------------------------------------------------------------------------------------------------


class RealisasiForm(forms.Form):
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    nilai = AngkaField(label=_("Realisasi"), error_messages={"required": _("Nilai realisasi wajib diisi.")})
    narasi = forms.CharField(
        label=_("Narasi singkat"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class BuktiForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas"),
        required=False,
        # lazy: formatting a lazy string at import time would freeze it in the default language
        help_text=lazy(
            lambda: (
                _("%(jenis)s, paling besar 10 MB. Jenis berkas diperiksa dari isinya.")
                % {"jenis": LABEL_TIPE_DIIZINKAN}
            ),
            str,
        )(),
    )
    url = forms.URLField(
        label=_("atau tautan"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": _("Masukkan tautan yang sah, diawali https://.")},
    )

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data  # what Form.clean returns; its stub type is Optional
        if not self.errors and bool(cleaned.get("berkas")) == bool(cleaned.get("url")):
            raise forms.ValidationError(_("Lampirkan satu berkas atau satu tautan."))
        return cleaned


class UmpanBalikForm(forms.Form):
    teks = forms.CharField(
        label=_("Umpan balik"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Umpan balik tidak boleh kosong.")},
    )


class BalasanForm(forms.Form):
    """A reply to feedback: the same field, but an empty one is called a reply, not feedback."""

    teks = forms.CharField(
        label=_("Balasan"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Balasan tidak boleh kosong.")},
    )


# --- Bulk cascade ---------------------------------------------------------------------------------------------------


class BawahanWidget(forms.CheckboxSelectMultiple):
    """Checkboxes of the subordinates; those whose SKP cannot take a new RHK are disabled (``nonaktif``: pk → why)."""

    nonaktif: dict[int, str]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.nonaktif = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        alasan = self.nonaktif.get(getattr(value, "value", value))
        if alasan:
            option["attrs"]["disabled"] = True
            option["attrs"]["aria-describedby"] = f"{option['attrs'].get('id', '')}_alasan"
            option["alasan"] = alasan
        return option


class BawahanField(forms.ModelMultipleChoiceField):
    #: pk → the status of his current SKP in words, set by the view ("Draf", "Disetujui", "Belum disusun")
    status_skp: dict[int, str] = {}

    def label_from_instance(self, obj: Pegawai) -> str:
        status = self.status_skp.get(obj.pk)
        return f"{obj.nama} — {obj.jabatan.nama}" + (f" · SKP: {status}" if status else "")


class KaskadeForm(IkiFieldsMixin):
    rhk = RhkPilihanField(
        label=_("RHK Anda yang diturunkan"),
        queryset=Rhk.objects.none(),
        empty_label=_("— Pilih RHK —"),
        error_messages={
            "required": _("Pilih RHK Anda yang akan diturunkan."),
            "invalid_choice": _("Pilih salah satu RHK dari SKP terkini Anda."),
        },
    )
    uraian_rhk = forms.CharField(
        label=_("Uraian RHK bawahan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kosongkan untuk memakai uraian RHK Anda."),
    )
    jenis = forms.ChoiceField(label=_("Jenis RHK bawahan"), choices=Rhk.Jenis.choices, initial=Rhk.Jenis.UTAMA)
    bawahan = BawahanField(
        label=_("Bawahan"),
        queryset=Pegawai.objects.none(),
        widget=BawahanWidget,
        error_messages={
            "required": _("Pilih paling sedikit satu bawahan."),
            "invalid_choice": _("Pilih hanya bawahan langsung Anda."),
            "invalid_pk_value": _("Pilih hanya bawahan langsung Anda."),
        },
    )

    field_order = ["rhk", "uraian_rhk", "jenis", "uraian", "aspek", "satuan", "arah", "target_bentuk", "target"]

    def __init__(
        self,
        *args,
        rhk: QuerySet[Rhk],
        bawahan: QuerySet[Pegawai],
        status_skp: dict[int, str] | None = None,
        nonaktif: dict[int, str] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["rhk"]).queryset = rhk
        field = cast(BawahanField, self.fields["bawahan"])
        field.queryset = bawahan
        field.status_skp = status_skp or {}
        cast(BawahanWidget, field.widget).nonaktif = nonaktif or {}
        self.fields["uraian"].label = _("Indikator (IKI) bawahan")


# --- Admin ----------------------------------------------------------------------------------------------------------


class PeriodeForm(forms.ModelForm):
    class Meta:
        model = PeriodePenilaian
        fields = ["tahun", "periodisitas", "batas_penyusunan_skp", "hari_batas_realisasi", "batas_evaluasi_tahunan"]
        widgets = {"batas_penyusunan_skp": DATE_WIDGET, "batas_evaluasi_tahunan": DATE_WIDGET}
        error_messages = {"tahun": {"unique": _("Periode untuk tahun ini sudah ada.")}}


class PembukaanKembaliForm(forms.Form):
    nip = forms.CharField(
        label=_("NIP pegawai"),
        max_length=18,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("NIP pegawai wajib diisi.")},
    )
    periode_ke = forms.TypedChoiceField(
        label=_("Yang dibuka"), coerce=int, empty_value=None, required=False, choices=[]
    )
    berlaku_sampai = forms.DateField(label=_("Berlaku sampai"), widget=DATE_WIDGET)
    alasan = forms.CharField(
        label=_("Alasan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Alasan pembukaan kembali wajib diisi.")},
    )

    def __init__(self, *args, periode: PeriodePenilaian, pegawai_qs: QuerySet[Pegawai], **kwargs):
        super().__init__(*args, **kwargs)
        self.pegawai_qs = pegawai_qs
        pilihan = [("", _("Seluruh periode (SKP dan semua realisasi)"))] + [
            (str(ke), _("Realisasi %(label)s") % {"label": periode.label_periode_ke(ke)})
            for ke in periode.daftar_periode_ke
        ]
        cast(forms.ChoiceField, self.fields["periode_ke"]).choices = pilihan

    def clean_nip(self) -> Pegawai:
        nip = self.cleaned_data["nip"].strip()
        if not nip.isdigit() or len(nip) != 18:
            raise forms.ValidationError(_("NIP harus terdiri dari 18 angka."))
        pegawai = self.pegawai_qs.filter(nip=nip).first()
        if pegawai is None:
            raise forms.ValidationError(
                _("Tidak ada pegawai dengan NIP %(nip)s di unit yang Anda kelola.") % {"nip": nip}
            )
        return pegawai


class UnitPilihanField(forms.ModelChoiceField):
    def label_from_instance(self, obj: UnitKerja) -> str:
        return f"{'— ' * (obj.depth - 1)}{obj.nama} ({obj.kode})"


class PilihUnitForm(forms.Form):
    unit = UnitPilihanField(
        label=_("Unit kerja"), queryset=UnitKerja.objects.none(), empty_label=_("Pilih unit kerja…")
    )

    def __init__(self, *args, units: QuerySet[UnitKerja], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units.order_by("path")


class IndikatorUnitForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis"), choices=IndikatorUnit.Jenis.choices)
    sasaran_strategis = forms.CharField(
        label=_("Sasaran strategis"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    indikator = forms.CharField(label=_("Indikator"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    satuan = forms.CharField(label=_("Satuan"), max_length=50)
    arah = forms.ChoiceField(label=_("Arah"), choices=Arah.choices, initial=Arah.NAIK)
    target = AngkaField(label=_("Target"), error_messages={"required": _("Target wajib diisi.")})
    perspektif = forms.ChoiceField(
        label=_("Perspektif (wajib untuk Perjanjian Kinerja)"),
        choices=[("", "—"), *Perspektif.choices],
        required=False,
    )


class ImporIndikatorUnitForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas XLSX"),
        error_messages={"required": _("Pilih berkas XLSX yang akan diimpor.")},
    )
