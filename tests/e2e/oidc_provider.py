"""A small OpenID Connect provider for the sign-in tests, on Python's http.server.

It speaks enough of the protocol for Streamlit's st.login (Authlib) to sign in for real:
a discovery document, a JWKS with one RSA key, an authorize endpoint that shows a form to
pick a test user, a token endpoint (client secret, authorization code, PKCE S256, the
nonce carried into an RS256-signed ID token), userinfo, and an end-session endpoint. Codes
are single use. Nothing here is fit for anything but a test on the loopback interface.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID = "civic-planner-test"
CLIENT_SECRET = "test-client-secret-" + "x" * 16
KEY_ID = "test-key-1"


@dataclass(frozen=True)
class Account:
    """An account the provider's form offers."""

    sub: str
    email: str
    name: str


@dataclass
class Provider:
    """The provider's state: its key, the accounts it offers, codes and tokens handed out."""

    users: tuple[Account, ...]
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET
    issuer: str = ""
    key: Any = field(default_factory=lambda: RSAKey.generate_key(2048,
                                                                 parameters={"kid": KEY_ID}))
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    tokens: dict[str, Account] = field(default_factory=dict)
    sign_ins: list[str] = field(default_factory=list)  # emails, in the order they signed in
    lock: threading.Lock = field(default_factory=threading.Lock)

    def metadata(self) -> dict[str, Any]:
        """The discovery document."""
        base = self.issuer
        return {"issuer": base, "authorization_endpoint": f"{base}/authorize",
                "token_endpoint": f"{base}/token", "userinfo_endpoint": f"{base}/userinfo",
                "jwks_uri": f"{base}/jwks", "end_session_endpoint": f"{base}/logout",
                "response_types_supported": ["code"], "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "scopes_supported": ["openid", "email", "profile"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic",
                                                          "client_secret_post"],
                "code_challenge_methods_supported": ["S256"]}

    def claims(self, user: Account) -> dict[str, Any]:
        """What the ID token and userinfo say about `user`."""
        return {"sub": user.sub, "email": user.email, "email_verified": True,
                "name": user.name}

    def id_token(self, user: Account, nonce: str | None) -> str:
        """An RS256-signed ID token for `user`."""
        now = int(time.time())
        payload = {**self.claims(user), "iss": self.issuer, "aud": self.client_id,
                   "iat": now, "exp": now + 300}
        if nonce:
            payload["nonce"] = nonce
        return jwt.encode({"alg": "RS256", "kid": KEY_ID}, payload, self.key)


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


class _Handler(BaseHTTPRequestHandler):
    provider: Provider  # set on the subclass each server makes

    def log_message(self, *args: Any) -> None:  # quiet: the test output stays readable
        pass

    def _send(self, status: int, body: str | bytes, kind: str = "application/json",
              headers: dict[str, str] | None = None) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _json(self, value: Any, status: int = 200) -> None:
        self._send(status, json.dumps(value))

    def _redirect(self, url: str) -> None:
        self._send(302, b"", "text/plain", {"Location": url})

    def _form(self) -> dict[str, str]:
        length = int(self.headers.get("Content-Length") or 0)
        fields = parse_qs(self.rfile.read(length).decode())
        return {k: v[0] for k, v in fields.items()}

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        routes = {"/.well-known/openid-configuration": lambda: self._json(
                      self.provider.metadata()),
                  "/jwks": lambda: self._json({"keys": [self.provider.key.as_dict(
                      private=False)]}),
                  "/authorize": lambda: self._authorize_form(query),
                  "/userinfo": self._userinfo,
                  "/logout": lambda: self._logout(query)}
        route = routes.get(url.path)
        if route is None:
            self._json({"error": "not_found"}, 404)
        else:
            route()

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        path = urlparse(self.path).path
        if path == "/authorize":
            self._authorize_choice(self._form())
        elif path == "/token":
            self._token(self._form())
        else:
            self._json({"error": "not_found"}, 404)

    def _authorize_form(self, query: dict[str, str]) -> None:
        """The sign-in form: one button per test user; the request rides along hidden."""
        provider = self.provider
        if query.get("client_id") != provider.client_id or query.get("response_type") != "code":
            self._send(400, "unknown client or response type", "text/plain")
            return
        hidden = "".join(f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                         for k, v in query.items())
        buttons = "".join(f'<button type="submit" name="login" value="{html.escape(u.email)}">'
                          f"{html.escape(u.name)} ({html.escape(u.email)})</button>"
                          for u in provider.users)
        self._send(200, f"<!doctype html><title>Test identity provider</title>"
                        f"<h1>Sign in to the test provider</h1><form method='post' "
                        f"action='/authorize'>{hidden}{buttons}</form>", "text/html")

    def _authorize_choice(self, form: dict[str, str]) -> None:
        provider = self.provider
        user = next((u for u in provider.users if u.email == form.get("login")), None)
        if user is None or form.get("client_id") != provider.client_id:
            self._send(400, "unknown user or client", "text/plain")
            return
        code = secrets.token_urlsafe(24)
        with provider.lock:
            provider.codes[code] = {"user": user, "redirect_uri": form.get("redirect_uri"),
                                    "nonce": form.get("nonce"),
                                    "challenge": form.get("code_challenge"),
                                    "method": form.get("code_challenge_method")}
        back = {"code": code, **({"state": form["state"]} if "state" in form else {})}
        self._redirect(f"{form.get('redirect_uri')}?{urlencode(back)}")

    def _client_ok(self, form: dict[str, str]) -> bool:
        provider = self.provider
        header = self.headers.get("Authorization", "")
        if header.startswith("Basic "):
            pair = base64.b64decode(header[6:]).decode()
            client_id, _, secret = pair.partition(":")
        else:
            client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        return client_id == provider.client_id and secret == provider.client_secret

    def _token(self, form: dict[str, str]) -> None:
        provider = self.provider
        if not self._client_ok(form):
            self._json({"error": "invalid_client"}, 401)
            return
        with provider.lock:
            grant = provider.codes.pop(form.get("code", ""), None)
        if (grant is None or form.get("grant_type") != "authorization_code"
                or form.get("redirect_uri") != grant["redirect_uri"]):
            self._json({"error": "invalid_grant"}, 400)
            return
        if grant["challenge"] and (grant["method"] != "S256" or _challenge(
                form.get("code_verifier", "")) != grant["challenge"]):
            self._json({"error": "invalid_grant", "error_description": "PKCE"}, 400)
            return
        user = grant["user"]
        access = secrets.token_urlsafe(24)
        with provider.lock:
            provider.tokens[access] = user
            provider.sign_ins.append(user.email)
        self._json({"access_token": access, "token_type": "Bearer", "expires_in": 300,
                    "scope": "openid email profile",
                    "id_token": provider.id_token(user, grant["nonce"])})

    def _userinfo(self) -> None:
        header = self.headers.get("Authorization", "")
        user = self.provider.tokens.get(header.removeprefix("Bearer ").strip())
        if user is None:
            self._json({"error": "invalid_token"}, 401)
        else:
            self._json(self.provider.claims(user))

    def _logout(self, query: dict[str, str]) -> None:
        target = query.get("post_logout_redirect_uri")
        if target:
            self._redirect(target)
        else:
            self._send(200, "Signed out of the test provider.", "text/plain")


class OIDCServer:
    """The provider on a loopback port, served from a thread until `stop()`."""

    def __init__(self, users: tuple[Account, ...], port: int) -> None:
        self.provider = Provider(users=users, issuer=f"http://127.0.0.1:{port}")
        handler = type("Handler", (_Handler,), {"provider": self.provider})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def metadata_url(self) -> str:
        """What [auth] server_metadata_url points at."""
        return f"{self.provider.issuer}/.well-known/openid-configuration"

    def start(self) -> OIDCServer:
        """Serve in the background."""
        self.thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self.httpd.shutdown()
        self.httpd.server_close()
