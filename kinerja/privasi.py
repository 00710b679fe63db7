"""Small-group suppression of published tables and aggregate pages (domain: "Privacy" of the annual report; the
"did it work" page of pelatihan). In the project base so that every app may use it (nothing imports ``laporan``).

A count of people between 1 and ``k - 1`` is published as ``"< k"``. When a row's total is published, one
suppressed cell could be found again by subtraction, so the smallest other cell is suppressed with it (the
complementary cell). A group whose total itself is below ``k`` is suppressed whole. Shares computed from a
suppressed cell are suppressed with it. Pure functions: the snapshot stores only their output.
"""

from collections.abc import Mapping


def min_kelompok() -> int:
    """The configured minimum group size (``LAPORAN_MIN_KELOMPOK``, default 5)."""
    from django.conf import settings

    return int(getattr(settings, "LAPORAN_MIN_KELOMPOK", 5))


def tanda(k: int) -> str:
    """What a suppressed cell shows."""
    return f"< {k}"


def sensor_kelompok(jumlah: Mapping[str, int], k: int) -> dict[str, int | str]:
    """``{"baik": 7, "butuh_perbaikan": 2, "kurang": 6}`` with ``k=5`` → baik 7, butuh_perbaikan "< 5" and the next
    smallest (kurang) "< 5" as well, since the total (15) is published and 15 − 7 would reveal the 2."""
    total = sum(jumlah.values())
    if total == 0:
        return dict(jumlah)
    if total < k:
        return {kunci: tanda(k) for kunci in jumlah}
    disensor = {kunci for kunci, n in jumlah.items() if 0 < n < k}
    if len(disensor) == 1:
        sisa = sorted((n, urut, kunci) for urut, (kunci, n) in enumerate(jumlah.items()) if kunci not in disensor)
        if sisa:
            disensor.add(sisa[0][2])
    return {kunci: (tanda(k) if kunci in disensor else n) for kunci, n in jumlah.items()}


def sensor_total(total: int, k: int) -> int | str:
    """A published total of people: itself, or ``"< k"`` when 1..k-1."""
    return tanda(k) if 0 < total < k else total


def persen(bagian: int | str, total: int | str) -> str | None:
    """A share with two decimals as text (``"46.67"``); suppressed when either side is; ``None`` for a zero total."""
    if isinstance(bagian, str) or isinstance(total, str):
        return bagian if isinstance(bagian, str) else total  # type: ignore[return-value]
    if not total:
        return None
    return f"{100 * bagian / total:.2f}"


def sensor_tabel(nilai: Mapping, himpunan: list[tuple[list, object]], k: int, ikut: Mapping | None = None) -> set:
    """Which cells of a table with sums to suppress (primary and complementary suppression together).

    ``nilai``: cell key → count of people. ``himpunan``: (the member cells, the cell that shows their sum), e.g. the
    groups of a row and the row's total, or the rows of a column and the total row. A count 1..k-1 is suppressed;
    then, until nothing changes, in every set whose sum is shown and of which exactly one member is suppressed, the
    smallest other non-zero member is suppressed too (none: the sum), so that no subtraction finds a suppressed cell
    again — across rows as well as along them. ``ikut``: cell → the cells shown only with it (the details of a
    group whose size is suppressed), suppressed with it."""
    tertutup = {kunci for kunci, n in nilai.items() if 0 < n < k}
    berubah = True
    while berubah:
        berubah = False
        for kunci, anak in (ikut or {}).items():
            if kunci in tertutup and not set(anak) <= tertutup:
                tertutup.update(anak)
                berubah = True
        for anggota, jumlah in himpunan:
            if jumlah in tertutup:
                continue
            disensor = [a for a in anggota if a in tertutup]
            if len(disensor) != 1:
                continue
            # a zero would not hide it (the suppressed cells would add up to what the zeros leave): a count > 0
            sisa = sorted((nilai[a], urut, a) for urut, a in enumerate(anggota) if a not in tertutup and nilai[a] > 0)
            tertutup.add(sisa[0][2] if sisa else jumlah)
            berubah = True
            break  # one complementary cell at a time, its dependants first: no more is suppressed than needed
    return tertutup
