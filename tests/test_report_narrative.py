"""``report --narrative`` against an OpenAI-compatible server run on 127.0.0.1 inside the test:
sentences citing the report's event ids are kept, the others dropped and counted; only the
structured report (no article text) is sent."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import report_relations_fixture as rf
from report_fixture import views

from actorgraph.core.errors import LLMError
from actorgraph.core.settings import Settings
from actorgraph.report import render, weekly_diff
from actorgraph.report.narrative import add_narrative


class _Server:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.answer = ""


@pytest.fixture
def llm() -> Iterator[tuple[str, _Server]]:
    state = _Server()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server API
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            state.requests.append(body)
            reply = {
                "id": "x",
                "object": "chat.completion",
                "created": 0,
                "model": body["model"],
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "stop",
                        "message": {"role": "assistant", "content": state.answer},
                    }
                ],
            }
            data = json.dumps(reply).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _report():
    events = [v for v in views(rf.DOCS) if v.status == "actual"]
    return weekly_diff(events, "2026-W22", "MNG", generated_at="2026-06-01T00:00:00Z")


def test_cited_sentences_kept_others_dropped(llm: tuple[str, _Server]) -> None:
    url, state = llm
    report = _report()
    chn = report.counterparts["CHN"]["continuing"][0]["event_ids"][0]
    kor = report.counterparts["KOR"]["new"][0]["event_ids"][0]
    state.answer = json.dumps(
        {
            "sentences": [
                {"text": "Contacts with China resumed after ten weeks.", "event_ids": [chn]},
                {"text": f"A first meeting with South Korea [{kor}].", "event_ids": []},
                {"text": "Mongolia is drifting towards Moscow.", "event_ids": []},
                {"text": "An invented summit took place.", "event_ids": ["deadbeefdeadbeef"]},
                {"text": "A mixed claim.", "event_ids": [chn, "0000000000000000"]},
            ]
        }
    )
    settings = replace(Settings(), llm_base_url=url, llm_model="test-model", http_timeout=5.0)
    add_narrative(report, settings)
    assert report.narrative is not None
    assert [s["event_ids"] for s in report.narrative["sentences"]] == [[chn], [kor]]
    assert report.narrative["dropped"] == 3
    sent = state.requests[0]["messages"][-1]["content"]
    assert chn in sent and not re.search(r'"paragraph": (?!null)', sent)  # no article text
    md = render(report, "md")
    assert "Contacts with China resumed after ten weeks." in md
    assert "3 sentences without a valid citation dropped." in md
    assert "drifting" not in md


def test_bad_answers_are_llm_errors(llm: tuple[str, _Server]) -> None:
    url, state = llm
    state.answer = "not json"
    settings = replace(Settings(), llm_base_url=url, http_timeout=5.0)
    with pytest.raises(LLMError, match="not valid JSON"):
        add_narrative(_report(), settings)


def test_no_endpoint_is_a_clear_error() -> None:
    settings = replace(Settings(), llm_base_url=None, llm_api_key=None)
    with pytest.raises(LLMError, match="ACTORGRAPH_LLM_BASE_URL"):
        add_narrative(_report(), settings)
