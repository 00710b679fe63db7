"""Forums and aspirations. Public: the forums of a kelurahan (calendar, upcoming, past with minutes), a forum with
attendance registration, an aspiration with its dated updates, and the iCalendar feed. Officers: schedule a forum,
record its minutes and aspirations, follow aspirations up. Attendees' names are never rendered."""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kinerja.forms import run_form
from partisipasi import access, ical, selectors, services
from partisipasi.forms import AspirasiForm, ForumForm, HadirForm, NotulenForm, TindakLanjutForm
from partisipasi.views.pengaduan import _run_publik, klien


def _kelurahan(request):
    kelurahan_id = request.GET.get("kelurahan") or ""
    if not kelurahan_id:
        return None
    kelurahan = selectors.kelurahan_pilihan().filter(pk=kelurahan_id if kelurahan_id.isdigit() else 0).first()
    if kelurahan is None:
        raise Http404(_("Kelurahan tidak dikenal."))
    return kelurahan


def _bulan(request) -> tuple[int, int]:
    try:
        hari = dt.datetime.strptime(request.GET.get("bulan", ""), "%Y-%m").date()  # noqa: DTZ007 -- a date only
    except ValueError:
        hari = timezone.localdate()
    return hari.year, hari.month


def forum_publik(request):
    kelurahan = _kelurahan(request)
    tahun, bulan = _bulan(request)
    sekarang = timezone.now()
    forums = selectors.forum_publik(kelurahan=kelurahan)
    awal = dt.date(tahun, bulan, 1)
    sebelum = (awal - dt.timedelta(days=1)).strftime("%Y-%m")
    sesudah = (awal + dt.timedelta(days=32)).strftime("%Y-%m")
    query = f"kelurahan={kelurahan.pk}&" if kelurahan else ""
    context = {
        "kelurahan": kelurahan,
        "kelurahan_list": selectors.kelurahan_pilihan(),
        "kalender": selectors.forum_bulan(tahun=tahun, bulan=bulan, kelurahan=kelurahan),
        "bulan_ini": awal,
        "sebelum": f"?{query}bulan={sebelum}",
        "sesudah": f"?{query}bulan={sesudah}",
        "akan_datang": forums.filter(selesai__gte=sekarang)[:20],
        "lalu": forums.filter(selesai__lt=sekarang).order_by("-mulai", "-pk")[:20],
        "aspirasi": selectors.aspirasi_publik(kelurahan=kelurahan)[:50],
    }
    return render(request, "partisipasi/forum_publik.html", context)


@require_http_methods(["GET", "POST"])
def forum_detail(request, pk):
    forum = selectors.forum_publik_get(pk)
    form = HadirForm(request.POST or None)
    status = 200
    if request.method == "POST":

        def hadir(d):
            services.kehadiran_register(
                actor=request.user, klien=klien(request), forum=forum, nama=d["nama"], jebakan=d["situs"]
            )

        ok, status = _run_publik(form, hadir)
        if ok:
            messages.success(request, _("Terima kasih, Anda terdaftar hadir."))
            return redirect("partisipasi:forum-detail", pk=pk)
    context = {
        "forum": forum,
        "form": form,
        "terbuka": forum.selesai > timezone.now(),
        "aspirasi": selectors.aspirasi_publik(forum=forum),
    }
    return render(request, "partisipasi/forum_detail.html", context, status=status)


def aspirasi_detail(request, pk):
    return render(request, "partisipasi/aspirasi_detail.html", {"aspirasi": selectors.aspirasi_publik_get(pk)})


def forum_ics(request):
    forums = selectors.forum_publik(kelurahan=_kelurahan(request))
    teks = ical.kalender(
        forums.order_by("mulai", "pk")[:500],
        host=request.get_host().split(":")[0] or "kinerja",
        sekarang=timezone.now(),
        url_dasar=settings.PARTISIPASI_URL_SITUS.rstrip("/"),
    )
    response = HttpResponse(teks, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="forum-warga.ics"'
    return response


# --- officers -----------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def forum_kelola(request):
    if not access.is_petugas(request.user):
        raise Http404(_("Halaman tidak ditemukan."))
    form = ForumForm(request.POST or None)
    status = 200
    if request.method == "POST":
        hasil = {}

        def buat(d):
            hasil["forum"] = services.forum_create(
                actor=request.user,
                kelurahan_id=d["kelurahan"].pk,
                jenis=d["jenis"],
                topik=d["topik"],
                mulai=d["mulai"],
                selesai=d["selesai"],
                tempat=d["tempat"],
                rw=d["rw"],
            )

        ok, status = run_form(form, buat)
        if ok:
            messages.success(request, _("Forum dijadwalkan dan diumumkan."))
            return redirect("partisipasi:forum-kelola-detail", pk=hasil["forum"].pk)
    context = {
        "form": form,
        "forums": access.forum_kelola_visible(request.user).select_related("kelurahan").order_by("-mulai")[:100],
        "aspirasi": selectors.aspirasi_tindak_lanjut(request.user)[:100],
    }
    return render(request, "partisipasi/forum_kelola.html", context, status=status)


def _kelola_context(request, forum, **forms):
    return {
        "forum": forum,
        "notulen_form": forms.get("notulen_form") or NotulenForm(initial={"notulen": forum.notulen}),
        "aspirasi_form": forms.get("aspirasi_form") or AspirasiForm(),
        "tindak_form": TindakLanjutForm(),
        "aspirasi": selectors.aspirasi_publik(forum=forum),
        "dimulai": forum.mulai <= timezone.now(),
    }


@login_required
@require_http_methods(["GET", "POST"])
def forum_kelola_detail(request, pk):
    forum = access.forum_kelola_get_for_user(request.user, pk)
    status = 200
    forms: dict = {}
    if request.method == "POST":
        if request.POST.get("aksi") == "notulen":
            notulen_form = NotulenForm(request.POST)
            forms["notulen_form"] = notulen_form
            ok, status = run_form(
                notulen_form, lambda d: services.notulen_set(actor=request.user, forum=forum, notulen=d["notulen"])
            )
        else:
            aspirasi_form = AspirasiForm(request.POST)
            forms["aspirasi_form"] = aspirasi_form
            ok, status = run_form(
                aspirasi_form,
                lambda d: services.aspirasi_create(
                    actor=request.user,
                    forum=forum,
                    kategori=d["kategori"],
                    rw=d["rw"],
                    uraian=d["uraian"],
                    unit_id=d["unit"].pk,
                ),
            )
        if ok:
            messages.success(request, _("Tersimpan."))
            return redirect("partisipasi:forum-kelola-detail", pk=pk)
    return render(
        request, "partisipasi/forum_kelola_detail.html", _kelola_context(request, forum, **forms), status=status
    )


@login_required
@require_POST
def aspirasi_tindak_lanjut(request, pk):
    aspirasi = access.aspirasi_kelola_get_for_user(request.user, pk)
    form = TindakLanjutForm(request.POST)
    ok, status = run_form(
        form,
        lambda d: services.aspirasi_update(
            actor=request.user,
            aspirasi=aspirasi,
            status=d["status"],
            progres=d["progres"],
            teks=d["teks"],
            alasan=d["alasan"],
        ),
    )
    if ok:
        messages.success(request, _("Tindak lanjut aspirasi dipublikasikan."))
    else:
        for e in [*form.non_field_errors(), *[m for f in form.errors.values() for m in f]]:
            messages.error(request, e)
    return redirect("partisipasi:forum-kelola-detail", pk=aspirasi.forum_id)
