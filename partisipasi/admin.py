"""The configurable lists (categories with their service levels, Jakarta's holidays) are kept in Django's admin;
complaints themselves are handled through the services (pages and API), never edited here."""

from django.contrib import admin

from partisipasi.models import HariLibur, KategoriPengaduan


@admin.register(KategoriPengaduan)
class KategoriPengaduanAdmin(admin.ModelAdmin):
    list_display = ["nama", "kode", "batas_respons_hari", "batas_selesai_hari", "hitungan", "aktif"]
    list_filter = ["aktif", "hitungan"]
    prepopulated_fields = {"kode": ["nama"]}


@admin.register(HariLibur)
class HariLiburAdmin(admin.ModelAdmin):
    list_display = ["tanggal", "nama"]
    date_hierarchy = "tanggal"
