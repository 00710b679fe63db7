"""The pages: the flow pegawai registers → organiser records attendance and completion → the JP bar moves → the
certificate downloads → an anonymous visitor verifies it; access rules and pinned query counts."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse

from pelatihan import services
from pelatihan.models import Peserta
from tests.kepegawaian.factories import PegawaiFactory
from tests.pelatihan.factories import KegiatanFactory


def test_full_flow_from_registration_to_public_verification(as_user, client, pegawai, admin_unit, kegiatan, hari):
    url = reverse("pelatihan:kegiatan-detail", args=[kegiatan.pk])
    response = as_user(pegawai).post(url, {"daftar": "1"})
    assert response.status_code == 302
    peserta = Peserta.objects.get(pegawai=pegawai)
    html = client.get(reverse("pelatihan:saya")).content.decode()
    assert 'value="0"' in html and "0 dari 20 JP" in html

    hari(dt.date(2026, 8, 5))
    as_user(admin_unit)
    assert client.post(url, {"kehadiran": "1", "tanggal": "2026-08-03", "hadir": [peserta.pk]}).status_code == 302
    assert client.post(url, {"kelulusan": "1", "peserta": [peserta.pk]}).status_code == 302

    as_user(pegawai)
    html = client.get(reverse("pelatihan:saya")).content.decode()
    assert 'value="60"' in html and "12 dari 20 JP" in html and "Kurang 8 JP lagi." in html
    pdf = client.get(reverse("pelatihan:sertifikat", args=[peserta.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")

    client.logout()
    kode = Peserta.objects.get(pk=peserta.pk).kode_verifikasi
    page = client.get(reverse("pelatihan:verifikasi") + f"?kode={kode.lower().replace('-', '')}", follow=True)
    html = page.content.decode()
    assert page.status_code == 200 and "Sertifikat sah" in html
    assert "Budi Pegawai" in html and kegiatan.program.judul in html and ">12<" in html
    assert pegawai.nip not in html  # name, programme, dates, JP: nothing more


def test_certificate_pdf_carries_the_code(pegawai, admin_unit, kegiatan, hari):
    from pypdf import PdfReader

    from pelatihan.sertifikat import sertifikat_pdf

    peserta = services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    hari(dt.date(2026, 8, 5))
    services.kelulusan_grant(actor=admin_unit, kegiatan=kegiatan, peserta=[peserta.pk])
    peserta.refresh_from_db()
    isi = sertifikat_pdf(peserta=peserta, url_verifikasi="http://testserver/pelatihan/verifikasi/X/")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(isi)).pages)
    assert peserta.kode_verifikasi in text and "Budi Pegawai" in text


def test_unknown_code_is_a_clear_404(client, db):
    response = client.get(reverse("pelatihan:verifikasi-kode", args=["ABCD-EFGH-JKLM"]))
    assert response.status_code == 404
    assert "Kode verifikasi tidak dikenal" in response.content.decode()


def test_certificate_of_an_unfinished_training_is_refused(as_user, pegawai, kegiatan):
    peserta = services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    response = as_user(pegawai).get(reverse("pelatihan:sertifikat", args=[peserta.pk]))
    assert response.status_code == 409
    assert "setelah pelatihan dinyatakan selesai" in response.content.decode()


def test_someone_elses_certificate_is_404(as_user, pegawai, outsider, kegiatan):
    peserta = services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    assert as_user(outsider).get(reverse("pelatihan:sertifikat", args=[peserta.pk])).status_code == 404


def test_registration_outside_window_shows_the_message(as_user, pegawai, kegiatan, hari):
    hari(dt.date(2026, 7, 25))
    response = as_user(pegawai).post(reverse("pelatihan:kegiatan-detail", args=[kegiatan.pk]), {"daftar": "1"})
    assert response.status_code == 400
    assert "hanya dibuka 10 Juli 2026 s.d. 20 Juli 2026" in response.content.decode()
    assert not Peserta.objects.exists()


def test_penilai_nominates_two_subordinates_and_approves_external(as_user, penilai, pegawai, bidang, kegiatan):
    lain = PegawaiFactory(unit=bidang, atasan=penilai)
    response = as_user(penilai).post(
        reverse("pelatihan:tim"), {"nominasi": "1", "kegiatan": kegiatan.pk, "pegawai": [pegawai.pk, lain.pk]}
    )
    assert response.status_code == 302
    assert Peserta.objects.filter(cara="nominasi").count() == 2


def test_team_page_is_403_without_subordinates(as_user, pegawai):
    assert as_user(pegawai).get(reverse("pelatihan:tim")).status_code == 403


def test_compliance_page_and_xlsx_for_admins_only(as_user, admin_unit, pegawai, penilai, atasan):
    assert as_user(pegawai).get(reverse("pelatihan:kepatuhan")).status_code == 403
    html = as_user(admin_unit).get(reverse("pelatihan:kepatuhan") + "?tahun=2026").content.decode()
    assert "Bidang Uji" in html and 'id="kepatuhan-data"' in html
    xlsx = as_user(admin_unit).get(reverse("pelatihan:kepatuhan-xlsx") + "?tahun=2026")
    from openpyxl import load_workbook

    assert xlsx.streaming  # written to a temporary file and streamed out (the memory does not grow with the scope)
    wb = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    assert [c.value for c in wb.worksheets[0][2]] == ["Bidang Uji", 2, 0, 0]
    tertinggal = {r[1] for r in wb.worksheets[1].iter_rows(min_row=2, values_only=True)}
    assert tertinggal == {pegawai.nama, penilai.nama, atasan.nama}


@pytest.mark.parametrize("n", [1, 6])
def test_list_pages_have_constant_query_counts(
    as_user, admin_unit, pegawai, bidang, dinas, n, django_assert_max_num_queries
):
    for _i in range(n):
        k = KegiatanFactory(unit_penyelenggara=dinas)
        services.peserta_create(actor=pegawai.user, kegiatan=k)
        PegawaiFactory(unit=bidang)
    client = as_user(pegawai)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("pelatihan:katalog")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("pelatihan:saya")).status_code == 200
    client = as_user(admin_unit)
    with django_assert_max_num_queries(8):
        html = client.get(reverse("pelatihan:kepatuhan")).content.decode()
    assert len(re.findall(r"<tr><td>\d{18}</td>", html)) == n + 3  # + penilai and atasan, who have no JP either


def test_verification_page_renders_in_english(client, db):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("pelatihan:verifikasi-kode", args=["ABCD-EFGH-JKLM"]))
    html = response.content.decode()
    assert response.status_code == 404
    assert "Training certificate verification" in html and "Unknown verification code" in html
