"""Small-group suppression: moved to the project base (``kinerja.privasi``) so that the other apps' aggregate pages
use the same rule; re-exported here for laporan's modules."""

from kinerja.privasi import min_kelompok, persen, sensor_kelompok, sensor_total, tanda

__all__ = ["min_kelompok", "persen", "sensor_kelompok", "sensor_total", "tanda"]
