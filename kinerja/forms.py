"""Form plumbing shared by the apps' HTML views."""

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from kinerja.db import KonflikVersi


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


def _keep_input_after_conflict(form, exc: KonflikVersi, versi_baru: int) -> None:
    """Keep the user's input, tell him plainly, and carry the new version so that saving again is deliberate."""
    data = form.data.copy()
    data[form.add_prefix("versi")] = str(versi_baru)
    form.data = data
    form.add_error(
        None,
        [
            *exc.messages,
            gettext_now(
                "Isian Anda masih ada di formulir ini. Periksa data terbaru, lalu simpan lagi bila masih perlu."
            ),
        ],
    )


def run_form(
    form,
    action: Callable[[dict], Any],
    *,
    versi_terkini: Callable[[], int] | None = None,
    field_names: Mapping[str, str] | None = None,
) -> tuple[bool, int]:
    """Run a service with a bound form's cleaned data: the one way an HTML view writes.

    Returns ``(ok, status)``: ``(True, 200)`` when the service ran; ``(False, 400)`` for bad input, with the form's or
    the service's Indonesian messages on the form (``field_names`` as in ``errors_to_form``); ``(False, 409)`` for a
    version conflict, with the user's input kept and the form carrying the version ``versi_terkini()`` reads now.
    """
    if not form.is_valid():
        return False, 400
    try:
        action(form.cleaned_data)
    except KonflikVersi as exc:
        _keep_input_after_conflict(form, exc, versi_terkini() if versi_terkini is not None else 1)
        return False, 409
    except ValidationError as exc:
        errors_to_form(form, exc, field_names=field_names)
        return False, 400
    return True, 200


class FormMasuk(AuthenticationForm):
    """The login form. Django's Indonesian catalog says "Masukkan nama pengguna %(username)s ..." and our username
    field is itself called "nama pengguna", which printed "nama pengguna nama pengguna": one plain sentence instead."""

    error_messages = {
        **AuthenticationForm.error_messages,
        # The msgid stays as translated (locale/); the field's help text says that the NIP is accepted too.
        "invalid_login": _("Masukkan nama pengguna dan sandi yang benar. Huruf besar/kecil berpengaruh."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # kepegawaian.masuk.NipAtauUsernameBackend accepts both (the label stays "Nama pengguna": tests and
        # password managers know the field by it).
        self.fields["username"].help_text = _("Atau NIP Anda (18 angka).")
        self.fields["username"].widget.attrs["placeholder"] = _("NIP atau nama pengguna")
        # Django sets max_length (the model's 150) only as an attribute: the server checks it too.
        self.fields["username"].validators.append(MaxLengthValidator(self.username_field.max_length or 254))
