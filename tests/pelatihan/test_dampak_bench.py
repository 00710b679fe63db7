"""``bench/bench_pelatihan.py --kecil`` still runs (on the test database, SQLite or PostgreSQL) and meets its targets:
the same query count for the small and the measured dinas. Its data is rolled back by the bench itself."""

import pytest

pytestmark = pytest.mark.django_db


def test_bench_pelatihan_runs_at_tiny_size(capsys):
    from bench import bench_pelatihan

    assert bench_pelatihan.main(["--kecil"]) == 0
    keluaran = capsys.readouterr().out
    assert "dampak provinsi admin BKD" in keluaran and "GAGAL" not in keluaran
