"""Length limits of free-text fields: every ``TextField`` of the domain apps has one, enforced in the model (a
``MaxLengthValidator``, run by ``full_clean`` in the services), shown and checked by forms and serializers
(``max_length``), so that no field can hold megabytes that a page or the SKP PDF must then render.

    uraian = models.TextField(_("rencana hasil kerja"), **batas_teks(TEKS_PENDEK))
"""

from django.core.validators import MaxLengthValidator

TEKS_PENDEK = 1000  # one statement: an RHK, an indicator, a strategic goal
TEKS_SEDANG = 2000  # a note, a reason, a feedback message, each lampiran text of the SKP
TEKS_PANJANG = 5000  # a description: a complaint, a training programme


def batas_teks(n: int) -> dict:
    """The keyword arguments of a ``TextField`` limited to ``n`` characters (model validator + form/serializer)."""
    return {"max_length": n, "validators": [MaxLengthValidator(n)]}
