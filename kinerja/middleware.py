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
