"""Indexes of issue 9 (scale) for the partisipasi pages, each named after what it serves:

- ``pengaduan_terbuka_unit_idx`` / ``pengaduan_terbuka_kel_idx``: the open, unmerged complaints per handling unit /
  per kelurahan (partial): the officer's queue, the head's dashboard and the to-do count read only a unit's open
  complaints (``access.pengaduan_visible`` is ``unit = ANY(..) OR kelurahan = ANY(..)``, a BitmapOr of the two).
- ``pengaduan_selesai_rentang_idx``: the completed, unmerged complaints by completion time, with the columns the
  resolution figures need included: the public ranking's span is an index range read by an index-only scan.
- ``aspirasi_diubah_idx``: the public aspirations, latest change first (LIMIT 50 reads 50 index entries).

Plain ``CREATE INDEX`` (in the migration's transaction): the tables are small enough (118,000 complaints in the
synthetic Jakarta: well under a second per index) that the lock is brief.
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('kepegawaian', '0010_imporjob_jenis_pengaduan'),
        ('partisipasi', '0006_kanal_eksternal_anonim_ringkasan'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='aspirasi',
            index=models.Index(fields=['-diubah', '-id'], name='aspirasi_diubah_idx'),
        ),
        migrations.AddIndex(
            model_name='pengaduan',
            index=models.Index(condition=models.Q(('digabung_ke__isnull', True), ('status', 'selesai')), fields=['selesai_pada'], include=('unit_penanganan', 'dibuat', 'batas_selesai'), name='pengaduan_selesai_rentang_idx'),
        ),
        migrations.AddIndex(
            model_name='pengaduan',
            index=models.Index(condition=models.Q(('digabung_ke__isnull', True), ('status__in', ('menunggu', 'koordinasi', 'disposisi', 'proses'))), fields=['unit_penanganan', 'dibuat'], name='pengaduan_terbuka_unit_idx'),
        ),
        migrations.AddIndex(
            model_name='pengaduan',
            index=models.Index(condition=models.Q(('digabung_ke__isnull', True), ('status__in', ('menunggu', 'koordinasi', 'disposisi', 'proses'))), fields=['kelurahan', 'dibuat'], name='pengaduan_terbuka_kel_idx'),
        ),
    ]
