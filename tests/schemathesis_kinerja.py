"""Schemathesis hooks (loaded through ``SCHEMATHESIS_HOOKS`` by tests/test_schemathesis.py): one extra check, that
every error answer of the API is the one JSON error shape with an Indonesian message (kinerja/api.py)."""

import re

import schemathesis

# DRF's and Django's English defaults, as they would leak into the shape when a catalog lacks a translation.
ENGLISH = re.compile(
    r"\b(is required|A valid|Ensure this|Expected a|not allowed|must be|Invalid|does not exist|This field|may not be"
    r"|Not found|Authentication credentials|You do not have|Malformed|Surrogate characters|Enter a valid)\b"
)


def _header(response, name: str) -> str:
    value = response.headers.get(name, "")
    return value[0] if isinstance(value, list) and value else str(value or "")


def masalah_bentuk_galat(status: int, content_type: str, body) -> str | None:
    """What is wrong with an error answer, or None when it is the one shape."""
    if not content_type.startswith("application/json"):
        return f"Content-Type {content_type!r}, not JSON"
    if not isinstance(body, dict) or list(body) != ["error"]:
        return f"body is not {{'error': ...}}: {str(body)[:200]}"
    error = body["error"]
    if not isinstance(error, dict) or not set(error) <= {"status", "code", "message", "fields"}:
        return f"unexpected keys in error: {error!r}"[:300]
    if error.get("status") != status:
        return f"error.status {error.get('status')!r} differs from the HTTP status {status}"
    if not isinstance(error.get("code"), str) or not error["code"]:
        return "error.code missing"
    message = error.get("message")
    if not isinstance(message, str) or not message.strip():
        return "error.message missing"
    messages = [message]
    fields = error.get("fields")
    if fields is not None:
        if not isinstance(fields, dict) or not all(
            isinstance(v, list) and all(isinstance(m, str) for m in v) for v in fields.values()
        ):
            return f"error.fields is not {{name: [message, ...]}}: {fields!r}"[:300]
        messages.extend(m for v in fields.values() for m in v)
    english = [m for m in messages if ENGLISH.search(m)]
    if english:
        return f"English message(s): {english[:3]!r}"
    return None


@schemathesis.check
def bentuk_galat_kinerja(ctx, response, case):
    """Every 4xx/5xx under /api/ is {"error": {"status", "code", "message"[, "fields"]}}, in Indonesian."""
    if response.status_code < 400:
        return None
    try:
        body = response.json()
    except Exception:  # noqa: BLE001 — not JSON at all
        body = None
    problem = masalah_bentuk_galat(response.status_code, _header(response, "content-type"), body)
    if problem:
        raise AssertionError(f"Error answer outside the one shape: {problem}")
    return None
