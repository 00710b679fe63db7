import pytest
from django.core.exceptions import ValidationError

from kepegawaian import selectors, services
from tests.kepegawaian.factories import PegawaiFactory, UnitKerjaFactory


def test_subtree_at_depth_six_is_one_query(db, django_assert_num_queries):
    root = UnitKerjaFactory(kode="R")
    chain = [root]
    for depth in range(2, 7):
        chain.append(UnitKerjaFactory(kode=f"D{depth}", parent=chain[-1]))
    sibling = UnitKerjaFactory(kode="SIB", parent=root)
    PegawaiFactory(unit=chain[-1])
    PegawaiFactory(unit=sibling)
    assert chain[-1].depth == 6

    with django_assert_num_queries(1):
        kodes = [u.kode for u in selectors.unit_subtree(chain[1])]
    assert kodes == ["D2", "D3", "D4", "D5", "D6"]
    with django_assert_num_queries(1):
        assert selectors.pegawai_in_subtree(chain[2]).count() == 1
    assert selectors.pegawai_in_subtree(root).count() == 2
    assert [u.kode for u in selectors.unit_ancestors(chain[-1])] == ["R", "D2", "D3", "D4", "D5"]


def test_pegawai_cannot_be_own_atasan(pegawai):
    with pytest.raises(ValidationError) as err:
        services.pegawai_update(actor=None, pegawai=pegawai, atasan=pegawai)
    assert "dirinya sendiri" in str(err.value)


def test_supervisor_loop_is_rejected_and_nothing_saved(pegawai, penilai, atasan):
    with pytest.raises(ValidationError) as err:
        services.pegawai_update(actor=None, pegawai=atasan, atasan=pegawai)
    assert "lingkaran" in str(err.value)
    atasan.refresh_from_db()
    assert atasan.atasan_id is None


def test_atasan_penilai_is_derived(pegawai, penilai, atasan):
    assert pegawai.atasan_penilai == atasan
