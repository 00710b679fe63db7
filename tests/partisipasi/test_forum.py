"""Forums and aspirations: scheduling, attendance (once per client, rate limited, closed after the forum), minutes
and aspirations after it began, follow-up with dated public updates to a final status; who may act; public pages,
the iCalendar feed and the to-do item; attendees' names never public."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.tugas import tugas_untuk
from partisipasi import ical, services
from partisipasi.models import Aspirasi, Forum, KehadiranForum
from tests.partisipasi.conftest import AWAL

NAMA_HADIR = "Bapak Rahasia Hadirin"


@pytest.fixture
def forum(kel_a, petugas_a):
    return services.forum_create(
        actor=petugas_a,
        kelurahan_id=kel_a.pk,
        jenis=Forum.Jenis.REMBUK_RW,
        topik="Rembuk RW 03: saluran, penerangan; dan taman",
        mulai=AWAL + dt.timedelta(days=2),
        selesai=AWAL + dt.timedelta(days=2, hours=3),
        tempat="Aula Kantor Kelurahan Menteng",
        rw="3",
    )


def _mulai(jam, forum):
    jam.set(forum.mulai + dt.timedelta(hours=1))


def test_forum_flow_attendance_minutes_aspiration_follow_up(jam, forum, petugas_a, dinas, anonymous):
    assert forum.rw == "03"
    services.kehadiran_register(actor=anonymous, klien="warga-1", forum=forum, nama=NAMA_HADIR)
    services.kehadiran_register(actor=anonymous, klien="warga-2", forum=forum)
    with pytest.raises(ValidationError, match="sudah terdaftar"):
        services.kehadiran_register(actor=anonymous, klien="warga-1", forum=forum)
    assert Forum.objects.get(pk=forum.pk).jumlah_hadir == 2

    with pytest.raises(ValidationError, match="setelah forum dimulai"):
        services.notulen_set(actor=petugas_a, forum=forum, notulen="Terlalu dini.")
    _mulai(jam, forum)
    services.notulen_set(actor=petugas_a, forum=forum, notulen="Dihadiri 40 warga. Usulan dibahas satu per satu.")
    a = services.aspirasi_create(
        actor=petugas_a, forum=forum, kategori="fisik", rw="3", uraian="Perbaikan saluran Jl. Mawar.", unit_id=dinas.pk
    )
    assert (a.status, a.progres, a.pembaruan.count()) == ("diterima", 0, 1)

    jam.maju(days=10)
    a = services.aspirasi_update(
        actor=petugas_a, aspirasi=a, status="diakomodir", progres=10, teks="Masuk rencana kerja 2027."
    )
    jam.maju(days=30)
    a = services.aspirasi_update(actor=petugas_a, aspirasi=a, status="selesai", progres=40, teks="Saluran diperbaiki.")
    assert (a.status, a.progres) == ("selesai", 100)
    assert [u.status for u in a.pembaruan.all()] == ["diterima", "diakomodir", "selesai"]
    with pytest.raises(ValidationError, match="sudah final"):
        services.aspirasi_update(actor=petugas_a, aspirasi=a, status="ditindaklanjuti", progres=1, teks="x")

    jam.maju(days=1)
    with pytest.raises(ValidationError, match="berakhir"):
        services.kehadiran_register(actor=anonymous, klien="warga-3", forum=forum)


def test_not_recommended_needs_a_reason_shown_publicly(jam, forum, petugas_a, kel_a, client):
    _mulai(jam, forum)
    a = services.aspirasi_create(
        actor=petugas_a, forum=forum, kategori="sosial", rw="05", uraian="Posyandu baru.", unit_id=kel_a.pk
    )
    with pytest.raises(ValidationError) as exc:
        services.aspirasi_update(
            actor=petugas_a, aspirasi=a, status="tidak_direkomendasikan", progres=0, teks="Dikaji."
        )
    assert "alasan" in exc.value.message_dict
    services.aspirasi_update(
        actor=petugas_a,
        aspirasi=a,
        status="tidak_direkomendasikan",
        progres=0,
        teks="Dikaji bersama puskesmas.",
        alasan="Sudah ada posyandu dalam radius 300 m.",
    )
    assert "Sudah ada posyandu dalam radius 300 m." in client.get(f"/partisipasi/aspirasi/{a.pk}/").content.decode()


def test_bad_input_saves_nothing(kel_a, petugas_a):
    with pytest.raises(ValidationError) as exc:
        services.forum_create(
            actor=petugas_a,
            kelurahan_id=kel_a.pk,
            jenis="arisan",
            topik="",
            mulai=AWAL,
            selesai=AWAL - dt.timedelta(hours=1),
            tempat="Aula",
            rw="x",
        )
    assert set(exc.value.message_dict) == {"jenis", "topik", "selesai", "rw"}
    with pytest.raises(ValidationError):
        services.forum_create(
            actor=petugas_a, kelurahan_id=999999, jenis="forum_warga", topik="T", mulai=AWAL, selesai=AWAL, tempat="A"
        )
    assert not Forum.objects.exists()


def test_outsiders_cannot_manage_or_follow_up(jam, forum, petugas_a, petugas_b, outsider, kel_a, kel_b):
    with pytest.raises(PermissionDenied):
        services.forum_create(
            actor=petugas_b,
            kelurahan_id=kel_a.pk,
            jenis="forum_warga",
            topik="T",
            mulai=AWAL,
            selesai=AWAL + dt.timedelta(hours=1),
            tempat="A",
        )
    _mulai(jam, forum)
    for actor in (petugas_b, outsider.user):
        with pytest.raises(PermissionDenied):
            services.notulen_set(actor=actor, forum=forum, notulen="x")
        with pytest.raises(PermissionDenied):
            services.aspirasi_create(actor=actor, forum=forum, kategori="fisik", rw="1", uraian="x", unit_id=kel_a.pk)
    a = services.aspirasi_create(actor=petugas_a, forum=forum, kategori="fisik", rw="1", uraian="x", unit_id=kel_b.pk)
    with pytest.raises(PermissionDenied):
        services.aspirasi_update(actor=outsider.user, aspirasi=a, status="ditindaklanjuti", progres=5, teks="x")
    # the responsible unit's petugas follows it up
    services.aspirasi_update(actor=petugas_b, aspirasi=a, status="ditindaklanjuti", progres=5, teks="Disurvei.")


def test_attendance_is_rate_limited(settings, forum, anonymous):
    from partisipasi.services import TerlaluSering

    settings.PARTISIPASI_BATAS_HADIR = (1, 3600)
    other = Forum.objects.create(
        kelurahan=forum.kelurahan,
        jenis="forum_warga",
        topik="Lain",
        mulai=forum.mulai,
        selesai=forum.selesai,
        tempat="Aula",
    )
    services.kehadiran_register(actor=anonymous, klien="k", forum=forum)
    with pytest.raises(TerlaluSering):
        services.kehadiran_register(actor=anonymous, klien="k", forum=other)


def test_public_pages_and_feed_show_the_forum_never_the_attendees(jam, client, forum, petugas_a, kel_a):
    services.kehadiran_register(actor=None, klien="warga-1", forum=forum, nama=NAMA_HADIR)
    _mulai(jam, forum)
    services.aspirasi_create(
        actor=petugas_a, forum=forum, kategori="fisik", rw="03", uraian="Lampu jalan gang 5.", unit_id=kel_a.pk
    )
    urls = [
        "/partisipasi/forum/",
        f"/partisipasi/forum/?kelurahan={kel_a.pk}&bulan=2026-07",
        f"/partisipasi/forum/{forum.pk}/",
        f"/partisipasi/aspirasi/{Aspirasi.objects.get().pk}/",
        "/partisipasi/forum/kalender.ics",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert NAMA_HADIR not in body, url
        assert "petugas.a" not in body, url  # nor the officer's account
    html = client.get(f"/partisipasi/forum/?kelurahan={kel_a.pk}&bulan=2026-07").content.decode()
    assert "Lampu jalan gang 5." in html and 'data-testid="kalender"' in html


def test_ics_follows_rfc5545(forum):
    teks = ical.kalender([forum], host="kinerja.test", sekarang=AWAL, url_dasar="https://kinerja.test")
    assert teks.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and teks.endswith("END:VCALENDAR\r\n")
    assert "DTSTART:20260717T030000Z\r\n" in teks  # 17 July 10:00 Jakarta
    assert "SUMMARY:Rembuk RW: Rembuk RW 03: saluran\\, penerangan\\; dan taman\r\n" in teks
    assert all(len(line.encode()) <= 75 for line in teks.split("\r\n"))
    assert f"UID:forum-{forum.pk}@kinerja.test" in teks


def test_ics_folds_long_lines_without_splitting_characters():
    baris = "SUMMARY:" + "Musrenbang — usulan warga é " * 8
    lipat = ical._lipat(baris)
    bagian = lipat.split("\r\n ")
    assert len(bagian) > 1 and all(len(b.encode()) <= 75 - (i > 0) for i, b in enumerate(bagian))
    assert "".join(bagian) == baris


def test_officer_pages_and_todo(jam, as_user, forum, petugas_a, kel_a, django_assert_max_num_queries):
    _mulai(jam, forum)
    client = as_user(petugas_a)  # after moving the clock: a session lasts 8 hours at most
    r = client.post(f"/partisipasi/petugas/forum/{forum.pk}/", {"aksi": "notulen", "notulen": "Notulen rapat."})
    assert r.status_code == 302
    for n in range(3):
        client.post(
            f"/partisipasi/petugas/forum/{forum.pk}/",
            {"aksi": "aspirasi", "kategori": "fisik", "rw": "2", "uraian": f"Usulan {n}", "unit": kel_a.pk},
        )
    assert Aspirasi.objects.count() == 3
    [item] = [t for t in tugas_untuk(petugas_a) if t.kode == "partisipasi.aspirasi_tindak_lanjut"]
    assert item.jumlah == 3
    a = Aspirasi.objects.first()
    r = client.post(
        f"/partisipasi/petugas/aspirasi/{a.pk}/tindak-lanjut/",
        {"status": "ditindaklanjuti", "progres": 20, "teks": "Survei lokasi.", "alasan": ""},
    )
    assert r.status_code == 302 and Aspirasi.objects.get(pk=a.pk).progres == 20
    with django_assert_max_num_queries(15):
        assert client.get("/partisipasi/petugas/forum/").status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(f"/partisipasi/petugas/forum/{forum.pk}/").status_code == 200
    assert not KehadiranForum.objects.exists()


def test_public_forum_page_query_count(client, forum, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assert client.get("/partisipasi/forum/").status_code == 200
