"""Django admin for indikator (staff accounts). Periods and unit indicators may be edited here; the SKP and
everything under it are read-only, because their workflow (versions, snapshots, link checks, deadlines) lives
in ``indikator.services`` and must not be bypassed. Changes are recorded by django-auditlog."""

from django.contrib import admin

from indikator.models import (
    BuktiDukung,
    DialogKinerja,
    EkspektasiPerilaku,
    Iki,
    IndikatorUnit,
    PembukaanKembali,
    PeriodePenilaian,
    Realisasi,
    Rhk,
    Skp,
    UmpanBalik,
)


class HanyaBaca:
    """Read-only in the admin: state changes go through the services."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PeriodePenilaian)
class PeriodePenilaianAdmin(admin.ModelAdmin):
    list_display = ["tahun", "periodisitas", "status", "batas_penyusunan_skp", "hari_batas_realisasi"]
    list_filter = ["status", "periodisitas"]


@admin.register(PembukaanKembali)
class PembukaanKembaliAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ["pegawai", "periode", "periode_ke", "berlaku_sampai", "dibuat_oleh", "dibuat"]
    list_filter = ["periode"]
    search_fields = ["pegawai__nama", "pegawai__nip", "alasan"]
    list_select_related = ["pegawai", "periode", "dibuat_oleh"]


@admin.register(IndikatorUnit)
class IndikatorUnitAdmin(admin.ModelAdmin):
    list_display = ["indikator", "unit", "periode", "jenis", "target", "satuan", "arah", "perspektif"]
    list_filter = ["periode", "jenis", "arah", "perspektif"]
    search_fields = ["indikator", "sasaran_strategis", "unit__nama", "unit__kode"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit", "periode"]


# The inlines' fields are tuples so that ``readonly_fields = fields`` type-checks (mypy types a list literal as the
# base class's wider fields spec, which readonly_fields does not accept).
class RhkInline(HanyaBaca, admin.TabularInline):
    model = Rhk
    fk_name = "skp"
    fields = ("jenis", "uraian", "rhk_atasan_uraian", "status_tautan", "perspektif")
    readonly_fields = fields
    extra = 0


class EkspektasiInline(HanyaBaca, admin.TabularInline):
    model = EkspektasiPerilaku
    fields = ("nilai", "ekspektasi_khusus")
    readonly_fields = fields
    extra = 0


@admin.register(Skp)
class SkpAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ["pegawai", "periode", "revisi", "terkini", "status", "versi", "disetujui_pada"]
    list_filter = ["periode", "status", "terkini"]
    search_fields = ["pegawai__nama", "pegawai__nip"]
    list_select_related = ["pegawai", "periode"]
    inlines = [RhkInline, EkspektasiInline]


class IkiInline(HanyaBaca, admin.TabularInline):
    model = Iki
    fk_name = "rhk"
    fields = ("uraian", "aspek", "arah", "target_bentuk", "target", "target_atas", "satuan")
    readonly_fields = fields
    extra = 0


@admin.register(Rhk)
class RhkAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ["uraian", "skp", "jenis", "status_tautan"]
    list_filter = ["jenis", "status_tautan"]
    search_fields = ["uraian", "skp__pegawai__nama"]
    list_select_related = ["skp__pegawai", "skp__periode"]
    inlines = [IkiInline]


class BuktiInline(HanyaBaca, admin.TabularInline):
    model = BuktiDukung
    fields = ("jenis", "nama_asli", "url", "tipe", "ukuran", "sha256", "diunggah_oleh", "dibuat")
    readonly_fields = fields
    extra = 0


@admin.register(Realisasi)
class RealisasiAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ["iki", "periode_ke", "nilai", "versi", "diubah_oleh", "diubah"]
    search_fields = ["iki__uraian", "iki__rhk__skp__pegawai__nama"]
    list_select_related = ["iki", "diubah_oleh"]
    inlines = [BuktiInline]


@admin.register(UmpanBalik)
class UmpanBalikAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ["iki", "periode_ke", "penulis_nama", "dibuat"]
    search_fields = ["teks", "penulis_nama"]
    list_select_related = ["iki"]


@admin.register(DialogKinerja)
class DialogKinerjaAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ["skp", "tanggal", "penilai"]
    list_select_related = ["skp__pegawai", "skp__periode", "penilai"]
    date_hierarchy = "tanggal"
