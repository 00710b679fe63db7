"""The list pages of kepegawaian not pinned elsewhere run a number of queries that does not grow with their rows:
measured with a few rows and with many, the counts are the same (and below a fixed ceiling)."""

import pytest
from django.urls import reverse

from kepegawaian import services
from kepegawaian.models import ImporJob, Pegawai
from tests.kepegawaian.factories import PegawaiFactory


def _queries(client, url, django_assert_max_num_queries, ceiling: int, **params) -> int:
    client.get(url, params)  # warm the per-process caches (content types, session) so that only the page counts
    with django_assert_max_num_queries(ceiling) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_audit_page_queries_do_not_grow_with_the_entries(as_user, admin_bkd, bidang, django_assert_max_num_queries):
    def grow(n):
        for _i in range(n):
            person = PegawaiFactory(unit=bidang)
            services.pegawai_update(actor=admin_bkd, pegawai=person, golongan=Pegawai.Golongan.III_B)

    client = as_user(admin_bkd)
    url = reverse("kepegawaian:audit")
    grow(3)
    few = _queries(client, url, django_assert_max_num_queries, 15)
    grow(30)
    many = _queries(client, url, django_assert_max_num_queries, 15)
    # One query per kind of referenced row on the page (units, jabatan, people), not per entry: with many entries
    # the older ones (of units, of the fixtures' roles) leave the first page, so it may even take fewer.
    assert many <= few


def test_import_page_history_queries_do_not_grow_with_the_jobs(
    as_user, admin_bkd, settings, tmp_path, django_assert_max_num_queries
):
    settings.MEDIA_ROOT = tmp_path

    def grow(n):
        for _i in range(n):
            ImporJob.objects.create(dibuat_oleh=admin_bkd, berkas="impor/x.csv", status=ImporJob.Status.SELESAI)

    client = as_user(admin_bkd)
    url = reverse("kepegawaian:impor")
    grow(2)
    few = _queries(client, url, django_assert_max_num_queries, 10)
    grow(8)
    many = _queries(client, url, django_assert_max_num_queries, 10)
    assert few == many


@pytest.mark.parametrize("page", ["profil", "pegawai-detail"])
def test_profile_pages_queries_do_not_grow_with_the_team(
    as_user, penilai, bidang, admin_unit, page, django_assert_max_num_queries
):
    def grow(n):
        for _i in range(n):
            PegawaiFactory(unit=bidang, atasan=penilai)

    if page == "profil":
        client, url = as_user(penilai.user), reverse("kepegawaian:profil")
    else:
        client, url = as_user(admin_unit), reverse("kepegawaian:pegawai-detail", args=[penilai.pk])
    grow(2)
    few = _queries(client, url, django_assert_max_num_queries, 20)
    grow(20)
    many = _queries(client, url, django_assert_max_num_queries, 20)
    assert few == many
