"""Small-group suppression of published tables (domain: "Privacy" of the annual report).

A count of people between 1 and ``k - 1`` is published as ``"< k"``. When a row's total is published, one
suppressed cell could be found again by subtraction, so the smallest other cell is suppressed with it (the
complementary cell). A group whose total itself is below ``k`` is suppressed whole. Shares computed from a
suppressed cell are suppressed with it. Pure functions: the snapshot stores only their output.
"""

from collections.abc import Mapping


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
