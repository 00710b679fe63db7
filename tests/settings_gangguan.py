"""Settings of the fault tests' own servers (tests/test_faults_*.py), on top of ``kinerja.settings``:

- the throwaway database is built from the models at once (``migrate --run-syncdb``): running every migration takes
  close to a minute on a busy CI machine, syncdb a few seconds;
- a message whose worker died unacknowledged comes back after seconds, not the Redis transport's default hour.
"""

from kinerja.settings import *  # noqa: F403
from kinerja.settings import CELERY_BROKER_TRANSPORT_OPTIONS


class _TanpaMigrasi(dict):
    def __contains__(self, item) -> bool:
        return True

    def __getitem__(self, item):
        return None


MIGRATION_MODULES = _TanpaMigrasi()
CELERY_BROKER_TRANSPORT_OPTIONS = {**CELERY_BROKER_TRANSPORT_OPTIONS, "visibility_timeout": 10}
