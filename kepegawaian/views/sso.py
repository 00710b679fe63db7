"""OpenID Connect single sign-on (mozilla-django-oidc's views), answering 404 unless a provider is configured."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.views import View
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from kepegawaian import masuk


class _HanyaBilaAktif(View):
    """The library's views read their settings when built: built only when SSO is configured, else a 404."""

    def __init__(self, **kwargs):
        if masuk.oidc_aktif():
            super().__init__(**kwargs)
        else:
            View.__init__(self, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        if not masuk.oidc_aktif():
            raise Http404(_("SSO tidak diaktifkan."))
        return super().dispatch(request, *args, **kwargs)


class SsoMulaiView(_HanyaBilaAktif, OIDCAuthenticationRequestView):
    """To the provider's sign-in page."""


class SsoCallbackView(_HanyaBilaAktif, OIDCAuthenticationCallbackView):
    """Back from the provider: the code is exchanged for a signed id_token; the NIP claim names the pegawai."""
