"""The audit trail: django-auditlog records every change of a registered model with its actor.

Services run their writes inside ``audit_actor(actor)`` so that the actor is recorded also outside a request
(Celery jobs, management commands). Changes that bypass ``save()`` (bulk updates, tree moves) are written with
``audit_record``; rows written in bulk (``bulk_create`` / ``bulk_update``) with ``audit_massal_catat``.
"""

import contextlib
from collections.abc import Sequence

from auditlog.cid import get_cid
from auditlog.context import auditlog_value, set_actor
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model


@contextlib.contextmanager
def audit_actor(actor):
    if actor is None or not getattr(actor, "is_authenticated", False):
        yield
        return
    # auditlog's set_actor is not re-entrant: leaving an inner one (a service called inside another service, or
    # inside the request's middleware context) leaves the inner context behind, and the outer one stops recording
    # its actor. Put the outer context back on the way out.
    outer = auditlog_value.get(None)
    try:
        with set_actor(actor):
            yield
    finally:
        if outer is not None:
            auditlog_value.set(outer)


def audit_record(*, instance, actor, changes: dict, action=LogEntry.Action.UPDATE) -> LogEntry:
    """Record a change that did not go through ``save()``; ``changes`` maps field -> [old, new]."""
    return LogEntry.objects.log_create(
        instance,
        force_log=True,
        action=action,
        changes={k: [str(v[0]), str(v[1])] for k, v in changes.items()},
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )


def nilai_disamarkan(value) -> str:
    """auditlog's ``mask_callable`` for personal data: the trail records that the value changed, never any part of
    it (auditlog's own mask keeps the second half, which for a phone number is most of it)."""
    return "••••" if value not in (None, "") else ""


#: audit entries per INSERT of ``audit_massal_catat``
BATCH_AUDIT = 500


def audit_massal_catat(actor, pasangan: Sequence[tuple[Model | None, Model]], action: int | None = None) -> None:
    """Audit entries for rows written in bulk (which bypasses auditlog's signals): the same diff, the same
    shape and the same actor as an entry written by ``save()``, inserted in one query per ``BATCH_AUDIT`` rows.
    ``pasangan`` is ``(old or None, new)``; ``action`` the same for every row, or ``None``: a creation where there
    is no old row, an update otherwise. The rows may be of several models (the employee and training history
    imports, the annual report's stored versions)."""
    if not pasangan:
        return
    actor = actor if getattr(actor, "is_authenticated", False) else None
    cid = get_cid()
    # Set by auditlog.conf (default False) at start-up; not declared in our settings module.
    json_changes = getattr(settings, "AUDITLOG_STORE_JSON_CHANGES", False)
    entri = []
    for lama_obj, baru_obj in pasangan:
        changes = model_instance_diff(lama_obj, baru_obj, use_json_for_changes=json_changes)
        if not changes:
            continue
        entri.append(
            LogEntry(
                content_type=ContentType.objects.get_for_model(type(baru_obj)),  # cached after the first
                object_pk=str(baru_obj.pk),
                object_id=baru_obj.pk,
                object_repr=str(baru_obj),
                action=action if action is not None else _aksi_bawaan(lama_obj),
                changes=changes,
                actor=actor,
                actor_email=getattr(actor, "email", None) if actor else None,
                cid=cid,
            )
        )
    LogEntry.objects.bulk_create(entri, batch_size=BATCH_AUDIT)


def _aksi_bawaan(lama: Model | None) -> int:
    return LogEntry.Action.CREATE if lama is None else LogEntry.Action.UPDATE
