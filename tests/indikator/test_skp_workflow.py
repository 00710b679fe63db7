"""The SKP workflow through the services: draft → diajukan → dikembalikan/disetujui → revisi, and bad input."""

import datetime as dt
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from indikator import services
from indikator.models import EkspektasiPerilaku, Iki, PembukaanKembali, Rhk, Skp
from kepegawaian import services as kepegawaian_services
from kinerja.db import KonflikVersi
from tests.indikator.factories import PeriodeFactory, skp_disetujui, skp_draft


def _versi(skp):
    return Skp.objects.get(pk=skp.pk).versi


def test_pegawai_drafts_an_skp_with_the_seven_berakhlak_values(pegawai, periode):
    skp = services.skp_create(actor=pegawai.user, pegawai=pegawai, periode=periode)
    assert skp.status == Skp.Status.DRAFT
    assert skp.revisi == 1 and skp.terkini
    assert EkspektasiPerilaku.objects.filter(skp=skp).count() == 7
    assert LogEntry.objects.get_for_object(skp).filter(actor=pegawai.user).exists()


def test_second_current_skp_for_the_same_period_is_refused(pegawai, periode):
    services.skp_create(actor=pegawai.user, pegawai=pegawai, periode=periode)
    with pytest.raises(ValidationError, match="sudah memiliki SKP"):
        services.skp_create(actor=pegawai.user, pegawai=pegawai, periode=periode)
    assert Skp.objects.filter(pegawai=pegawai).count() == 1


def test_nobody_drafts_an_skp_for_someone_else(pegawai, penilai, periode):
    with pytest.raises(PermissionDenied):
        services.skp_create(actor=penilai.user, pegawai=pegawai, periode=periode)
    assert not Skp.objects.exists()


def test_full_cycle_submit_return_fix_resubmit_approve(pegawai, penilai, periode):
    skp = skp_draft(pegawai, periode, rhk=2)
    skp = services.skp_submit(actor=pegawai.user, skp=skp, versi=skp.versi)
    assert skp.status == Skp.Status.DIAJUKAN and skp.diajukan_pada

    skp = services.skp_return(actor=penilai.user, skp=skp, versi=skp.versi, alasan="Target RHK 2 terlalu rendah.")
    assert skp.status == Skp.Status.DIKEMBALIKAN
    assert skp.alasan_pengembalian == "Target RHK 2 terlalu rendah."

    iki = Iki.objects.filter(rhk__skp=skp).last()
    services.iki_update(actor=pegawai.user, iki=iki, versi=skp.versi, target="24")
    skp = services.skp_submit(actor=pegawai.user, skp=skp, versi=_versi(skp))
    skp = services.skp_approve(actor=penilai.user, skp=skp, versi=skp.versi)

    skp.refresh_from_db()
    assert skp.status == Skp.Status.DISETUJUI
    assert skp.alasan_pengembalian == ""
    assert Iki.objects.get(pk=iki.pk).target == Decimal("24")


def test_approval_takes_snapshots_that_survive_later_changes(pegawai, penilai, periode):
    skp = skp_disetujui(pegawai, periode)
    assert skp.penilai == penilai
    assert (skp.penilai_nama, skp.penilai_nip) == (penilai.nama, penilai.nip)
    assert skp.penilai_jabatan == "Kepala Bidang Uji"
    assert skp.pegawai_jabatan == "Analis Uji" and skp.pegawai_unit == "Bidang Uji"
    assert skp.disetujui_oleh == penilai.user

    kepegawaian_services.pegawai_update(actor=None, pegawai=penilai, nama="Putri Berganti Nama")
    skp.refresh_from_db()
    assert skp.penilai_nama == penilai.nama != "Putri Berganti Nama"


def test_submit_needs_an_rhk_utama_with_indicators(pegawai, periode):
    skp = services.skp_create(actor=pegawai.user, pegawai=pegawai, periode=periode)
    with pytest.raises(ValidationError, match="RHK utama"):
        services.skp_submit(actor=pegawai.user, skp=skp, versi=skp.versi)
    rhk = services.rhk_create(actor=pegawai.user, skp=skp, versi=skp.versi, uraian="Laporan bulanan tersusun")
    with pytest.raises(ValidationError, match="paling sedikit satu indikator"):
        services.skp_submit(actor=pegawai.user, skp=skp, versi=_versi(skp))
    assert Skp.objects.get(pk=skp.pk).status == Skp.Status.DRAFT
    assert rhk.pk


def test_only_the_penilai_returns_or_approves(pegawai, penilai, atasan, outsider, periode):
    skp = skp_draft(pegawai, periode)
    skp = services.skp_submit(actor=pegawai.user, skp=skp, versi=skp.versi)
    for orang in (pegawai, atasan, outsider):
        with pytest.raises(PermissionDenied):
            services.skp_approve(actor=orang.user, skp=skp, versi=skp.versi)
        with pytest.raises(PermissionDenied):
            services.skp_return(actor=orang.user, skp=skp, versi=skp.versi, alasan="x")
    assert Skp.objects.get(pk=skp.pk).status == Skp.Status.DIAJUKAN


def test_return_needs_a_reason(pegawai, penilai, periode):
    skp = skp_draft(pegawai, periode)
    skp = services.skp_submit(actor=pegawai.user, skp=skp, versi=skp.versi)
    with pytest.raises(ValidationError, match="Alasan pengembalian wajib"):
        services.skp_return(actor=penilai.user, skp=skp, versi=skp.versi, alasan="   ")
    assert Skp.objects.get(pk=skp.pk).status == Skp.Status.DIAJUKAN


def test_a_draft_cannot_be_approved(pegawai, penilai, periode):
    skp = skp_draft(pegawai, periode)
    with pytest.raises(ValidationError, match="sedang diajukan"):
        services.skp_approve(actor=penilai.user, skp=skp, versi=skp.versi)


def test_editing_someone_elses_skp_is_refused_and_nothing_saved(pegawai, penilai, outsider, periode):
    skp = skp_draft(pegawai, periode)
    for orang in (penilai, outsider):
        with pytest.raises(PermissionDenied, match="pemilik SKP"):
            services.rhk_create(actor=orang.user, skp=skp, versi=skp.versi, uraian="Sisipan")
    assert Rhk.objects.filter(skp=skp).count() == 1
    assert _versi(skp) == skp.versi


def test_submitted_or_approved_skp_cannot_be_edited(pegawai, penilai, periode):
    skp = skp_draft(pegawai, periode)
    skp = services.skp_submit(actor=pegawai.user, skp=skp, versi=skp.versi)
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        services.rhk_create(actor=pegawai.user, skp=skp, versi=skp.versi, uraian="Terlambat")
    skp = services.skp_approve(actor=penilai.user, skp=skp, versi=skp.versi)
    iki = Iki.objects.filter(rhk__skp=skp).first()
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        services.iki_update(actor=pegawai.user, iki=iki, versi=skp.versi, target="1")
    assert Iki.objects.get(pk=iki.pk).target == Decimal("12")


# --- targets -------------------------------------------------------------------------------------------------


@pytest.fixture
def rhk_draft(pegawai, periode):
    skp = services.skp_create(actor=pegawai.user, pegawai=pegawai, periode=periode)
    return services.rhk_create(actor=pegawai.user, skp=skp, versi=skp.versi, uraian="Pengaduan warga ditindaklanjuti")


@pytest.mark.parametrize(
    ("kwargs", "pesan"),
    [
        ({"target": "-1"}, "tidak boleh negatif"),
        ({"target": "0", "arah": "naik"}, "Target nol tidak bermakna"),
        ({"target": "abc"}, "angka yang sah"),
        ({"target": "8", "target_bentuk": "rentang", "target_atas": "7"}, "Batas bawah rentang"),
        ({"target": "7", "target_bentuk": "rentang"}, "batas atasnya"),
    ],
)
def test_meaningless_targets_are_refused_with_a_clear_message(pegawai, rhk_draft, kwargs, pesan):
    versi = _versi(rhk_draft.skp)
    with pytest.raises(ValidationError, match=pesan):
        services.iki_create(
            actor=pegawai.user, rhk=rhk_draft, versi=versi, uraian="Waktu penyelesaian", satuan="hari", **kwargs
        )
    assert not Iki.objects.exists()
    assert _versi(rhk_draft.skp) == versi  # nothing half-saved: not even the version bump


def test_zero_target_is_allowed_when_lower_is_better(pegawai, rhk_draft):
    iki = services.iki_create(
        actor=pegawai.user,
        rhk=rhk_draft,
        versi=_versi(rhk_draft.skp),
        uraian="Temuan audit berulang",
        satuan="temuan",
        arah="turun",
        target="0",
    )
    assert iki.target == 0


def test_range_target_is_stored_with_both_bounds(pegawai, rhk_draft):
    iki = services.iki_create(
        actor=pegawai.user,
        rhk=rhk_draft,
        versi=_versi(rhk_draft.skp),
        uraian="Waktu penyusunan laporan",
        satuan="bulan",
        arah="turun",
        aspek="waktu",
        target_bentuk="rentang",
        target="7",
        target_atas="8",
    )
    assert (iki.target, iki.target_atas) == (Decimal("7"), Decimal("8"))
    assert iki.target_label == "7–8 bulan"


# --- optimistic locking --------------------------------------------------------------------------------------


def test_two_tabs_editing_the_same_skp_the_stale_one_gets_a_conflict(pegawai, periode):
    skp = skp_draft(pegawai, periode)
    dibaca_tab_1 = dibaca_tab_2 = skp.versi
    services.rhk_create(actor=pegawai.user, skp=skp, versi=dibaca_tab_1, uraian="Dari tab pertama")
    with pytest.raises(KonflikVersi, match="sudah diubah di tempat lain"):
        services.rhk_create(actor=pegawai.user, skp=skp, versi=dibaca_tab_2, uraian="Dari tab kedua")
    assert list(Rhk.objects.filter(skp=skp).values_list("uraian", flat=True).order_by("pk"))[-1] == "Dari tab pertama"
    assert not Rhk.objects.filter(uraian="Dari tab kedua").exists()


def test_penilai_decision_on_a_stale_version_is_a_conflict(pegawai, penilai, periode):
    skp = skp_draft(pegawai, periode)
    skp = services.skp_submit(actor=pegawai.user, skp=skp, versi=skp.versi)
    with pytest.raises(KonflikVersi):
        services.skp_approve(actor=penilai.user, skp=skp, versi=skp.versi - 1)
    assert Skp.objects.get(pk=skp.pk).status == Skp.Status.DIAJUKAN


def test_lampiran_update_bumps_the_version(pegawai, periode):
    skp = services.skp_create(actor=pegawai.user, pegawai=pegawai, periode=periode)
    skp = services.skp_update(actor=pegawai.user, skp=skp, versi=skp.versi, konsekuensi="Teguran tertulis")
    assert skp.versi == 2 and Skp.objects.get(pk=skp.pk).konsekuensi == "Teguran tertulis"


# --- deadlines -----------------------------------------------------------------------------------------------


def test_after_the_drafting_deadline_the_skp_is_read_only_until_reopened(pegawai, admin_unit, db):
    periode = PeriodeFactory(tahun=2026, batas_penyusunan_skp=dt.date(2026, 1, 31))
    with pytest.raises(ValidationError, match="Batas penyusunan SKP"):
        services.skp_create(actor=pegawai.user, pegawai=pegawai, periode=periode)
    services.pembukaan_kembali_create(
        actor=admin_unit,
        periode=periode,
        pegawai=pegawai,
        berlaku_sampai=dt.date(2026, 7, 31),
        alasan="Pegawai baru mutasi masuk pada bulan Juni.",
    )
    skp = services.skp_create(actor=pegawai.user, pegawai=pegawai, periode=periode)
    assert skp.status == Skp.Status.DRAFT


def test_reopening_needs_a_reason_and_an_admin_of_the_pegawai(pegawai, admin_unit, periode, penilai):
    with pytest.raises(ValidationError, match="Alasan"):
        services.pembukaan_kembali_create(
            actor=admin_unit, periode=periode, pegawai=pegawai, berlaku_sampai=dt.date(2026, 8, 1), alasan=" "
        )
    with pytest.raises(PermissionDenied):
        services.pembukaan_kembali_create(
            actor=penilai.user, periode=periode, pegawai=pegawai, berlaku_sampai=dt.date(2026, 8, 1), alasan="Minta"
        )
    assert not PembukaanKembali.objects.exists()


def test_closed_period_makes_everything_read_only(pegawai, admin_bkd, periode):
    skp = skp_draft(pegawai, periode)
    services.periode_close(actor=admin_bkd, periode=periode)
    with pytest.raises(ValidationError, match="sudah ditutup"):
        services.rhk_create(actor=pegawai.user, skp=skp, versi=skp.versi, uraian="Terlambat")


def test_only_admin_bkd_opens_and_closes_periods(admin_unit, admin_bkd, periode):
    with pytest.raises(PermissionDenied):
        services.periode_close(actor=admin_unit, periode=periode)
    assert services.periode_close(actor=admin_bkd, periode=periode).status == "ditutup"
    assert services.periode_open(actor=admin_bkd, periode=periode).status == "dibuka"


# --- revisions -----------------------------------------------------------------------------------------------


def test_revising_an_approved_skp_makes_a_new_draft_revision_and_keeps_the_old(pegawai, penilai, periode):
    lama = skp_disetujui(pegawai, periode, rhk=2, iki_per_rhk=2)
    iki = Iki.objects.filter(rhk__skp=lama).first()
    services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="4")

    baru = services.skp_revise(actor=pegawai.user, skp=lama, versi=Skp.objects.get(pk=lama.pk).versi)

    lama.refresh_from_db()
    assert (baru.revisi, baru.status, baru.terkini) == (2, Skp.Status.DRAFT, True)
    assert (lama.status, lama.terkini) == (Skp.Status.DISETUJUI, False)
    assert Rhk.objects.filter(skp=baru).count() == 2
    assert Iki.objects.filter(rhk__skp=baru).count() == 4
    assert Iki.objects.filter(rhk__skp=lama).count() == 4  # the old revision stays readable
    assert Iki.objects.get(rhk__skp=baru, asal=iki).realisasi.get(periode_ke=3).nilai == Decimal("4")

    baru = services.skp_submit(actor=pegawai.user, skp=baru, versi=baru.versi)
    baru = services.skp_approve(actor=penilai.user, skp=baru, versi=baru.versi)
    assert baru.status == Skp.Status.DISETUJUI


def test_only_an_approved_current_skp_can_be_revised(pegawai, periode):
    skp = skp_draft(pegawai, periode)
    with pytest.raises(ValidationError, match="sudah disetujui"):
        services.skp_revise(actor=pegawai.user, skp=skp, versi=skp.versi)


def test_copy_from_last_year_copies_rhk_and_iki_but_not_the_links(pegawai, penilai, periode, db):
    tahun_lalu = PeriodeFactory(tahun=2025)
    lama = Skp.objects.create(pegawai=pegawai, periode=tahun_lalu)
    r = Rhk.objects.create(skp=lama, uraian="Layanan administrasi", jenis="utama")
    Iki.objects.create(rhk=r, uraian="Dokumen selesai", satuan="dokumen", target=Decimal("40"))
    Rhk.objects.create(skp=lama, uraian="Tugas tambahan", jenis="tambahan")

    skp = services.skp_copy_from_last_year(actor=pegawai.user, pegawai=pegawai, periode=periode)

    assert skp.periode == periode and skp.status == Skp.Status.DRAFT
    assert sorted(Rhk.objects.filter(skp=skp).values_list("uraian", flat=True)) == [
        "Layanan administrasi",
        "Tugas tambahan",
    ]
    assert Iki.objects.get(rhk__skp=skp).target == Decimal("40")
    assert EkspektasiPerilaku.objects.filter(skp=skp).count() == 7


def test_copy_from_last_year_without_one_says_so(pegawai, periode):
    with pytest.raises(ValidationError, match="Tidak ada SKP tahun 2025"):
        services.skp_copy_from_last_year(actor=pegawai.user, pegawai=pegawai, periode=periode)
    assert not Skp.objects.exists()


# --- perilaku ------------------------------------------------------------------------------------------------


def test_penilai_sets_ekspektasi_khusus_but_the_pegawai_cannot(pegawai, penilai, periode):
    skp = services.skp_create(actor=pegawai.user, pegawai=pegawai, periode=periode)
    obj = services.ekspektasi_set(
        actor=penilai.user,
        skp=skp,
        versi=skp.versi,
        nilai="kolaboratif",
        ekspektasi_khusus="Aktif di tim lintas bidang",
    )
    assert obj.ekspektasi_khusus == "Aktif di tim lintas bidang"
    assert len(obj.pedoman) == 3
    with pytest.raises(PermissionDenied):
        services.ekspektasi_set(
            actor=pegawai.user, skp=skp, versi=_versi(skp), nilai="loyal", ekspektasi_khusus="Sendiri"
        )
    assert EkspektasiPerilaku.objects.get(skp=skp, nilai="loyal").ekspektasi_khusus == ""


def test_rhk_and_iki_update_and_delete_in_a_draft(pegawai, penilai, periode):
    skp_penilai = skp_draft(penilai, periode)
    skp = skp_draft(pegawai, periode, rhk=2)
    rhk = Rhk.objects.filter(skp=skp).first()
    rhk = services.rhk_update(
        actor=pegawai.user,
        rhk=rhk,
        versi=_versi(skp),
        uraian="Data pendidikan mutakhir",
        rhk_atasan=Rhk.objects.get(skp=skp_penilai),
    )
    assert rhk.uraian == "Data pendidikan mutakhir" and rhk.status_tautan == Rhk.StatusTautan.MENUNGGU
    services.iki_delete(actor=pegawai.user, iki=Iki.objects.get(rhk=rhk), versi=_versi(skp))
    assert not Iki.objects.filter(rhk=rhk).exists()
    services.rhk_delete(actor=pegawai.user, rhk=rhk, versi=_versi(skp))
    assert Rhk.objects.filter(skp=skp).count() == 1
    with pytest.raises(ValidationError, match="tidak boleh kosong"):
        services.rhk_update(actor=pegawai.user, rhk=Rhk.objects.get(skp=skp), versi=_versi(skp), uraian="  ")


def test_admin_bkd_creates_a_period_and_bad_deadlines_are_refused(admin_bkd, admin_unit):
    periode = services.periode_create(
        actor=admin_bkd,
        tahun=2027,
        periodisitas="bulanan",
        batas_penyusunan_skp=dt.date(2027, 1, 31),
        batas_evaluasi_tahunan=dt.date(2028, 1, 31),
    )
    assert periode.status == "dibuka" and periode.jumlah_periode == 12
    with pytest.raises(ValidationError, match="antara 1 dan 28"):
        services.periode_create(
            actor=admin_bkd,
            tahun=2028,
            batas_penyusunan_skp=dt.date(2028, 1, 31),
            batas_evaluasi_tahunan=dt.date(2029, 1, 31),
            hari_batas_realisasi=31,
        )
    with pytest.raises(PermissionDenied):
        services.periode_create(
            actor=admin_unit,
            tahun=2029,
            batas_penyusunan_skp=dt.date(2029, 1, 31),
            batas_evaluasi_tahunan=dt.date(2030, 1, 31),
        )
