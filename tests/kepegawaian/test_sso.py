"""OpenID Connect single sign-on, end to end: a small OpenID provider runs on loopback in this test (discovery, JWKS,
authorize, token, userinfo, an RS256-signed id_token), and mozilla-django-oidc talks to it over real HTTP. Nothing
of the library is mocked."""

import base64
import hashlib
import json
import secrets
import threading
import time
from urllib.parse import parse_qs, urlencode, urlparse
from wsgiref.simple_server import WSGIRequestHandler, make_server

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import reverse

from kepegawaian.models import Pegawai
from tests.kepegawaian.factories import PegawaiFactory

CLIENT_ID = "kinerja-uji"
CLIENT_SECRET = "rahasia-klien-uji"  # noqa: S105 - the test provider's client secret


class _Diam(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class PenyediaOidc:
    """A minimal OpenID provider (authorization code flow with PKCE), signing id_tokens with its own RSA key."""

    def __init__(self):
        self.kunci = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.kunci.public_key()))
        self.jwk = {**jwk, "kid": "kunci-1", "alg": "RS256", "use": "sig"}
        self.nip = ""  # the NIP claim of the next sign-in
        self.kode: dict[str, dict] = {}
        self.akses: dict[str, dict] = {}
        self.server = make_server("127.0.0.1", 0, self.app, handler_class=_Diam)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _json(self, start, body, status="200 OK"):
        start(status, [("Content-Type", "application/json")])
        return [json.dumps(body).encode()]

    def app(self, environ, start):
        path = environ["PATH_INFO"]
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        if path == "/.well-known/openid-configuration":
            return self._json(
                start,
                {
                    "issuer": self.url,
                    "authorization_endpoint": f"{self.url}/authorize",
                    "token_endpoint": f"{self.url}/token",
                    "userinfo_endpoint": f"{self.url}/userinfo",
                    "jwks_uri": f"{self.url}/jwks",
                    "id_token_signing_alg_values_supported": ["RS256"],
                },
            )
        if path == "/jwks":
            return self._json(start, {"keys": [self.jwk]})
        if path == "/authorize":
            if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
                return self._json(start, {"error": "invalid_request"}, "400 Bad Request")
            code = secrets.token_urlsafe(16)
            self.kode[code] = {**query, "nip": self.nip}
            back = f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"
            start("302 Found", [("Location", back)])
            return [b""]
        if path == "/token" and environ["REQUEST_METHOD"] == "POST":
            size = int(environ.get("CONTENT_LENGTH") or 0)
            form = {k: v[0] for k, v in parse_qs(environ["wsgi.input"].read(size).decode()).items()}
            grant = self.kode.pop(form.get("code", ""), None)
            if (
                grant is None
                or form.get("client_secret") != CLIENT_SECRET
                or form.get("redirect_uri") != grant["redirect_uri"]
            ):
                return self._json(start, {"error": "invalid_grant"}, "400 Bad Request")
            challenge = base64.urlsafe_b64encode(hashlib.sha256(form["code_verifier"].encode()).digest()).rstrip(b"=")
            if challenge.decode() != grant["code_challenge"]:
                return self._json(start, {"error": "invalid_grant"}, "400 Bad Request")
            now = int(time.time())
            id_token = jwt.encode(
                {
                    "iss": self.url,
                    "sub": f"sub-{grant['nip']}",
                    "aud": CLIENT_ID,
                    "iat": now,
                    "exp": now + 300,
                    "nonce": grant["nonce"],
                },
                self.kunci,
                algorithm="RS256",
                headers={"kid": "kunci-1"},
            )
            access = secrets.token_urlsafe(16)
            self.akses[access] = grant
            return self._json(start, {"access_token": access, "token_type": "Bearer", "id_token": id_token})
        if path == "/userinfo":
            grant = self.akses.get(environ.get("HTTP_AUTHORIZATION", "").removeprefix("Bearer "))
            if grant is None:
                return self._json(start, {"error": "invalid_token"}, "401 Unauthorized")
            return self._json(start, {"sub": f"sub-{grant['nip']}", "nip": grant["nip"], "name": "Uji"})
        return self._json(start, {"error": "not_found"}, "404 Not Found")


@pytest.fixture
def penyedia(settings):
    op = PenyediaOidc()
    op.thread.start()
    settings.KINERJA_OIDC = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{op.url}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{op.url}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{op.url}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{op.url}/jwks"
    settings.OIDC_OP_ISSUER = op.url
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid profile"
    settings.OIDC_USE_PKCE = True
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "kepegawaian.masuk.NipOIDCBackend"]
    yield op
    op.server.shutdown()
    op.server.server_close()


def _sso(client, op, nip: str):
    """The browser's round trip: our site -> the provider -> back to our callback."""
    op.nip = nip
    start = client.get(reverse("oidc_authentication_init"))
    assert start.status_code == 302 and start["Location"].startswith(op.url)
    at_provider = requests.get(start["Location"], allow_redirects=False, timeout=5)
    assert at_provider.status_code == 302
    back = urlparse(at_provider.headers["Location"])
    return client.get(f"{back.path}?{back.query}")


def test_login_page_offers_sso_only_when_configured(client, db, settings):
    assert "Masuk dengan SSO instansi" not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    settings.KINERJA_OIDC = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "http://127.0.0.1:9/authorize"
    assert "Masuk dengan SSO instansi" in client.get(reverse("login")).content.decode()


def test_nip_claim_signs_the_pegawai_in_with_his_login(client, penyedia, pegawai):
    response = _sso(client, penyedia, pegawai.nip)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get(reverse("beranda")).context["user"].pk == pegawai.user_id


def test_pegawai_without_a_login_gets_one_at_his_first_sso(client, penyedia, bidang):
    baru = PegawaiFactory(nama="Wati Sso", unit=bidang)
    assert _sso(client, penyedia, baru.nip)["Location"] == "/"
    baru = Pegawai.objects.select_related("user").get(pk=baru.pk)
    assert baru.user.username == baru.nip and not baru.user.has_usable_password()
    assert client.get(reverse("beranda")).context["user"].pk == baru.user_id


@pytest.mark.parametrize("kasus", ["tidak-dikenal", "nonaktif"])
def test_unknown_or_inactive_nip_is_refused(client, penyedia, bidang, kasus):
    nip = "199912312020121999"
    if kasus == "nonaktif":
        nip = PegawaiFactory(nama="Nonaktif", unit=bidang, aktif=False).nip
    response = _sso(client, penyedia, nip)
    assert response["Location"] == "/akun/login/?sso=gagal"
    assert "_auth_user_id" not in client.session


def test_id_token_from_another_issuer_is_refused(client, penyedia, pegawai, settings):
    settings.OIDC_OP_ISSUER = "https://penyedia-lain.example"
    response = _sso(client, penyedia, pegawai.nip)
    assert response["Location"] == "/akun/login/?sso=gagal"
