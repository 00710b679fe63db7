"""Settings for a throwaway database built from the models at once (``migrate --run-syncdb``), for the fault tests'
private PostgreSQL: running every migration takes close to a minute on a busy CI machine, syncdb a few seconds.
The app itself then runs with ``kinerja.settings``."""

from kinerja.settings import *  # noqa: F403


class _TanpaMigrasi(dict):
    def __contains__(self, item) -> bool:
        return True

    def __getitem__(self, item):
        return None


MIGRATION_MODULES = _TanpaMigrasi()
