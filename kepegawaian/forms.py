"""Forms of the kepegawaian pages. They only parse and check input; every write goes through ``services``."""

from auditlog.models import LogEntry
from django import forms
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kepegawaian import selectors
from kepegawaian.models import Jabatan, Pegawai, PeranAdmin, UnitKerja, User


class CariPegawaiForm(forms.Form):
    q = forms.CharField(
        label=_("Cari nama atau NIP"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Nama atau NIP…")}),
    )
    semua = forms.BooleanField(label=_("Termasuk unit di bawahnya"), required=False)


class UnitChoiceField(forms.ModelChoiceField):
    """Units as an indented tree in a select."""

    def label_from_instance(self, obj: UnitKerja) -> str:
        return f"{'— ' * (obj.depth - 1)}{obj.nama} ({obj.kode})"


class PegawaiUbahForm(forms.Form):
    """What an admin may change on a pegawai here: unit, jabatan and atasan langsung (by NIP).

    The atasan is entered by NIP rather than picked from a list: the province has tens of thousands of people, and
    the head of a unit usually reports to someone outside the admin's own subtree.
    """

    unit = forms.CharField(
        label=_("Unit kerja"),
        max_length=255,
        help_text=_("Kode unit atau namanya (cukup sebagian nama bila hanya satu unit yang cocok)."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    jabatan = forms.ModelChoiceField(
        label=_("Jabatan"), queryset=Jabatan.objects.order_by("nama"), empty_label=_("Pilih jabatan…")
    )
    atasan = forms.CharField(
        label=_("NIP atasan langsung"),
        required=False,
        max_length=18,
        help_text=_("Kosongkan bila pegawai ini tidak memiliki atasan langsung di Pemprov (misalnya Gubernur)."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    # A typed unit rather than a select: an admin of the Dinas Pendidikan manages ~700 units (schools), and a list
    # of them all made his pegawai page four times the size of a small unit's (issue 9, docs/skala.md).
    UNIT_KANDIDAT = 5

    def __init__(self, *args, units: QuerySet[UnitKerja], **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units

    def clean_unit(self) -> UnitKerja:
        """The unit typed, among those the admin manages: by code, by whole name, or by a part of the name that
        only one of them holds; otherwise the error names the candidates (at most ``UNIT_KANDIDAT``)."""
        teks = self.cleaned_data["unit"].strip()
        persis = self.units.filter(Q(kode__iexact=teks) & ~Q(kode="") | Q(nama__iexact=teks)).order_by("path")[:2]
        if len(persis) == 1:
            return persis[0]
        cocok = list(self.units.filter(nama__icontains=teks).order_by("path")[: self.UNIT_KANDIDAT + 1])
        if len(cocok) == 1:
            return cocok[0]
        if not cocok:
            raise forms.ValidationError(
                _("Tidak ada unit kerja yang Anda kelola dengan kode atau nama “%(teks)s”.") % {"teks": teks}
            )
        daftar = "; ".join(f"{u.nama} ({u.kode})" for u in cocok[: self.UNIT_KANDIDAT])
        if len(cocok) > self.UNIT_KANDIDAT:
            daftar += "; …"
        raise forms.ValidationError(
            _("Lebih dari satu unit kerja cocok dengan “%(teks)s”: %(daftar)s. Ketik kode unitnya.")
            % {"teks": teks, "daftar": daftar}
        )

    def clean_atasan(self) -> Pegawai | None:
        nip = (self.cleaned_data.get("atasan") or "").strip()
        if not nip:
            return None
        if not nip.isdigit() or len(nip) != 18:
            raise forms.ValidationError(_("NIP harus terdiri dari 18 angka."))
        atasan = Pegawai.objects.filter(nip=nip, aktif=True).first()
        if atasan is None:
            raise forms.ValidationError(_("Tidak ada pegawai aktif dengan NIP %(nip)s.") % {"nip": nip})
        return atasan


AKSI_CHOICES = [
    ("", _("Semua aksi")),
    (str(LogEntry.Action.CREATE), _("Dibuat")),
    (str(LogEntry.Action.UPDATE), _("Diubah")),
    (str(LogEntry.Action.DELETE), _("Dihapus")),
]


class AuditFilterForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Data"), choices=selectors.audit_jenis_pilihan, required=False)
    aksi = forms.TypedChoiceField(label=_("Aksi"), choices=AKSI_CHOICES, required=False, coerce=int, empty_value=None)
    pelaku = forms.CharField(label=_("Pelaku"), required=False, max_length=100)
    q = forms.CharField(label=_("Objek"), required=False, max_length=100)
    dari = forms.DateField(
        label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    sampai = forms.DateField(
        label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    # The "older entries" link's position (keyset pagination), never typed by a person.
    sebelum = forms.CharField(required=False, max_length=80, widget=forms.HiddenInput)

    def clean_sebelum(self):
        teks = self.cleaned_data["sebelum"]
        if not teks:
            return None
        posisi = selectors.audit_kursor_baca(teks)
        if posisi is None:
            # A hidden field: shown with the form's general errors.
            self.add_error(None, _("Tautan halaman tidak valid. Mulai lagi dari halaman pertama."))
        return posisi

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data  # what Form.clean returns; its stub type is Optional
        dari, sampai = cleaned.get("dari"), cleaned.get("sampai")
        if dari and sampai and dari > sampai:
            self.add_error("sampai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return cleaned


# --- Logins and admin roles (views/akun.py) -----------------------------------------------------------------------


def _sandi_baru_field(label, help_text="") -> forms.CharField:
    """A new password as typed (not stripped), hidden, and not filled in by the browser with a saved one."""
    return forms.CharField(
        label=label,
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=help_text,
    )


class _SandiBaruMixin(forms.Form):
    """A new password typed twice. Its strength is checked by the service (Django's password validators)."""

    sandi = _sandi_baru_field(
        _("Kata sandi"),
        _("Minimal 8 karakter, tidak hanya angka, tidak mudah ditebak dan tidak mirip nama pengguna."),
    )
    sandi_ulang = _sandi_baru_field(_("Ulangi kata sandi"))

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data  # what Form.clean returns; its stub type is Optional
        sandi, ulang = cleaned.get("sandi"), cleaned.get("sandi_ulang")
        if sandi and ulang and sandi != ulang:
            self.add_error("sandi_ulang", _("Kedua isian kata sandi tidak sama."))
        return cleaned


class AkunBuatForm(_SandiBaruMixin):
    username = forms.CharField(
        label=_("Nama pengguna"),
        required=False,
        max_length=150,
        help_text=_("Kosongkan untuk memakai NIP pegawai sebagai nama pengguna."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    field_order = ["username", "sandi", "sandi_ulang"]


class AkunSandiForm(_SandiBaruMixin):
    sandi = _sandi_baru_field(
        _("Kata sandi baru"),
        _(
            "Sampaikan kata sandi ini kepada pegawai; ia wajib menggantinya saat masuk. Sesi dan token API lamanya "
            "berhenti berlaku."
        ),
    )


class PeranBeriForm(forms.Form):
    """Grant an admin role: the login by its username, the unit by its code (both as HR staff know them)."""

    username = forms.CharField(
        label=_("Nama pengguna"),
        max_length=150,
        help_text=_("Untuk akun pegawai biasanya NIP-nya."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    peran = forms.ChoiceField(label=_("Peran"), choices=PeranAdmin.Peran.choices)
    unit_kode = forms.CharField(
        label=_("Kode unit kerja"),
        required=False,
        max_length=30,
        help_text=_("Wajib untuk admin unit: ia mengelola unit ini beserta seluruh unit di bawahnya."),
    )

    def clean_username(self) -> User:
        username = self.cleaned_data["username"].strip()
        user = User.objects.filter(username=username).first()
        if user is None:
            raise forms.ValidationError(_("Tidak ada akun dengan nama pengguna %(u)s.") % {"u": username})
        return user

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data  # what Form.clean returns; its stub type is Optional
        peran, kode = cleaned.get("peran"), (cleaned.get("unit_kode") or "").strip()
        cleaned["unit"] = None
        if peran == PeranAdmin.Peran.ADMIN_UNIT:
            if not kode:
                self.add_error("unit_kode", _("Admin unit harus diberi unit kerja."))
            else:
                unit = selectors.unit_by_kode(kode)
                if unit is None:
                    self.add_error("unit_kode", _("Tidak ada unit kerja dengan kode %(kode)s.") % {"kode": kode})
                cleaned["unit"] = unit
        elif peran == PeranAdmin.Peran.ADMIN_BKD and kode:
            self.add_error("unit_kode", _("Admin BKD tidak terikat unit kerja; kosongkan kode unit."))
        return cleaned


class CariPeranForm(forms.Form):
    q = forms.CharField(
        label=_("Cari"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Nama pengguna, nama, atau kode unit…")}),
    )
    peran = forms.ChoiceField(
        label=_("Peran"), required=False, choices=[("", _("Semua peran")), *PeranAdmin.Peran.choices]
    )


# --- The person's own password (views/masuk.py) ---------------------------------------------------------------------


class _SandiSendiriMixin:
    """Django's password forms, saving through ``services.sandi_change`` (audited, clears a forced change)."""

    user: User
    cleaned_data: dict

    def save(self, commit: bool = True):
        from kepegawaian import services

        self.user = services.sandi_change(actor=self.user, user=self.user, password=self.cleaned_data["new_password1"])
        return self.user


class GantiSandiForm(_SandiSendiriMixin, PasswordChangeForm):
    pass


class SandiBaruForm(_SandiSendiriMixin, SetPasswordForm):
    pass


class LupaSandiForm(PasswordResetForm):
    """Django's reset form, for every login that may sign in (``masuk.akun_boleh_masuk``), also one never activated
    (no usable password yet: the link then activates it)."""

    def get_users(self, email):
        from kepegawaian.masuk import akun_boleh_masuk

        for user in User.objects.select_related("pegawai").filter(email__iexact=email, is_active=True):
            if akun_boleh_masuk(user) and user.email.casefold() == email.casefold():
                yield user
