"""The penilaian API: a role × action table, field-level rules (a pegawai cannot write a rating, a penilai cannot
write an objection decision, even by crafting a request), the error shape, pinned list query counts."""

import pytest

from penilaian import services
from penilaian.models import Evaluasi, Keberatan
from tests.api_helpers import api_error, post_json
from tests.penilaian.conftest import realisasi_semua

URL = "/api/v1/evaluasi/"


@pytest.fixture
def evaluasi(penilai, pegawai, periode, skp_pegawai):
    realisasi_semua(skp_pegawai, 12)
    return services.evaluasi_open(actor=penilai.user, pegawai=pegawai, periode=periode, periode_ke=2)


def _final(evaluasi, penilai):
    evaluasi = services.evaluasi_save(
        actor=penilai.user,
        evaluasi=evaluasi,
        versi=evaluasi.versi,
        rating_hasil_kerja="sesuai",
        rating_perilaku="sesuai",
    )
    return services.evaluasi_finalize(actor=penilai.user, evaluasi=evaluasi, versi=evaluasi.versi)


def test_penilai_opens_rates_and_finalises_through_the_api(as_user, penilai, pegawai, periode, skp_pegawai):
    realisasi_semua(skp_pegawai, 12)
    client = as_user(penilai.user)
    response = post_json(client, URL, {"pegawai": pegawai.pk, "periode": periode.pk, "periode_ke": 2})
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = post_json(
        client, f"{URL}{pk}/nilai/", {"versi": 1, "rating_hasil_kerja": "sesuai", "rating_perilaku": "di_atas"}
    )
    assert response.json()["predikat"] == "baik"
    response = post_json(client, f"{URL}{pk}/finalkan/", {"versi": 2})
    assert response.json()["status"] == "final"


@pytest.mark.parametrize(
    ("siapa", "aksi", "kode"),
    [
        ("pegawai", "nilai", 403),
        ("atasan", "nilai", 403),
        ("outsider", "nilai", 404),
        ("pegawai", "finalkan", 403),
        ("outsider", "finalkan", 404),
        ("penilai", "baca", 403),
        ("penilai", "mandiri", 403),
    ],
)
def test_role_by_action(request, as_user, evaluasi, siapa, aksi, kode):
    client = as_user(request.getfixturevalue(siapa).user)
    data = {"versi": 1} if aksi != "baca" else {}
    response = post_json(client, f"{URL}{evaluasi.pk}/{aksi}/", data)
    assert response.status_code == kode
    api_error(response)
    evaluasi.refresh_from_db()
    assert (evaluasi.status, evaluasi.versi) == ("draft", 1)


def test_a_pegawai_cannot_write_a_rating_field_even_by_crafting_a_request(
    as_user, pegawai, evaluasi, admin_bkd, periode
):
    services.pengaturan_periode_set(actor=admin_bkd, periode=periode, penilaian_mandiri=True)
    client = as_user(pegawai.user)
    response = post_json(
        client, f"{URL}{evaluasi.pk}/mandiri/", {"versi": 1, "hasil_kerja": "di_atas", "rating_hasil_kerja": "di_atas"}
    )
    assert response.status_code == 400
    assert "rating_hasil_kerja" in api_error(response)["fields"]
    evaluasi.refresh_from_db()
    assert (evaluasi.rating_hasil_kerja, evaluasi.mandiri_hasil_kerja) == ("", "")


def test_a_rating_outside_the_three_values_is_400(as_user, penilai, evaluasi):
    response = post_json(as_user(penilai.user), f"{URL}{evaluasi.pk}/nilai/", {"versi": 1, "rating_perilaku": "hebat"})
    assert response.status_code == 400
    assert "rating_perilaku" in api_error(response)["fields"]


def test_a_stale_version_is_409(as_user, penilai, evaluasi):
    client = as_user(penilai.user)
    post_json(client, f"{URL}{evaluasi.pk}/nilai/", {"versi": 1, "rating_perilaku": "sesuai"})
    response = post_json(client, f"{URL}{evaluasi.pk}/nilai/", {"versi": 1, "rating_perilaku": "di_atas"})
    assert response.status_code == 409


@pytest.fixture
def keberatan(jam, penilai, pegawai, periode, skp_pegawai):
    realisasi_semua(skp_pegawai, 12, periode_ke=4)
    jam(2027, 1, 5, 10, 0)
    tahunan = _final(
        services.evaluasi_open(actor=penilai.user, pegawai=pegawai, periode=periode, periode_ke=None), penilai
    )
    return tahunan


def test_objection_and_decision_field_rules(as_user, keberatan, pegawai, penilai, atasan, jam):
    tahunan = keberatan
    response = post_json(as_user(penilai.user), f"{URL}{tahunan.pk}/keberatan/", {"alasan": "Saya keberatan."})
    assert response.status_code == 403
    response = post_json(as_user(pegawai.user), f"{URL}{tahunan.pk}/keberatan/", {"alasan": "x", "keputusan": "diubah"})
    assert response.status_code == 400 and "keputusan" in api_error(response)["fields"]
    response = post_json(as_user(pegawai.user), f"{URL}{tahunan.pk}/keberatan/", {"alasan": "Target terlampaui."})
    assert response.status_code == 201
    pk = response.json()["id"]
    keputusan = {"keputusan": "dipertahankan", "alasan_keputusan": "Sudah sesuai."}
    for orang in (penilai, pegawai):
        assert post_json(as_user(orang.user), f"/api/v1/keberatan/{pk}/keputusan/", keputusan).status_code == 403
    assert (
        post_json(
            as_user(penilai.user), f"/api/v1/keberatan/{pk}/tanggapan/", {"tanggapan": "Sesuai bukti."}
        ).status_code
        == 200
    )
    response = post_json(as_user(atasan.user), f"/api/v1/keberatan/{pk}/keputusan/", keputusan)
    assert response.status_code == 200 and response.json()["status"] == "diputuskan"
    assert Keberatan.objects.get().diputuskan_oleh == atasan


def test_objection_after_day_14_is_refused_by_the_api(as_user, keberatan, pegawai, jam):
    jam(2027, 1, 20, 0, 1)
    response = post_json(as_user(pegawai.user), f"{URL}{keberatan.pk}/keberatan/", {"alasan": "Terlambat."})
    assert response.status_code == 400
    assert "14 hari" in api_error(response)["message"]


def test_lists_show_only_visible_rows_with_a_constant_number_of_queries(
    as_user, evaluasi, pegawai, outsider, django_assert_max_num_queries
):
    client = as_user(pegawai.user)
    with django_assert_max_num_queries(8):
        body = client.get(URL).json()
    assert [r["id"] for r in body["results"]] == [evaluasi.pk]
    client = as_user(outsider.user)
    assert client.get(URL).json()["results"] == []
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/keberatan/").status_code == 200
    assert Evaluasi.objects.count() == 1


def test_ratings_per_value_and_the_development_note_through_the_api(as_user, penilai, pegawai, evaluasi):
    client = as_user(penilai.user)
    bad = post_json(client, f"{URL}{evaluasi.pk}/nilai/", {"versi": 1, "rating_nilai": {"kompeten": "hebat"}})
    assert bad.status_code == 400 and any(k.startswith("rating_nilai") for k in api_error(bad)["fields"])
    ok = post_json(
        client,
        f"{URL}{evaluasi.pk}/nilai/",
        {
            "versi": 1,
            "rating_hasil_kerja": "sesuai",
            "rating_perilaku": "sesuai",
            "rating_nilai": {"kompeten": "di_bawah"},
            "catatan_pengembangan": "Pelatihan analisis data.",
            "area_pengembangan": "teknis",
        },
    )
    assert ok.status_code == 200 and ok.json()["rating_nilai"] == {"kompeten": "di_bawah"}
    # the pegawai cannot slip a rating per value into his self-assessment
    crafted = post_json(
        as_user(pegawai.user), f"{URL}{evaluasi.pk}/mandiri/", {"versi": 2, "rating_nilai": {"kompeten": "di_atas"}}
    )
    assert crafted.status_code in (400, 403)
    evaluasi.refresh_from_db()
    assert evaluasi.rating_nilai == {"kompeten": "di_bawah"}
