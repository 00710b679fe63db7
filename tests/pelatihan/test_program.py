"""Programmes: who may create them, JP bounds, the klasikal/non-klasikal form, target jabatan/units."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pelatihan import services
from pelatihan.models import Bentuk, Program
from tests.kepegawaian.factories import JabatanFactory, PegawaiFactory
from tests.pelatihan.factories import ProgramFactory


def _data(**kw):
    data = {
        "judul": "Pembelajaran Berdiferensiasi",
        "bidang": "teknis",
        "jenis": "klasikal",
        "penyelenggara": "bpsdm",
        "jp": 20,
        "kompetensi": "Metode mengajar, Asesmen formatif, metode mengajar",
    }
    data.update(kw)
    return data


def test_admin_unit_creates_a_programme_of_his_unit(admin_unit, dinas):
    program = services.program_create(actor=admin_unit, unit_pemilik=dinas, **_data())
    assert program.bentuk == Bentuk.KLASIKAL
    assert program.kompetensi == ["Metode mengajar", "Asesmen formatif"]
    assert program.jp == 20


def test_non_klasikal_kind_gives_non_klasikal_form(admin_bkd):
    program = services.program_create(actor=admin_bkd, **_data(jenis="e_learning"))
    assert program.bentuk == Bentuk.NON_KLASIKAL


@pytest.mark.parametrize(
    ("jp", "pesan"),
    [(0, "JP harus lebih dari 0."), (-3, "JP harus lebih dari 0."), ("dua", "bilangan bulat"), (500, "tidak wajar")],
)
def test_bad_jp_is_refused_and_nothing_saved(admin_bkd, jp, pesan):
    with pytest.raises(ValidationError) as exc:
        services.program_create(actor=admin_bkd, **_data(jp=jp))
    assert pesan in str(exc.value.message_dict["jp"])
    assert not Program.objects.exists()


def test_admin_unit_cannot_create_province_or_other_unit_programme(admin_unit, dinas_lain):
    with pytest.raises(PermissionDenied):
        services.program_create(actor=admin_unit, **_data())
    with pytest.raises(PermissionDenied):
        services.program_create(actor=admin_unit, unit_pemilik=dinas_lain, **_data())
    assert not Program.objects.exists()


def test_pegawai_cannot_create_programme(pegawai):
    with pytest.raises(PermissionDenied):
        services.program_create(actor=pegawai.user, **_data())


def test_update_only_by_its_manager(admin_unit, outsider, dinas):
    program = ProgramFactory(unit_pemilik=dinas)
    with pytest.raises(PermissionDenied):
        services.program_update(actor=outsider.user, program=program, **_data())
    program = services.program_update(actor=admin_unit, program=program, **_data(judul="Baru", jp=8))
    assert (program.judul, program.jp) == ("Baru", 8)


def test_target_jabatan_and_unit_limit_who_is_a_target(admin_bkd, pegawai, outsider, bidang, dinas):
    program = ProgramFactory()
    assert services.is_sasaran(program, pegawai) and services.is_sasaran(program, outsider)

    program.target_unit.set([dinas])  # dinas covers its subtree (bidang)
    assert services.is_sasaran(program, pegawai)
    assert not services.is_sasaran(program, outsider)

    guru = JabatanFactory(nama="Guru Ahli Pertama")
    program.target_jabatan.set([guru])
    assert not services.is_sasaran(program, pegawai)
    assert services.is_sasaran(program, PegawaiFactory(unit=bidang, jabatan=guru))
