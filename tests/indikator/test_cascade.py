"""Cascading plans: RHK intervensi, link checks when an SKP is approved, and the bulk cascade."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indikator import services
from indikator.forms import potong_kata
from indikator.models import EkspektasiPerilaku, Iki, Rhk, Skp
from kepegawaian import services as kepegawaian_services
from tests.indikator.factories import skp_disetujui, skp_draft
from tests.kepegawaian.factories import PegawaiFactory


def _versi(skp):
    return Skp.objects.get(pk=skp.pk).versi


def test_pegawai_may_link_to_his_atasans_draft_rhk_and_is_not_blocked(pegawai, penilai, periode):
    skp_penilai = skp_draft(penilai, periode)
    rhk_penilai = Rhk.objects.get(skp=skp_penilai)
    skp = services.skp_create(actor=pegawai.user, pegawai=pegawai, periode=periode)
    rhk = services.rhk_create(
        actor=pegawai.user, skp=skp, versi=skp.versi, uraian="Bagian saya", rhk_atasan=rhk_penilai
    )
    assert rhk.status_tautan == Rhk.StatusTautan.MENUNGGU
    assert rhk.rhk_atasan_uraian == rhk_penilai.uraian


def test_rhk_intervensi_that_is_not_the_atasans_is_refused(pegawai, penilai, atasan, outsider, periode):
    skp = services.skp_create(actor=pegawai.user, pegawai=pegawai, periode=periode)
    for orang in (atasan, outsider):  # the atasan's atasan, a stranger: both wrong
        asing = Rhk.objects.get(skp=skp_draft(orang, periode))
        with pytest.raises(ValidationError, match="RHK dari SKP terkini atasan langsung"):
            services.rhk_create(actor=pegawai.user, skp=skp, versi=_versi(skp), uraian="Salah tautan", rhk_atasan=asing)
    assert not Rhk.objects.filter(skp=skp).exists()


def test_approving_the_atasans_skp_validates_links_to_it(pegawai, penilai, atasan, periode):
    skp_penilai = skp_draft(penilai, periode)
    rhk_penilai = Rhk.objects.get(skp=skp_penilai)
    skp = skp_draft(pegawai, periode, rhk_atasan=rhk_penilai)
    skp_penilai = services.skp_submit(actor=penilai.user, skp=skp_penilai, versi=skp_penilai.versi)
    services.skp_approve(actor=atasan.user, skp=skp_penilai, versi=skp_penilai.versi)
    assert Rhk.objects.get(skp=skp).status_tautan == Rhk.StatusTautan.SAH


def test_deleting_the_atasans_rhk_flags_the_link_broken_for_both(pegawai, penilai, periode):
    skp_penilai = skp_draft(penilai, periode, rhk=2)
    rhk_penilai = Rhk.objects.filter(skp=skp_penilai).first()
    skp = skp_draft(pegawai, periode, rhk_atasan=rhk_penilai)
    services.rhk_delete(actor=penilai.user, rhk=rhk_penilai, versi=_versi(skp_penilai))

    rhk = Rhk.objects.get(skp=skp)
    assert rhk.status_tautan == Rhk.StatusTautan.PUTUS
    assert rhk.rhk_atasan_uraian == rhk_penilai.uraian  # still says what it pointed at
    from indikator import selectors

    assert list(selectors.tautan_putus_bawahan(pegawai=penilai, periode=periode)) == [rhk]
    assert selectors.dasbor_pegawai(pegawai=pegawai, periode=periode).tautan_putus == [rhk]


def test_revised_atasan_skp_relinks_to_the_copied_rhk_and_flags_removed_ones(pegawai, penilai, atasan, periode):
    skp_penilai = skp_disetujui(penilai, periode, rhk=2)
    tetap, hilang = list(Rhk.objects.filter(skp=skp_penilai).order_by("pk"))
    skp = services.skp_create(actor=pegawai.user, pegawai=pegawai, periode=periode)
    r1 = services.rhk_create(actor=pegawai.user, skp=skp, versi=skp.versi, uraian="Ikut RHK 1", rhk_atasan=tetap)
    r2 = services.rhk_create(actor=pegawai.user, skp=skp, versi=_versi(skp), uraian="Ikut RHK 2", rhk_atasan=hilang)
    assert r1.status_tautan == Rhk.StatusTautan.SAH

    revisi = services.skp_revise(actor=penilai.user, skp=skp_penilai, versi=_versi(skp_penilai))
    services.rhk_delete(actor=penilai.user, rhk=Rhk.objects.get(skp=revisi, asal=hilang), versi=_versi(revisi))
    revisi = services.skp_submit(actor=penilai.user, skp=revisi, versi=_versi(revisi))
    services.skp_approve(actor=atasan.user, skp=revisi, versi=revisi.versi)

    r1.refresh_from_db()
    r2.refresh_from_db()
    assert r1.rhk_atasan.skp_id == revisi.pk and r1.status_tautan == Rhk.StatusTautan.SAH
    assert r2.status_tautan == Rhk.StatusTautan.PUTUS


def test_link_of_someone_who_changed_atasan_is_flagged_when_the_old_atasan_is_approved(
    pegawai, penilai, atasan, periode
):
    skp_penilai = skp_draft(penilai, periode)
    rhk = Rhk.objects.get(skp=skp_draft(pegawai, periode, rhk_atasan=Rhk.objects.get(skp=skp_penilai)))
    kepegawaian_services.pegawai_update(actor=None, pegawai=pegawai, atasan=atasan)
    skp_penilai = services.skp_submit(actor=penilai.user, skp=skp_penilai, versi=skp_penilai.versi)
    services.skp_approve(actor=atasan.user, skp=skp_penilai, versi=skp_penilai.versi)
    rhk.refresh_from_db()
    assert rhk.status_tautan == Rhk.StatusTautan.PUTUS
    assert "bukan lagi bawahan" in rhk.catatan_tautan


def test_approval_rechecks_the_skps_own_links(pegawai, penilai, atasan, periode):
    skp_penilai = skp_draft(penilai, periode)
    skp = skp_draft(pegawai, periode, rhk_atasan=Rhk.objects.get(skp=skp_penilai))
    kepegawaian_services.pegawai_update(actor=None, pegawai=pegawai, atasan=atasan)  # moved to a new penilai
    skp = services.skp_submit(actor=pegawai.user, skp=skp, versi=skp.versi)
    services.skp_approve(actor=atasan.user, skp=skp, versi=skp.versi)
    assert Rhk.objects.get(skp=skp).status_tautan == Rhk.StatusTautan.PUTUS


# --- bulk cascade ------------------------------------------------------------------------------------------------

IKI = [
    {"uraian": "Pengaduan selesai ditindaklanjuti", "satuan": "hari", "target": "7", "arah": "turun", "aspek": "waktu"},
    {"uraian": "Laporan tersusun", "satuan": "dokumen", "target": "12"},
]


def _tim(penilai, n):
    return PegawaiFactory.create_batch(n, atasan=penilai, unit=penilai.unit)


def test_bulk_cascade_assigns_the_rhk_with_iki_to_every_chosen_subordinate(pegawai, penilai, periode):
    sumber = Rhk.objects.get(skp=skp_draft(penilai, periode))
    lain = _tim(penilai, 3)
    skp_pegawai = services.skp_create(actor=pegawai.user, pegawai=pegawai, periode=periode)

    hasil = services.rhk_cascade(actor=penilai.user, rhk=sumber, bawahan=[pegawai, *lain], iki=IKI)

    assert len(hasil) == 4
    for p in [pegawai, *lain]:
        skp = Skp.objects.get(pegawai=p, periode=periode, terkini=True)
        rhk = Rhk.objects.get(skp=skp)
        assert rhk.rhk_atasan == sumber and rhk.status_tautan == Rhk.StatusTautan.MENUNGGU
        assert list(rhk.iki.order_by("urutan").values_list("target", "arah")) == [
            (Decimal("7"), "turun"),
            (Decimal("12"), "naik"),
        ]
        assert EkspektasiPerilaku.objects.filter(skp=skp).count() == 7
    assert Skp.objects.get(pk=skp_pegawai.pk).versi == skp_pegawai.versi + 1  # an open tab of his gets a conflict


def test_bulk_cascade_refuses_people_who_are_not_direct_subordinates(pegawai, penilai, outsider, periode):
    sumber = Rhk.objects.get(skp=skp_draft(penilai, periode))
    with pytest.raises(ValidationError, match="bukan bawahan langsung"):
        services.rhk_cascade(actor=penilai.user, rhk=sumber, bawahan=[pegawai, outsider], iki=IKI)
    assert not Skp.objects.filter(pegawai=pegawai).exists()


def test_bulk_cascade_refuses_a_bad_target_before_writing_anything(pegawai, penilai, periode):
    sumber = Rhk.objects.get(skp=skp_draft(penilai, periode))
    with pytest.raises(ValidationError, match="tidak boleh negatif"):
        services.rhk_cascade(
            actor=penilai.user, rhk=sumber, bawahan=[pegawai], iki=[{"uraian": "x", "satuan": "y", "target": "-3"}]
        )
    assert not Skp.objects.filter(pegawai=pegawai).exists()


def test_bulk_cascade_is_all_or_nothing_when_a_subordinates_skp_is_submitted(pegawai, penilai, periode):
    sumber = Rhk.objects.get(skp=skp_draft(penilai, periode))
    lain = _tim(penilai, 2)
    skp = skp_draft(pegawai, periode)
    services.skp_submit(actor=pegawai.user, skp=skp, versi=skp.versi)
    with pytest.raises(ValidationError, match=pegawai.nama):
        services.rhk_cascade(actor=penilai.user, rhk=sumber, bawahan=[pegawai, *lain], iki=IKI)
    assert not Skp.objects.filter(pegawai__in=lain).exists()


def test_bulk_cascade_refusal_names_the_locked_subordinate_and_says_what_to_do(pegawai, penilai, admin_bkd, periode):
    sumber = Rhk.objects.get(skp=skp_draft(penilai, periode))
    # a title ending in a dot must not end the sentence with ".."
    pegawai = kepegawaian_services.pegawai_update(actor=admin_bkd, pegawai=pegawai, nama="Budi Pegawai, S.H.")
    skp = skp_draft(pegawai, periode)
    services.skp_submit(actor=pegawai.user, skp=skp, versi=skp.versi)

    with pytest.raises(ValidationError) as refused:
        services.rhk_cascade(actor=penilai.user, rhk=sumber, bawahan=[pegawai], iki=IKI)

    pesan = refused.value.message_dict["bawahan"][0]
    assert "Budi Pegawai, S.H. Kembalikan SKP yang diajukan atau minta pegawai membuat revisi" in pesan
    assert ".." not in pesan


def test_only_the_owner_of_the_rhk_cascades_it(pegawai, penilai, atasan, periode):
    sumber = Rhk.objects.get(skp=skp_draft(penilai, periode))
    with pytest.raises(PermissionDenied):
        services.rhk_cascade(actor=atasan.user, rhk=sumber, bawahan=[pegawai], iki=IKI)


def test_bulk_cascade_to_500_subordinates_uses_a_constant_number_of_queries(penilai, periode):
    sumber = Rhk.objects.get(skp=skp_draft(penilai, periode))
    sedikit = _tim(penilai, 5)
    banyak = _tim(penilai, 500)

    with CaptureQueriesContext(connection) as q5:
        services.rhk_cascade(actor=penilai.user, rhk=sumber, bawahan=sedikit, iki=IKI)
    with CaptureQueriesContext(connection) as q500:
        services.rhk_cascade(actor=penilai.user, rhk=sumber, bawahan=banyak, iki=IKI)

    assert Iki.objects.filter(rhk__rhk_atasan=sumber).count() == 505 * len(IKI)

    def bukan_insert(q):
        return [x["sql"] for x in q.captured_queries if not x["sql"].startswith('INSERT INTO "indikator_')]

    # Bulk writes: apart from the INSERT batches the statements are the same for 5 and for 500 people.
    assert len(bukan_insert(q500)) == len(bukan_insert(q5))
    if connection.vendor == "postgresql":
        assert len(q500) == len(q5)  # one INSERT per table
    else:
        # SQLite caps a statement at 999 parameters, so Django splits each bulk INSERT into batches;
        # a loop of saves would need more than 2,000 statements here.
        assert len(q500) - len(bukan_insert(q500)) <= 50
    # The time target (well under a second of database work) is checked by bench/bench_skp.py, not here.


def test_link_into_an_atasan_revision_in_progress_waits_instead_of_breaking(pegawai, penilai, atasan, periode):
    skp_penilai = skp_disetujui(penilai, periode)
    skp = skp_draft(pegawai, periode, rhk_atasan=Rhk.objects.get(skp=skp_penilai))
    services.skp_revise(actor=penilai.user, skp=skp_penilai, versi=_versi(skp_penilai))
    skp = services.skp_submit(actor=pegawai.user, skp=skp, versi=skp.versi)
    services.skp_approve(actor=penilai.user, skp=skp, versi=skp.versi)
    rhk = Rhk.objects.get(skp=skp)
    assert rhk.status_tautan == Rhk.StatusTautan.MENUNGGU
    assert "merevisi" in rhk.catatan_tautan


def test_cascade_form_shows_each_subordinates_skp_status_and_disables_who_cannot_take_it(
    as_user, penilai, pegawai, periode, bidang
):
    skp_draft(penilai, periode, rhk=1)
    skp_disetujui(pegawai, periode)
    baru = PegawaiFactory(nama="Budi Baru", atasan=penilai, unit=bidang)
    html = as_user(penilai).get(reverse("indikator:kaskade")).content.decode()
    blok = {b.split("</div>", 1)[0] for b in html.split('data-testid="bawahan"')[1:]}
    (disetujui,) = [b for b in blok if pegawai.nama in b]
    assert "SKP: Disetujui" in disetujui and "disabled" in disetujui
    assert "minta pegawai membuat revisi" in disetujui
    (belum,) = [b for b in blok if baru.nama in b]
    assert "SKP: Belum disusun" in belum and "disabled" not in belum
    assert potong_kata("Tersusunnya laporan " * 10, 40) == "Tersusunnya laporan Tersusunnya laporan…"
