"""Citizens' questions and comments on a published report: anyone asks (name optional, rate limited per client,
honeypot, size limits); the admin of the report's unit approves, hides (kept, with who hid it) and answers; the
public page and API show only approved ones, with nothing personal but the name the citizen gave."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from kinerja.klien import TerlaluSering
from kinerja.tugas import tugas_untuk
from laporan import services
from laporan.models import Laporan, PertanyaanLaporan, StatusPertanyaan
from tests.laporan.factories import TAHUN
from tests.laporan.test_publik import _terbitkan

pytestmark = pytest.mark.django_db


@pytest.fixture
def terbit(dinas, admin_bkd):
    return _terbitkan(dinas, TAHUN, admin_bkd)


def _tanya(laporan, isi="Mengapa capaian turun?", **kw):
    return services.pertanyaan_create(laporan=laporan, isi=isi, klien=kw.pop("klien", "k1"), **kw)


def test_citizen_asks_without_account_and_it_waits_for_moderation(client, terbit):
    url = reverse("laporan:tanya", args=[terbit.pk])
    r = client.post(url, {"nama": "Budi", "isi": "Kapan target layanan tercapai?", "situs": ""})
    assert r.status_code == 302
    p = PertanyaanLaporan.objects.get()
    assert (p.nama, p.status, p.laporan_id) == ("Budi", StatusPertanyaan.MENUNGGU, terbit.pk)
    halaman = client.get(terbit.get_absolute_url()).content.decode()
    assert "Kapan target layanan tercapai?" not in halaman  # not before approval
    assert client.get(reverse("api-laporan-publik-pertanyaan", args=[terbit.pk])).json()["results"] == []


def test_honeypot_size_limits_and_empty_text_are_refused_with_nothing_saved(client, terbit):
    with pytest.raises(ValidationError):
        _tanya(terbit, jebakan="http://spam")
    with pytest.raises(ValidationError) as e:
        _tanya(terbit, isi="x" * 2001)
    assert "isi" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        _tanya(terbit, nama="n" * 81)
    assert "nama" in e.value.message_dict
    r = client.post(reverse("laporan:tanya", args=[terbit.pk]), {"isi": ""})
    assert r.status_code == 400 and "Tulis pertanyaan" in r.content.decode()
    assert not PertanyaanLaporan.objects.exists()


def test_rate_limited_per_client_page_429_and_api_429(client, settings, terbit):
    settings.LAPORAN_BATAS_PERTANYAAN = (2, 3600)
    _tanya(terbit, klien="sama")
    _tanya(terbit, klien="sama")
    with pytest.raises(TerlaluSering):
        _tanya(terbit, klien="sama")
    _tanya(terbit, klien="lain")  # another client is not held back
    url = reverse("api-laporan-publik-pertanyaan", args=[terbit.pk])
    kodes = [
        client.post(url, {"isi": "Tanya lewat API"}, content_type="application/json").status_code for _ in range(3)
    ]
    assert kodes == [201, 201, 429]
    r = client.post(url, {"isi": "lagi"}, content_type="application/json")
    assert r.status_code == 429 and r.json()["error"]["status"] == 429
    r = client.post(reverse("laporan:tanya", args=[terbit.pk]), {"isi": "Lagi"})
    assert r.status_code == 429 and "Terlalu banyak" in r.content.decode()


def test_withdrawn_or_unpublished_report_takes_no_questions(client, terbit, admin_bkd, dinas_lain):
    services.laporan_withdraw(actor=admin_bkd, laporan=terbit, alasan="Data salah.")
    with pytest.raises(Http404):
        _tanya(Laporan.objects.get(pk=terbit.pk))
    assert client.get(reverse("laporan:tanya", args=[terbit.pk])).status_code == 404


def test_unit_admin_approves_and_answers_public_sees_only_approved_without_moderator(
    client, terbit, admin_unit, admin_bkd
):
    tampil = _tanya(terbit, isi="Pertanyaan yang layak", nama="Sari")
    sembunyi = _tanya(terbit, isi="Iklan obat kuat")
    _tanya(terbit, isi="Masih menunggu")
    services.pertanyaan_approve(actor=admin_unit, pertanyaan=tampil)
    services.pertanyaan_reply(actor=admin_unit, pertanyaan=tampil, jawaban="Target tercapai pada 2027.")
    services.pertanyaan_hide(actor=admin_unit, pertanyaan=sembunyi, alasan="spam")
    sembunyi.refresh_from_db()
    assert sembunyi.status == StatusPertanyaan.TERSEMBUNYI and sembunyi.dimoderasi_oleh == admin_unit
    assert sembunyi.alasan_sembunyi == "spam"  # kept, with who hid it

    halaman = client.get(terbit.get_absolute_url()).content.decode()
    assert "Pertanyaan yang layak" in halaman and "Target tercapai pada 2027." in halaman and "Sari" in halaman
    assert "Iklan obat kuat" not in halaman and "Masih menunggu" not in halaman
    assert admin_unit.username not in halaman
    data = client.get(reverse("api-laporan-publik-pertanyaan", args=[terbit.pk])).json()["results"]
    assert [d["isi"] for d in data] == ["Pertanyaan yang layak"]
    assert set(data[0]) == {"id", "nama", "isi", "dibuat_pada", "jawaban", "dijawab_pada"}


def test_approval_changes_the_page_validators_so_a_cached_copy_is_not_kept(client, terbit, admin_unit):
    url = terbit.get_absolute_url()
    r = client.get(url)
    p = _tanya(terbit, isi="Baru disetujui")
    services.pertanyaan_approve(actor=admin_unit, pertanyaan=p)
    again = client.get(url, HTTP_IF_NONE_MATCH=r["ETag"])
    assert again.status_code == 200 and "Baru disetujui" in again.content.decode()
    assert again["ETag"] != r["ETag"]


def test_only_the_reports_unit_admin_or_bkd_moderates(terbit, admin_lain, pegawai, admin_bkd):
    p = _tanya(terbit)
    with pytest.raises(Http404):
        services.pertanyaan_approve(actor=admin_lain, pertanyaan=p)
    with pytest.raises(PermissionDenied):
        services.pertanyaan_hide(actor=pegawai.user, pertanyaan=p)
    with pytest.raises(Http404):
        services.pertanyaan_reply(actor=admin_lain, pertanyaan=p, jawaban="x")
    services.pertanyaan_approve(actor=admin_bkd, pertanyaan=p)
    p.refresh_from_db()
    assert p.status == StatusPertanyaan.TAMPIL


def test_hidden_question_cannot_be_answered_and_answer_is_required(terbit, admin_unit):
    p = _tanya(terbit)
    with pytest.raises(ValidationError):
        services.pertanyaan_reply(actor=admin_unit, pertanyaan=p, jawaban="  ")
    services.pertanyaan_hide(actor=admin_unit, pertanyaan=p)
    with pytest.raises(ValidationError):
        services.pertanyaan_reply(actor=admin_unit, pertanyaan=p, jawaban="Jawaban")


def test_officer_api_lists_and_moderates(client, terbit, admin_unit, admin_lain):
    p = _tanya(terbit, nama="Ani")
    client.force_login(admin_unit)
    daftar = client.get(reverse("api-laporan-pertanyaan-list"), {"status": "menunggu"}).json()["results"]
    assert [d["id"] for d in daftar] == [p.pk] and daftar[0]["nama"] == "Ani"
    r = client.post(reverse("api-laporan-pertanyaan-setujui", args=[p.pk]))
    assert (
        r.status_code == 200 and r.json()["status"] == "tampil" and r.json()["dimoderasi_oleh"] == admin_unit.username
    )
    r = client.post(
        reverse("api-laporan-pertanyaan-jawab", args=[p.pk]), {"jawaban": ""}, content_type="application/json"
    )
    assert r.status_code == 400
    r = client.post(
        reverse("api-laporan-pertanyaan-jawab", args=[p.pk]), {"jawaban": "Sudah."}, content_type="application/json"
    )
    assert r.json()["jawaban"] == "Sudah."
    client.force_login(admin_lain)
    assert client.post(reverse("api-laporan-pertanyaan-sembunyikan", args=[p.pk])).status_code == 404
    assert client.get(reverse("api-laporan-pertanyaan-list")).json()["results"] == []


def test_moderation_page_and_to_do_item(client, terbit, admin_unit, admin_lain, django_assert_max_num_queries):
    for i in range(3):
        _tanya(terbit, isi=f"Pertanyaan {i}", klien=f"k{i}")
    (item,) = [t for t in tugas_untuk(admin_unit) if t.kode == "laporan.pertanyaan_moderasi"]
    assert item.jumlah == 3 and item.url.endswith("?status=menunggu")
    assert not [t for t in tugas_untuk(admin_lain) if t.kode == "laporan.pertanyaan_moderasi"]
    client.force_login(admin_unit)
    client.get(reverse("laporan:pertanyaan-daftar"))
    with django_assert_max_num_queries(12) as ctx:
        r = client.get(reverse("laporan:pertanyaan-daftar"))
    sedikit = len(ctx.captured_queries)
    for i in range(3, 9):
        _tanya(terbit, isi=f"Pertanyaan {i}", klien=f"k{i}")
    with django_assert_max_num_queries(sedikit):
        r = client.get(reverse("laporan:pertanyaan-daftar"))
    assert r.status_code == 200 and "Pertanyaan 8" in r.content.decode()
    p = PertanyaanLaporan.objects.filter(isi="Pertanyaan 1").get()
    r = client.post(reverse("laporan:pertanyaan-sembunyikan", args=[p.pk]), {"alasan": "tidak relevan"})
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.status == "tersembunyi" and p.dimoderasi_oleh == admin_unit
