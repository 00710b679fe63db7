"""Smoke test of a running `make run`: health (with a task through the real worker), static files, the login form
with its CSRF token, and the pegawai's home page. Standard library only; run by tests/smoke.sh (and so by .ci/run).

    python tests/smoke.py http://127.0.0.1:8000 [--wait 300]
"""

import argparse
import http.cookiejar
import json
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

USERNAME = "demo.pegawai"
PASSWORD = "kinerja-demo"  # noqa: S105 - the published demo password


class SmokeError(Exception):
    pass


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def _get(opener, url: str, timeout: float = 30):
    try:
        with opener.open(url, timeout=timeout) as response:
            return response.status, response.geturl(), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, url, error.read().decode("utf-8", "replace")


def _alive(pid: int | None) -> bool:
    if pid is None:
        return True
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited already
    except FileNotFoundError:
        return False


def wait_for_health(base: str, wait: float, pid: int | None = None) -> dict:
    """Poll /healthz until it answers 200; the first start migrates and seeds, which takes a while."""
    opener = _opener()
    deadline = time.monotonic() + wait
    last = "no answer"
    while time.monotonic() < deadline:
        if not _alive(pid):
            raise SmokeError(f"`make run` (pid {pid}) exited before /healthz answered (last: {last})")
        try:
            status, _, body = _get(opener, f"{base}/healthz", timeout=5)
            if status == 200:
                return json.loads(body)
            last = f"HTTP {status}: {body[:200]}"
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            last = str(error)
        time.sleep(1)
    raise SmokeError(f"/healthz did not answer 200 within {wait:.0f} s (last: {last})")


def check_worker(base: str) -> None:
    """GET /healthz?worker=1 queues the ping task from the web process and waits for the worker's answer."""
    status, _, body = _get(_opener(), f"{base}/healthz?worker=1", timeout=30)
    checks = json.loads(body).get("checks", {})
    if status != 200 or checks.get("worker") != "ok":
        raise SmokeError(f"the worker did not run a task queued by the web process: HTTP {status} {body}")


def check_static(base: str, page: str) -> None:
    """Every stylesheet and script the login page links to is served (whitenoise in the dev server)."""
    assets = re.findall(r"""(?:href|src)=["'](/static/[^"'?#]+)""", page)
    if not assets:
        raise SmokeError("the login page links no /static/ asset")
    for asset in sorted(set(assets)):
        status, _, _ = _get(_opener(), urllib.parse.urljoin(base, asset))
        if status != 200:
            raise SmokeError(f"static file {asset} answered HTTP {status}")


def login_and_check_home(base: str) -> None:
    opener = _opener()
    status, _, page = _get(opener, f"{base}/akun/login/")
    if status != 200:
        raise SmokeError(f"login page answered HTTP {status}")
    check_static(base, page)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not token:
        raise SmokeError("no CSRF token in the login form")
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1), "username": USERNAME, "password": PASSWORD, "next": "/"}
    ).encode()
    request = urllib.request.Request(f"{base}/akun/login/", data=form, headers={"Referer": f"{base}/akun/login/"})
    try:
        with opener.open(request, timeout=30) as response:
            status, final_url, home = response.status, response.geturl(), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        raise SmokeError(f"login POST answered HTTP {error.code}") from error
    path = urllib.parse.urlparse(final_url).path
    if status != 200 or path != "/":
        raise SmokeError(f"login as {USERNAME} did not land on the home page (HTTP {status}, {final_url})")
    if 'name="password"' in home:
        raise SmokeError(f"login as {USERNAME} was refused: the login form came back")
    # The pegawai's home page: his own profile summary, none of the admin or team panels.
    if 'data-testid="ringkasan-profil"' not in home:
        raise SmokeError("the home page lacks the pegawai's profile summary")
    for other in ("ringkasan-provinsi", "ringkasan-unit", 'data-testid="tim"'):
        if other in home:
            raise SmokeError(f"the pegawai's home page shows a panel of another role ({other})")
    status, _, _ = _get(opener, f"{base}/")
    if status != 200:
        raise SmokeError(f"the home page answered HTTP {status} on a second load")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("base", help="e.g. http://127.0.0.1:8000")
    parser.add_argument("--wait", type=float, default=300, help="seconds to wait for /healthz")
    parser.add_argument("--pid", type=int, help="stop waiting when this process (make run) has exited")
    args = parser.parse_args()
    base = args.base.rstrip("/")
    try:
        health = wait_for_health(base, args.wait, args.pid)
        print(f"smoke: /healthz {health}")
        check_worker(base)
        print("smoke: a task queued by the web process was run by the Celery worker")
        login_and_check_home(base)
        print(f"smoke: static files served; {USERNAME} logged in through the form and sees the pegawai home page")
    except SmokeError as error:
        print(f"smoke: FAILED: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
