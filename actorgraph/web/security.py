"""Access token, CSRF token and Content-Security-Policy for the web app.

Loopback binds need no token; any other bind needs ``--token``, checked on every request (an
``Authorization: Bearer`` header, the ``actorgraph_token`` cookie, or ``?token=`` once, which sets
the cookie). Every POST carries the server's CSRF token. Every response gets a CSP that allows
scripts from the app itself and inline scripts only with the request's nonce.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from collections.abc import MutableMapping
from typing import Any

from starlette.datastructures import URL
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from actorgraph.core.errors import ConfigError

TOKEN_COOKIE = "actorgraph_token"


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def require_token_for(host: str, token: str | None) -> None:
    """ConfigError when a non-loopback bind has no token."""
    if not is_loopback(host) and not token:
        raise ConfigError(
            f"serving on {host} (not loopback) needs --token SECRET: every request must carry it"
        )


def same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


def csp(nonce: str) -> str:
    return (
        "default-src 'self'; "
        f"script-src 'self' 'nonce-{nonce}'; "
        "style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
        "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )


class SecurityMiddleware:
    """Token check (when configured), a per-request CSP nonce and the security headers."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app, self.token = app, token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        if self.token:
            response = self._check_token(request)
            if response is not None:
                await response(scope, receive, send)
                return
        nonce = secrets.token_urlsafe(16)
        scope.setdefault("state", {})["nonce"] = nonce

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", csp(nonce).encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _check_token(self, request: Request) -> Response | None:
        auth = request.headers.get("authorization", "")
        given = auth[7:] if auth.lower().startswith("bearer ") else None
        if same(given, self.token) or same(request.cookies.get(TOKEN_COOKIE), self.token):
            return None
        if same(request.query_params.get("token"), self.token):
            params = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
            target = URL(str(request.url)).replace_query_params(**dict(params))
            response = RedirectResponse(target.path + (f"?{target.query}" if params else ""), 303)
            response.set_cookie(TOKEN_COOKIE, self.token or "", httponly=True, samesite="strict")
            return response
        return PlainTextResponse("a valid token is required (?token=, cookie or Bearer)", 401)
