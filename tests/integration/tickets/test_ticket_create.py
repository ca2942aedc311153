"""Filing a ticket: the seed's validation, what is stored, and what the reporter gets back."""

import json
from typing import Any

import httpx
import pytest

from support.tokens import person

URL = "/api/v1/support/tickets"


def bug(**overrides: Any) -> dict[str, Any]:
    body = {
        "type": "bug",
        "title": "Video playback stutters on Chrome",
        "description": "Every 4K movie stutters after about ten seconds of playback.",
        "severity": "high",
        "category": "movies",
    }
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not ...}


def fields_in(problem: dict[str, Any]) -> set[str]:
    return {e["field"] for e in problem["errors"]}


class TestCreateTicket:
    async def test_a_valid_bug_is_stored_open_with_its_severity_setting_priority(
        self, tickets: httpx.AsyncClient
    ) -> None:
        alice = person()
        response = await tickets.post(URL, json=bug(severity="critical"), headers=alice.headers())
        assert response.status_code == 201, response.text
        ticket = response.json()
        assert ticket["status"] == "open"
        assert ticket["priority"] == 1
        assert ticket["reporter"]["username"] == alice.username
        assert ticket["url"] == f"https://support.example.test/support/tickets/{ticket['ticket_number']}"
        assert response.headers["location"].endswith(f"/{ticket['ticket_number']}")

        detail = (await tickets.get(f"{URL}/{ticket['ticket_number']}", headers=alice.headers())).json()
        assert detail["title"] == "Video playback stutters on Chrome"
        assert [(h["old_status"], h["new_status"]) for h in detail["status_history"]] == [(None, "open")]

    async def test_feature_requests_start_at_medium_priority_and_category_defaults_to_other(
        self, tickets: httpx.AsyncClient
    ) -> None:
        body = bug(type="feature", severity=..., category=...)
        response = await tickets.post(URL, json=body, headers=person().headers())
        assert response.status_code == 201, response.text
        assert (response.json()["priority"], response.json()["category"]) == (3, "other")

    async def test_numbers_are_unique_when_many_tickets_are_filed_at_once(
        self, tickets: httpx.AsyncClient
    ) -> None:
        import asyncio

        someone = person()
        responses = await asyncio.gather(
            *(tickets.post(URL, json=bug(), headers=someone.headers()) for _ in range(20))
        )
        assert all(r.status_code == 201 for r in responses)
        numbers = [r.json()["ticket_number"] for r in responses]
        assert len(set(numbers)) == 20


class TestTitleRules:
    @pytest.mark.parametrize(
        ("title", "accepted"),
        [
            ("a" * 9, False),
            ("a" * 10, True),
            ("a" * 200, True),
            ("a" * 201, False),
            ("🎬" * 10, True),  # ten characters, forty bytes
            ("🎬" * 201, False),
            ("视频播放卡顿问题视频播", True),  # ten CJK characters
            ("视" * 200, True),
            ("视" * 201, False),
            ("          ", False),
            ("   short   ", False),  # trimmed to 5
        ],
    )
    async def test_title_is_10_to_200_characters_not_bytes(
        self, tickets: httpx.AsyncClient, title: str, accepted: bool
    ) -> None:
        response = await tickets.post(URL, json=bug(title=title), headers=person().headers())
        if accepted:
            assert response.status_code == 201, response.text
            assert response.json()["title"] == title.strip()
        else:
            assert response.status_code == 422
            assert response.headers["content-type"] == "application/problem+json"
            assert fields_in(response.json()) == {"title"}


class TestOtherFieldRules:
    async def test_description_needs_twenty_characters_that_are_not_just_spaces(
        self, tickets: httpx.AsyncClient
    ) -> None:
        for description in ("x" * 19, " " * 40, "\n\t  \n"):
            response = await tickets.post(URL, json=bug(description=description), headers=person().headers())
            assert response.status_code == 422
            assert fields_in(response.json()) == {"description"}
        ok = await tickets.post(URL, json=bug(description="x" * 20), headers=person().headers())
        assert ok.status_code == 201

    async def test_severity_is_required_for_bugs_and_refused_for_other_types(
        self, tickets: httpx.AsyncClient
    ) -> None:
        missing = await tickets.post(URL, json=bug(severity=...), headers=person().headers())
        assert missing.status_code == 422
        assert "required for bug reports" in missing.json()["detail"]
        for kind in ("feature", "support"):
            refused = await tickets.post(URL, json=bug(type=kind), headers=person().headers())
            assert refused.status_code == 422
            assert fields_in(refused.json()) == {"severity"}

    async def test_unknown_values_are_named_in_one_answer(self, tickets: httpx.AsyncClient) -> None:
        body = bug(type="question", severity="urgent", category="games", extra="x")
        response = await tickets.post(URL, json=body, headers=person().headers())
        assert response.status_code == 422
        problem = response.json()
        assert {"type", "category", "extra"} <= fields_in(problem)
        assert problem["title"] == "Validation failed"
        assert problem["status"] == 422

    async def test_characters_the_database_cannot_store_are_422_not_500(
        self, tickets: httpx.AsyncClient
    ) -> None:
        for field, value in (
            ("title", r"A title with a NUL \u0000 in it"),
            ("description", r"A long enough description \ud800 with a lone surrogate"),
        ):
            raw = json.dumps(bug()).replace('"' + field + '": "', '"' + field + '": "' + value, 1)
            response = await tickets.post(
                URL, content=raw.encode(), headers={**person().headers(), "content-type": "application/json"}
            )
            assert response.status_code == 422, raw
            assert fields_in(response.json()) == {field}

    async def test_malformed_json_is_a_400_not_a_500(self, tickets: httpx.AsyncClient) -> None:
        response = await tickets.post(
            URL,
            content=b'{"type": "bug", "title": ',
            headers={**person().headers(), "content-type": "application/json"},
        )
        assert response.status_code == 400
        assert response.json()["title"] == "Malformed JSON"

    async def test_wrong_json_types_are_422(self, tickets: httpx.AsyncClient) -> None:
        for body in ([], "text", {"type": 1, "title": ["x"], "description": {}, "severity": 3}):
            response = await tickets.post(URL, json=body, headers=person().headers())
            assert response.status_code == 422, body


class TestEnvironment:
    async def test_browser_and_os_come_from_the_user_agent_and_are_shown_to_admins_only(
        self, tickets: httpx.AsyncClient
    ) -> None:
        reporter = person()
        agent = (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Safari/537.36"
        )
        created = await tickets.post(
            URL,
            json=bug(app_version="1.2.2", server_os="Debian 12"),
            headers={**reporter.headers(), "user-agent": agent},
        )
        number = created.json()["ticket_number"]
        admin = person("admin")
        detail = (
            await tickets.get(f"/api/v1/admin/support/tickets/{number}", headers=admin.headers())
        ).json()
        assert detail["environment"] | {"user_agent": ""} == {
            "app_version": "1.2.2",
            "server_os": "Debian 12",
            "browser": "Chrome 131",
            "os": "Windows 10",
            "device": None,
            "user_agent": "",
        }
        own = (await tickets.get(f"{URL}/{number}", headers=reporter.headers())).json()
        assert "environment" not in own
        # What the reporter typed comes back to them; what their browser said does not.
        assert (own["app_version"], own["server_os"]) == ("1.2.2", "Debian 12")
        assert "Chrome 131" not in str(own)
        assert "Windows" not in str(own)
