from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class BahasaMiddleware(LocaleMiddleware):
    """Indonesian first: the language is the one the user chose with the language switch (the cookie that
    ``set_language`` sets), otherwise ``LANGUAGE_CODE``. The browser's Accept-Language is deliberately ignored, so
    a civil servant whose browser happens to prefer English still gets the Indonesian UI until he switches."""

    def process_request(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()


class KeamananMiddleware:
    """Headers every answer carries (docs/keamanan.md): ``Permissions-Policy`` (features no page uses are off), and
    ``Cache-Control: private, no-store`` on every answer to a signed-in user or under ``/api/`` that does not set its
    own, so that a shared computer's browser cache or a proxy never keeps a page of personal data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        personal = request.path_info.startswith("/api/") or (user is not None and user.is_authenticated)
        if personal and "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "private, no-store"
        return response
