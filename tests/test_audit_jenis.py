"""The audit page shows every audited model an admin may see (issue 7): each model registered with django-auditlog
is a kind of the page's "Data" filter (``kepegawaian.selectors.AUDIT_JENIS``), except the ones named below with
their reason; and each kind's way into an admin unit's scope (``ke_pegawai`` / ``ke_unit``) is a valid lookup."""

import pytest
from auditlog.registry import auditlog

from kepegawaian.access import akses_for
from kepegawaian.selectors import AUDIT_JENIS, audit_entries

TIDAK_DITAMPILKAN = {
    # the organiser reads event ratings without names; the audit page would name who rated
    "pelatihan.UlasanKegiatan": "anonim bagi penyelenggara",
}


def test_every_audited_model_is_a_kind_of_the_audit_page():
    terdaftar = {f"{m._meta.app_label}.{m.__name__}" for m in auditlog.get_models()}
    jenis = {j.model for j in AUDIT_JENIS.values()}
    assert sorted(terdaftar - jenis - set(TIDAK_DITAMPILKAN)) == []
    assert sorted(jenis - terdaftar) == []


@pytest.mark.parametrize("kode", sorted(AUDIT_JENIS))
def test_each_kind_reaches_an_admin_units_scope(kode, admin_unit, admin_bkd):
    for user in (admin_unit, admin_bkd):
        assert audit_entries(akses=akses_for(user), jenis=kode).count() >= 0  # a wrong lookup raises FieldError
