"""Development needs: created when an evaluation becomes final (weak predikat, a Di Bawah BerAKHLAK value, the
penilai's note), listed for the training app, closed through ``kebutuhan_close``; credit points and history rules."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from penilaian import aturan, selectors, services
from penilaian.models import KebutuhanPengembangan
from tests.penilaian.conftest import realisasi_semua


@pytest.fixture
def final_lemah(penilai, pegawai, periode, skp_pegawai):
    realisasi_semua(skp_pegawai, 6)  # capaian 50 %: the suggestion is Di Bawah
    e = services.evaluasi_open(actor=penilai.user, pegawai=pegawai, periode=periode, periode_ke=2)
    e = services.evaluasi_save(
        actor=penilai.user,
        evaluasi=e,
        versi=e.versi,
        rating_hasil_kerja="di_bawah",
        rating_perilaku="sesuai",
        rating_nilai={"kompeten": "di_bawah", "akuntabel": "sesuai"},
        catatan_pengembangan="Perlu pelatihan penyusunan laporan.",
        area_pengembangan="manajerial",
    )
    return services.evaluasi_finalize(actor=penilai.user, evaluasi=e, versi=e.versi)


def test_finalising_a_weak_result_creates_one_need_per_source(final_lemah, pegawai):
    rows = {(k.sumber, k.aspek): k for k in KebutuhanPengembangan.objects.filter(evaluasi=final_lemah)}
    assert set(rows) == {("predikat", ""), ("perilaku", "kompeten"), ("catatan", "")}
    assert rows[("perilaku", "kompeten")].area_kompetensi == "teknis"
    assert rows[("catatan", "")].area_kompetensi == "manajerial"
    assert all(k.pegawai == pegawai and k.status == "terbuka" for k in rows.values())
    assert [k.pk for k in selectors.kebutuhan_terbuka(pegawai_ids=[pegawai.pk])] == sorted(k.pk for k in rows.values())


def test_a_good_result_creates_no_need(penilai, pegawai, periode, skp_pegawai):
    realisasi_semua(skp_pegawai, 12)
    e = services.evaluasi_open(actor=penilai.user, pegawai=pegawai, periode=periode, periode_ke=2)
    e = services.evaluasi_save(
        actor=penilai.user, evaluasi=e, versi=e.versi, rating_hasil_kerja="sesuai", rating_perilaku="sesuai"
    )
    services.evaluasi_finalize(actor=penilai.user, evaluasi=e, versi=e.versi)
    assert not KebutuhanPengembangan.objects.exists()


def test_a_rating_per_value_outside_the_three_is_refused(penilai, pegawai, periode, skp_pegawai):
    e = services.evaluasi_open(actor=penilai.user, pegawai=pegawai, periode=periode, periode_ke=2)
    with pytest.raises(ValidationError):
        services.evaluasi_save(actor=penilai.user, evaluasi=e, versi=e.versi, rating_nilai={"kompeten": "hebat"})
    with pytest.raises(ValidationError):
        services.evaluasi_save(actor=penilai.user, evaluasi=e, versi=e.versi, rating_nilai={"bukan": "sesuai"})


def test_the_penilai_closes_a_need_with_a_reference_once(final_lemah, penilai):
    kebutuhan = KebutuhanPengembangan.objects.filter(evaluasi=final_lemah).first()
    services.kebutuhan_close(actor=penilai.user, kebutuhan=kebutuhan, catatan="Sudah ikut.", referensi="pelatihan:7")
    kebutuhan.refresh_from_db()
    assert (kebutuhan.status, kebutuhan.referensi_penutupan, kebutuhan.ditutup_oleh) == (
        "terpenuhi",
        "pelatihan:7",
        penilai.user,
    )
    with pytest.raises(ValidationError, match="sudah ditutup"):
        services.kebutuhan_close(actor=penilai.user, kebutuhan=kebutuhan)


def test_the_pegawai_and_outsiders_cannot_close_a_need(final_lemah, pegawai, outsider, admin_unit):
    kebutuhan = KebutuhanPengembangan.objects.filter(evaluasi=final_lemah).first()
    with pytest.raises(PermissionDenied):
        services.kebutuhan_close(actor=pegawai.user, kebutuhan=kebutuhan)
    with pytest.raises(Http404):
        services.kebutuhan_close(actor=outsider.user, kebutuhan=kebutuhan)
    services.kebutuhan_close(actor=admin_unit, kebutuhan=kebutuhan)  # the admin of his unit may
    assert not KebutuhanPengembangan.objects.get(pk=kebutuhan.pk).terbuka


@pytest.mark.parametrize(
    ("nama", "jenjang"),
    [
        ("Analis Kebijakan Ahli Muda", "ahli_muda"),
        ("Pranata Komputer Ahli Utama", "ahli_utama"),
        ("Arsiparis Terampil", "terampil"),
        ("Pranata Keuangan Penyelia", "penyelia"),
        ("Analis Uji", None),
    ],
)
def test_the_functional_level_is_read_from_the_positions_name(nama, jenjang):
    assert aturan.jenjang_fungsional(nama) == jenjang


def test_credit_points_of_the_history_follow_predikat_and_months(pegawai, periode, skp_pegawai):
    from kepegawaian.models import Jabatan
    from tests.penilaian.conftest import tahunan_final

    pegawai.jabatan = Jabatan.objects.create(nama="Analis Kebijakan Ahli Muda", jenis=Jabatan.Jenis.FUNGSIONAL)
    pegawai.save()
    tahunan_final(pegawai, periode=periode, skp=skp_pegawai, hasil="di_atas", perilaku="di_atas")
    [baris] = selectors.riwayat_kinerja(pegawai=pegawai)
    assert baris.angka_kredit == Decimal("37.500")  # 150 % of 25
    assert aturan.angka_kredit("baik", Decimal(25), bulan=aturan.bulan_periode(4)) == Decimal("6.250")


def test_a_non_functional_position_has_no_credit_points(pegawai, periode, skp_pegawai):
    from tests.penilaian.conftest import tahunan_final

    tahunan_final(pegawai, periode=periode, skp=skp_pegawai)
    assert [b.angka_kredit for b in selectors.riwayat_kinerja(pegawai=pegawai)] == [None]


@pytest.mark.parametrize(
    ("penilai", "unit", "flag"),
    [
        ({"sangat_baik": 3}, {"sangat_baik": 3, "baik": 3}, ["sangat_baik", "baik"]),
        ({"sangat_baik": 1, "baik": 2}, {"sangat_baik": 2, "baik": 4}, []),
        ({"sangat_baik": 1}, {"baik": 5, "sangat_baik": 1}, []),  # one person is never compared
    ],
)
def test_a_penilais_spread_is_flagged_at_thirty_points(penilai, unit, flag):
    assert [p.predikat for p in aturan.sebaran_menyimpang(penilai, unit)] == flag
