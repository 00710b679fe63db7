"""The laporan step of ``seed_demo``: published reports of the demo year and of the year before (the comparison),
with charts and medium-term targets; twice is once."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from laporan.models import Laporan, StatusVersi, TargetMenengah


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


def test_demo_publishes_two_years_compared_with_medium_term_targets(client, db, debug_on):
    call_command("seed_demo", stdout=io.StringIO())
    tahun = sorted(set(Laporan.objects.filter(versi_publik__status=StatusVersi.TERBIT).values_list("tahun", flat=True)))
    assert len(tahun) == 2 and tahun[1] == tahun[0] + 1
    kini = Laporan.objects.filter(tahun=tahun[1], versi_publik__status=StatusVersi.TERBIT)
    lalu = Laporan.objects.filter(tahun=tahun[0], versi_publik__status=StatusVersi.TERBIT)
    assert kini.count() == lalu.count() > 1
    assert TargetMenengah.objects.exists()
    dengan_iku = [lap for lap in kini.select_related("versi_publik") if lap.versi_publik.data["bab"]["iku"]["ada"]]
    assert dengan_iku
    laporan = dengan_iku[0]
    assert laporan.versi_publik.data["bab"]["iku"]["target_menengah_dikenal"] > 0
    baris = laporan.versi_publik.data["tabel"]["iku"]["baris"]
    assert any(b[8] is not None for b in baris)  # the previous year's capaian of the same indicator
    halaman = client.get(laporan.get_absolute_url()).content.decode()
    assert f"Dibandingkan tahun {tahun[0]}" in halaman
    assert reverse("laporan:grafik", args=[laporan.pk, "capaian"]) in halaman
    csv = client.get(reverse("laporan:tabel-csv", args=[laporan.pk, "iku"])).content.decode("utf-8-sig")
    assert "target_menengah" in csv.splitlines()[0] and "RPJMD 2025–2029" in csv

    jumlah = (Laporan.objects.count(), TargetMenengah.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Laporan.objects.count(), TargetMenengah.objects.count()) == jumlah
    assert not Laporan.objects.filter(versi__nomor=2).exists()
