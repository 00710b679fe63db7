"""Access matrix: role × action on one pegawai's SKP (seeing gives 404 when not allowed, acting gives 403)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from indikator import access, services
from indikator.models import Iki, Rhk, Skp
from tests.indikator.factories import skp_draft

# role -> (may see, may edit as owner, may decide as penilai)
MATRIX = {
    "pegawai": (True, True, False),
    "penilai": (True, False, True),
    "atasan": (True, False, False),  # atasan pejabat penilai: reads the subtree, decides nothing here
    "admin_unit": (True, False, False),
    "admin_bkd": (True, False, False),
    "outsider": (False, False, False),
    "anonymous": (False, False, False),
}


def _user(request, role):
    obj = request.getfixturevalue(role)
    return getattr(obj, "user", obj)


@pytest.fixture
def skp_diajukan(pegawai, penilai, periode):
    skp = skp_draft(pegawai, periode)
    return services.skp_submit(actor=pegawai.user, skp=skp, versi=skp.versi)


@pytest.mark.parametrize("role", MATRIX)
def test_who_sees_an_skp_and_everything_under_it(request, role, pegawai, periode):
    skp = skp_draft(pegawai, periode)
    rhk = Rhk.objects.get(skp=skp)
    iki = Iki.objects.get(rhk=rhk)
    user = _user(request, role)
    boleh_lihat = MATRIX[role][0]
    for getter, pk in (
        (access.skp_get_for_user, skp.pk),
        (access.rhk_get_for_user, rhk.pk),
        (access.iki_get_for_user, iki.pk),
    ):
        if boleh_lihat:
            assert getter(user, pk).pk == pk
        else:
            with pytest.raises(Http404):
                getter(user, pk)
    assert (skp in access.skp_visible(user)) is boleh_lihat


@pytest.mark.parametrize("role", MATRIX)
def test_who_may_edit_a_draft_skp(request, role, pegawai, periode):
    skp = skp_draft(pegawai, periode)
    user = _user(request, role)
    if MATRIX[role][1]:
        services.rhk_create(actor=user, skp=skp, versi=skp.versi, uraian="Tambahan")
        assert Rhk.objects.filter(skp=skp).count() == 2
    else:
        with pytest.raises(PermissionDenied):
            services.rhk_create(actor=user, skp=skp, versi=skp.versi, uraian="Tambahan")
        assert Rhk.objects.filter(skp=skp).count() == 1


@pytest.mark.parametrize("role", MATRIX)
def test_who_may_approve_a_submitted_skp(request, role, skp_diajukan):
    user = _user(request, role)
    if MATRIX[role][2]:
        services.skp_approve(actor=user, skp=skp_diajukan, versi=skp_diajukan.versi)
        assert Skp.objects.get(pk=skp_diajukan.pk).status == Skp.Status.DISETUJUI
    else:
        with pytest.raises(PermissionDenied):
            services.skp_approve(actor=user, skp=skp_diajukan, versi=skp_diajukan.versi)
        assert Skp.objects.get(pk=skp_diajukan.pk).status == Skp.Status.DIAJUKAN


@pytest.mark.parametrize("role", MATRIX)
def test_buttons_offered_match_the_rules(request, role, skp_diajukan):
    actions = access.actions_for(_user(request, role), skp_diajukan)
    assert actions["setujui"] is MATRIX[role][2]
    assert actions["kembalikan"] is MATRIX[role][2]
    assert actions["ubah"] is False  # submitted: not even the owner edits


def test_admin_unit_does_not_see_skp_outside_his_subtree(admin_unit, outsider, periode):
    skp = skp_draft(outsider, periode)
    with pytest.raises(Http404):
        access.skp_get_for_user(admin_unit, skp.pk)


def test_evidence_of_an_invisible_skp_is_not_found(outsider, pegawai, periode):
    skp = skp_draft(pegawai, periode)
    with pytest.raises(Http404):
        access.skp_get_for_user(outsider.user, skp.pk)
    with pytest.raises(Http404):
        access.bukti_get_for_user(outsider.user, 999999)
