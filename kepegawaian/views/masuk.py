"""The person's own account pages: change the password, "Lupa kata sandi" (reset by e-mail, rate limited, never
revealing whether an account exists), activation of a login created in bulk.

Django's views, with our forms (which save through ``services.sandi_change``) and Indonesian templates.
"""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from rest_framework.throttling import BaseThrottle

from kepegawaian import masuk
from kepegawaian.forms import GantiSandiForm, LupaSandiForm, SandiBaruForm


class GantiSandiView(auth_views.PasswordChangeView):
    form_class = GantiSandiForm


class LupaSandiView(auth_views.PasswordResetView):
    """Past ``KINERJA_BATAS_LUPA_SANDI_KLIEN`` requests from one client: 429 with the form and a message. Past
    ``KINERJA_BATAS_LUPA_SANDI_AKUN`` mails to one address: nothing is sent, and the answer is the usual "if the
    address is registered, a mail is on its way" page, as for an unknown address."""

    form_class = LupaSandiForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def post(self, request, *args, **kwargs):
        # The client's address as DRF's throttles read it (REMOTE_ADDR, X-Forwarded-For as far as NUM_PROXIES allows).
        if not masuk.lupa_sandi_klien_boleh(BaseThrottle().get_ident(request)):
            form = self.get_form()
            form.is_valid()
            form.add_error(None, _("Terlalu banyak permintaan dari alamat Anda. Coba lagi dalam satu jam."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if not masuk.lupa_sandi_akun_boleh(form.cleaned_data["email"]):
            return self._done()
        return super().form_valid(form)

    def _done(self):
        from django.http import HttpResponseRedirect

        return HttpResponseRedirect(self.get_success_url())


class SandiBaruView(auth_views.PasswordResetConfirmView):
    form_class = SandiBaruForm


class AktivasiView(auth_views.PasswordResetConfirmView):
    """The one-time activation link of a login created in bulk: the person chooses his password, then signs in.
    The token is Django's reset token: it stops working once a password has been set."""

    form_class = SandiBaruForm
    template_name = "registration/aktivasi.html"
    success_url = reverse_lazy("aktivasi-selesai")
    reset_url_token = "aktivasi"  # noqa: S105 - the URL segment that replaces the token, not a secret


class AktivasiSelesaiView(auth_views.PasswordResetCompleteView):
    template_name = "registration/aktivasi_selesai.html"
