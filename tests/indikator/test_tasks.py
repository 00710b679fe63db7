"""Celery tasks of indikator, called directly (their bodies; the queueing is Celery's)."""

from django.core import mail

from indikator import services, tasks
from indikator.models import Iki, Rhk
from kepegawaian import services as kepegawaian_services
from tests.indikator.factories import skp_disetujui


def test_feedback_mail_goes_to_the_pegawai_when_enabled(pegawai, penilai, periode, settings):
    iki = Iki.objects.get(rhk__skp=skp_disetujui(pegawai, periode))
    kepegawaian_services.pegawai_update(actor=None, pegawai=pegawai, email="budi@jakarta.go.id")
    ub = services.umpan_balik_create(actor=penilai.user, iki=iki, periode_ke=3, teks="Tambahkan foto kegiatan.")

    settings.KINERJA_NOTIFIKASI_EMAIL = False
    assert tasks.umpan_balik_kabari(ub.pk) is False and not mail.outbox

    settings.KINERJA_NOTIFIKASI_EMAIL = True
    assert tasks.umpan_balik_kabari(ub.pk) is True
    assert mail.outbox[0].to == ["budi@jakarta.go.id"] and "Tambahkan foto kegiatan." in mail.outbox[0].body


def test_link_check_flags_links_that_no_longer_fit_and_is_safe_to_repeat(pegawai, penilai, atasan, periode):
    # (was the task tautan_periksa_periode, never queued anywhere and removed; the service it looped over stays)
    skp_penilai = skp_disetujui(penilai, periode)
    skp = skp_disetujui(pegawai, periode, rhk_atasan=Rhk.objects.get(skp=skp_penilai))
    assert Rhk.objects.get(skp=skp).status_tautan == Rhk.StatusTautan.SAH
    kepegawaian_services.pegawai_update(actor=None, pegawai=pegawai, atasan=atasan)

    assert services.tautan_check(skp=skp) == 1
    assert services.tautan_check(skp=skp) == 1
    assert Rhk.objects.get(skp=skp).status_tautan == Rhk.StatusTautan.PUTUS
