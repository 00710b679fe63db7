"""The forum and aspiration API: public reads (upcoming and past forums per kelurahan, minutes, aspirations with their
dated updates) and attendance without a login (once per client, honeypot, rate limit: 429), officer endpoints
(schedule, minutes, aspirations, follow-up with the reason rule); bad input is a 400 in the one error shape with
nothing saved; attendees' and officers' names appear in no public answer; lists pin their query counts."""

import datetime as dt

import pytest

from partisipasi import services
from partisipasi.models import Aspirasi, Forum, KehadiranForum
from tests.api_helpers import api_error, logged_in, post_json
from tests.partisipasi.conftest import AWAL

BASE = "/api/v1/partisipasi"
NAMA_HADIR = "Ibu Rahasia Hadirin"


def _forum(petugas, kel, *, hari: int, topik="Rembuk RW 03", jenis=Forum.Jenis.REMBUK_RW):
    return services.forum_create(
        actor=petugas,
        kelurahan_id=kel.pk,
        jenis=jenis,
        topik=topik,
        mulai=AWAL + dt.timedelta(days=hari),
        selesai=AWAL + dt.timedelta(days=hari, hours=2),
        tempat="Aula kelurahan",
        rw="3",
    )


@pytest.fixture
def lalu(jam, petugas_a, kel_a, dinas):
    """A forum held last week, with minutes and one aspiration followed up once."""
    jam.set(AWAL - dt.timedelta(days=8))
    forum = _forum(petugas_a, kel_a, hari=-7, topik="Musrenbang kelurahan", jenis=Forum.Jenis.MUSRENBANG)
    jam.set(AWAL - dt.timedelta(days=6))
    services.notulen_set(actor=petugas_a, forum=forum, notulen="Dibahas 12 usulan; 4 diprioritaskan.")
    a = services.aspirasi_create(
        actor=petugas_a,
        forum=forum,
        kategori="fisik",
        rw="03",
        uraian="Perbaikan saluran Jl. Kenari.",
        unit_id=dinas.pk,
    )
    services.aspirasi_update(
        actor=petugas_a, aspirasi=a, status="diakomodir", progres=20, teks="Masuk rencana kerja 2027."
    )
    jam.set(AWAL)
    return forum


def test_public_upcoming_and_past_per_kelurahan_with_minutes_and_updates(
    client, lalu, petugas_a, petugas_b, kel_a, kel_b, django_assert_max_num_queries
):
    akan = _forum(petugas_a, kel_a, hari=3)
    _forum(petugas_b, kel_b, hari=4, topik="Forum Gondangdia")
    with django_assert_max_num_queries(3):  # the kelurahan, the count, the page
        body = client.get(f"{BASE}/forum/", {"kelurahan": kel_a.pk, "waktu": "akan_datang"}).json()
    assert [f["id"] for f in body["results"]] == [akan.pk]
    assert body["results"][0]["jenis_label"] == "Rembuk RW" and body["results"][0]["rw"] == "03"
    past = client.get(f"{BASE}/forum/", {"kelurahan": kel_a.pk, "waktu": "lalu"}).json()["results"]
    assert [(f["id"], f["ada_notulen"]) for f in past] == [(lalu.pk, True)]
    assert client.get(f"{BASE}/forum/").json()["count"] == 3

    with django_assert_max_num_queries(3):
        detail = client.get(f"{BASE}/forum/{lalu.pk}/").json()
    assert detail["notulen"] == "Dibahas 12 usulan; 4 diprioritaskan."
    assert detail["pendaftaran_terbuka"] is False
    (a,) = detail["aspirasi"]
    assert (a["status"], a["progres"], a["unit_penanggung_jawab"]) == ("diakomodir", 20, "Dinas Uji")
    assert [(u["status"], u["teks"]) for u in a["pembaruan"]] == [
        ("diterima", "Aspirasi diterima dalam Musrenbang Kecamatan Terintegrasi Musrenbang Kelurahan."),
        ("diakomodir", "Masuk rencana kerja 2027."),
    ]
    assert a["pembaruan"][0]["pada"].endswith("+07:00")


def test_public_aspiration_list_filters_and_query_count(client, lalu, petugas_a, kel_a, django_assert_max_num_queries):
    jam_forum = Forum.objects.get(pk=lalu.pk)
    for i in range(3):
        services.aspirasi_create(
            actor=petugas_a, forum=jam_forum, kategori="sosial", rw="05", uraian=f"Usulan {i}", unit_id=kel_a.pk
        )
    with django_assert_max_num_queries(4):  # the kelurahan, the count, the page, the updates
        body = client.get(f"{BASE}/aspirasi/", {"kelurahan": kel_a.pk}).json()
    assert body["count"] == 4
    assert client.get(f"{BASE}/aspirasi/", {"status": "diakomodir"}).json()["count"] == 1
    assert client.get(f"{BASE}/aspirasi/", {"forum": lalu.pk, "status": "diterima"}).json()["count"] == 3
    one = client.get(f"{BASE}/aspirasi/{Aspirasi.objects.order_by('pk').first().pk}/").json()
    assert one["status_label"] == "Diakomodir dalam rencana kerja"


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        ("forum", {"kelurahan": 999999}, "kelurahan"),
        ("forum", {"kelurahan": "abc"}, "kelurahan"),
        ("forum", {"waktu": "besok"}, "waktu"),
        ("aspirasi", {"status": "batal"}, "status"),
        ("aspirasi", {"forum": "x"}, "forum"),
    ],
)
def test_bad_filters_are_400_in_the_error_shape(client, db, url, params, field):
    response = client.get(f"{BASE}/{url}/", params)
    assert response.status_code == 400
    assert field in api_error(response)["fields"]


def test_unknown_forum_and_aspiration_are_404(client, db):
    assert api_error(client.get(f"{BASE}/forum/424242/"))["message"] == "Forum tidak ditemukan."
    assert api_error(client.get(f"{BASE}/aspirasi/424242/"))["message"] == "Aspirasi tidak ditemukan."
    assert client.get(f"{BASE}/forum/abc/").status_code == 404


def test_attendance_once_per_client_honeypot_and_closed_after_the_forum(jam, client, petugas_a, kel_a):
    forum = _forum(petugas_a, kel_a, hari=2)
    response = post_json(client, f"{BASE}/forum/{forum.pk}/hadir/", {"nama": NAMA_HADIR})
    assert response.status_code == 201, response.content
    assert response.json() == {"forum": forum.pk, "jumlah_hadir": 1}
    again = post_json(client, f"{BASE}/forum/{forum.pk}/hadir/", {})
    assert again.status_code == 400
    assert api_error(again)["message"] == "Anda sudah terdaftar hadir di forum ini."
    bot = client.post(
        f"{BASE}/forum/{forum.pk}/hadir/", {"situs": "http://spam"}, content_type="application/json", REMOTE_ADDR="10.9"
    )
    assert bot.status_code == 400 and KehadiranForum.objects.count() == 1

    jam.set(forum.selesai + dt.timedelta(minutes=1))
    closed = client.post(f"{BASE}/forum/{forum.pk}/hadir/", {}, content_type="application/json", REMOTE_ADDR="10.10")
    assert api_error(closed)["message"] == "Forum ini sudah berakhir; pendaftaran hadir ditutup."
    assert Forum.objects.get(pk=forum.pk).jumlah_hadir == 1


def test_attendance_is_rate_limited_with_a_429(settings, client, petugas_a, kel_a):
    settings.PARTISIPASI_BATAS_HADIR = (2, 3600)
    forums = [_forum(petugas_a, kel_a, hari=2 + i, topik=f"Forum {i}") for i in range(3)]
    for forum in forums[:2]:
        assert post_json(client, f"{BASE}/forum/{forum.pk}/hadir/", {}).status_code == 201
    response = post_json(client, f"{BASE}/forum/{forums[2].pk}/hadir/", {})
    assert response.status_code == 429
    assert api_error(response)["message"] == "Terlalu banyak permintaan. Coba lagi dalam 3600 detik."
    assert KehadiranForum.objects.count() == 2


def test_no_attendee_nor_officer_name_in_any_public_answer(client, lalu, petugas_a, kel_a):
    akan = _forum(petugas_a, kel_a, hari=2)
    post_json(client, f"{BASE}/forum/{akan.pk}/hadir/", {"nama": NAMA_HADIR})
    petugas_a.first_name, petugas_a.last_name = "Petugas", "Bernama"
    petugas_a.save()
    for url in (
        f"{BASE}/forum/",
        f"{BASE}/forum/{akan.pk}/",
        f"{BASE}/forum/{lalu.pk}/",
        f"{BASE}/aspirasi/",
        f"{BASE}/aspirasi/{Aspirasi.objects.get().pk}/",
    ):
        text = client.get(url).content.decode()
        assert NAMA_HADIR not in text and "petugas.a" not in text and "Bernama" not in text, url
        assert "nama" not in str(client.get(url).json().keys())


# --- officers -----------------------------------------------------------------------------------------------------


def _jadwal(kel, **changes):
    data = {
        "kelurahan": kel.pk,
        "jenis": "forum_warga",
        "topik": "Forum warga: keamanan lingkungan",
        "mulai": "2026-07-20T09:00:00+07:00",
        "selesai": "2026-07-20T11:00:00+07:00",
        "tempat": "Balai warga RW 05",
        "rw": "5",
    }
    data.update(changes)
    return data


def test_officer_schedules_records_minutes_and_aspirations_and_follows_up(jam, client, petugas_a, kel_a, dinas):
    api = logged_in(client, petugas_a)
    response = post_json(api, f"{BASE}/petugas/forum/", _jadwal(kel_a))
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["rw"], body["boleh_kelola"], body["pendaftaran_terbuka"]) == ("05", True, True)
    pk = body["id"]

    early = post_json(api, f"{BASE}/petugas/forum/{pk}/notulen/", {"notulen": "Terlalu dini."})
    assert api_error(early)["message"] == "Notulen dan aspirasi dicatat setelah forum dimulai."

    jam.set(AWAL + dt.timedelta(days=5, hours=1))  # 20 July, 11:00
    api = logged_in(client, petugas_a)  # the session of 15 July has expired
    assert post_json(api, f"{BASE}/petugas/forum/{pk}/notulen/", {"notulen": "Hadir 30 warga."}).status_code == 200
    created = post_json(
        api,
        f"{BASE}/petugas/forum/{pk}/aspirasi/",
        {"kategori": "lingkungan", "rw": "5", "uraian": "Pos ronda baru.", "unit": dinas.pk},
    )
    assert created.status_code == 201, created.content
    a = created.json()
    assert (a["status"], a["rw"], a["boleh_tindak_lanjut"]) == ("diterima", "05", True)

    url = f"{BASE}/petugas/aspirasi/{a['id']}/tindak-lanjut/"
    no_reason = post_json(api, url, {"status": "tidak_direkomendasikan", "progres": 0, "teks": "Dikaji."})
    assert no_reason.status_code == 400
    assert api_error(no_reason)["fields"]["alasan"] == [
        "Tuliskan alasan tidak direkomendasikan; alasan ini ditampilkan kepada warga."
    ]
    done = post_json(
        api,
        url,
        {"status": "tidak_direkomendasikan", "progres": 0, "teks": "Dikaji.", "alasan": "Sudah ada pos di RW 04."},
    )
    assert done.status_code == 200 and done.json()["boleh_tindak_lanjut"] is False
    final = post_json(api, url, {"status": "ditindaklanjuti", "progres": 5, "teks": "Lagi."})
    assert api_error(final)["message"] == "Aspirasi berstatus tidak direkomendasikan sudah final."
    public = client.get(f"{BASE}/aspirasi/{a['id']}/").json()
    assert public["alasan"] == "Sudah ada pos di RW 04."
    assert [u["status"] for u in public["pembaruan"]] == ["diterima", "tidak_direkomendasikan"]
    # final ones leave the to-follow-up list, but stay readable
    assert api.get(f"{BASE}/petugas/aspirasi/").json()["count"] == 0
    assert api.get(f"{BASE}/petugas/aspirasi/", {"semua": "1"}).json()["count"] == 1
    assert api.get(f"{BASE}/petugas/aspirasi/{a['id']}/").status_code == 200


def test_bad_schedule_is_a_400_with_every_field_and_saves_nothing(client, petugas_a, kel_a):
    response = post_json(
        logged_in(client, petugas_a),
        f"{BASE}/petugas/forum/",
        _jadwal(kel_a, jenis="arisan", topik="", rw="x", selesai="2026-07-20T08:00:00+07:00"),
    )
    assert response.status_code == 400
    assert set(api_error(response)["fields"]) == {"jenis", "topik", "rw", "selesai"}
    unknown = post_json(client, f"{BASE}/petugas/forum/", _jadwal(kel_a, kelurahan=999999))
    assert api_error(unknown)["fields"]["kelurahan"] == ["Kelurahan tidak dikenal. Pilih kelurahan dari daftar."]
    assert not Forum.objects.exists()


def test_another_kelurahan_cannot_manage_nor_see_the_forum(jam, client, petugas_a, petugas_b, kel_a, outsider):
    api = logged_in(client, petugas_b)
    response = post_json(api, f"{BASE}/petugas/forum/", _jadwal(kel_a))
    assert response.status_code == 403
    assert api_error(response)["message"] == "Hanya petugas atau pimpinan kelurahan ini yang dapat mengelola forumnya."
    forum = _forum(petugas_a, kel_a, hari=-1)
    assert api.get(f"{BASE}/petugas/forum/{forum.pk}/").status_code == 404
    assert post_json(api, f"{BASE}/petugas/forum/{forum.pk}/notulen/", {"notulen": "x"}).status_code == 404
    assert api.get(f"{BASE}/petugas/forum/").json()["count"] == 0
    assert not Forum.objects.filter(notulen="x").exists()


def test_officer_lists_pin_their_query_count(jam, client, lalu, petugas_a, kel_a, django_assert_max_num_queries):
    api = logged_in(client, petugas_a)

    def jumlah(url):
        with django_assert_max_num_queries(10) as ctx:
            assert api.get(url).status_code == 200
        return len(ctx.captured_queries)

    kecil = (jumlah(f"{BASE}/petugas/forum/"), jumlah(f"{BASE}/petugas/aspirasi/"))
    for i in range(4):
        f = _forum(petugas_a, kel_a, hari=-2 - i, topik=f"Forum {i}")
        services.aspirasi_create(actor=petugas_a, forum=f, kategori="fisik", rw="1", uraian="x", unit_id=kel_a.pk)
    besar = (jumlah(f"{BASE}/petugas/forum/"), jumlah(f"{BASE}/petugas/aspirasi/"))
    assert kecil == besar
