"""The server-rendered pages: login/lockout, the home page per role, organisation browser, unit and pegawai pages,
my profile, the audit trail and the error pages."""

import datetime as dt

from auditlog.models import LogEntry
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation

from kepegawaian import services
from kepegawaian.models import Jabatan, Pegawai, PeranAdmin
from tests.kepegawaian.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory, UserFactory

PASSWORD = "rahasia-uji-123"


def _html(response) -> str:
    return response.content.decode()


# --- Login, logout, lockout --------------------------------------------------------------------------------------


def test_login_page_is_in_indonesian(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    html = _html(response)
    assert "Masuk ke Kinerja" in html
    assert 'lang="id"' in html


def test_login_with_right_password_opens_the_home_page(client, pegawai):
    response = client.post(reverse("login"), {"username": "pegawai", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("beranda")
    assert "Selamat datang, Budi Pegawai" in _html(response)


def test_login_with_wrong_password_shows_indonesian_error(client, pegawai):
    response = client.post(reverse("login"), {"username": "pegawai", "password": "salah"})
    assert response.status_code == 200
    page = _html(response)
    assert "Masukkan nama pengguna dan sandi yang benar." in page
    assert "nama pengguna nama pengguna" not in page


def test_logout_is_a_post_and_ends_the_session(as_user, pegawai):
    client = as_user(pegawai.user)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("beranda")).status_code == 302


def test_fifth_failed_login_shows_indonesian_lockout_page(client, pegawai, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(reverse("login"), {"username": "pegawai", "password": "salah"}).status_code == 200
    response = client.post(reverse("login"), {"username": "pegawai", "password": "salah"})
    assert response.status_code == 429
    html = _html(response)
    assert "Akun dikunci sementara" in html
    assert "15 menit" in html
    # Even the right password is refused while locked.
    response = client.post(reverse("login"), {"username": "pegawai", "password": PASSWORD})
    assert response.status_code == 429


def test_home_page_requires_login(client, db):
    response = client.get(reverse("beranda"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# --- Home page per role ------------------------------------------------------------------------------------------


def test_pegawai_home_shows_profile_atasan_and_next_steps_but_no_team(as_user, pegawai, penilai, atasan):
    html = _html(as_user(pegawai.user).get(reverse("beranda")))
    assert 'data-testid="ringkasan-profil"' in html
    assert pegawai.nip in html
    assert "Analis Uji" in html
    assert "Putri Penilai" in html  # atasan langsung
    assert "Ahmad Atasan" in html  # atasan pejabat penilai, derived
    assert "Tugas saya" in html
    assert 'data-testid="tim"' not in html
    assert 'data-testid="ringkasan-provinsi"' not in html


def test_pegawai_without_atasan_is_told_to_contact_the_admin(as_user, outsider):
    html = _html(as_user(outsider.user).get(reverse("beranda")))
    assert "Atasan langsung Anda belum tercatat" in html


def test_penilai_home_lists_his_direct_subordinates(as_user, penilai, pegawai):
    html = _html(as_user(penilai.user).get(reverse("beranda")))
    assert 'data-testid="tim"' in html
    assert "Budi Pegawai" in html
    assert reverse("kepegawaian:pegawai-detail", args=[pegawai.pk]) in html
    assert 'data-testid="tim-tingkat-dua"' not in html


def test_atasan_penilai_home_counts_his_two_level_team(as_user, atasan, penilai, pegawai, bidang):
    PegawaiFactory(unit=bidang, atasan=penilai)
    response = as_user(atasan.user).get(reverse("beranda"))
    assert response.context["jumlah_bawahan_tingkat_dua"] == 2
    html = _html(response)
    assert 'data-testid="tim-tingkat-dua"' in html
    assert "Putri Penilai" in html


def test_admin_unit_home_summarises_his_subtree(as_user, admin_unit, pegawai, outsider):
    response = as_user(admin_unit).get(reverse("beranda"))
    (ringkasan,) = response.context["unit_admin"]
    assert ringkasan["unit"].kode == "DINAS-UJI"
    assert ringkasan["jumlah_unit"] == 2  # the dinas and its bidang, not dinas_lain
    assert ringkasan["jumlah_pegawai"] == 3  # atasan, penilai, pegawai; not the outsider
    html = _html(response)
    assert 'data-testid="ringkasan-unit"' in html
    assert reverse("kepegawaian:organisasi") in html
    assert 'data-testid="ringkasan-profil"' not in html


def test_admin_bkd_home_shows_province_wide_counts(as_user, admin_bkd, pegawai, outsider):
    response = as_user(admin_bkd).get(reverse("beranda"))
    provinsi = response.context["provinsi"]
    assert provinsi["jumlah_pegawai"] == 4
    assert provinsi["jumlah_unit"] == 4
    assert provinsi["jumlah_perangkat_daerah"] == 2
    assert provinsi["tanpa_atasan"] == 2  # atasan (kepala dinas) and the outsider
    assert 'data-testid="ringkasan-provinsi"' in _html(response)


def test_header_shows_name_roles_language_switch_and_logout(as_user, penilai, pegawai):
    html = _html(as_user(penilai.user).get(reverse("beranda")))
    assert "Putri Penilai" in html
    assert "Pejabat penilai" in html
    assert f'action="{reverse("set_language")}"' in html
    assert f'action="{reverse("logout")}"' in html
    assert "vendor/htmx.min.js" in html


def test_home_page_query_count_does_not_grow_with_the_team(as_user, penilai, bidang):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user(penilai.user)

    def hitung() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("beranda"))
        assert response.status_code == 200
        return len(ctx.captured_queries)

    PegawaiFactory(unit=bidang, atasan=penilai)
    kecil = hitung()
    for _ in range(40):
        PegawaiFactory(unit=bidang, atasan=penilai)
    # the page (12) and every app's to-do items (indikator, penilaian, pelatihan, partisipasi): constant
    assert hitung() == kecil <= 30


def test_language_switch_to_english(as_user, pegawai):
    client = as_user(pegawai.user)
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("beranda")}, follow=True)
    html = _html(response)
    assert 'lang="en"' in html
    assert "Welcome, Budi Pegawai" in html


# --- Organisation browser ----------------------------------------------------------------------------------------


def test_organisation_browser_is_404_for_non_admins(as_user, pegawai, penilai):
    assert as_user(pegawai.user).get(reverse("kepegawaian:organisasi")).status_code == 404
    assert as_user(penilai.user).get(reverse("kepegawaian:organisasi")).status_code == 404


def test_admin_unit_sees_only_his_subtree_with_headcounts(as_user, admin_unit, pegawai, dinas_lain):
    response = as_user(admin_unit).get(reverse("kepegawaian:organisasi"))
    assert response.status_code == 200
    rows = {u.kode: u for u in response.context["units"]}
    assert set(rows) == {"DINAS-UJI", "DINAS-UJI-B1"}
    assert rows["DINAS-UJI"].indent == 0 and rows["DINAS-UJI-B1"].indent == 1
    assert rows["DINAS-UJI"].jumlah_pegawai == 1  # the kepala dinas himself
    assert rows["DINAS-UJI"].jumlah_pegawai_total == 3
    assert rows["DINAS-UJI-B1"].jumlah_pegawai_total == 2
    assert "Dinas Lain" not in _html(response)


def test_admin_bkd_sees_the_whole_tree(as_user, admin_bkd, pegawai, dinas_lain):
    response = as_user(admin_bkd).get(reverse("kepegawaian:organisasi"))
    assert [u.kode for u in response.context["units"]] == ["PEMPROV", "DINAS-UJI", "DINAS-UJI-B1", "DINAS-LAIN"]
    assert response.context["units"][0].jumlah_pegawai_total == 3


def test_organisation_browser_query_count_is_constant(as_user, admin_bkd, dinas, django_assert_max_num_queries):
    parent = dinas
    for _depth in range(5):
        parent = UnitKerjaFactory(parent=parent)
        for _ in range(4):
            PegawaiFactory(unit=UnitKerjaFactory(parent=parent))
    client = as_user(admin_bkd)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("kepegawaian:organisasi"))
    assert len(response.context["units"]) == 2 + 5 * 5


# --- Unit detail ---------------------------------------------------------------------------------------------------


def test_unit_outside_admin_scope_is_404(as_user, admin_unit, dinas_lain, pegawai):
    client = as_user(admin_unit)
    assert client.get(reverse("kepegawaian:unit-detail", args=[dinas_lain.pk])).status_code == 404
    # a pegawai may not browse units, even his own
    assert as_user(pegawai.user).get(reverse("kepegawaian:unit-detail", args=[pegawai.unit_id])).status_code == 404


def test_unit_detail_lists_its_people_and_sub_units(as_user, admin_unit, dinas, bidang, atasan, pegawai):
    response = as_user(admin_unit).get(reverse("kepegawaian:unit-detail", args=[dinas.pk]))
    assert response.status_code == 200
    assert [p.nama for p in response.context["page"].object_list] == ["Ahmad Atasan"]
    assert [u.nama for u in response.context["anak"]] == ["Bidang Uji"]

    response = as_user(admin_unit).get(reverse("kepegawaian:unit-detail", args=[dinas.pk]), {"semua": "on"})
    assert {p.nama for p in response.context["page"].object_list} == {"Ahmad Atasan", "Putri Penilai", "Budi Pegawai"}


def test_unit_detail_searches_by_name_and_by_nip(as_user, admin_unit, bidang, pegawai, penilai):
    client = as_user(admin_unit)
    url = reverse("kepegawaian:unit-detail", args=[bidang.pk])
    by_name = client.get(url, {"q": "budi"}).context["page"].object_list
    assert [p.pk for p in by_name] == [pegawai.pk]
    by_nip = client.get(url, {"q": penilai.nip[:14]}).context["page"].object_list
    assert penilai.pk in [p.pk for p in by_nip]
    nothing = client.get(url, {"q": "tidak ada orang ini"})
    assert "Tidak ada pegawai yang cocok" in _html(nothing)


def test_unit_detail_is_paginated_with_constant_queries(as_user, admin_unit, bidang, django_assert_max_num_queries):
    for i in range(60):
        PegawaiFactory(unit=bidang, nama=f"Pegawai {i:03d}")
    client = as_user(admin_unit)
    url = reverse("kepegawaian:unit-detail", args=[bidang.pk])
    with django_assert_max_num_queries(12):
        first = client.get(url)
    assert len(first.context["page"].object_list) == 25
    assert first.context["page"].paginator.count == 60
    third = client.get(url, {"halaman": 3})
    assert [p.nama for p in third.context["page"].object_list][0] == "Pegawai 050"
    assert "halaman=2" in _html(third)


# --- Pegawai detail and edit -------------------------------------------------------------------------------------


def test_pegawai_detail_is_404_outside_access(as_user, pegawai, outsider, admin_unit):
    assert as_user(outsider.user).get(pegawai.get_absolute_url()).status_code == 404
    assert as_user(admin_unit).get(outsider.get_absolute_url()).status_code == 404


def test_pegawai_sees_himself_without_edit_form(as_user, pegawai):
    response = as_user(pegawai.user).get(pegawai.get_absolute_url())
    assert response.status_code == 200
    assert response.context["form"] is None
    assert "Simpan perubahan" not in _html(response)


def test_penilai_may_view_but_not_edit_his_subordinate(as_user, penilai, pegawai, bidang):
    client = as_user(penilai.user)
    assert client.get(pegawai.get_absolute_url()).status_code == 200
    data = {"unit": bidang.kode, "jabatan": pegawai.jabatan_id, "atasan": ""}
    response = client.post(pegawai.get_absolute_url(), data)
    assert response.status_code == 403
    assert "Akses ditolak" in _html(response)
    pegawai.refresh_from_db()
    assert pegawai.atasan_id == penilai.pk


def test_admin_changes_unit_jabatan_and_atasan_and_it_is_audited(as_user, admin_unit, pegawai, atasan, dinas):
    jabatan = JabatanFactory(nama="Pranata Komputer", jenis=Jabatan.Jenis.FUNGSIONAL)
    response = as_user(admin_unit).post(
        pegawai.get_absolute_url(), {"unit": dinas.kode, "jabatan": jabatan.pk, "atasan": atasan.nip}, follow=True
    )
    assert response.status_code == 200
    assert "telah disimpan" in _html(response)
    pegawai.refresh_from_db()
    assert (pegawai.unit_id, pegawai.jabatan_id, pegawai.atasan_id) == (dinas.pk, jabatan.pk, atasan.pk)
    entry = LogEntry.objects.get_for_object(pegawai).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == admin_unit
    assert set(entry.changes_dict) == {"unit", "jabatan", "atasan"}


def test_supervisor_loop_is_refused_on_the_form_and_nothing_saved(as_user, admin_unit, atasan, pegawai):
    response = as_user(admin_unit).post(
        atasan.get_absolute_url(), {"unit": atasan.unit.kode, "jabatan": atasan.jabatan_id, "atasan": pegawai.nip}
    )
    assert response.status_code == 400
    assert "membentuk lingkaran" in _html(response)
    assert response.context["form"].errors["atasan"]
    atasan.refresh_from_db()
    assert atasan.atasan_id is None


def test_self_as_atasan_is_refused_on_the_form(as_user, admin_unit, pegawai, penilai):
    response = as_user(admin_unit).post(
        pegawai.get_absolute_url(), {"unit": pegawai.unit.kode, "jabatan": pegawai.jabatan_id, "atasan": pegawai.nip}
    )
    assert response.status_code == 400
    assert "tidak boleh menjadi atasan bagi dirinya sendiri" in _html(response)
    pegawai.refresh_from_db()
    assert pegawai.atasan_id == penilai.pk


def test_unknown_atasan_nip_and_unit_outside_scope_are_refused(as_user, admin_unit, pegawai, penilai, dinas_lain):
    response = as_user(admin_unit).post(
        pegawai.get_absolute_url(), {"unit": dinas_lain.kode, "jabatan": pegawai.jabatan_id, "atasan": "1" * 18}
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "Tidak ada pegawai aktif dengan NIP" in errors["atasan"][0]
    assert "unit" in errors
    pegawai.refresh_from_db()
    assert (pegawai.unit_id, pegawai.atasan_id) == (penilai.unit_id, penilai.pk)


def test_unit_is_typed_and_found_among_his_units_by_code_or_name(as_user, admin_unit, pegawai, dinas, bidang):
    """No select of every unit he manages (~700 at the Dinas Pendidikan): a text field, looked up on the server."""
    client = as_user(admin_unit)
    html = _html(client.get(pegawai.get_absolute_url()))
    assert '<select name="unit"' not in html
    assert f'value="{bidang.kode}"' in html
    UnitKerjaFactory(kode="DINAS-UJI-B2", nama="Bidang Uji Kedua", jenis="bidang", parent=dinas)

    def kirim(teks):
        return client.post(pegawai.get_absolute_url(), {"unit": teks, "jabatan": pegawai.jabatan_id, "atasan": ""})

    dua = kirim("bidang")
    assert dua.status_code == 400
    assert "Lebih dari satu unit kerja cocok" in dua.context["form"].errors["unit"][0]
    assert "DINAS-UJI-B2" in dua.context["form"].errors["unit"][0]
    assert "Tidak ada unit kerja yang Anda kelola" in kirim("Dinas Lain").context["form"].errors["unit"][0]
    assert kirim("kedua").status_code == 302  # a part of one name only
    pegawai.refresh_from_db()
    assert pegawai.unit.kode == "DINAS-UJI-B2"
    assert kirim("bidang uji").status_code == 302  # the whole name of one, though both contain it
    pegawai.refresh_from_db()
    assert pegawai.unit_id == bidang.pk


def test_empty_atasan_removes_the_atasan(as_user, admin_bkd, pegawai):
    as_user(admin_bkd).post(pegawai.get_absolute_url(), {"unit": pegawai.unit.kode, "jabatan": pegawai.jabatan_id})
    pegawai.refresh_from_db()
    assert pegawai.atasan_id is None


# --- My profile ----------------------------------------------------------------------------------------------------


def test_profile_shows_unit_chain_nip_info_atasan_and_atasan_penilai(as_user, pegawai, penilai, atasan):
    response = as_user(pegawai.user).get(reverse("kepegawaian:profil"))
    html = _html(response)
    assert [u.nama for u in response.context["leluhur"]] == ["Pemprov DKI Jakarta", "Dinas Uji"]
    assert "Bidang Uji" in html
    info = pegawai.nip_info
    with translation.override("id"):
        assert formats.date_format(info["tanggal_lahir"], "j F Y") in html
        assert formats.date_format(info["tmt"], "F Y") in html
    assert ("Laki-laki" if info["jenis_kelamin"] == "L" else "Perempuan") in html
    assert "Putri Penilai" in html
    assert "Ahmad Atasan" in html


def test_profile_decodes_a_known_nip(as_user, bidang):
    user = UserFactory(username="siti")
    PegawaiFactory(user=user, unit=bidang, nip="198503122010012001", nama="Siti")
    html = _html(as_user(user).get(reverse("kepegawaian:profil")))
    assert "12 Maret 1985" in html
    assert "Januari 2010" in html
    assert "Perempuan" in html


def test_profile_lists_subordinates_of_a_penilai(as_user, penilai, pegawai):
    response = as_user(penilai.user).get(reverse("kepegawaian:profil"))
    assert [b.pk for b in response.context["bawahan"]] == [pegawai.pk]


def test_profile_of_account_without_pegawai_explains_why(as_user, admin_unit):
    response = as_user(admin_unit).get(reverse("kepegawaian:profil"))
    assert response.status_code == 200
    assert "belum terhubung dengan data pegawai" in _html(response)


# --- Audit trail ---------------------------------------------------------------------------------------------------


def test_audit_trail_is_404_for_non_admins(as_user, pegawai):
    assert as_user(pegawai.user).get(reverse("kepegawaian:audit")).status_code == 404


def test_admin_unit_sees_changes_in_his_scope_only(as_user, admin_unit, admin_bkd, pegawai, outsider):
    services.pegawai_update(actor=admin_bkd, pegawai=pegawai, golongan=Pegawai.Golongan.III_B)
    services.pegawai_update(actor=admin_bkd, pegawai=outsider, golongan=Pegawai.Golongan.III_C)
    response = as_user(admin_unit).get(reverse("kepegawaian:audit"), {"aksi": LogEntry.Action.UPDATE})
    rows = response.context["rows"]
    assert [row["entry"].object_id for row in rows] == [pegawai.pk]
    (change,) = rows[0]["changes"]
    assert change["label"] == "pangkat/golongan"
    assert change["baru"] == "III/b Penata Muda Tingkat I"
    html = _html(response)
    assert "admin.bkd" in html
    assert "Oscar Luar" not in html


def test_audit_shows_names_of_referenced_rows(as_user, admin_bkd, pegawai, penilai, atasan):
    services.pegawai_update(actor=admin_bkd, pegawai=pegawai, atasan=atasan)
    response = as_user(admin_bkd).get(reverse("kepegawaian:audit"), {"jenis": "pegawai", "aksi": 1})
    (change,) = response.context["rows"][0]["changes"]
    assert change["label"] == "atasan langsung (pejabat penilai)"
    assert change["lama"] == str(penilai)
    assert change["baru"] == str(atasan)


def test_audit_filters_by_actor_and_date(as_user, admin_bkd, pegawai):
    other = UserFactory(username="petugas.lain")
    services.peran_grant(actor=None, user=other, peran=PeranAdmin.Peran.ADMIN_BKD)  # only an admin BKD grants roles
    services.peran_grant(actor=other, user=UserFactory(), peran=PeranAdmin.Peran.ADMIN_UNIT, unit=pegawai.unit)
    client = as_user(admin_bkd)
    by_actor = client.get(reverse("kepegawaian:audit"), {"pelaku": "petugas"}).context["rows"]
    assert by_actor and all(row["entry"].actor == other for row in by_actor)
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()  # noqa: DTZ011
    assert client.get(reverse("kepegawaian:audit"), {"dari": tomorrow}).context["rows"] == []


def test_audit_rejects_a_reversed_date_range_in_indonesian(as_user, admin_bkd):
    response = as_user(admin_bkd).get(reverse("kepegawaian:audit"), {"dari": "2026-03-01", "sampai": "2026-02-01"})
    assert response.status_code == 400
    assert "Tanggal akhir tidak boleh sebelum tanggal awal" in _html(response)


def test_audit_query_count_is_constant(as_user, admin_unit, admin_bkd, bidang, django_assert_max_num_queries):
    atasan_baru = PegawaiFactory(unit=bidang)
    for _ in range(30):
        person = PegawaiFactory(unit=bidang)
        services.pegawai_update(actor=admin_bkd, pegawai=person, atasan=atasan_baru)
    client = as_user(admin_unit)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("kepegawaian:audit"))
    assert len(response.context["rows"]) == 50


# --- Error pages ---------------------------------------------------------------------------------------------------


def test_404_page_is_friendly_and_in_indonesian(as_user, pegawai):
    response = as_user(pegawai.user).get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in _html(response)
    assert "Kembali ke beranda" in _html(response)


def test_500_page_renders_without_a_request_context():
    html = render_to_string("500.html")
    assert "Terjadi kesalahan pada sistem" in html
    assert "/static/css/kinerja.css" in html


def test_audit_shows_the_username_of_a_linked_account(as_user, admin_bkd, outsider):
    login = UserFactory(username="oscar.baru")
    services.pegawai_link_akun(actor=admin_bkd, pegawai=outsider, user=login)
    response = as_user(admin_bkd).get(reverse("kepegawaian:audit"), {"jenis": "pegawai", "aksi": 1})
    (change,) = response.context["rows"][0]["changes"]
    assert (change["label"], change["lama"], change["baru"]) == ("akun", "outsider", "oscar.baru")


def test_pegawai_edit_form_selects_say_what_to_choose(client, admin_unit, pegawai):
    from tests.api_helpers import logged_in as _masuk

    html = _masuk(client, admin_unit).get(reverse("kepegawaian:pegawai-detail", args=[pegawai.pk])).content.decode()
    assert "Pilih jabatan…" in html  # the unit is typed (test_unit_is_typed_and_found_among_his_units_by_code_or_name)
    assert "---------" not in html
