"""Free text has a length limit in model, form and serializer; with the limits a maximal SKP renders as a PDF in
a few seconds, completely (the last item's text is in the document)."""

import io
import time

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from pypdf import PdfReader

from indikator import exports, services
from indikator.forms import LampiranForm
from indikator.models import Iki, Rhk, Skp
from kinerja.teks import TEKS_PENDEK, TEKS_SEDANG
from tests.api_helpers import api_error, logged_in, patch_json
from tests.indikator.factories import PeriodeFactory, skp_draft

APPS = ("indikator", "kepegawaian", "penilaian", "pelatihan", "partisipasi")


def test_every_text_field_of_the_domain_apps_has_a_limit_enforced_by_the_model():
    tanpa = []
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.get_fields():
                if isinstance(field, models.TextField):
                    ada_validator = any(
                        isinstance(v, MaxLengthValidator) and v.limit_value == field.max_length
                        for v in field.validators
                    )
                    if not field.max_length or not ada_validator:
                        tanpa.append(f"{model.__name__}.{field.name}")
    assert not tanpa, f"TextField tanpa batas panjang: {tanpa}"


@pytest.fixture
def skp(pegawai, penilai):
    return skp_draft(pegawai, PeriodeFactory(tahun=2026))


def test_two_megabytes_of_lampiran_are_refused_by_the_api(client, pegawai, skp):
    logged_in(client, pegawai.user)
    response = patch_json(client, f"/api/v1/skp/{skp.pk}/", {"versi": skp.versi, "konsekuensi": "x" * 2_000_000})

    assert response.status_code == 400
    assert "konsekuensi" in api_error(response)["fields"]
    skp.refresh_from_db()
    assert skp.konsekuensi == ""


def test_the_service_and_the_form_refuse_a_text_over_the_limit(pegawai, skp):
    with pytest.raises(ValidationError) as exc:
        services.skp_update(actor=pegawai.user, skp=skp, versi=skp.versi, konsekuensi="x" * (TEKS_SEDANG + 1))
    assert "konsekuensi" in exc.value.message_dict
    form = LampiranForm({"versi": skp.versi, "konsekuensi": "x" * (TEKS_SEDANG + 1)})
    assert not form.is_valid() and "konsekuensi" in form.errors
    ok = services.skp_update(actor=pegawai.user, skp=skp, versi=skp.versi, konsekuensi="x" * TEKS_SEDANG)
    assert len(ok.konsekuensi) == TEKS_SEDANG


def _kalimat(panjang: int, akhir: str) -> str:
    """Words up to ``panjang`` characters, ending with a marker word."""
    kata = "Meningkatkan kualitas layanan perizinan terpadu satu pintu "
    teks = (kata * (panjang // len(kata) + 1))[: panjang - len(akhir) - 1].rstrip()
    return f"{teks} {akhir}"


def test_a_maximal_skp_renders_completely_in_a_few_seconds(pegawai, penilai):
    skp = skp_draft(pegawai, PeriodeFactory(tahun=2026), rhk=10, iki_per_rhk=3)
    # Test data at the limits, written directly (the services refuse nothing here: every text is within its limit).
    for n, rhk in enumerate(Rhk.objects.filter(skp=skp).order_by("pk"), 1):
        rhk.uraian = _kalimat(TEKS_PENDEK, f"RHKAKHIR{n}")
        rhk.full_clean()
        rhk.save()
    iki = list(Iki.objects.filter(rhk__skp=skp).order_by("pk"))
    for n, obj in enumerate(iki, 1):
        obj.uraian = _kalimat(TEKS_PENDEK, f"IKIAKHIR{n}")
        obj.full_clean()
        obj.save()
    Skp.objects.filter(pk=skp.pk).update(
        dukungan_sumber_daya=_kalimat(TEKS_SEDANG, "DUKUNGANAKHIR"),
        skema_pertanggungjawaban=_kalimat(TEKS_SEDANG, "SKEMAAKHIR"),
        konsekuensi=_kalimat(TEKS_SEDANG, "KONSEKUENSIAKHIR"),
    )
    skp.refresh_from_db()
    skp.full_clean()

    mulai = time.monotonic()
    pdf = exports.skp_pdf(skp=skp)
    lama = time.monotonic() - mulai

    teks = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    teks = "".join(teks.split())  # words may be split across lines
    for penanda in (f"IKIAKHIR{len(iki)}", "RHKAKHIR10", "DUKUNGANAKHIR", "SKEMAAKHIR", "KONSEKUENSIAKHIR"):
        assert penanda in teks, penanda
    assert lama < 20, f"SKP PDF took {lama:.1f} s"
