"""Django admin for the people and organisation data (for staff accounts; day-to-day work uses the app's pages).

Changes made here are recorded by django-auditlog (its middleware sets the actor), like those made through
``services``.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from kepegawaian.models import Jabatan, Pegawai, PeranAdmin, UnitKerja, User
from kepegawaian.services import validate_atasan


class PeranAdminInline(admin.TabularInline):
    model = PeranAdmin
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["unit"]
    readonly_fields = ["diberikan_pada"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [PeranAdminInline]
    list_display = ["username", "first_name", "last_name", "is_active", "is_staff", "last_login"]


@admin.register(UnitKerja)
class UnitKerjaAdmin(TreeAdmin):
    form = movenodeform_factory(UnitKerja)
    list_display = ["nama", "kode", "jenis", "aktif"]
    list_filter = ["jenis", "aktif"]
    search_fields = ["nama", "kode"]


@admin.register(Jabatan)
class JabatanAdmin(admin.ModelAdmin):
    list_display = ["nama", "jenis"]
    list_filter = ["jenis"]
    search_fields = ["nama"]


class PegawaiAdminForm(forms.ModelForm):
    class Meta:
        model = Pegawai
        fields = ["nip", "nama", "status", "golongan", "email", "aktif", "unit", "jabatan", "atasan", "user"]

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data  # what Form.clean returns; its stub type is Optional
        # The same loop check as the services: a pegawai cannot be his own atasan, directly or through a loop.
        validate_atasan(pegawai=self.instance, atasan=cleaned.get("atasan"))
        return cleaned


@admin.register(Pegawai)
class PegawaiAdmin(admin.ModelAdmin):
    form = PegawaiAdminForm
    list_display = ["nama", "nip", "status", "golongan", "jabatan", "unit", "atasan", "aktif"]
    list_filter = ["status", "aktif", "jabatan__jenis"]
    list_select_related = ["jabatan", "unit", "atasan"]
    search_fields = ["nama", "=nip"]
    autocomplete_fields = ["jabatan", "unit", "atasan", "user"]
    fieldsets = [
        (None, {"fields": ["nip", "nama", "status", "golongan", "email", "aktif"]}),
        (_("Penempatan"), {"fields": ["unit", "jabatan", "atasan"]}),
        (_("Akun"), {"fields": ["user"]}),
    ]


@admin.register(PeranAdmin)
class PeranAdminAdmin(admin.ModelAdmin):
    list_display = ["user", "peran", "unit", "diberikan_pada"]
    list_filter = ["peran"]
    list_select_related = ["user", "unit"]
    search_fields = ["user__username", "unit__nama", "unit__kode"]
    autocomplete_fields = ["user", "unit"]
