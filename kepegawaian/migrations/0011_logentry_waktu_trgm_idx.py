"""The audit page's search read in time order (issue 9; kepegawaian.selectors._audit_terbaru_dulu).

``logentry_waktu_trgm_idx`` (PostgreSQL only): a GiST index on (``timestamp``, trigrams of ``UPPER(object_repr)``),
the expression Django's ``icontains`` compares with. ``ORDER BY timestamp <-> '3000-01-01' … LIMIT n`` on it is a
nearest-neighbour scan that returns the matches of ``?q=`` newest first and stops after a page, where the trigram
GIN index of migration 0005 finds every match of the word (4,935 for "Budi" in the synthetic Jakarta), each read
from the table to be sorted by time. The distance operator on ``timestamptz`` is btree_gist's, created here (like
``pg_trgm`` in 0005, the database user must be allowed to). The GIN index is dropped: every search of three letters
or more goes through this one, and shorter words have no trigram for either.

``siglen=48`` (bytes of the trigram signature of the inner pages, default 12): the same size on the 1.95 million
entries of the synthetic Jakarta (455–459 MB: a leaf keeps its trigrams), but the page of ``?q=Budi`` read 170 index
and table pages instead of 702 (admin BKD) and 1,163 instead of 2,432 (admin unit), the wider signature letting
fewer subtrees without the word through (docs/skala.md).

``CREATE INDEX CONCURRENTLY`` outside a transaction (``atomic = False``), ``IF NOT EXISTS`` so that a rerun after an
interrupted build is harmless (an interrupted concurrent build leaves an INVALID index: drop it and migrate again).
"""

from django.db import migrations

INDEKS = (
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS logentry_waktu_trgm_idx ON auditlog_logentry "
    'USING gist ("timestamp", (UPPER(object_repr::text)) gist_trgm_ops(siglen=48))'
)
INDEKS_GIN = (
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS logentry_objek_trgm_idx "
    "ON auditlog_logentry USING gin ((UPPER(object_repr::text)) gin_trgm_ops)"
)


def buat(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        schema_editor.execute(INDEKS)
        schema_editor.execute("DROP INDEX CONCURRENTLY IF EXISTS logentry_objek_trgm_idx")


def hapus(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEKS_GIN)
        schema_editor.execute("DROP INDEX CONCURRENTLY IF EXISTS logentry_waktu_trgm_idx")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("kepegawaian", "0010_imporjob_jenis_pengaduan")]

    operations = [migrations.RunPython(buat, hapus)]
