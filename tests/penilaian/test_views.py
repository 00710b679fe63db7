"""The HTML pages: the penilai's team list and evaluation form, the pegawai's list, acknowledge and object, the
atasan's objections; access (404 for others) and pinned query counts of the list pages."""

import pytest
from django.urls import reverse

from penilaian import services
from penilaian.models import Evaluasi, Keberatan
from tests.indikator.factories import skp_disetujui
from tests.kepegawaian.factories import PegawaiFactory, UserFactory
from tests.penilaian.conftest import realisasi_semua


@pytest.fixture
def evaluasi(penilai, pegawai, periode, skp_pegawai):
    realisasi_semua(skp_pegawai, 12)
    return services.evaluasi_open(actor=penilai.user, pegawai=pegawai, periode=periode, periode_ke=2)


def test_penilai_opens_rates_and_finalises_on_the_pages(as_user, penilai, pegawai, periode, skp_pegawai):
    realisasi_semua(skp_pegawai, 12)
    client = as_user(penilai.user)
    html = client.get(reverse("penilaian:tim") + "?ke=2").content.decode()
    assert "Budi Pegawai" in html and "Belum dimulai" in html
    response = client.post(reverse("penilaian:evaluasi-buka", args=[pegawai.pk]), {"ke": "2"})
    evaluasi = Evaluasi.objects.get()
    assert response.status_code == 302 and response.url == evaluasi.get_absolute_url()
    html = client.get(evaluasi.get_absolute_url()).content.decode()
    assert "Saran rating hasil kerja" in html and "Sesuai Ekspektasi" in html and 'data-testid="kuadran"' in html
    iki = skp_pegawai.rhk.first().iki.first()
    data = {
        "versi": 1,
        "rating_hasil_kerja": "sesuai",
        "rating_perilaku": "di_atas",
        f"ub_iki_{iki.pk}": "Tepat waktu.",
        "ub_nilai_kompeten": "Rajin belajar.",
        "finalkan": "1",
    }
    response = client.post(reverse("penilaian:evaluasi-simpan", args=[evaluasi.pk]), data)
    assert response.status_code == 302
    evaluasi.refresh_from_db()
    assert (evaluasi.status, evaluasi.predikat) == ("final", "baik")
    assert evaluasi.umpan_balik.count() == 2


def test_a_refused_rating_rerenders_with_the_message_and_saves_nothing(as_user, penilai, evaluasi):
    client = as_user(penilai.user)
    data = {"versi": 1, "rating_hasil_kerja": "di_bawah", "rating_perilaku": "sesuai", "finalkan": "1"}
    response = client.post(reverse("penilaian:evaluasi-simpan", args=[evaluasi.pk]), data)
    assert response.status_code == 400
    assert "tuliskan alasannya" in response.content.decode()
    evaluasi.refresh_from_db()
    assert (evaluasi.rating_hasil_kerja, evaluasi.status) == ("", "draft")


def test_pegawai_sees_the_predikat_acknowledges_and_cannot_post_ratings(as_user, penilai, pegawai, evaluasi):
    evaluasi = services.evaluasi_save(
        actor=penilai.user, evaluasi=evaluasi, versi=1, rating_hasil_kerja="sesuai", rating_perilaku="sesuai"
    )
    services.evaluasi_finalize(actor=penilai.user, evaluasi=evaluasi, versi=evaluasi.versi)
    client = as_user(pegawai.user)
    html = client.get(reverse("penilaian:evaluasi-saya")).content.decode()
    assert "Triwulan II 2026" in html and "Baik" in html
    html = client.get(evaluasi.get_absolute_url()).content.decode()
    assert "Saya telah membaca evaluasi ini" in html and 'id="form-evaluasi"' not in html
    response = client.post(
        reverse("penilaian:evaluasi-simpan", args=[evaluasi.pk]), {"versi": 3, "rating_hasil_kerja": "di_atas"}
    )
    assert response.status_code == 403
    client.post(reverse("penilaian:evaluasi-baca", args=[evaluasi.pk]))
    evaluasi.refresh_from_db()
    assert evaluasi.dibaca_pada is not None


def test_others_get_404_on_an_evaluation(as_user, evaluasi, outsider, penilai, bidang):
    rekan = PegawaiFactory(atasan=penilai, unit=bidang, user=UserFactory(username="rekan"))
    for user in (outsider.user, rekan.user):
        assert as_user(user).get(evaluasi.get_absolute_url()).status_code == 404


def test_pegawai_objects_and_atasan_decides_on_the_pages(as_user, jam, penilai, pegawai, atasan, periode, skp_pegawai):
    realisasi_semua(skp_pegawai, 12, periode_ke=4)
    jam(2027, 1, 5, 10, 0)
    evaluasi = services.evaluasi_open(actor=penilai.user, pegawai=pegawai, periode=periode, periode_ke=None)
    evaluasi = services.evaluasi_save(
        actor=penilai.user, evaluasi=evaluasi, versi=1, rating_hasil_kerja="sesuai", rating_perilaku="sesuai"
    )
    services.evaluasi_finalize(actor=penilai.user, evaluasi=evaluasi, versi=evaluasi.versi)
    client = as_user(pegawai.user)
    html = client.get(evaluasi.get_absolute_url()).content.decode()
    assert "19 Januari 2027" in html and "hari ke-14 termasuk" in html
    client.post(reverse("penilaian:keberatan-ajukan", args=[evaluasi.pk]), {"alasan": "Target terlampaui."})
    keberatan = Keberatan.objects.get()
    client = as_user(atasan.user)
    assert "Budi Pegawai" in client.get(reverse("penilaian:keberatan-masuk")).content.decode()
    response = client.post(
        reverse("penilaian:keberatan-putuskan", args=[keberatan.pk]),
        {
            "keputusan": "diubah",
            "alasan_keputusan": "Terbukti.",
            "rating_hasil_kerja": "di_atas",
            "rating_perilaku": "di_atas",
        },
    )
    assert response.status_code == 302
    html = as_user(pegawai.user).get(evaluasi.get_absolute_url()).content.decode()
    assert "Hasil diubah" in html and "Sangat Baik" in html


def test_objection_button_is_gone_after_day_14(as_user, jam, penilai, pegawai, periode, skp_pegawai):
    jam(2027, 1, 5, 10, 0)
    evaluasi = services.evaluasi_open(actor=penilai.user, pegawai=pegawai, periode=periode, periode_ke=None)
    evaluasi = services.evaluasi_save(
        actor=penilai.user,
        evaluasi=evaluasi,
        versi=1,
        rating_hasil_kerja="sesuai",
        rating_perilaku="sesuai",
        alasan_beda_saran="Belum ada realisasi.",
    )
    services.evaluasi_finalize(actor=penilai.user, evaluasi=evaluasi, versi=evaluasi.versi)
    jam(2027, 1, 20, 8, 0)
    client = as_user(pegawai.user)
    assert "Ajukan keberatan" not in client.get(evaluasi.get_absolute_url()).content.decode()
    response = client.post(reverse("penilaian:keberatan-ajukan", args=[evaluasi.pk]), {"alasan": "Telat."})
    assert response.status_code == 400 and not Keberatan.objects.exists()


def _tim(penilai, periode, n):
    for i in range(n):
        anggota = PegawaiFactory(atasan=penilai, unit=penilai.unit, user=UserFactory(username=f"anggota{n}_{i}"))
        skp = skp_disetujui(anggota, periode)
        services.evaluasi_open(actor=penilai.user, pegawai=anggota, periode=periode, periode_ke=1)
        assert skp


@pytest.mark.parametrize("n", [1, 4])
def test_team_page_runs_a_constant_number_of_queries(as_user, penilai, periode, n, django_assert_max_num_queries):
    _tim(penilai, periode, n)
    client = as_user(penilai.user)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("penilaian:tim") + "?ke=1").status_code == 200


def test_my_evaluations_and_objections_lists_run_a_constant_number_of_queries(
    as_user, pegawai, atasan, django_assert_max_num_queries
):
    for user, url in ((pegawai.user, "penilaian:evaluasi-saya"), (atasan.user, "penilaian:keberatan-masuk")):
        client = as_user(user)
        with django_assert_max_num_queries(10):
            assert client.get(reverse(url)).status_code == 200


def test_evaluation_page_renders_in_english(client, settings, penilai, evaluasi):
    client.force_login(penilai.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(evaluasi.get_absolute_url()).content.decode()
    assert "Employee Performance Evaluation" in html
    assert "Suggested work results rating" in html and "Meets Expectations" in html
    assert "Performance quadrant" in html and "Saran rating hasil kerja" not in html
