"""Training that answers performance: an open development need (penilaian) becomes recommended events matched by
competence area; the penilai nominates with one click from the team page; completing a matching training closes the
need (with a reference to the event), a training of another area does not."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from indikator.models import PeriodePenilaian
from pelatihan import services
from pelatihan.models import Peserta
from pelatihan.rekomendasi import rekomendasi_untuk
from pelatihan.services._dasar import is_sasaran, is_sasaran_prefetched
from penilaian.aturan import predikat_pegawai
from penilaian.models import Evaluasi, KebutuhanPengembangan
from tests.indikator.factories import PeriodeFactory, skp_disetujui
from tests.kepegawaian.factories import JabatanFactory
from tests.pelatihan.factories import KegiatanFactory, ProgramFactory


@pytest.fixture
def kebutuhan(pegawai, penilai):
    periode = PeriodePenilaian.objects.filter(tahun=2026).first() or PeriodeFactory(tahun=2026)
    skp = skp_disetujui(pegawai, periode)
    evaluasi = Evaluasi.objects.create(
        pegawai=pegawai,
        periode=periode,
        jenis=Evaluasi.Jenis.TAHUNAN,
        skp=skp,
        penilai=penilai,
        penilai_nama=penilai.nama,
        penilai_nip=penilai.nip,
        penilai_jabatan=penilai.jabatan.nama,
        status=Evaluasi.Status.FINAL,
        rating_hasil_kerja="di_bawah",
        rating_perilaku="sesuai",
        predikat=predikat_pegawai("di_bawah", "sesuai"),
        difinalkan_pada=timezone.now(),
    )
    return KebutuhanPengembangan.objects.create(
        pegawai=pegawai,
        evaluasi=evaluasi,
        sumber=KebutuhanPengembangan.Sumber.CATATAN,
        area_kompetensi="teknis",
        uraian="Perlu pelatihan penyusunan laporan.",
    )


@pytest.fixture
def kegiatan_teknis(dinas):
    return KegiatanFactory(program=ProgramFactory(bidang="teknis"), unit_penyelenggara=dinas)


@pytest.fixture
def kegiatan_manajerial(dinas):
    return KegiatanFactory(
        program=ProgramFactory(bidang="manajerial", jenis="klasikal", bentuk="klasikal"), unit_penyelenggara=dinas
    )


def test_an_open_need_recommends_the_open_events_of_its_area(pegawai, kebutuhan, kegiatan_teknis, kegiatan_manajerial):
    (r,) = rekomendasi_untuk([pegawai])[pegawai.pk]
    assert r.kebutuhan == kebutuhan and r.kegiatan == [kegiatan_teknis]
    services.peserta_create(actor=pegawai.user, kegiatan=kegiatan_teknis)
    (r,) = rekomendasi_untuk([pegawai])[pegawai.pk]
    assert r.kegiatan == []  # already registered


def test_the_matching_rule_is_a_setting(settings, pegawai, kebutuhan, kegiatan_teknis, kegiatan_manajerial):
    settings.PELATIHAN_PADANAN_KEBUTUHAN = {"teknis": ["teknis", "manajerial"]}
    (r,) = rekomendasi_untuk([pegawai])[pegawai.pk]
    assert {k.pk for k in r.kegiatan} == {kegiatan_teknis.pk, kegiatan_manajerial.pk}


def test_the_penilai_nominates_with_one_click_from_the_team_page(as_user, penilai, pegawai, kebutuhan, kegiatan_teknis):
    client = as_user(penilai)
    html = client.get(reverse("pelatihan:tim")).content.decode()
    assert "Perlu pelatihan penyusunan laporan." in html and "Teknis → Teknis" in html
    assert f"Nominasikan {pegawai.nama}" in html
    r = client.post(
        reverse("pelatihan:tim"),
        {"kegiatan": kegiatan_teknis.pk, "pegawai": pegawai.pk, "daftar_tunggu": "on", "nominasi": "1"},
    )
    assert r.status_code == 302
    assert Peserta.objects.get(kegiatan=kegiatan_teknis, pegawai=pegawai).cara == "nominasi"


def test_completing_a_matching_training_closes_the_need_and_another_area_does_not(
    pegawai, admin_unit, kebutuhan, kegiatan_teknis, kegiatan_manajerial, hari
):
    a = services.peserta_create(actor=pegawai.user, kegiatan=kegiatan_manajerial)
    b = services.peserta_create(actor=pegawai.user, kegiatan=kegiatan_teknis)
    hari(dt.date(2026, 8, 6))
    services.kelulusan_grant(actor=admin_unit, kegiatan=kegiatan_manajerial, peserta=[a.pk])
    kebutuhan.refresh_from_db()
    assert kebutuhan.status == "terbuka"
    services.kelulusan_grant(actor=admin_unit, kegiatan=kegiatan_teknis, peserta=[b.pk])
    kebutuhan.refresh_from_db()
    assert kebutuhan.status == "terpenuhi"
    assert kebutuhan.referensi_penutupan == f"pelatihan:{kegiatan_teknis.pk}"
    assert kebutuhan.ditutup_oleh == admin_unit
    assert rekomendasi_untuk([pegawai]) == {}


def test_recommendations_for_a_team_run_a_constant_number_of_queries(
    pegawai, penilai, bidang, kebutuhan, kegiatan_teknis, django_assert_num_queries
):
    with django_assert_num_queries(5):
        rekomendasi_untuk([pegawai, penilai])


def test_the_in_memory_target_rule_agrees_with_the_query(pegawai, bidang, dinas, dinas_lain):
    lain = JabatanFactory(nama="Jabatan Lain")
    kasus = [
        ([], []),
        ([], [dinas]),
        ([], [dinas_lain]),
        ([pegawai.jabatan], []),
        ([lain], []),
        ([pegawai.jabatan], [dinas_lain]),
    ]
    for jabatan, units in kasus:
        program = ProgramFactory()
        program.target_jabatan.set(jabatan)
        program.target_unit.set(units)
        program = type(program).objects.prefetch_related("target_jabatan", "target_unit").get(pk=program.pk)
        assert is_sasaran_prefetched(program, pegawai) == is_sasaran(program, pegawai), (jabatan, units)
