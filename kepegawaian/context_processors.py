from django.utils.functional import SimpleLazyObject

from kepegawaian.access import akses_for, peran_labels
from kepegawaian.masuk import oidc_aktif


def peran(request):
    """Lazy: templates that never ask for roles cost no query."""
    user = request.user
    return {
        "akses": SimpleLazyObject(lambda: akses_for(user)),
        "peran_saya": SimpleLazyObject(lambda: peran_labels(user)),
        "oidc_aktif": oidc_aktif(),
    }
