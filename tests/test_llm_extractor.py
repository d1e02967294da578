"""The optional LLM extractor against an OpenAI-compatible server on 127.0.0.1 (never remote)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from actorgraph.core.errors import LLMError
from actorgraph.core.records import Article, EventMention, Extraction, Mention
from actorgraph.core.settings import Settings
from actorgraph.nlp.llm_extractor import LLMExtractor, merge, validate

TEXT = (
    "Russian Security Council Secretary Sergei Shoigu met A. Byambajargal in Moscow on Tuesday. "
    "The two sides discussed regional security."
)
ARTICLE = Article(
    id="a1",
    url="http://127.0.0.1/a1",
    title="t",
    text=TEXT,
    outlet="o",
    published="2026-05-28T08:00:00Z",
    content_hash="h",
    source="test",
)
GOOD = {
    "actors": [
        {"name": "Sergei Shoigu", "type": "PERSON", "country": "RUS", "title": "Secretary"},
        {"name": "A. Byambajargal", "type": "PERSON", "country": "MNG", "title": None},
        {"name": "Vladimir Putin", "type": "PERSON", "country": "RUS", "title": None},
    ],
    "events": [
        {
            "type": "MEET",
            "status": "actual",
            "date": "2026-05-26",
            "sentence": TEXT.split(" The two")[0],
            "participants": [
                {"name": "Sergei Shoigu", "role": "actor"},
                {"name": "A. Byambajargal", "role": "recipient"},
            ],
        },
        {
            "type": "MEET",
            "status": "actual",
            "date": "2026-05-26",
            "sentence": "Putin also met Byambajargal.",
            "participants": [
                {"name": "Vladimir Putin", "role": "actor"},
                {"name": "A. Byambajargal", "role": "recipient"},
            ],
        },
        {
            "type": "INVADE",
            "status": "actual",
            "date": "2026-05-26",
            "sentence": TEXT[:20],
            "participants": [],
        },
    ],
}


class _Server:
    """A minimal OpenAI-compatible chat-completions endpoint answering a scripted body."""

    def __init__(self) -> None:
        self.reply: str = json.dumps(GOOD)
        self.status = 200
        self.requests: list[dict] = []

    def handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server API
                length = int(self.headers.get("Content-Length", 0))
                server.requests.append(json.loads(self.rfile.read(length)))
                body = json.dumps(
                    {
                        "id": "c1",
                        "object": "chat.completion",
                        "created": 0,
                        "model": "local",
                        "choices": [
                            {
                                "index": 0,
                                "finish_reason": "stop",
                                "message": {"role": "assistant", "content": server.reply},
                            }
                        ],
                    }
                ).encode()
                self.send_response(server.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        return Handler


@pytest.fixture
def llm_server() -> Iterator[tuple[_Server, Settings]]:
    fake = _Server()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), fake.handler())
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    settings = replace(
        Settings(),
        llm_base_url=f"http://127.0.0.1:{httpd.server_port}/v1",
        llm_api_key="test",
        llm_model="local",
        http_timeout=5.0,
    )
    yield fake, settings
    httpd.shutdown()
    httpd.server_close()


def test_llm_output_is_validated_against_the_text(llm_server) -> None:
    fake, settings = llm_server
    extraction = LLMExtractor(settings).extract(ARTICLE)
    names = {m.name for m in extraction.mentions}
    assert names == {"Sergei Shoigu", "A. Byambajargal"}  # Putin is not in the text: dropped
    assert len(extraction.events) == 1  # invented sentence and unknown type dropped
    event = extraction.events[0]
    assert event.type == "MEET" and event.date == "2026-05-26"
    assert TEXT[event.start : event.end] == event.sentence
    sent = fake.requests[0]
    assert sent["response_format"]["type"] == "json_schema"
    assert TEXT in sent["messages"][-1]["content"]


def test_malformed_json_is_a_clear_error(llm_server) -> None:
    fake, settings = llm_server
    fake.reply = '```json\n{"actors": [ }'
    with pytest.raises(LLMError, match="not valid JSON"):
        LLMExtractor(settings).extract(ARTICLE)


def test_http_error_and_unreachable_server_are_clear_errors(llm_server) -> None:
    fake, settings = llm_server
    fake.status = 500
    with pytest.raises(LLMError, match="HTTP 500"):
        LLMExtractor(settings).extract(ARTICLE)
    closed = replace(settings, llm_base_url="http://127.0.0.1:9/v1")
    with pytest.raises(LLMError, match="unreachable"):
        LLMExtractor(closed).extract(ARTICLE)


def test_no_endpoint_configured_is_a_clear_error() -> None:
    with pytest.raises(LLMError, match="needs an LLM endpoint"):
        LLMExtractor(replace(Settings(), llm_base_url=None, llm_api_key=None))


def test_hybrid_merge_adds_only_missing_events() -> None:
    rules = Extraction(
        article=ARTICLE,
        mentions=[
            Mention("Sergei Shoigu", "Sergei Shoigu", "PERSON", 36, 49),
            Mention("A. Byambajargal", "A. Byambajargal", "PERSON", 54, 69),
        ],
        events=[
            EventMention(
                "MEET",
                "actual",
                [(0, "actor"), (1, "recipient")],
                "2026-05-26",
                "text",
                "Moscow",
                TEXT[:91],
                0,
                91,
            )
        ],
    )
    llm = validate(
        {
            **GOOD,
            "events": GOOD["events"]
            + [
                {
                    "type": "COOPERATE",
                    "status": "future",
                    "date": None,
                    "sentence": "The two sides discussed regional security.",
                    "participants": [
                        {"name": "Sergei Shoigu", "role": "participant"},
                        {"name": "A. Byambajargal", "role": "participant"},
                    ],
                }
            ],
        },
        ARTICLE,
    )
    merged = merge(rules, llm)
    assert [e.type for e in merged.events] == ["MEET", "COOPERATE"]
    assert merged.events[1].date == "2026-05-28" and merged.events[1].date_basis == "published"
    assert len(merged.mentions) == 2
