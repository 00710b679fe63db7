"""Form plumbing shared by the apps' HTML views."""

from collections.abc import Mapping

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def errors_to_form(form, exc: ValidationError, *, field_names: Mapping[str, str] | None = None) -> None:
    """Put a service's ValidationError on the form: on the field it names when the form has it, else on top.

    ``field_names`` maps a service's name of a field to the form's, where they differ (``{"password": "sandi"}``).
    """
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            field = field_names.get(field, field) if field_names else field
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class FormMasuk(AuthenticationForm):
    """The login form. Django's Indonesian catalog says "Masukkan nama pengguna %(username)s ..." and our username
    field is itself called "nama pengguna", which printed "nama pengguna nama pengguna": one plain sentence instead."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Masukkan nama pengguna dan sandi yang benar. Huruf besar/kecil berpengaruh."),
    }
