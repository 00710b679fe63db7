"""The two medium-term plans of DKI Jakarta that the reports compare with (domain.md): RPD 2023–2026 (the
transitional plan, Pergub 25/2022), then RPJMD 2025–2029."""

from django.db import migrations

RENCANA = [
    ("rpd-2023-2026", "RPD 2023–2026", 2023, 2026),
    ("rpjmd-2025-2029", "RPJMD 2025–2029", 2025, 2029),
]


def isi(apps, schema_editor):
    RencanaMenengah = apps.get_model("laporan", "RencanaMenengah")
    for kode, nama, awal, akhir in RENCANA:
        RencanaMenengah.objects.get_or_create(
            kode=kode, defaults={"nama": nama, "tahun_awal": awal, "tahun_akhir": akhir}
        )


class Migration(migrations.Migration):
    dependencies = [("laporan", "0003_pertanyaan_warga_dan_target_menengah")]

    operations = [migrations.RunPython(isi, migrations.RunPython.noop)]
