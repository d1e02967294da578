"""The optional LLM endpoint (any OpenAI-compatible server): one client factory for every stage
that may use it, with the project's own errors. Never required; tests never call a remote one."""

from __future__ import annotations

from typing import Any

from actorgraph.core.errors import LLMError
from actorgraph.core.settings import Settings


def llm_client(settings: Settings, purpose: str) -> Any:
    """An ``openai.OpenAI`` client for the configured endpoint; LLMError naming ``purpose`` when
    the package or the endpoint is missing."""
    try:
        import openai
    except ImportError as exc:
        raise LLMError(
            f"{purpose} needs the openai package: pip install 'actorgraph[llm]'"
        ) from exc
    if not settings.llm_base_url and not settings.llm_api_key:
        raise LLMError(
            f"{purpose} needs an LLM endpoint: set ACTORGRAPH_LLM_BASE_URL and/or "
            "ACTORGRAPH_LLM_API_KEY"
        )
    return openai.OpenAI(
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key or "not-needed",
        timeout=settings.http_timeout,
        max_retries=1,
    )
