"""The admins' pages: an admin unit creates a programme owned by his dinas, schedules an event of it, edits it;
refused input shows the page again with the Indonesian message and saves nothing; another unit's admin cannot
touch them; the lists run a constant number of queries."""

import datetime as dt

import pytest
from django.urls import reverse

from pelatihan.models import Kegiatan, Program
from tests.pelatihan.factories import KegiatanFactory, ProgramFactory

PROGRAM = {
    "judul": "Pelatihan Asesmen Diagnostik",
    "deskripsi": "",
    "bidang": "teknis",
    "kompetensi": "asesmen, diagnostik",
    "jenis": "klasikal",
    "penyelenggara": "dinas",
    "nama_penyelenggara": "Dinas Uji",
    "jp": "16",
}


def _kegiatan(**ubah) -> dict:
    isian = {
        "nama": "Angkatan I",
        "tanggal_mulai": "2026-08-10",
        "tanggal_selesai": "2026-08-12",
        "pendaftaran_mulai": "2026-07-15",
        "pendaftaran_selesai": "2026-08-01",
        "kuota": "30",
        "moda": "tatap_muka",
        "tempat": "Aula Dinas Uji",
        "tautan": "",
    }
    isian.update(ubah)
    return isian


def test_an_admin_unit_creates_a_programme_and_schedules_an_event(as_user, admin_unit, dinas):
    client = as_user(admin_unit)
    page = client.get(reverse("pelatihan:program-baru")).content.decode()
    assert "Pilih unit kerja…" in page and "novalidate" in page
    r = client.post(reverse("pelatihan:program-baru"), {**PROGRAM, "unit_pemilik": dinas.pk})
    program = Program.objects.get(judul="Pelatihan Asesmen Diagnostik")
    assert r.status_code == 302 and r.url == reverse("pelatihan:kegiatan-baru", args=[program.pk])
    assert program.unit_pemilik == dinas and program.jp == 16 and program.kompetensi == ["asesmen", "diagnostik"]

    r = client.post(
        reverse("pelatihan:kegiatan-baru", args=[program.pk]), {**_kegiatan(), "unit_penyelenggara": dinas.pk}
    )
    kegiatan = Kegiatan.objects.get(program=program)
    assert r.status_code == 302 and r.url == reverse("pelatihan:kegiatan-detail", args=[kegiatan.pk])
    assert (kegiatan.kuota, kegiatan.unit_penyelenggara) == (30, dinas)

    r = client.post(reverse("pelatihan:kegiatan-ubah", args=[kegiatan.pk]), _kegiatan(kuota="40", tempat="Ruang 2"))
    kegiatan.refresh_from_db()
    assert r.status_code == 302 and (kegiatan.kuota, kegiatan.tempat) == (40, "Ruang 2")

    html = client.get(reverse("pelatihan:kelola")).content.decode()
    assert "Pelatihan Asesmen Diagnostik" in html and "Angkatan I" in html


@pytest.mark.parametrize(
    ("isian", "pesan"),
    [
        ({"jp": "0"}, "JP"),
        ({"jp": "500"}, "JP"),
        ({"judul": " "}, "Judul program wajib diisi."),
    ],
)
def test_a_refused_programme_shows_the_message_and_saves_nothing(as_user, admin_unit, dinas, isian, pesan):
    r = as_user(admin_unit).post(reverse("pelatihan:program-baru"), {**PROGRAM, "unit_pemilik": dinas.pk, **isian})
    assert r.status_code == 400 and pesan in r.content.decode()
    assert not Program.objects.exists()


def test_an_admin_unit_cannot_make_a_province_wide_programme(as_user, admin_unit):
    r = as_user(admin_unit).post(reverse("pelatihan:program-baru"), PROGRAM)
    assert r.status_code == 403
    assert not Program.objects.exists()


def test_a_refused_event_shows_the_message_and_saves_nothing(as_user, admin_unit, dinas):
    program = ProgramFactory(unit_pemilik=dinas)
    url = reverse("pelatihan:kegiatan-baru", args=[program.pk])
    r = as_user(admin_unit).post(url, {**_kegiatan(tanggal_selesai="2026-08-01"), "unit_penyelenggara": dinas.pk})
    assert r.status_code == 400
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in r.content.decode()
    r = as_user(admin_unit).post(url, {**_kegiatan(tempat=""), "unit_penyelenggara": dinas.pk})
    assert r.status_code == 400 and "Tempat wajib diisi untuk kegiatan tatap muka." in r.content.decode()
    assert not Kegiatan.objects.exists()


def test_another_units_admin_cannot_edit_them(as_user, admin_unit, dinas, dinas_lain):
    from kepegawaian import services as kepegawaian_services
    from kepegawaian.models import PeranAdmin
    from tests.kepegawaian.factories import UserFactory

    lain = UserFactory(username="admin.lain")
    kepegawaian_services.peran_grant(actor=None, user=lain, peran=PeranAdmin.Peran.ADMIN_UNIT, unit=dinas_lain)
    program = ProgramFactory(unit_pemilik=dinas)
    kegiatan = KegiatanFactory(program=program, unit_penyelenggara=dinas)
    client = as_user(lain)
    assert client.post(reverse("pelatihan:program-ubah", args=[program.pk]), PROGRAM).status_code == 403
    assert client.post(reverse("pelatihan:kegiatan-ubah", args=[kegiatan.pk]), _kegiatan()).status_code == 403
    assert "Angkatan" not in client.get(reverse("pelatihan:kelola")).content.decode()


def test_the_management_page_runs_a_constant_number_of_queries(
    as_user, admin_bkd, dinas, django_assert_max_num_queries
):
    for i in range(30):
        program = ProgramFactory(unit_pemilik=dinas)
        KegiatanFactory(program=program, unit_penyelenggara=dinas, tanggal_mulai=dt.date(2026, 8, 3 + i % 2))
    client = as_user(admin_bkd)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("pelatihan:kelola")).status_code == 200


def test_the_event_list_counts_the_completions_of_each_event_of_its_page(
    admin_unit, admin_bkd, pegawai, penilai, dinas
):
    """The count per event is a subquery of the page's rows (issue 9: a grouped join counted every participant of
    every event before the LIMIT); the paginator's COUNT does not carry it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pelatihan import selectors
    from pelatihan.models import Peserta

    a = KegiatanFactory(unit_penyelenggara=dinas)
    b = KegiatanFactory(unit_penyelenggara=dinas, tanggal_mulai=dt.date(2026, 8, 4))
    for i, p in enumerate((pegawai, penilai)):
        Peserta.objects.create(
            kegiatan=a, pegawai=p, status="terdaftar", didaftarkan_oleh=admin_unit,
            selesai=True, jp=12, tahun_jp=2026, kode_verifikasi=f"KELOLA-{i}",
        )  # fmt: skip
    Peserta.objects.create(kegiatan=b, pegawai=pegawai, status="terdaftar", didaftarkan_oleh=admin_unit)
    for user in (admin_unit, admin_bkd):
        rows = {k.pk: k.jumlah_selesai for k in selectors.kegiatan_kelola(user)}
        assert rows == {a.pk: 2, b.pk: 0}
        with CaptureQueriesContext(connection) as ctx:
            assert selectors.kegiatan_kelola(user).count() == 2
        assert "pelatihan_peserta" not in ctx.captured_queries[-1]["sql"]
