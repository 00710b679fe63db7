"""Pages of people and organisation: the organisation browser, unit and pegawai detail, my profile, audit trail.

Thin: access through ``kepegawaian.access`` (a forbidden object is a 404), reads through ``selectors``, writes
through ``services``.
"""

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kepegawaian import access, selectors, services
from kepegawaian.forms import AuditFilterForm, CariPegawaiForm, PegawaiUbahForm
from kepegawaian.models import Pegawai, UnitKerja
from kepegawaian.ringkasan import ringkasan_email, ringkasan_tugas_set
from kinerja.forms import run_form

PEGAWAI_PER_HALAMAN = 25
AUDIT_PER_HALAMAN = 50


def _require_admin(user) -> access.Akses:
    akses = access.akses_for(user)
    if not akses.is_admin:
        raise Http404(_("Halaman tidak ditemukan."))
    return akses


def _page(request, qs, per_page: int):
    return Paginator(qs, per_page).get_page(request.GET.get("halaman"))


def _query_without_page(request) -> str:
    return _query_without(request, "halaman")


def _query_without(request, name: str) -> str:
    params = request.GET.copy()
    params.pop(name, None)
    return params.urlencode()


@login_required
def organisasi(request):
    """The unit tree an admin manages, indented by depth, with direct and subtree headcounts."""
    _require_admin(request.user)
    units = selectors.unit_tree_with_totals(access.unit_manageable(request.user))
    return render(request, "kepegawaian/organisasi.html", {"units": units})


@login_required
def unit_detail(request, pk: int):
    akses = _require_admin(request.user)
    unit = access.unit_get_for_user(request.user, pk)
    if not access.unit_can_manage(request.user, unit):
        raise Http404(_("Unit kerja tidak ditemukan."))
    form = CariPegawaiForm(request.GET or None)
    q, semua = "", False
    if form.is_valid():
        q, semua = form.cleaned_data["q"], form.cleaned_data["semua"]
    people = selectors.pegawai_in_subtree(unit) if semua else Pegawai.objects.filter(unit=unit)
    people = selectors.pegawai_search(people.filter(aktif=True), q)
    people = people.select_related("unit", "jabatan", "atasan").order_by("nama", "pk")
    children = selectors.unit_tree_rows(UnitKerja.objects.filter(path__startswith=unit.path, depth=unit.depth + 1))
    context = {
        "unit": unit,
        "leluhur": [
            u for u in selectors.unit_ancestors(unit) if akses.is_bkd or access.unit_can_manage(request.user, u)
        ],
        "anak": children,
        "form": form,
        "page": _page(request, people, PEGAWAI_PER_HALAMAN),
        "query": _query_without_page(request),
        "semua": semua,
        "q": q,
    }
    return render(request, "kepegawaian/unit_detail.html", context)


def _profile_context(pegawai: Pegawai) -> dict:
    return {
        "p": pegawai,
        "nip": pegawai.nip_info,
        "leluhur": list(selectors.unit_ancestors(pegawai.unit)),
        "bawahan": list(selectors.bawahan_langsung(pegawai)),
    }


@login_required
@require_http_methods(["GET", "POST"])
def pegawai_detail(request, pk: int):
    pegawai = access.pegawai_get_for_user(request.user, pk)
    can_manage = access.pegawai_can_manage(request.user, pegawai)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied(_("Anda hanya dapat melihat data pegawai ini, tidak mengubahnya."))
    form = None
    if can_manage:
        units = access.unit_manageable(request.user)
        initial = {
            "unit": pegawai.unit.kode or pegawai.unit.nama,
            "jabatan": pegawai.jabatan_id,
            "atasan": pegawai.atasan.nip if pegawai.atasan else "",
        }
        form = PegawaiUbahForm(request.POST or None, units=units, initial=initial)
        if request.method == "POST":
            ok, _status = run_form(
                form,
                lambda data: services.pegawai_update(
                    actor=request.user,
                    pegawai=pegawai,
                    unit=data["unit"],
                    jabatan=data["jabatan"],
                    atasan=data["atasan"],
                ),
            )
            if ok:
                messages.success(request, _("Data %(nama)s telah disimpan.") % {"nama": pegawai.nama})
                return redirect(pegawai)
    akun = pegawai.user
    context = {
        **_profile_context(pegawai),
        "form": form,
        "can_manage": can_manage,
        # The "Akun login" panel's buttons: the same predicate the akun services refuse with.
        "akun_boleh_kelola": can_manage
        and akun is not None
        and access.akun_can_manage(request.user, akun, pegawai_dikelola=can_manage),
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "kepegawaian/pegawai_detail.html", context, status=status)


@login_required
def profil(request):
    """My profile: unit with its parent chain, jabatan, golongan, NIP decoded, atasan, atasan penilai, team."""
    akses = access.akses_for(request.user)
    pegawai = selectors.pegawai_profile(akses.pegawai_id) if akses.pegawai_id else None
    ringkasan = {"ringkasan_aktif": request.user.ringkasan_tugas, "ringkasan_email": ringkasan_email(request.user)}
    if pegawai is None:
        return render(request, "kepegawaian/profil.html", {"p": None, **ringkasan})
    return render(request, "kepegawaian/profil.html", {**_profile_context(pegawai), **ringkasan})


@login_required
@require_POST
def ringkasan_tugas(request):
    """Turn the daily e-mail of my to-do list on or off (a checkbox on my profile page)."""
    user = ringkasan_tugas_set(actor=request.user, aktif=request.POST.get("aktif") == "1")
    if user.ringkasan_tugas:
        alamat = ringkasan_email(user)
        if alamat:
            messages.success(
                request, _("Ringkasan tugas harian akan dikirim ke %(email)s setiap pagi.") % {"email": alamat}
            )
        else:
            messages.warning(
                request, _("Ringkasan tugas harian aktif, tetapi akun Anda belum memiliki alamat email: hubungi admin.")
            )
    else:
        messages.success(request, _("Ringkasan tugas harian dimatikan."))
    return redirect("kepegawaian:profil")


@login_required
def audit(request):
    """Changes to every audited row within the admin's scope: who, when (local time), what; filterable by kind, and
    paged by position ("older entries"), so a deep page costs what the first does."""
    akses = _require_admin(request.user)
    form = AuditFilterForm(request.GET or None)
    filters = {}
    if form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
    entries = (
        selectors.audit_entries(akses=akses, batas=AUDIT_PER_HALAMAN + 1, **filters)
        if not form.errors
        else LogEntry.objects.none()
    )
    halaman = list(entries[: AUDIT_PER_HALAMAN + 1])
    ada_lagi = len(halaman) > AUDIT_PER_HALAMAN
    halaman = halaman[:AUDIT_PER_HALAMAN]
    params = request.GET.copy()
    params.pop("sebelum", None)
    if ada_lagi:
        params["sebelum"] = selectors.audit_kursor(halaman[-1])
    context = {
        "form": form,
        "rows": selectors.audit_rows(halaman),
        "lebih_lama": params.urlencode() if ada_lagi else None,
        "halaman_lanjut": bool(filters.get("sebelum")),
        "query_awal": _query_without(request, "sebelum"),
    }
    return render(request, "kepegawaian/audit.html", context, status=400 if form.errors else 200)
