"""The audit trail: django-auditlog records every change of a registered model with its actor.

Services run their writes inside ``audit_actor(actor)`` so that the actor is recorded also outside a request
(Celery jobs, management commands). Changes that bypass ``save()`` (bulk updates, tree moves) are written with
``audit_record``.
"""

import contextlib

from auditlog.context import auditlog_value, set_actor
from auditlog.models import LogEntry


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
