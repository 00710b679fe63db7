"""Helpers the indikator page modules share: the admin gate, running a service on a form, the realisation page."""

from typing import Any

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from indikator import access, selectors
from indikator.capaian import capaian_iki, format_angka
from indikator.forms import (
    BalasanForm,
    BuktiForm,
    RealisasiForm,
    UmpanBalikForm,
)
from indikator.models import (
    Skp,
    hari_ini,
)
from kepegawaian.access import akses_for
from kinerja.db import versi_terkini
from kinerja.forms import run_form


def _require_admin(request):
    akses = akses_for(request.user)
    if not akses.is_admin:
        raise Http404(_("Halaman tidak ditemukan."))
    return akses


def _run(form, action, *, skp: Skp | None = None):
    """Run a service with the form's data (``kinerja.forms.run_form``); a conflict carries the SKP's new version."""
    return run_form(form, action, versi_terkini=(lambda: versi_terkini(skp)) if skp is not None else None)


def _skp_untuk_diubah(request, skp: Skp) -> Skp:
    access.require_owner(request.user, skp)
    return skp


def _ke_valid(skp: Skp, ke: int) -> int:
    if ke not in skp.periode.daftar_periode_ke:
        raise Http404(_("Bulan/triwulan tidak dikenal untuk periode ini."))
    return ke


#: the session key of the result of the last save on the realisation page (shown once, beside its month)
_KUNCI_HASIL = "indikator_realisasi_hasil"


def url_bulan(iki_id: int, ke: int) -> str:
    """The realisation page anchored to one month/quarter (``#bulan-N``)."""
    return reverse("indikator:iki-realisasi", args=[iki_id]) + f"#bulan-{ke}"


def simpan_hasil(request, *, iki, ke: int, pesan: str) -> None:
    """Keep a successful save's message for the next page of this IKI, to be shown beside month ``ke`` (once)."""
    request.session[_KUNCI_HASIL] = {"iki": iki.pk, "ke": ke, "pesan": str(pesan)}


def _ambil_hasil(request, iki) -> dict | None:
    hasil = request.session.get(_KUNCI_HASIL)
    if not hasil or hasil.get("iki") != iki.pk:
        return None
    del request.session[_KUNCI_HASIL]
    return hasil


def _keadaan_bulan(iki, periode, ke: int, *, hari, ada: bool, terbuka_pegawai: bool, dapat_isi: bool) -> str:
    """What is true of month ``ke`` for this viewer: belum (not begun) | terbuka (he may fill it) | terbuka_pegawai
    (open for the pegawai, read-only for this viewer) | tanpa_isian (closed before the IKI existed, no entry: no
    debt) | ditutup (closed, read-only)."""
    if hari < periode.mulai_periode_ke(ke):
        return "belum"
    if terbuka_pegawai:
        return "terbuka" if dapat_isi else "terbuka_pegawai"
    if not ada and not iki.ada_saat_terbuka(periode, ke):
        return "tanpa_isian"
    return "ditutup"


def _render_realisasi(request, iki, *, status: int = 200, forms: dict | None = None):
    forms = forms or {}
    hasil = _ambil_hasil(request, iki) if status == 200 else None
    # the month a refused form belongs to: its section shows the refusal and takes the focus
    ke_galat = {key[1] for key in forms if key[0] in ("r", "b", "u")}
    ke_galat |= {t.periode_ke for t in iki.umpan_balik.filter(pk__in=[k[1] for k in forms if k[0] == "balas"])}
    skp = access.skp_get_for_user(request.user, iki.rhk.skp_id)
    periode = skp.periode
    pemilik, penilai = access.is_owner(request.user, skp), access.is_penilai(request.user, skp)
    realisasi = {r.periode_ke: r for r in iki.realisasi.prefetch_related("bukti").order_by("periode_ke")}
    threads: dict[int, list] = {}
    for ub in selectors.umpan_balik_thread(iki=iki):
        threads.setdefault(ub.periode_ke, []).append(ub)
    dimulai = set(selectors.periode_ke_jatuh_tempo(periode=periode))
    dapat_isi = access.can_save_realisasi(request.user, skp)
    # what is true for the pegawai (open until its deadline) is told to every viewer; only he may write
    dapat_diisi_pegawai = skp.terkini and skp.pernah_disetujui
    dibuka_kembali = periode.dibuka_kembali_untuk(pegawai_id=skp.pegawai_id) if dapat_diisi_pegawai else []
    hari = hari_ini()
    rows = []
    for ke in periode.daftar_periode_ke:
        r = realisasi.get(ke)
        terbuka_pegawai = dapat_diisi_pegawai and periode.realisasi_terbuka(
            pegawai_id=skp.pegawai_id, periode_ke=ke, dibuka_kembali=dibuka_kembali, hari=hari
        )
        terbuka = dapat_isi and terbuka_pegawai
        row: dict[str, Any] = {
            "ke": ke,
            "label": periode.label_periode_ke(ke),
            "batas": periode.batas_realisasi(ke),
            "dimulai": ke in dimulai,
            "realisasi": r,
            "bukti": list(r.bukti.all()) if r else [],
            "capaian": capaian_iki(iki, r.nilai if r else None),
            "terbuka": terbuka,
            "keadaan": _keadaan_bulan(
                iki, periode, ke, hari=hari, ada=r is not None, terbuka_pegawai=terbuka_pegawai, dapat_isi=dapat_isi
            ),
            "threads": threads.get(ke, []),
            "disimpan": hasil["pesan"] if hasil and hasil["ke"] == ke else "",
            "ditolak": ke in ke_galat,
        }
        if not terbuka and ("r", ke) in forms:  # a refused write to a month/quarter that is not open
            row["galat"] = [e for key in (("r", ke), ("b", ke)) for e in forms[key].non_field_errors()]
        if terbuka:
            initial = {"versi": r.versi, "nilai": format_angka(r.nilai), "narasi": r.narasi} if r else {}
            row["form"] = forms.get(("r", ke)) or RealisasiForm(prefix=f"r{ke}", initial=initial)
            row["bukti_form"] = forms.get(("b", ke)) or BuktiForm(prefix=f"b{ke}")
        if penilai and skp.pernah_disetujui:
            row["ub_form"] = forms.get(("u", ke)) or UmpanBalikForm(prefix=f"u{ke}")
        if pemilik or penilai:
            for t in row["threads"]:
                t.balas_form = forms.get(("balas", t.pk)) or BalasanForm(prefix=f"balas{t.pk}")
        rows.append(row)
    context = {
        "iki": iki,
        "rhk": iki.rhk,
        "skp": skp,
        "periode": periode,
        "rows": rows,
        "pemilik": pemilik,
        "penilai": penilai,
        "dapat_isi": dapat_isi,
        "error": forms.get("error"),
    }
    return render(request, "indikator/realisasi.html", context, status=status)
