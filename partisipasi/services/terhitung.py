"""An IKI bound to complaint figures, and the job that writes them as its computed realisation.

The figures are ``selectors.penyelesaian_angka(unit=U)`` of the month (or quarter, per the period's periodicity):
complaints that U and the units below it completed in it, merged duplicates left out, percentiles computed in the
database. Time measures are in days (hours / 24), rounded to 2 decimals; the on-time share in percent. A month
without any completed complaint gets no value for the time measures and the share (there is nothing to measure),
and 0 for the count.

Each value goes through ``indikator.services.realisasi_terhitung_set`` (marked computed, the pegawai cannot
overwrite it), with a link to the public list of the complaints it was computed from.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from indikator import access as indikator_access
from indikator import services as indikator_services
from indikator.models import Iki, hari_ini
from kepegawaian.access import akses_for, pegawai_can_manage
from kepegawaian.models import UnitKerja
from kinerja.antrian import enqueue_on_commit
from kinerja.audit import audit_actor
from partisipasi import selectors
from partisipasi.models import IkiTerhitung, UkuranTerhitung
from partisipasi.services._dasar import _as_int

DUA_DESIMAL = Decimal("0.01")


def can_link_terhitung(actor, iki: Iki) -> bool:
    """An admin of the IKI's pegawai, or the pegawai himself (then only to his own unit or a unit below it)."""
    skp = iki.rhk.skp
    return pegawai_can_manage(actor, skp.pegawai) or indikator_access.is_owner(actor, skp)


def _require_link(actor, iki: Iki, unit: UnitKerja | None = None) -> None:
    if not can_link_terhitung(actor, iki):
        raise PermissionDenied(_("Hanya pemilik IKI atau admin unitnya yang dapat mengikat IKI ke data pengaduan."))
    skp = iki.rhk.skp
    if unit is not None and not pegawai_can_manage(actor, skp.pegawai):
        akses = akses_for(actor)
        unit_sendiri = UnitKerja.objects.filter(pk=akses.unit_id).values_list("path", flat=True).first() or "-"
        if not unit.path.startswith(unit_sendiri):
            raise PermissionDenied(_("Anda hanya dapat mengikat IKI Anda ke pengaduan unit Anda sendiri."))


def iki_terhitung_link(*, actor, iki: Iki, unit_id, ukuran: str) -> IkiTerhitung:
    """Bind (or re-bind) ``iki`` to the complaint figures of a unit, then compute it (after commit)."""
    iki = Iki.objects.select_related("rhk__skp__pegawai", "rhk__skp__periode").get(pk=iki.pk)
    pk = _as_int(unit_id)
    unit = UnitKerja.objects.filter(pk=pk, aktif=True).first() if pk else None
    _require_link(actor, iki, unit)
    errors = {}
    if unit is None:
        errors["unit"] = [_("Unit tidak dikenal. Pilih unit dari daftar.")]
    if ukuran not in UkuranTerhitung.values:
        errors["ukuran"] = [_("Ukuran tidak dikenal.")]
    if errors:
        raise ValidationError(errors)
    assert unit is not None  # checked above
    with transaction.atomic(), audit_actor(actor):
        ikatan = IkiTerhitung.objects.select_for_update().filter(iki=iki).first() or IkiTerhitung(iki=iki)
        ikatan.unit, ikatan.ukuran = unit, ukuran
        if ikatan.pk is None:
            ikatan.dibuat_oleh = actor
        ikatan.full_clean()
        ikatan.save()
        enqueue_on_commit("partisipasi.tasks.realisasi_terhitung_satu", ikatan.pk)
    return ikatan


def iki_terhitung_delete(*, actor, ikatan: IkiTerhitung) -> None:
    """Unbind: values already written stay (marked computed: they were measured); no new ones are written."""
    _require_link(actor, ikatan.iki)
    with transaction.atomic(), audit_actor(actor):
        ikatan.delete()


@dataclass
class HasilHitung:
    ditulis: list[int] = field(default_factory=list)  # periode_ke written (changed)
    tetap: list[int] = field(default_factory=list)  # computed, unchanged
    kosong: list[int] = field(default_factory=list)  # nothing to measure
    dilewati: list[str] = field(default_factory=list)  # refused by indikator (messages)


def _nilai(ukuran: str, angka: selectors.AngkaPenyelesaian) -> Decimal | None:
    if ukuran == UkuranTerhitung.JUMLAH:
        return Decimal(angka.jumlah)
    jam: dict[str, float | None] = {
        UkuranTerhitung.MEDIAN: angka.median_jam,
        UkuranTerhitung.RATA: angka.rata_jam,
        UkuranTerhitung.P90: angka.p90_jam,
    }
    if ukuran in jam:
        nilai = jam[ukuran]
        return None if nilai is None else (Decimal(repr(nilai)) / 24).quantize(DUA_DESIMAL, ROUND_HALF_UP)
    persen = angka.persen_tepat_waktu
    return None if persen is None else Decimal(repr(persen)).quantize(DUA_DESIMAL, ROUND_HALF_UP)


def tautan_daftar(*, unit: UnitKerja, mulai: dt.date, akhir: dt.date) -> str:
    """The absolute URL of the public list of the complaints a value was computed from."""
    path = reverse("partisipasi:angka-unit", args=[unit.pk])
    query = urlencode({"mulai": mulai.isoformat(), "akhir": akhir.isoformat()})
    return f"{settings.PARTISIPASI_URL_SITUS.rstrip('/')}{path}?{query}"


def _iki_terkini(iki: Iki) -> Iki:
    """The bound IKI in the pegawai's current SKP revision: a revision copies IKI with ``asal`` pointing back."""
    while not iki.rhk.skp.terkini:
        berikut = Iki.objects.select_related("rhk__skp__periode").filter(asal=iki).first()
        if berikut is None:
            break
        iki = berikut
    return iki


def realisasi_terhitung_run(*, actor, ikatan: IkiTerhitung) -> HasilHitung:
    """Compute every month/quarter of the bound IKI's year that has started and write it through indikator
    (which checks the actor: the system job, the owner, or an admin of the pegawai). Safe to run twice."""
    ikatan = IkiTerhitung.objects.select_related("iki__rhk__skp__periode", "iki__rhk__skp__pegawai", "unit").get(
        pk=ikatan.pk
    )
    iki = _iki_terkini(ikatan.iki)
    if iki.pk != ikatan.iki_id:
        with transaction.atomic(), audit_actor(actor):  # follow the SKP to its current revision
            IkiTerhitung.objects.filter(pk=ikatan.pk).update(iki=iki)
    if not indikator_services.can_set_terhitung(actor, iki):
        raise PermissionDenied(_("Anda tidak berhak menghitung ulang realisasi indikator ini."))
    periode = iki.rhk.skp.periode
    hasil = HasilHitung()
    hari = hari_ini()
    for ke in periode.daftar_periode_ke:
        mulai, akhir = periode.mulai_periode_ke(ke), periode.akhir_periode_ke(ke)
        if mulai > hari:
            break
        angka = selectors.penyelesaian_angka(unit=ikatan.unit, mulai=mulai, akhir=akhir)
        nilai = _nilai(ikatan.ukuran, angka)
        if nilai is None:
            hasil.kosong.append(ke)
            continue
        narasi = _("%(ukuran)s: %(n)d pengaduan diselesaikan %(unit)s, %(mulai)s–%(akhir)s.") % {
            "ukuran": ikatan.get_ukuran_display(),
            "n": angka.jumlah,
            "unit": ikatan.unit.nama,
            "mulai": mulai.strftime("%d-%m-%Y"),
            "akhir": akhir.strftime("%d-%m-%Y"),
        }
        try:
            r = indikator_services.realisasi_terhitung_set(
                actor=actor,
                iki=iki,
                periode_ke=ke,
                nilai=nilai,
                narasi=narasi,
                tautan=tautan_daftar(unit=ikatan.unit, mulai=mulai, akhir=akhir),
            )
        except ValidationError as exc:
            hasil.dilewati.extend(exc.messages)
            break  # the whole SKP/period is refused (not approved, closed): the next months would be too
        (hasil.tetap if r is None else hasil.ditulis).append(ke)
    IkiTerhitung.objects.filter(pk=ikatan.pk).update(dihitung_pada=timezone.now())
    return hasil
