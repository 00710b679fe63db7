"""Indexes on django-auditlog's LogEntry (a third-party table) for the audit page (kepegawaian.selectors.audit_entries).

- ``logentry_jenis_waktu_idx`` (content_type_id, timestamp DESC, id DESC): one kind, newest first, resumed from a
  position (keyset pagination), without walking the other kinds' entries.
- ``logentry_objek_trgm_idx`` (PostgreSQL only): a trigram GIN index on ``UPPER(object_repr)``, the expression
  Django's ``icontains`` compares with, so ``?q=Budi`` does not scan the table. Needs the ``pg_trgm`` extension
  (created here; the database user must be allowed to, as the postgres user of docker-compose is).

Raw SQL rather than a model ``Meta.indexes``: the model is auditlog's. ``CREATE INDEX CONCURRENTLY`` on PostgreSQL
(outside a transaction: ``atomic = False``) so that a production table of millions of rows stays writable while
the indexes build; ``IF NOT EXISTS`` makes a rerun after an interrupted build harmless (an interrupted concurrent
build leaves an INVALID index: drop it and migrate again, see docs/skala.md).
"""

from django.db import migrations


def buat(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS logentry_jenis_waktu_idx "
            'ON auditlog_logentry (content_type_id, "timestamp" DESC, id DESC)'
        )
        schema_editor.execute(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS logentry_objek_trgm_idx "
            "ON auditlog_logentry USING gin ((UPPER(object_repr::text)) gin_trgm_ops)"
        )
    else:
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS logentry_jenis_waktu_idx "
            'ON auditlog_logentry (content_type_id, "timestamp" DESC, id DESC)'
        )


def hapus(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS logentry_objek_trgm_idx")
    schema_editor.execute("DROP INDEX IF EXISTS logentry_jenis_waktu_idx")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("auditlog", "0017_add_actor_email"),
        ("kepegawaian", "0004_pegawai_jalur_atasan"),
    ]

    operations = [migrations.RunPython(buat, hapus)]
