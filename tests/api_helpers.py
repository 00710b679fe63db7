"""Plumbing shared by the API tests: signing a test client in, sending JSON, reading the one error body."""


def logged_in(client, user):
    """The test client signed in as ``user`` (a ``User``, or a ``Pegawai`` with a login)."""
    client.force_login(getattr(user, "user", user))
    return client


def json_request(client, method: str, url: str, data=None):
    return getattr(client, method)(url, data or {}, content_type="application/json")


def post_json(client, url: str, data=None):
    return json_request(client, "post", url, data)


def patch_json(client, url: str, data):
    return json_request(client, "patch", url, data)


def api_error(response) -> dict:
    """The ``error`` object of an API error response, after checking that the body is the one error shape."""
    assert response["Content-Type"] == "application/json", response["Content-Type"]
    body = response.json()
    assert set(body) == {"error"}, body
    assert body["error"]["status"] == response.status_code
    return body["error"]
