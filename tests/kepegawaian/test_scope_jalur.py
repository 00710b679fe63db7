"""The supervision subtree as a materialised path (``Pegawai.jalur``): every scope on a tree of depth 6 is exactly
what walking the atasan links gives, before and after an atasan in the middle changes, whatever door changed it
(the service, the import's bulk writes, a delete, a stale instance saved later)."""

import pytest

from kepegawaian import access, services
from kepegawaian.models import Pegawai, jalur_atasan_segarkan
from tests.kepegawaian.factories import PegawaiFactory, UnitKerjaFactory, UserFactory

pytestmark = pytest.mark.django_db


def _pohon(unit):
    """A tree of depth 6 (root + 5 levels below), 2–3 children each in the upper levels: 1+3+6+12+12+12 = 46."""
    akar = PegawaiFactory(unit=unit, user=UserFactory(username="p0"))
    semua, tingkat = [akar], [akar]
    for kedalaman in range(1, 6):
        berikut = []
        for i, induk in enumerate(tingkat):
            jumlah = 3 if kedalaman == 1 else (2 if kedalaman <= 3 else 1)
            for j in range(jumlah):
                anak = PegawaiFactory(unit=unit, atasan=induk, user=UserFactory(username=f"p{kedalaman}-{i}-{j}"))
                berikut.append(anak)
        semua += berikut
        tingkat = berikut
    return semua


def _harapan(pk: int) -> set[int]:
    """Himself and everyone under him, by walking the atasan links in Python."""
    anak: dict[int | None, list[int]] = {}
    for p, a in Pegawai.objects.values_list("pk", "atasan_id"):
        anak.setdefault(a, []).append(p)
    hasil, antri = {pk}, [pk]
    while antri:
        for c in anak.get(antri.pop(), []):
            if c not in hasil:
                hasil.add(c)
                antri.append(c)
    return hasil


def _cek_semua(orang) -> list[int]:
    """Assert every scope equals the walked one; return the ids whose scope was checked."""
    for p in orang:
        user = p.user
        access.forget_akses(user)
        assert set(access.pegawai_visible(user).values_list("pk", flat=True)) == _harapan(p.pk), p.user.username
    return [p.pk for p in orang]


def _jalur_benar():
    for p in Pegawai.objects.all():
        rantai, sekarang = [], p
        while sekarang is not None:
            rantai.append(sekarang.pk)
            sekarang = sekarang.atasan
        assert p.jalur == "/" + "/".join(str(i) for i in reversed(rantai)) + "/"


@pytest.fixture
def pohon(pemprov):
    return _pohon(UnitKerjaFactory(parent=pemprov))


def test_depth_six_tree_scopes_match_the_links(pohon):
    assert max(p.jalur.count("/") - 1 for p in Pegawai.objects.all()) == 6
    _jalur_benar()
    _cek_semua(pohon)


def test_moving_a_middle_atasan_moves_every_scope_above_and_below(pohon, admin_bkd):
    # Depth counted from 1 at the root ("/<root>/" has 2 slashes). The one moved is at depth 4, with 2 levels below.
    tengah = next(p for p in pohon if p.jalur.count("/") - 1 == 4)
    bawah_tengah = _harapan(tengah.pk)
    assert len(bawah_tengah) == 3
    lama = tengah.atasan
    baru = next(p for p in pohon if p.jalur.count("/") - 1 == 3 and p.atasan_id != lama.atasan_id)
    sebelum = {p.pk: _harapan(p.pk) for p in pohon}

    services.pegawai_update(actor=admin_bkd, pegawai=tengah, atasan=baru)

    _jalur_benar()
    _cek_semua(pohon)
    berubah = [p for p in pohon if _harapan(p.pk) != sebelum[p.pk]]
    # The old chain lost the subtree, the new chain gained it (the common root keeps it).
    assert {p.pk for p in berubah} == ({lama.pk, lama.atasan_id} | {baru.pk, baru.atasan_id})
    for p in berubah:
        access.forget_akses(p.user)
        melihat = access.pegawai_visible(p.user).filter(pk__in=bawah_tengah).count()
        assert melihat == (len(bawah_tengah) if p.pk in (baru.pk, baru.atasan_id) else 0)


def test_bulk_change_of_several_atasan_in_one_statement(pohon):
    """The import's shape: bulk_update of atasan_id for rows above and below each other, then one refresh."""
    dalam = sorted((p for p in pohon if p.atasan_id), key=lambda p: -p.jalur.count("/"))
    pindah = [dalam[0], dalam[len(dalam) // 2], dalam[-1]]
    akar = pohon[0]
    for p in pindah:
        p.atasan_id = akar.pk if p is not pindah[0] else pindah[-1].pk
    Pegawai.objects.bulk_update(pindah, ["atasan_id"])
    jalur_atasan_segarkan([p.pk for p in pindah])
    _jalur_benar()
    _cek_semua(pohon)


def test_stale_instance_saved_later_keeps_the_new_path(pohon, admin_bkd):
    daun = next(p for p in pohon if p.jalur.count("/") - 1 == 6)
    basi = Pegawai.objects.get(pk=daun.pk)
    atasan_daun = daun.atasan
    services.pegawai_update(actor=admin_bkd, pegawai=atasan_daun, atasan=pohon[0])
    basi.nama = "Nama Baru"
    basi.save()
    _jalur_benar()
    _cek_semua(pohon)


def test_deleting_an_atasan_makes_his_subordinates_roots(pohon):
    tengah = next(p for p in pohon if p.jalur.count("/") - 1 == 2)
    sisa = [p for p in pohon if p.pk != tengah.pk]
    tengah.delete()
    _jalur_benar()
    _cek_semua(sisa)


def test_only_root_of_the_forest_sees_the_whole_province_without_a_filter(pohon, admin_bkd):
    akar = pohon[0]
    akses = access.akses_for(akar.user)
    assert akses.seluruh_provinsi
    assert access.pegawai_scope_q(akar.user) == access._ALL  # every row, with no filter of the tree
    PegawaiFactory(unit=akar.unit)  # a second root (a data gap): the shortcut no longer holds
    access.forget_akses(akar.user)
    assert not access.akses_for(akar.user).seluruh_provinsi
    _cek_semua(pohon)
