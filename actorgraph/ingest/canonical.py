"""Canonical URLs and content hashes: how the same article is recognised again."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "ref",
        "ref_src",
        "ref_url",
        "referrer",
        "cmpid",
        "mkt_tok",
        "_hsenc",
        "_hsmi",
        "s_cid",
        "at_medium",
        "at_campaign",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")
DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, sorted query, no default
    port, no trailing slash. Non-HTTP URLs (``file:``) only lose their fragment."""
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return urlunsplit((scheme, parts.netloc, parts.path, parts.query, ""))
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    path = re.sub(r"/{2,}", "/", parts.path or "")
    path = path.rstrip("/")
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    ]
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def site_of(url: str) -> str:
    """The host without a leading ``www.`` (used to tell whether two URLs are on one site)."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def same_site(a: str, b: str) -> bool:
    """True when both URLs are on the same host (ignoring ``www.``)."""
    return bool(site_of(a)) and site_of(a) == site_of(b)


def normalise_text(text: str) -> str:
    """Whitespace collapsed, case folded, Unicode NFKC: the form the content hash is taken of."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def content_hash(text: str) -> str:
    """sha256 hex of the normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
