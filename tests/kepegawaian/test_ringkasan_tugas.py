"""The optional daily e-mail of the to-do list: turned on by the person on his profile page; the beat job sends it
once a day to those who turned it on, have an address and have something waiting; a failed mail is retried by the
next run; running the job twice the same day sends nothing more."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from kepegawaian.models import User
from kepegawaian.ringkasan import ringkasan_tugas_run, ringkasan_tugas_set
from kinerja.tugas import Tugas

HARI = dt.date(2026, 12, 1)


@pytest.fixture
def tugas_uji(monkeypatch):
    """Replace the registry with one provider: users named in ``menunggu`` have one item waiting."""
    menunggu: set[str] = set()

    def penyedia(user):
        if user.username not in menunggu:
            return []
        return [Tugas(kode="uji", teks="Setujui SKP Budi Pegawai.", url="/indikator/tim/", peran="penilai")]

    monkeypatch.setattr("kinerja.tugas._PENYEDIA", [penyedia])
    return menunggu


def _nyalakan(*pegawai):
    for p in pegawai:
        ringkasan_tugas_set(actor=p.user, aktif=True)


def test_the_profile_page_turns_the_digest_on_and_off(as_user, pegawai):
    client = as_user(pegawai)
    html = client.get(reverse("kepegawaian:profil")).content.decode()
    assert "Ringkasan tugas harian" in html
    r = client.post(reverse("kepegawaian:ringkasan-tugas"), {"aktif": "1"})
    assert r.status_code == 302 and User.objects.get(pk=pegawai.user.pk).ringkasan_tugas
    client.post(reverse("kepegawaian:ringkasan-tugas"), {})
    assert not User.objects.get(pk=pegawai.user.pk).ringkasan_tugas


def test_the_job_mails_those_who_turned_it_on_and_have_something_waiting(pegawai, penilai, atasan, tugas_uji):
    tugas_uji.update({"penilai", "atasan", "pegawai"})
    _nyalakan(penilai, atasan)  # the pegawai did not turn it on
    User.objects.filter(pk=atasan.user.pk).update(email="")
    atasan.email = ""
    atasan.save()
    penilai.user.email = ""
    penilai.user.save()
    penilai.email = "putri@jakarta.go.id"
    penilai.save()  # no address on the account: the pegawai's is used

    assert ringkasan_tugas_run(hari=HARI) == 1
    (pesan,) = mail.outbox
    assert pesan.to == ["putri@jakarta.go.id"]
    assert pesan.subject == "Kinerja: 1 hal menunggu Anda"
    assert "- Setujui SKP Budi Pegawai." in pesan.body and "/indikator/tim/" in pesan.body
    assert "dapat dimatikan" in pesan.body


def test_nothing_waiting_sends_nothing_and_twice_a_day_sends_once(penilai, tugas_uji):
    penilai.user.email = "putri@jakarta.go.id"
    penilai.user.save()
    _nyalakan(penilai)
    assert ringkasan_tugas_run(hari=HARI) == 0  # nothing waiting
    tugas_uji.add("penilai")
    assert ringkasan_tugas_run(hari=HARI) == 1
    assert ringkasan_tugas_run(hari=HARI) == 0  # the same day again
    assert ringkasan_tugas_run(hari=HARI + dt.timedelta(days=1)) == 1
    assert len(mail.outbox) == 2


def test_a_failed_mail_is_sent_by_the_next_run(penilai, tugas_uji, monkeypatch):
    penilai.user.email = "putri@jakarta.go.id"
    penilai.user.save()
    _nyalakan(penilai)
    tugas_uji.add("penilai")

    def gagal(*args, **kwargs):
        raise ConnectionRefusedError("smtp tidak menjawab")

    monkeypatch.setattr("kepegawaian.ringkasan.send_mail", gagal)
    assert ringkasan_tugas_run(hari=HARI) == 0
    assert User.objects.get(pk=penilai.user.pk).ringkasan_tugas_terakhir is None
    monkeypatch.undo()
    monkeypatch.setattr("kinerja.tugas._PENYEDIA", [lambda user: [Tugas(kode="uji", teks="x")]])
    assert ringkasan_tugas_run(hari=HARI) == 1


def test_an_inactive_account_gets_nothing(penilai, tugas_uji):
    penilai.user.email = "putri@jakarta.go.id"
    penilai.user.save()
    _nyalakan(penilai)
    tugas_uji.add("penilai")
    User.objects.filter(pk=penilai.user.pk).update(is_active=False)
    assert ringkasan_tugas_run(hari=HARI) == 0


def test_only_a_signed_in_person_sets_his_own_digest():
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        ringkasan_tugas_set(actor=AnonymousUser(), aktif=True)
