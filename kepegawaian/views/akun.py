"""Pages where admins manage logins and granted admin roles.

- A pegawai's login (``pegawai/<pk>/akun/``): create it (username defaults to the NIP), activate or deactivate it,
  reset its password. For the admins who manage that pegawai (admin unit in his subtree, admin BKD); anybody else
  gets a 404, like the pegawai himself. The finer rules (a login with an admin role is the admin BKD's to manage)
  live in ``access.akun_can_manage``; a manager refused by them gets a 403 with the reason.
- "Peran admin" (``peran/``): the list of granted roles, grant and revoke. Admin BKD only (everyone else: 404);
  an admin unit does not see it, not even read-only: the roles of the province are the BKD's business.

Thin: access through ``kepegawaian.access``, reads through ``selectors``, writes through ``services``.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kepegawaian import access, selectors, services
from kepegawaian.forms import AkunBuatForm, AkunSandiForm, CariPeranForm, PeranBeriForm
from kepegawaian.models import Pegawai, PeranAdmin, User
from kinerja.forms import run_form

PERAN_PER_HALAMAN = 50

# The services name the password "password"; the forms call it "sandi".
_FIELD_NAMES = {"password": "sandi"}


# --- A pegawai's login --------------------------------------------------------------------------------------------


def _pegawai_managed(request, pk: int) -> Pegawai:
    """The pegawai, if this user manages him; otherwise 404 (also for the pegawai himself and his penilai)."""
    pegawai = access.pegawai_get_for_user(request.user, pk)
    if not access.pegawai_can_manage(request.user, pegawai):
        raise Http404(_("Halaman tidak ditemukan."))
    return pegawai


def _pegawai_with_login_managed(request, pk: int) -> tuple[Pegawai, User]:
    """As ``_pegawai_managed``, for the actions on an existing login: the pegawai and his login; a pegawai without
    one is a 404."""
    pegawai = _pegawai_managed(request, pk)
    if pegawai.user is None:
        raise Http404(_("Pegawai ini belum memiliki akun login."))
    return pegawai, pegawai.user


def _akun_panel_url(pegawai: Pegawai) -> str:
    """Back to the pegawai's page, at its "Akun login" panel."""
    return f"{pegawai.get_absolute_url()}#akun"


def _akun_url(pegawai: Pegawai) -> str:
    return reverse("kepegawaian:akun", args=[pegawai.pk])


def _render_akun(request, pegawai: Pegawai, *, buat_form=None, sandi_form=None, status: int = 200):
    akun = pegawai.user
    context: dict[str, Any] = {
        "p": pegawai,
        "akun": akun,
        "boleh_kelola": akun is None or access.akun_can_manage(request.user, akun),
        "diri_sendiri": akun is not None and akun.pk == request.user.pk,
        "buat_form": buat_form if akun is None else None,
        "sandi_form": sandi_form if akun is not None else None,
    }
    if akun is None and context["buat_form"] is None:
        context["buat_form"] = AkunBuatForm()
    if context["buat_form"] is not None:
        context["buat_form"].fields["username"].widget.attrs["placeholder"] = pegawai.nip
    if akun is not None and context["sandi_form"] is None:
        context["sandi_form"] = AkunSandiForm()
    return render(request, "kepegawaian/akun_pegawai.html", context, status=status)


@login_required
def akun(request, pk: int):
    """The login of one pegawai: its state, and the form to create it or to reset its password."""
    return _render_akun(request, _pegawai_managed(request, pk))


@login_required
@require_POST
def akun_buat(request, pk: int):
    pegawai = _pegawai_managed(request, pk)
    if pegawai.user_id is not None:
        messages.error(request, _("%(nama)s sudah memiliki akun login.") % {"nama": pegawai.nama})
        return redirect(_akun_url(pegawai))
    form = AkunBuatForm(request.POST)
    created: list[User] = []
    ok, status = run_form(
        form,
        lambda data: created.append(
            services.akun_create(actor=request.user, pegawai=pegawai, username=data["username"], password=data["sandi"])
        ),
        field_names=_FIELD_NAMES,
    )
    if ok:
        messages.success(
            request,
            _("Akun login %(username)s untuk %(nama)s telah dibuat.")
            % {"username": created[0].username, "nama": pegawai.nama},
        )
        return redirect(_akun_panel_url(pegawai))
    return _render_akun(request, pegawai, buat_form=form, status=status)


@login_required
@require_POST
def akun_aktif(request, pk: int):
    """Activate (``aktif=1``) or deactivate (``aktif=0``) the pegawai's login."""
    pegawai, akun = _pegawai_with_login_managed(request, pk)
    aktif = request.POST.get("aktif")
    if aktif not in ("0", "1"):
        messages.error(request, _("Permintaan tidak valid: pilih aktifkan atau nonaktifkan."))
        return redirect(_akun_panel_url(pegawai))
    try:
        user = services.akun_set_aktif(actor=request.user, user=akun, aktif=aktif == "1")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if user.is_active:
            messages.success(request, _("Akun login %(username)s telah diaktifkan.") % {"username": user.username})
        else:
            messages.success(
                request,
                _("Akun login %(username)s telah dinonaktifkan: ia tidak dapat masuk lagi.")
                % {"username": user.username},
            )
    return redirect(_akun_panel_url(pegawai))


@login_required
@require_POST
def akun_sandi(request, pk: int):
    pegawai, akun = _pegawai_with_login_managed(request, pk)
    form = AkunSandiForm(request.POST)
    ok, status = run_form(
        form,
        lambda data: services.sandi_reset(actor=request.user, user=akun, password=data["sandi"]),
        field_names=_FIELD_NAMES,
    )
    if ok:
        messages.success(
            request,
            _("Kata sandi akun %(username)s telah diatur ulang. Sampaikan kata sandi baru kepada %(nama)s.")
            % {"username": akun.username, "nama": pegawai.nama},
        )
        return redirect(_akun_panel_url(pegawai))
    return _render_akun(request, pegawai, sandi_form=form, status=status)


# --- Granted admin roles --------------------------------------------------------------------------------------


def _require_bkd(user) -> None:
    if not access.akses_for(user).is_bkd:
        raise Http404(_("Halaman tidak ditemukan."))


@login_required
@require_http_methods(["GET", "POST"])
def peran_daftar(request):
    """Every granted admin role (filterable, paginated) and the form to grant one."""
    _require_bkd(request.user)
    beri_form = PeranBeriForm(request.POST or None)
    if request.method == "POST":
        granted: list[PeranAdmin] = []  # run_form answers (ok, status); the service's result is kept here
        ok, _status = run_form(
            beri_form,
            lambda data: granted.append(
                services.peran_grant(actor=request.user, user=data["username"], peran=data["peran"], unit=data["unit"])
            ),
            field_names=_FIELD_NAMES,
        )
        if ok:
            (grant,) = granted
            messages.success(
                request,
                _("Peran %(peran)s telah diberikan kepada %(username)s.")
                % {"peran": grant, "username": grant.user.username},
            )
            return redirect("kepegawaian:peran")
    cari = CariPeranForm(request.GET or None)
    filters = cari.cleaned_data if cari.is_valid() else {}
    grants = selectors.peran_admin_list(q=filters.get("q", ""), peran=filters.get("peran", ""))
    params = request.GET.copy()
    params.pop("halaman", None)
    context = {
        "beri_form": beri_form,
        "cari": cari,
        "page": Paginator(grants, PERAN_PER_HALAMAN).get_page(request.GET.get("halaman")),
        "query": params.urlencode(),
    }
    return render(request, "kepegawaian/peran_daftar.html", context, status=400 if beri_form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def peran_cabut(request, pk: int):
    """Revoke a granted role: a confirmation page (GET), then the revocation (POST)."""
    _require_bkd(request.user)
    grant = PeranAdmin.objects.select_related("user", "user__pegawai", "unit").filter(pk=pk).first()
    if grant is None:
        raise Http404(_("Peran admin tidak ditemukan."))
    error = None
    if request.method == "POST":
        try:
            services.peran_revoke(actor=request.user, grant=grant)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("Peran %(peran)s milik %(username)s telah dicabut.")
                % {"peran": grant, "username": grant.user.username},
            )
            return redirect("kepegawaian:peran")
    return render(
        request, "kepegawaian/peran_cabut.html", {"grant": grant, "error": error}, status=400 if error else 200
    )
