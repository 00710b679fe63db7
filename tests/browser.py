"""Shared fixtures of the browser tests (a pytest plugin loaded by tests/conftest.py): Debian's Chromium driven by
Playwright against pytest-django's live server.

Without /usr/bin/chromium (or without the playwright package) the tests that use them are reported as SKIPPED
with the reason, never silently passed. ``screenshot`` saves pages under var/screenshots/ for a human to look at.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "rahasia-uji-123"  # the password of every login made by tests/kepegawaian/factories.py


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium tidak terpasang di {CHROMIUM} (apt-get install chromium): uji browser dilewati.")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Paket playwright tidak terpasang: uji browser dilewati.")
    # Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from such a thread unless
    # told otherwise. The fixtures that create the test data run in this thread, so allow it while a browser runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    """A desktop-sized page; confirmation dialogs are accepted."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.on("dialog", lambda dialog: dialog.accept())
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    folder = Path(settings.VAR_DIR) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def login(page, live_server, username: str) -> None:
    """Log in through the form, starting from the home page (anonymous visitors are sent to the login page)."""
    page.goto(f"{live_server.url}/")
    assert "/akun/login/" in page.url
    page.get_by_label("Nama pengguna", exact=True).fill(username)
    page.get_by_label("Sandi", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}/")
