"""Every text field a form or an API request takes has an explicit ``max_length``, checked by the server.

The test reads the project itself, so a new form or serializer must comply without anyone remembering to:

- forms: every ``Form``/``ModelForm`` subclass defined in the apps (their ``forms`` modules are imported, then
  ``BaseForm``'s subclasses walked), with the fields its ``__init__`` adds when it can be built without arguments;
  every ``CharField`` (``EmailField``, ``URLField``... too) needs ``max_length`` and a ``MaxLengthValidator`` of that
  limit (Django's login form sets ``max_length`` as a bare attribute, which no server check reads);
- serializers: every serializer an API operation takes as its request body (from the drf-spectacular schema, nested
  and list children included, model-derived fields too: a ``TextField`` with ``kinerja.teks.batas_teks`` gives its
  ``max_length`` to the ``ModelSerializer``); every writable ``CharField`` needs ``max_length``. A serializer that
  only ever answers (never a request body) reads no input and is not asked for one.

Exempt, each with its reason (``EXEMPT_REASONS``): password fields. A password is never stored, shown or rendered
(only its Argon2 hash, whose cost does not grow with the length), Django's password validators bound their own work
(``exceeds_maximum_length_ratio``), the request body is bounded by ``DATA_UPLOAD_MAX_MEMORY_SIZE``, and a cap here
would lock out a long pass phrase set through the admin or ``createsuperuser``.
"""

import importlib
import pkgutil

import pytest
from django import forms
from django.core.validators import MaxLengthValidator
from rest_framework import serializers

APPS = ("indikator", "kepegawaian", "penilaian", "pelatihan", "partisipasi", "laporan", "kinerja")
MODUL_INPUT = {"forms", "serializers", "serializers_input", "api", "api_tugas"}

EXEMPT_REASONS = {
    "password": "never stored or rendered; Argon2's cost does not grow with the length; body size is bounded",
}

#: arguments that build a form whose ``__init__`` adds fields (one dynamic field of each kind is then checked)
FORM_KWARGS = {"penilaian.forms.EvaluasiForm": {"iki_ids": [1], "nilai": ["berorientasi_pelayanan"]}}

#: form field classes that check their length themselves, before their validators see a non-string value
CEK_SENDIRI = {"indikator.forms.AngkaField"}


def _import_input_modules() -> None:
    for app in APPS:
        paket = importlib.import_module(app)
        for info in pkgutil.walk_packages(paket.__path__, f"{app}."):
            if MODUL_INPUT & set(info.name.split(".")[1:]):
                importlib.import_module(info.name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _nama(cls) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _form_classes() -> list[type]:
    _import_input_modules()
    return sorted({c for c in _subclasses(forms.BaseForm) if c.__module__.startswith(APPS)}, key=_nama)


def _form_fields(cls) -> dict:
    try:
        return cls(**FORM_KWARGS.get(_nama(cls), {})).fields
    except TypeError:  # needs arguments (a queryset, a user): the declared fields
        return cls.base_fields


def _is_password(field) -> bool:
    return isinstance(field.widget, forms.PasswordInput)


def _form_field_has_limit(field) -> bool:
    if field.max_length is None:
        return False
    if _nama(type(field)) in CEK_SENDIRI:
        return True
    return any(isinstance(v, MaxLengthValidator) and v.limit_value == field.max_length for v in field.validators)


def test_every_form_text_field_has_a_max_length_checked_by_the_server():
    classes = _form_classes()
    assert len(classes) > 40, "the discovery found too few forms"
    tanpa = [
        f"{_nama(cls)}.{name} ({type(field).__name__})"
        for cls in classes
        for name, field in _form_fields(cls).items()
        if isinstance(field, forms.CharField) and not _is_password(field) and not _form_field_has_limit(field)
    ]
    assert not tanpa, "Form CharField tanpa max_length:\n" + "\n".join(tanpa)


def _request_serializers() -> list[tuple[str, serializers.BaseSerializer]]:
    from drf_spectacular.generators import SchemaGenerator

    generator = SchemaGenerator()
    generator.get_schema(request=None, public=True)
    return [
        (name, comp.object)
        for (name, kind), comp in generator.registry._components.items()
        if kind == "schemas" and name.endswith("Request") and isinstance(comp.object, serializers.BaseSerializer)
    ]


def _writable_char_fields(prefix: str, serializer) -> list[tuple[str, serializers.Field]]:
    if isinstance(serializer, serializers.ListSerializer):
        serializer = serializer.child
    found = []
    for name, field in serializer.fields.items():
        if field.read_only:
            continue
        while isinstance(field, serializers.ListField | serializers.DictField):
            field = field.child
        if isinstance(field, serializers.BaseSerializer):
            found += _writable_char_fields(f"{prefix}{name}.", field)
        elif isinstance(field, serializers.CharField):
            found.append((f"{prefix}{name}", field))
    return found


@pytest.fixture(scope="module")
def request_serializers():
    return _request_serializers()


def test_every_request_text_field_of_the_api_has_a_max_length(request_serializers):
    assert len(request_serializers) > 30, "the discovery found too few request bodies"
    tanpa = [
        f"{name} ({_nama(type(obj))}).{path} ({type(field).__name__})"
        for name, obj in request_serializers
        for path, field in _writable_char_fields("", obj)
        if field.max_length is None and field.style.get("input_type") != "password"
    ]
    assert not tanpa, "Serializer CharField tanpa max_length:\n" + "\n".join(tanpa)


def test_the_serializer_discovery_sees_every_app_that_takes_api_input(request_serializers):
    """The schema is the list of request bodies: each app with a writable API shows up in it."""
    modul = {type(obj).__module__.split(".")[0] for _name, obj in request_serializers}
    assert {"indikator", "kepegawaian", "penilaian", "pelatihan", "partisipasi"} <= modul


def test_a_field_over_its_limit_is_refused_by_form_and_serializer():
    from kinerja.forms import FormMasuk
    from kinerja.teks import TEKS_SEDANG
    from penilaian.api.serializers import KeberatanInputSerializer
    from penilaian.forms import KeberatanForm

    assert "alasan" in KeberatanForm({"alasan": "x" * (TEKS_SEDANG + 1)}).errors
    assert KeberatanForm({"alasan": "x" * TEKS_SEDANG}).is_valid()
    ser = KeberatanInputSerializer(data={"alasan": "x" * (TEKS_SEDANG + 1)})
    assert not ser.is_valid() and "alasan" in ser.errors
    masuk = FormMasuk(data={"username": "u" * 151, "password": "rahasia"})
    assert not masuk.is_valid() and "username" in masuk.errors
