"""The admins' pages: the programmes they manage and the events they organise; create and edit a programme,
schedule and edit an event. Admin unit: his units' programmes and events; admin BKD: all, and province-wide ones.
Thin: the services check the right again and validate; a refused input shows the page again (400)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kepegawaian.access import akses_for, unit_manageable
from kinerja.forms import run_form
from pelatihan import access, selectors, services
from pelatihan.forms import KegiatanForm, ProgramForm

PER_HALAMAN = 25


@login_required
def kelola(request):
    access.require_admin(request.user)
    context = {
        "program_page": Paginator(selectors.program_kelola(request.user), PER_HALAMAN).get_page(
            request.GET.get("halaman_program")
        ),
        "kegiatan_page": Paginator(selectors.kegiatan_kelola(request.user), PER_HALAMAN).get_page(
            request.GET.get("halaman")
        ),
    }
    return render(request, "pelatihan/kelola.html", context)


def _program_form(request, **kwargs) -> ProgramForm:
    return ProgramForm(
        request.POST if request.method == "POST" else None,
        units=unit_manageable(request.user).order_by("nama"),
        bkd=akses_for(request.user).is_bkd,
        **kwargs,
    )


@login_required
@require_http_methods(["GET", "POST"])
def program_baru(request):
    access.require_admin(request.user)
    form = _program_form(request)
    status = 200
    if request.method == "POST":
        hasil: dict = {}

        def _buat(d):
            d = dict(d)
            d.pop("aktif", None)
            hasil["program"] = services.program_create(actor=request.user, **d)

        ok, status = run_form(form, _buat)
        if ok:
            messages.success(request, _("Program pelatihan tersimpan. Jadwalkan kegiatannya di bawah."))
            return redirect("pelatihan:kegiatan-baru", pk=hasil["program"].pk)
    return render(request, "pelatihan/program_form.html", {"form": form, "program": None}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def program_ubah(request, pk: int):
    program = access.program_get_for_user(request.user, pk)
    access.require_manage_program(request.user, program)
    initial = {
        "judul": program.judul,
        "deskripsi": program.deskripsi,
        "bidang": program.bidang,
        "kompetensi": ", ".join(program.kompetensi),
        "jenis": program.jenis,
        "penyelenggara": program.penyelenggara,
        "nama_penyelenggara": program.nama_penyelenggara,
        "jp": program.jp,
        "unit_pemilik": program.unit_pemilik_id,
        "target_jabatan": list(program.target_jabatan.values_list("pk", flat=True)),
        "target_unit": list(program.target_unit.values_list("pk", flat=True)),
        "aktif": program.aktif,
    }
    form = _program_form(request, initial=initial)
    form.fields["unit_pemilik"].disabled = True  # the owner stays (who may manage it follows from it)
    status = 200
    if request.method == "POST":

        def _ubah(d):
            d = dict(d)
            d.pop("unit_pemilik", None)
            services.program_update(actor=request.user, program=program, **d)

        ok, status = run_form(form, _ubah)
        if ok:
            messages.success(request, _("Perubahan program tersimpan."))
            return redirect("pelatihan:kelola")
    return render(request, "pelatihan/program_form.html", {"form": form, "program": program}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def kegiatan_baru(request, pk: int):
    """Schedule an event of programme ``pk``: any admin may run any active programme for the units he manages."""
    access.require_admin(request.user)
    program = access.program_get_for_user(request.user, pk)
    form = KegiatanForm(
        request.POST if request.method == "POST" else None,
        units=unit_manageable(request.user).order_by("nama"),
        bkd=akses_for(request.user).is_bkd,
    )
    status = 200
    if request.method == "POST":
        hasil: dict = {}

        def _jadwalkan(d):
            hasil["kegiatan"] = services.kegiatan_create(actor=request.user, program=program, **d)

        ok, status = run_form(form, _jadwalkan)
        if ok:
            messages.success(request, _("Kegiatan dijadwalkan dan tampil di katalog."))
            return redirect("pelatihan:kegiatan-detail", pk=hasil["kegiatan"].pk)
    context = {"form": form, "program": program, "kegiatan": None}
    return render(request, "pelatihan/kegiatan_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def kegiatan_ubah(request, pk: int):
    kegiatan = access.kegiatan_get_for_user(request.user, pk)
    access.require_manage_kegiatan(request.user, kegiatan)
    initial = {
        f: getattr(kegiatan, f)
        for f in (
            "nama",
            "tanggal_mulai",
            "tanggal_selesai",
            "pendaftaran_mulai",
            "pendaftaran_selesai",
            "kuota",
            "moda",
            "tempat",
            "tautan",
        )
    }
    form = KegiatanForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        ok, status = run_form(form, lambda d: services.kegiatan_update(actor=request.user, kegiatan=kegiatan, **d))
        if ok:
            messages.success(request, _("Perubahan kegiatan tersimpan."))
            return redirect("pelatihan:kegiatan-detail", pk=kegiatan.pk)
    context = {"form": form, "program": kegiatan.program, "kegiatan": kegiatan}
    return render(request, "pelatihan/kegiatan_form.html", context, status=status)
