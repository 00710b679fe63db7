"""Feedback on an event: only a participant who attended rates it (1–5 and a comment, which he may change); the
organiser sees the summary without names; bad input saves nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pelatihan import selectors, services
from pelatihan.models import UlasanKegiatan


@pytest.fixture
def hadir(pegawai, penilai, admin_unit, kegiatan, hari):
    """The pegawai attended day 1; the penilai registered but never came. Today: the day after the event."""
    a = services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    services.peserta_create(actor=penilai.user, kegiatan=kegiatan)
    hari(dt.date(2026, 8, 3))
    services.kehadiran_set(actor=admin_unit, kegiatan=kegiatan, tanggal=dt.date(2026, 8, 3), hadir=[a.pk])
    hari(dt.date(2026, 8, 6))
    return a


def test_an_attendee_rates_and_may_change_his_rating(pegawai, kegiatan, hadir):
    services.ulasan_rate(actor=pegawai.user, kegiatan=kegiatan, nilai=4, komentar="  Materi bagus ")
    ulasan = UlasanKegiatan.objects.get()
    assert (ulasan.peserta_id, ulasan.nilai, ulasan.komentar) == (hadir.pk, 4, "Materi bagus")
    services.ulasan_rate(actor=pegawai.user, kegiatan=kegiatan, nilai="5", komentar="")
    assert list(UlasanKegiatan.objects.values_list("nilai", "komentar")) == [(5, "")]


def test_a_registered_person_who_never_came_and_an_outsider_cannot_rate(penilai, outsider, kegiatan, hadir):
    with pytest.raises(PermissionDenied, match="yang hadir"):
        services.ulasan_rate(actor=penilai.user, kegiatan=kegiatan, nilai=3)
    with pytest.raises(PermissionDenied, match="yang hadir"):
        services.ulasan_rate(actor=outsider.user, kegiatan=kegiatan, nilai=3)
    assert not UlasanKegiatan.objects.exists()


@pytest.mark.parametrize("nilai", [0, 6, "", None, "4,5", "tiga", -1])
def test_a_rating_outside_1_to_5_is_refused_in_indonesian(pegawai, kegiatan, hadir, nilai):
    with pytest.raises(ValidationError) as exc:
        services.ulasan_rate(actor=pegawai.user, kegiatan=kegiatan, nilai=nilai)
    assert "Nilai ulasan harus bilangan bulat 1 sampai 5." in exc.value.messages
    assert not UlasanKegiatan.objects.exists()


def test_a_comment_over_the_limit_is_refused(pegawai, kegiatan, hadir):
    with pytest.raises(ValidationError, match="paling banyak 1000"):
        services.ulasan_rate(actor=pegawai.user, kegiatan=kegiatan, nilai=4, komentar="x" * 1001)
    assert not UlasanKegiatan.objects.exists()


def test_the_organiser_summary_counts_and_averages_without_names(pegawai, kegiatan, hadir, django_assert_num_queries):
    services.ulasan_rate(actor=pegawai.user, kegiatan=kegiatan, nilai=4, komentar="Praktik kurang")
    with django_assert_num_queries(2):
        ringkasan = selectors.ulasan_ringkasan(kegiatan)
    assert (ringkasan.jumlah, ringkasan.rata_rata) == (1, 4.0)
    assert ringkasan.sebaran == [(1, 0), (2, 0), (3, 0), (4, 1), (5, 0)]
    assert [u.komentar for u in ringkasan.komentar] == ["Praktik kurang"]


def test_the_event_page_shows_the_form_to_the_attendee_and_the_summary_to_the_organiser(
    as_user, pegawai, penilai, admin_unit, kegiatan, hadir
):
    url = reverse("pelatihan:kegiatan-detail", args=[kegiatan.pk])
    html = as_user(penilai).get(url).content.decode()
    assert "Kirim ulasan" not in html  # registered, but did not attend
    client = as_user(pegawai)
    assert "Kirim ulasan" in client.get(url).content.decode()
    refused = client.post(url, {"ulasan": "1", "nilai": "", "komentar": ""})
    assert refused.status_code == 400
    assert "Nilai ulasan harus bilangan bulat 1 sampai 5." in refused.content.decode()
    ok = client.post(url, {"ulasan": "1", "nilai": "5", "komentar": "Sangat membantu"})
    assert ok.status_code == 302
    html = as_user(admin_unit).get(url).content.decode()
    assert "Rata-rata 5,00 dari 5, dari 1 ulasan." in html
    assert "Sangat membantu" in html
    assert pegawai.nama not in html.split("Ulasan peserta")[1].split("Catat kehadiran")[0]


def test_the_api_rates_and_answers_the_summary_to_the_organiser_only(api, pegawai, admin_unit, kegiatan, hadir):
    url = f"/api/v1/pelatihan/kegiatan/{kegiatan.pk}/ulasan/"
    bad = api(pegawai).post(url, {"nilai": 9}, content_type="application/json")
    assert bad.status_code == 400
    ok = api(pegawai).post(url, {"nilai": 3, "komentar": "Cukup"}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["nilai"] == 3
    assert api(pegawai).get(url + "ringkasan/").status_code == 403
    body = api(admin_unit).get(url + "ringkasan/").json()
    assert body["jumlah"] == 1 and body["rata_rata"] == 3.0
    assert body["sebaran"][2] == {"nilai": 3, "jumlah": 1}
    assert body["komentar"][0]["komentar"] == "Cukup"
