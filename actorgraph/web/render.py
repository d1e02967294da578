"""Templates: Jinja2 with autoescape on, control characters stripped from every shown text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from actorgraph.core.kb.countries import country_name

TEMPLATES = Path(__file__).parent / "templates"
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]"
)


def printable(value: object) -> str:
    """Text without control or bidi-override characters."""
    return _CONTROL.sub("", "" if value is None else str(value))


def _finalize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        return printable(value)
    return value


def highlight(text: str, spans: list[tuple[int, int, str]]) -> Markup:
    """``text`` escaped, with each ``(start, end, anchor)`` span wrapped in a ``<mark>``."""
    out, pos = [], 0
    for start, end, anchor in sorted(spans):
        if start < pos or end <= start or end > len(text):
            continue
        out.append(escape(printable(text[pos:start])))
        out.append(Markup('<mark id="{}">{}</mark>').format(anchor, printable(text[start:end])))
        pos = end
    out.append(escape(printable(text[pos:])))
    return Markup("").join(out)


env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html", "xml"]),
    finalize=_finalize,
    trim_blocks=True,
    lstrip_blocks=True,
)
env.filters["country"] = lambda code: country_name(code) or (code or "")
env.filters["printable"] = printable
env.filters["day"] = lambda text: (text or "")[:10]
env.filters["num"] = lambda n: f"{int(n):,}"


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a page with the request's nonce and the CSRF token in its context."""
    state = request.app.state.web
    context.setdefault("title", "actorgraph")
    html = env.get_template(template).render(
        request=request,
        nonce=request.scope.get("state", {}).get("nonce", ""),
        csrf=state.config.csrf,
        engine=state.raw_store.engine,
        focus=state.config.focus,
        ingest=request.app.state.ingester.status,
        can_ingest=bool(state.config.sources),
        **context,
    )
    return HTMLResponse(html, status_code=status)
