"""Helpers shared by the page modules of ``penilaian``."""

from django.contrib import messages
from django.shortcuts import redirect, render

from kinerja.db import versi_terkini
from kinerja.forms import run_form
from penilaian import access, aturan, selectors
from penilaian.dokumen import DOKUMEN
from penilaian.forms import EvaluasiForm, KeberatanForm, KeputusanForm, MandiriForm, TanggapanForm


def konteks_evaluasi(request, evaluasi, **forms):
    aksi = access.actions_for(request.user, evaluasi)
    lembar = selectors.evaluasi_lembar(evaluasi=evaluasi, tampil_rating=aksi["lihat_rating"])
    keberatan = getattr(evaluasi, "keberatan", None) if access.punya_keberatan(evaluasi) else None
    if aksi["nilai"] and "form" not in forms:
        forms["form"] = evaluasi_form(evaluasi, lembar)
    if aksi["mandiri"] and "mandiri_form" not in forms:
        forms["mandiri_form"] = MandiriForm(
            initial={
                "versi": evaluasi.versi,
                "hasil_kerja": evaluasi.mandiri_hasil_kerja,
                "perilaku": evaluasi.mandiri_perilaku,
                "catatan": evaluasi.mandiri_catatan,
            }
        )
    if aksi["keberatan"]:
        forms.setdefault("keberatan_form", KeberatanForm())
    if aksi["tanggapi"]:
        forms.setdefault("tanggapan_form", TanggapanForm())
    if aksi["putuskan"]:
        forms.setdefault("keputusan_form", KeputusanForm())
    form = forms.get("form")
    if form is not None:  # each row of the sheet carries its own feedback field
        for b in lembar.iki:
            b.field = form[f"ub_iki_{b.iki.pk}"]
        for p in lembar.perilaku:
            p.field = form[f"ub_nilai_{p.nilai}"]
            p.rating_field = form[f"rn_{p.nilai}"]
    return {
        "evaluasi": evaluasi,
        "lembar": lembar,
        "aksi": aksi,
        "keberatan": keberatan,
        "batas_keberatan": access.batas_keberatan(evaluasi),
        "rating_pilihan": aturan.Rating.choices,
        "dokumen": DOKUMEN,
        **forms,
    }


def evaluasi_form(evaluasi, lembar, data=None):
    iki_ids = [b.iki.pk for b in lembar.iki]
    nilai = [b.nilai for b in lembar.perilaku]
    initial = {
        "versi": evaluasi.versi,
        "rating_hasil_kerja": evaluasi.rating_hasil_kerja,
        "rating_perilaku": evaluasi.rating_perilaku,
        "alasan_beda_saran": evaluasi.alasan_beda_saran,
        "catatan": evaluasi.catatan,
        **{f"ub_iki_{b.iki.pk}": b.umpan_balik for b in lembar.iki},
        **{f"ub_nilai_{b.nilai}": b.umpan_balik for b in lembar.perilaku},
        **{f"rn_{n}": r for n, r in (evaluasi.rating_nilai or {}).items()},
        "catatan_pengembangan": evaluasi.catatan_pengembangan,
        "area_pengembangan": evaluasi.area_pengembangan,
    }
    return EvaluasiForm(data, initial=initial, iki_ids=iki_ids, nilai=nilai)


def jalankan(request, evaluasi, *, form, nama_form: str, action, pesan: str):
    """Run one service with a bound form (``run_form``): on success a message and back to the evaluation; on
    refusal the evaluation page again with the form (``nama_form`` in the context), its errors and 400/409."""
    ok, status = run_form(form, action, versi_terkini=lambda: versi_terkini(evaluasi))
    if ok:
        messages.success(request, pesan)
        return redirect(evaluasi)
    evaluasi.refresh_from_db()
    konteks = konteks_evaluasi(request, evaluasi, **{nama_form: form})
    return render(request, "penilaian/evaluasi.html", konteks, status=status)
