"""The public site: only published data, for anonymous visitors; downloads; caching; query counts; privacy."""

import csv
import io
import json

import pytest
from django.db import transaction
from django.urls import reverse
from pypdf import PdfReader

from laporan import ekspor, services
from laporan.models import Laporan
from tests.laporan.factories import TAHUN, iku, pegawai_dengan_predikat, rencana_menengah

pytestmark = pytest.mark.django_db


def _terbitkan(unit, tahun, admin_bkd, *, data=None):
    from laporan import bab

    with transaction.atomic():  # as in the task and the demo (it locks the report row); a live-server test has none
        versi = services._versi_save(
            unit=unit, tahun=tahun, data=data or bab.susun_snapshot(unit=unit, tahun=tahun), run=None
        )
    services.versi_review(actor=admin_bkd, versi=versi, tantangan="Anggaran terbatas.", langkah="Dialog kinerja.")
    services.versi_publish(actor=admin_bkd, versi=versi)
    return Laporan.objects.get(pk=versi.laporan_id)


@pytest.fixture
def terbit(dinas, bidang, penilai, admin_bkd):
    iku(dinas, indikator='=HYPERLINK("http://jahat")', target="90")
    iku(dinas, indikator="Indeks kepuasan", target="90", urutan=2)
    pegawai_dengan_predikat(bidang, penilai, ["baik"] * 6 + ["butuh_perbaikan"] * 2)
    return _terbitkan(dinas, TAHUN, admin_bkd)


def test_anonymous_visitor_sees_published_reports_only(client, terbit, dinas_lain, admin_bkd):
    from laporan import bab

    services._versi_save(unit=dinas_lain, tahun=TAHUN, data=bab.susun_snapshot(unit=dinas_lain, tahun=TAHUN), run=None)
    r = client.get(reverse("laporan:daftar"))
    assert r.status_code == 200
    teks = r.content.decode()
    assert "Dinas Uji" in teks and "Dinas Lain" not in teks
    draft = Laporan.objects.get(unit=dinas_lain)
    assert client.get(reverse("laporan:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("laporan:tabel-csv", args=[draft.pk, "iku"])).status_code == 404


def test_report_page_shows_figures_narrative_charts_and_suppression(client, terbit):
    r = client.get(reverse("laporan:detail", args=[terbit.pk]))
    teks = r.content.decode()
    assert r.status_code == 200
    assert "Anggaran terbatas." in teks and "Dialog kinerja." in teks
    assert "&lt; 5" in teks  # the 2 butuh perbaikan are suppressed
    assert reverse("laporan:grafik", args=[terbit.pk, "predikat"]) in teks
    assert "Jumlah pegawai per predikat" in teks  # the chart's text alternative


def test_published_report_page_is_cacheable_and_uses_few_queries(client, terbit, django_assert_max_num_queries):
    url = reverse("laporan:detail", args=[terbit.pk])
    with django_assert_max_num_queries(5) as ctx:
        r = client.get(url)
    assert r.status_code == 200
    assert not any("indikator_realisasi" in q["sql"] for q in ctx.captured_queries)
    assert r["ETag"] and r["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=r["ETag"])
    assert again.status_code == 304


def test_list_page_query_count_does_not_grow(client, terbit, dinas_lain, admin_bkd, django_assert_max_num_queries):
    _terbitkan(dinas_lain, TAHUN, admin_bkd)
    with django_assert_max_num_queries(5):
        assert client.get(reverse("laporan:daftar"), {"tahun": TAHUN}).status_code == 200


def test_csv_is_utf8_and_neutralises_formulas(client, terbit):
    r = client.get(reverse("laporan:tabel-csv", args=[terbit.pk, "iku"]))
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    isi = r.content.decode("utf-8-sig")
    baris = list(csv.reader(io.StringIO(isi)))
    assert baris[0][:3] == ["jenis", "sasaran", "indikator"]
    assert baris[1][2] == '\'=HYPERLINK("http://jahat")'


@pytest.mark.parametrize("nilai", ["=1+1", "+1", "-cmd", "@SUM(A1)", "\tx"])
def test_sel_aman_neutralises_every_dangerous_start(nilai):
    assert ekspor.sel_aman(nilai) == "'" + nilai


def test_sel_aman_keeps_numbers():
    assert ekspor.sel_aman("-3.50") == "-3.50"
    assert ekspor.sel_aman(7) == 7


def test_json_download_names_the_columns_and_keeps_suppression(client, terbit):
    r = client.get(reverse("laporan:tabel-json", args=[terbit.pk, "predikat"]))
    isi = r.json()
    assert [k["kunci"] for k in isi["kolom"]] == ["predikat", "jumlah", "persen"]
    baris = {b["predikat"]: b["jumlah"] for b in isi["baris"]}
    assert baris["baik"] == 6 and baris["butuh_perbaikan"] == "< 5"


def test_no_personal_data_in_any_public_output(client, terbit, pegawai):
    keluaran = [client.get(reverse("laporan:detail", args=[terbit.pk])).content.decode()]
    for kunci in ("iku", "predikat", "capaian_iki", "jp", "pengaduan", "tren"):
        keluaran.append(client.get(reverse("laporan:tabel-json", args=[terbit.pk, kunci])).content.decode())
    semua = "\n".join(keluaran)
    assert pegawai.nip not in semua and pegawai.nama not in semua


def test_pdf_has_the_figures_and_the_narrative(client, terbit):
    r = client.get(reverse("laporan:pdf", args=[terbit.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    teks = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages).split())
    assert "Dinas Uji" in teks and "Anggaran terbatas." in teks and "Indeks kepuasan" in teks


def test_chart_is_svg_with_text(client, terbit):
    r = client.get(reverse("laporan:grafik", args=[terbit.pk, "predikat"]))
    assert r.status_code == 200 and r["Content-Type"] == "image/svg+xml"
    assert b"<svg" in r.content and b"Baik" in r.content


def test_withdrawn_report_shows_the_reason_and_no_figures(client, terbit, admin_bkd):
    services.laporan_withdraw(actor=admin_bkd, laporan=terbit, alasan="Data realisasi salah input.")
    r = client.get(reverse("laporan:detail", args=[terbit.pk]))
    teks = r.content.decode()
    assert r.status_code == 200 and "Data realisasi salah input." in teks and "Indeks kepuasan" not in teks
    assert client.get(reverse("laporan:tabel-csv", args=[terbit.pk, "iku"])).status_code == 404
    assert "Dinas Uji" not in client.get(reverse("laporan:daftar")).content.decode()


def test_previous_year_is_compared(client, terbit, dinas, admin_bkd):
    lalu = _terbitkan(dinas, TAHUN - 1, admin_bkd)
    teks = client.get(reverse("laporan:detail", args=[terbit.pk])).content.decode()
    assert f"Dibandingkan tahun {TAHUN - 1}" in teks
    assert lalu.get_absolute_url() in teks


def test_dcat_catalogue_is_json_ld(client, terbit):
    r = client.get(reverse("laporan:dcat"))
    assert r["Content-Type"].startswith("application/ld+json")
    isi = json.loads(r.content)
    assert isi["@type"] == "dcat:Catalog" and "dcat" in isi["@context"]
    ds = isi["dcat:dataset"][0]
    assert ds["@type"] == "dcat:Dataset"
    assert ds["dct:license"]["@id"] == "https://creativecommons.org/licenses/by/4.0/"
    assert any(d["dcat:mediaType"] == "text/csv" for d in ds["dcat:distribution"])
    # expanded as JSON-LD: every prefixed key resolves against the context
    prefiks = set(isi["@context"])
    kunci = {k.split(":")[0] for k in ds if ":" in k}
    assert kunci <= prefiks


def test_catalogue_page_lists_columns_and_licence(client, terbit):
    teks = client.get(reverse("laporan:katalog")).content.decode()
    assert "Creative Commons Attribution 4.0" in teks and "persen_patuh" in teks


def test_cached_page_costs_no_query_and_moves_on_with_publication(
    client, terbit, admin_bkd, django_assert_max_num_queries
):
    """The header and the body are cached: a hit costs no query. An earlier version's page reads the report without
    its snapshot. A new published version or a withdrawal forgets the header and gives a new body key."""
    from laporan import bab

    url = reverse("laporan:detail", args=[terbit.pk])
    client.get(url)
    with django_assert_max_num_queries(0):
        assert client.get(url).status_code == 200
    lama = reverse("laporan:detail-versi", args=[terbit.pk, 1])
    client.get(lama)
    with django_assert_max_num_queries(3) as ctx:
        assert client.get(lama).status_code == 200
    assert not any('"data"' in q["sql"] and "versilaporan" in q["sql"] for q in ctx.captured_queries[:1])
    data = bab.susun_snapshot(unit=terbit.unit, tahun=TAHUN)
    data["ringkasan"]["jumlah_iku"] = 99
    versi = services._versi_save(unit=terbit.unit, tahun=TAHUN, data=data, run=None)
    services.versi_review(actor=admin_bkd, versi=versi, tantangan="Narasi versi dua.", langkah="Langkah dua.")
    services.versi_publish(actor=admin_bkd, versi=versi)
    assert "Narasi versi dua." in client.get(url).content.decode()
    services.laporan_withdraw(actor=admin_bkd, laporan=Laporan.objects.get(pk=terbit.pk), alasan="Angka keliru.")
    teks = client.get(url).content.decode()
    assert "Angka keliru." in teks and "Narasi versi dua." not in teks


def test_admin_bkd_records_a_medium_term_target_on_its_page(client, dinas, admin_bkd):
    from laporan.models import TargetMenengah

    rencana = rencana_menengah("rpjmd-2025-2029")
    client.force_login(admin_bkd)
    url = reverse("laporan:target-daftar")
    data = {"rencana": rencana.pk, "unit": dinas.pk, "indikator": "Indeks kepuasan", "target": "92,5"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, {**data, "target": "95"}).status_code == 302  # the same indicator: updated, not doubled
    (t,) = TargetMenengah.objects.all()
    assert (str(t.target), t.diubah_oleh) == ("95.0000", admin_bkd)
    r = client.post(url, {**data, "target": "banyak"})
    assert r.status_code == 400 and TargetMenengah.objects.get().target == 95
    assert "Indeks kepuasan" in client.get(url).content.decode()


def test_needs_dampak_and_aspirations_in_page_csv_json_and_pdf(client, dinas, admin_bkd, django_assert_max_num_queries):
    """The new tables come from the frozen snapshot like the others: the page's query count does not grow."""
    from laporan import bab

    data = bab.susun_snapshot(unit=dinas, tahun=TAHUN)
    data["bab"]["pelatihan"].update(ada_kebutuhan=True, jumlah_kebutuhan=28, kebutuhan_terpenuhi=12,
                                    persen_kebutuhan_terpenuhi="42.86")  # fmt: skip
    data["tabel"]["kebutuhan"] = {"baris": [["teknis", 28, 12, "42.86"], ["manajerial", "< 5", "< 5", None]]}
    data["bab"]["pelatihan"]["ada_dampak"] = True
    data["tabel"]["dampak"] = {"baris": [["teknis", "latih", 12, 10, "< 5", 0, "< 5", "60.00", "82.73", "22.73"]]}
    data["bab"]["layanan"]["aspirasi"] = {
        "ada": True,
        "jumlah": 8,
        "ditindaklanjuti": 6,
        "persen_ditindaklanjuti": "75.00",
    }
    data["tabel"]["aspirasi"] = {"baris": [["diterima", 2, "25.00"], ["selesai", 6, "75.00"]]}
    laporan = _terbitkan(dinas, TAHUN, admin_bkd, data=data)
    url = reverse("laporan:detail", args=[laporan.pk])
    client.get(url)
    with django_assert_max_num_queries(5):
        teks = client.get(url).content.decode()
    assert "Kebutuhan pengembangan yang terpenuhi" in teks and "Apakah pelatihan berhasil?" in teks
    assert "12 dari 28 kebutuhan pengembangan (42,86%)" in teks
    assert "Tindak lanjut aspirasi warga" in teks and "6 dari 8 aspirasi" in teks
    assert "Berlatih" in teks and "Selesai" in teks  # codes shown with their labels
    baris = list(csv.reader(io.StringIO(client.get(reverse("laporan:tabel-csv", args=[laporan.pk, "dampak"]))
                                        .content.decode("utf-8-sig"))))  # fmt: skip
    assert baris[0][:3] == ["area", "kelompok", "orang"] and baris[1][:5] == ["teknis", "latih", "12", "10", "< 5"]
    j = client.get(reverse("laporan:tabel-json", args=[laporan.pk, "aspirasi"])).json()
    assert j["baris"][1] == {"status": "selesai", "jumlah": 6, "persen": "75.00"}
    j = client.get(reverse("laporan:tabel-json", args=[laporan.pk, "kebutuhan"])).json()
    assert j["baris"][1]["kebutuhan"] == "< 5"
    pdf = PdfReader(io.BytesIO(client.get(reverse("laporan:pdf", args=[laporan.pk])).content))
    isi = " ".join(h.extract_text() for h in pdf.pages)
    assert "aspirasi" in isi.lower() and "pelatihan berhasil" in isi.lower()


def test_a_snapshot_without_the_new_chapters_still_renders(client, dinas, admin_bkd):
    from laporan import bab

    data = bab.susun_snapshot(unit=dinas, tahun=TAHUN)
    for kunci in ("kebutuhan", "dampak", "aspirasi"):
        del data["tabel"][kunci]
    for kunci in ("ada_kebutuhan", "ada_dampak", "tahun_dampak", "jumlah_kebutuhan", "kebutuhan_terpenuhi",
                  "persen_kebutuhan_terpenuhi"):  # fmt: skip
        del data["bab"]["pelatihan"][kunci]
    del data["bab"]["layanan"]["aspirasi"]
    for kunci in ("persen_kebutuhan_terpenuhi", "persen_aspirasi_ditindaklanjuti"):
        del data["ringkasan"][kunci]
    laporan = _terbitkan(dinas, TAHUN, admin_bkd, data=data)
    r = client.get(reverse("laporan:detail", args=[laporan.pk]))
    assert r.status_code == 200
    teks = r.content.decode()
    assert "Apakah pelatihan berhasil?" not in teks and "Tindak lanjut aspirasi" not in teks
    r = client.get(reverse("laporan:tabel-csv", args=[laporan.pk, "aspirasi"]))
    assert r.status_code == 200 and r.content.decode("utf-8-sig").strip() == "status,jumlah,persen"
    assert client.get(reverse("laporan:pdf", args=[laporan.pk])).status_code == 200


def test_province_report_shows_the_per_unit_table(client, pemprov, dinas, admin_bkd, django_assert_max_num_queries):
    iku(dinas, indikator="Indeks kepuasan", target="90")
    laporan = _terbitkan(pemprov, TAHUN, admin_bkd)
    url = reverse("laporan:detail", args=[laporan.pk])
    client.get(url)
    with django_assert_max_num_queries(5):
        teks = client.get(url).content.decode()
    assert "Ringkasan per perangkat daerah" in teks and "Dinas Uji" in teks
    baris = client.get(reverse("laporan:tabel-csv", args=[laporan.pk, "per_unit"])).content.decode("utf-8-sig")
    assert (
        baris.splitlines()[0]
        == "kode,unit,rata_capaian_iku,jumlah_skp,persen_patuh_jp,pengaduan_selesai,persen_tepat_waktu"
    )
    assert baris.splitlines()[1].startswith("DINAS-UJI,Dinas Uji,")
