"""The audit trail: django-auditlog records every change of a registered model with its actor.

Services run their writes inside ``audit_actor(actor)`` so that the actor is recorded also outside a request
(Celery jobs, management commands). Changes that bypass ``save()`` (bulk updates, tree moves) are written with
``audit_record``.
"""

import contextlib

from auditlog.context import set_actor
from auditlog.models import LogEntry


@contextlib.contextmanager
def audit_actor(actor):
    if actor is None or not getattr(actor, "is_authenticated", False):
        yield
        return
    with set_actor(actor):
        yield


def audit_record(*, instance, actor, changes: dict, action=LogEntry.Action.UPDATE) -> LogEntry:
    """Record a change that did not go through ``save()``; ``changes`` maps field -> [old, new]."""
    return LogEntry.objects.log_create(
        instance,
        force_log=True,
        action=action,
        changes={k: [str(v[0]), str(v[1])] for k, v in changes.items()},
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
