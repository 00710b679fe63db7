"""Unit indicators (IKU / Perjanjian Kinerja): entered by the unit's admin or imported from XLSX."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from indikator import services
from indikator.models import IndikatorUnit
from indikator.services import KOLOM_IMPOR_INDIKATOR_UNIT


def _xlsx(rows, header=KOLOM_IMPOR_INDIKATOR_UNIT):
    wb = Workbook()
    ws = wb.active
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


BARIS_BAIK = [
    ("iku", "Meningkatnya kualitas layanan", "Indeks kepuasan masyarakat", "indeks", "naik", 85, ""),
    (
        "pk",
        "Meningkatnya kualitas layanan",
        "Rata-rata waktu penyelesaian pengaduan",
        "hari",
        "turun",
        4,
        "Penerima Layanan",
    ),
]


def test_admin_unit_enters_a_perjanjian_kinerja_indicator(admin_unit, dinas, periode):
    obj = services.indikator_unit_create(
        actor=admin_unit,
        unit=dinas,
        periode=periode,
        jenis="pk",
        sasaran_strategis="Meningkatnya kualitas layanan",
        indikator="Persentase pengaduan selesai",
        satuan="%",
        target="90",
        perspektif="penerima_layanan",
    )
    assert obj.target == Decimal("90") and obj.get_perspektif_display() == "Penerima Layanan"


def test_pk_indicator_needs_a_perspektif(admin_unit, dinas, periode):
    with pytest.raises(ValidationError, match="wajib diberi perspektif"):
        services.indikator_unit_create(
            actor=admin_unit,
            unit=dinas,
            periode=periode,
            jenis="pk",
            sasaran_strategis="S",
            indikator="I",
            satuan="%",
            target="1",
        )
    assert not IndikatorUnit.objects.exists()


def test_admin_of_another_unit_cannot_enter_indicators(admin_unit, dinas_lain, pegawai, periode):
    for actor in (admin_unit, pegawai.user):
        with pytest.raises(PermissionDenied):
            services.indikator_unit_create(
                actor=actor,
                unit=dinas_lain,
                periode=periode,
                jenis="iku",
                sasaran_strategis="S",
                indikator="I",
                satuan="%",
                target="1",
            )


def test_import_of_a_good_file_creates_the_rows_and_reimport_changes_nothing(admin_unit, dinas, periode):
    hasil = services.indikator_unit_import(actor=admin_unit, unit=dinas, periode=periode, berkas=_xlsx(BARIS_BAIK))
    assert len(hasil) == 2
    pk = IndikatorUnit.objects.get(jenis="pk")
    assert (pk.arah, pk.target, pk.perspektif) == ("turun", Decimal("4"), "penerima_layanan")
    diubah = pk.diubah

    services.indikator_unit_import(actor=admin_unit, unit=dinas, periode=periode, berkas=_xlsx(BARIS_BAIK))
    assert IndikatorUnit.objects.count() == 2
    assert IndikatorUnit.objects.get(pk=pk.pk).diubah == diubah


def test_import_of_a_file_with_bad_rows_saves_nothing_and_lists_every_error(admin_unit, dinas, periode):
    rows = [
        *BARIS_BAIK,
        ("iku", "S", "Target negatif", "%", "naik", -5, ""),
        ("xyz", "S", "Jenis salah", "%", "naik", 5, ""),
        ("pk", "S", "Tanpa perspektif", "%", "naik", 5, ""),
    ]
    with pytest.raises(ValidationError) as err:
        services.indikator_unit_import(actor=admin_unit, unit=dinas, periode=periode, berkas=_xlsx(rows))
    pesan = err.value.message_dict["baris"]
    assert any(p.startswith("Baris 4, kolom target") for p in pesan)
    assert any(p.startswith("Baris 5, kolom jenis") for p in pesan)
    assert any(p.startswith("Baris 6") and "perspektif" in p for p in pesan)
    assert not IndikatorUnit.objects.exists()


def test_import_refuses_a_file_that_is_not_xlsx_or_lacks_columns(admin_unit, dinas, periode):
    with pytest.raises(ValidationError, match="bukan XLSX"):
        services.indikator_unit_import(actor=admin_unit, unit=dinas, periode=periode, berkas=io.BytesIO(b"a,b\n"))
    with pytest.raises(ValidationError, match="Kolom wajib tidak ada: target"):
        services.indikator_unit_import(
            actor=admin_unit,
            unit=dinas,
            periode=periode,
            berkas=_xlsx([], header=[k for k in KOLOM_IMPOR_INDIKATOR_UNIT if k != "target"]),
        )
