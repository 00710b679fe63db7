"""Pages of complaints. Public (no login): file a complaint, follow it by its code (rate or reopen it there),
the public list per kelurahan with support. Officers (login): the queue, a complaint with its trail, and the
forms that move, answer, merge or hide it. Thin: reads through ``selectors``/``access``, writes through
``services`` (which check who may act), forms through ``kinerja.forms.run_form``.

The complainant's name and contact are rendered only on the officer page and only when
``access.can_see_kontak`` allows; the public templates are never given them."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import ChoiceField
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from rest_framework.throttling import BaseThrottle

from kepegawaian.access import akses_for
from kinerja.db import versi_terkini
from kinerja.forms import run_form
from partisipasi import access, selectors, services
from partisipasi.forms import (
    BukaKembaliForm,
    GabungForm,
    LacakForm,
    PengaduanForm,
    SembunyiForm,
    TanggapanForm,
    TransisiForm,
    UlasanForm,
)
from partisipasi.models import FotoPengaduan, Pengaduan, normalisasi_kode


def klien(request) -> str:
    """The client's key for rate limits and supports: DRF's identification (REMOTE_ADDR, or X-Forwarded-For as far
    as ``REST_FRAMEWORK["NUM_PROXIES"]`` allows), hashed."""
    return services.klien_kunci(BaseThrottle().get_ident(request))


def _run_publik(form, action):
    """``run_form`` plus the rate limit: too many requests re-render with the message and status 429."""
    try:
        return run_form(form, action)
    except services.TerlaluSering as exc:
        form.add_error(None, str(exc))
        return False, 429


# --- public -------------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def pengaduan_baru(request):
    form = PengaduanForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        hasil: dict = {}

        def kirim(data):
            hasil["pengaduan"] = services.pengaduan_create(
                actor=request.user,
                klien=klien(request),
                kategori_id=data["kategori"].pk,
                kelurahan_id=data["kelurahan"].pk,
                rw=data["rw"],
                deskripsi=data["deskripsi"],
                foto=data["foto"],
                simpan_lokasi=data["simpan_lokasi"],
                nama_pelapor=data["nama_pelapor"],
                kontak_pelapor=data["kontak_pelapor"],
                publik=data["publik"],
                jebakan=data["situs"],
            )

        ok, status = _run_publik(form, kirim)
        if ok:
            pengaduan = hasil["pengaduan"]
            messages.success(
                request,
                _("Pengaduan Anda diterima. Simpan kode lacak ini: %(kode)s") % {"kode": pengaduan.kode_lacak},
            )
            return redirect("partisipasi:lacak-detail", kode=pengaduan.kode_lacak)
    return render(request, "partisipasi/pengaduan_baru.html", {"form": form}, status=status)


def lacak(request):
    form = LacakForm(request.GET or None)
    if form.is_valid():
        return redirect("partisipasi:lacak-detail", kode=normalisasi_kode(form.cleaned_data["kode"]))
    return render(request, "partisipasi/lacak.html", {"form": form})


@require_http_methods(["GET", "POST"])
def lacak_detail(request, kode):
    pengaduan = selectors.pengaduan_lacak(kode)
    ulasan_form = UlasanForm(request.POST if request.POST.get("aksi") == "ulasan" else None)
    buka_form = BukaKembaliForm(request.POST if request.POST.get("aksi") == "buka" else None)
    status = 200
    if request.method == "POST":
        if request.POST.get("aksi") == "ulasan":
            ok, status = run_form(
                ulasan_form,
                lambda d: services.ulasan_create(
                    actor=request.user, pengaduan=pengaduan, rating=d["rating"], komentar=d["komentar"]
                ),
            )
            message = _("Terima kasih atas penilaian Anda.")
        else:
            ok, status = run_form(
                buka_form,
                lambda d: services.pengaduan_open(actor=request.user, pengaduan=pengaduan, alasan=d["alasan"]),
            )
            message = _("Pengaduan dibuka kembali dan diteruskan ke petugas.")
        if ok:
            messages.success(request, message)
            return redirect("partisipasi:lacak-detail", kode=pengaduan.kode_lacak)
        pengaduan = selectors.pengaduan_lacak(kode)
    sekarang = timezone.now()
    context = {
        "pengaduan": pengaduan,
        "riwayat": pengaduan.riwayat.all(),
        "tanggapan": pengaduan.tanggapan.all(),
        "foto": pengaduan.foto.all(),
        "ulasan_terbuka": pengaduan.ulasan_terbuka(sekarang),
        "buka_terbuka": pengaduan.jendela_warga_terbuka(sekarang),
        "ulasan_form": ulasan_form,
        "buka_form": buka_form,
    }
    return render(request, "partisipasi/lacak_detail.html", context, status=status)


def lacak_foto(request, kode, pk):
    """A photo for the holder of the tracking code (also of a private complaint)."""
    pengaduan = selectors.pengaduan_lacak(kode)
    return _foto_response(FotoPengaduan.objects.filter(pengaduan=pengaduan, pk=pk).first())


def foto_publik(request, pk):
    """A photo of a public complaint, or of one the signed-in officer may see."""
    foto = FotoPengaduan.objects.select_related("pengaduan").filter(pk=pk).first()
    if (
        foto is not None
        and not foto.pengaduan.tampil_publik
        and not access.pengaduan_visible(request.user).filter(pk=foto.pengaduan_id).exists()
    ):
        foto = None
    return _foto_response(foto)


def _foto_response(foto):
    if foto is None:
        raise Http404(_("Foto tidak ditemukan."))
    response = FileResponse(foto.berkas.open("rb"), content_type=foto.tipe)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


def publik(request):
    """The public list, per kelurahan (``?kelurahan=<id>``; all kelurahan when absent)."""
    kelurahan = None
    kelurahan_id = request.GET.get("kelurahan")
    if kelurahan_id:
        kelurahan = selectors.kelurahan_pilihan().filter(pk=kelurahan_id if kelurahan_id.isdigit() else 0).first()
        if kelurahan is None:
            raise Http404(_("Kelurahan tidak dikenal."))
    halaman = Paginator(selectors.pengaduan_publik(kelurahan=kelurahan).prefetch_related("foto"), 25).get_page(
        request.GET.get("halaman")
    )
    context = {
        "halaman": halaman,
        "kelurahan": kelurahan,
        "kelurahan_list": selectors.kelurahan_pilihan(),
        "query": f"kelurahan={kelurahan.pk}" if kelurahan else "",
    }
    return render(request, "partisipasi/publik.html", context)


@require_POST
def dukung(request, pk):
    pengaduan = selectors.pengaduan_publik_get(pk)
    try:
        services.dukungan_create(actor=request.user, klien=klien(request), pengaduan=pengaduan)
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
    except services.TerlaluSering as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Dukungan Anda tercatat."))
    return redirect(f"{reverse('partisipasi:publik')}?kelurahan={pengaduan.kelurahan_id}")


# --- officers -----------------------------------------------------------------------------------------------------


@login_required
def antrian(request):
    if not access.is_petugas(request.user):
        raise Http404(_("Halaman tidak ditemukan."))
    status = request.GET.get("status") or None
    if status not in Pengaduan.Status.values:
        status = None
    terlambat = request.GET.get("terlambat") == "1"
    qs = (
        selectors.pengaduan_terlambat(request.user)
        if terlambat
        else selectors.pengaduan_antrian(request.user, status=status)
    )
    halaman = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    context = {
        "halaman": halaman,
        "status": status,
        "terlambat": terlambat,
        "query": "terlambat=1" if terlambat else (f"status={status}" if status else ""),
        "status_list": Pengaduan.Status.choices,
        "sekarang": timezone.now(),
        "bisa_impor": akses_for(request.user).is_admin,  # the import page's own rule (partisipasi.views.impor)
    }
    return render(request, "partisipasi/antrian.html", context)


def _detail_context(request, pengaduan: Pengaduan, **forms) -> dict:
    pengaduan = selectors.pengaduan_lengkap(request.user, pengaduan.pk)
    aksi = access.actions_for(request.user, pengaduan)
    transisi = TransisiForm(initial={"versi": pengaduan.versi})
    ke_field = cast(ChoiceField, transisi.fields["ke"])
    ke_field.choices = [(k, v) for k, v in Pengaduan.Status.choices if k in pengaduan.transisi_berikut()]
    return {
        "pengaduan": pengaduan,
        "aksi": aksi,
        "transisi_form": forms.get("transisi_form") or transisi,
        "tanggapan_form": forms.get("tanggapan_form") or TanggapanForm(),
        "gabung_form": forms.get("gabung_form") or GabungForm(),
        "sembunyi_form": forms.get("sembunyi_form") or SembunyiForm(),
        "sekarang": timezone.now(),
    }


@login_required
def detail(request, pk):
    pengaduan = access.pengaduan_get_for_user(request.user, pk)
    return render(request, "partisipasi/detail.html", _detail_context(request, pengaduan))


def _post(request, pk, form_name, form, action, message):
    pengaduan = access.pengaduan_get_for_user(request.user, pk)
    ok, status = run_form(form, lambda d: action(pengaduan, d), versi_terkini=lambda: versi_terkini(pengaduan))
    if ok:
        messages.success(request, message)
        return redirect("partisipasi:pengaduan-detail", pk=pk)
    context = _detail_context(request, pengaduan, **{form_name: form})
    return render(request, "partisipasi/detail.html", context, status=status)


@login_required
@require_POST
def transisi(request, pk):
    return _post(
        request,
        pk,
        "transisi_form",
        TransisiForm(request.POST),
        lambda p, d: services.pengaduan_move(
            actor=request.user,
            pengaduan=p,
            ke=d["ke"],
            versi=d["versi"],
            alasan=d["alasan"],
            unit_tujuan_id=d["unit_tujuan"].pk if d["unit_tujuan"] else None,
        ),
        _("Status pengaduan diperbarui."),
    )


@login_required
@require_POST
def tanggapan(request, pk):
    return _post(
        request,
        pk,
        "tanggapan_form",
        TanggapanForm(request.POST),
        lambda p, d: services.pengaduan_reply(actor=request.user, pengaduan=p, teks=d["teks"]),
        _("Tanggapan dikirim dan tampil di halaman lacak pelapor."),
    )


@login_required
@require_POST
def gabung(request, pk):
    def action(p, d):
        utama = access.pengaduan_get_for_user(request.user, d["utama"])
        services.duplikat_link(actor=request.user, duplikat=p, utama=utama)

    return _post(request, pk, "gabung_form", GabungForm(request.POST), action, _("Pengaduan digabung."))


@login_required
@require_POST
def sembunyi(request, pk):
    return _post(
        request,
        pk,
        "sembunyi_form",
        SembunyiForm(request.POST),
        lambda p, d: services.pengaduan_set_tersembunyi(
            actor=request.user, pengaduan=p, tersembunyi=d["tersembunyi"], alasan=d["alasan"]
        ),
        _("Tampilan publik pengaduan diperbarui."),
    )
