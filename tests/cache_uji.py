"""Emptying the cache between tests without touching the other test processes' keys."""

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache


def kosongkan_cache() -> None:
    """Delete this process's cache keys only. Django's ``RedisCache.clear()`` is ``FLUSHDB``: under pytest-xdist it
    wiped the other worker's keys (a rate-limit counter) in the middle of its test. Keys are kept apart per worker
    by ``KEY_PREFIX`` (kinerja.settings), so deleting by that prefix empties exactly our own."""
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    kunci = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
    if kunci:
        client.delete(*kunci)
