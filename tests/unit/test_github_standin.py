"""The GitHub stand-in: checked against GitHub's published OpenAPI description and examples."""

import hashlib
import hmac
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request

from devtools.github_standin import (
    BOT_LOGIN,
    create_app,
    deliver,
    example,
    load_spec,
    npm,
    retarget,
    sign,
)
from devtools.github_standin.pipeline import NO_SUCH_OPERATION

TOKEN = "ghs_standin_test_token"
HOOK_PATH = "/integrations/github/webhook"
SECRET = "s3cret"
REPO = "/repos/acme/helpdesk"
Client = httpx.AsyncClient
AUTH = {"Authorization": f"Bearer {TOKEN}", "X-GitHub-Api-Version": "2022-11-28"}


@pytest.fixture
async def github() -> AsyncIterator[Client]:
    transport = httpx.ASGITransport(app=create_app(token=TOKEN))
    async with Client(transport=transport, base_url="http://standin.test", headers=AUTH) as client:
        yield client


async def create_issue(github: Client, **body: Any) -> dict[str, Any]:
    response = await github.post(f"{REPO}/issues", json={"title": "Printer on fire", **body})
    assert response.status_code == 201, response.text
    issue: dict[str, Any] = response.json()
    return issue


async def violations(github: Client) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = (await github.get("/_standin/violations")).json()
    return found


async def stored_issues(github: Client) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = (await github.get("/_standin/issues")).json()
    return found


class TestCreateIssue:
    async def test_valid_body_creates_a_github_shaped_issue(self, github: Client) -> None:
        response = await github.post(
            f"{REPO}/issues",
            json={"title": "Printer on fire", "body": "It smokes", "labels": ["support"]},
        )

        assert response.status_code == 201
        issue = response.json()
        assert issue["number"] == 1
        assert issue["html_url"] == "https://github.com/acme/helpdesk/issues/1"
        assert issue["url"] == "http://standin.test/repos/acme/helpdesk/issues/1"
        assert response.headers["location"] == issue["url"]
        assert (issue["user"]["login"], issue["user"]["type"]) == (BOT_LOGIN, "Bot")
        assert [label["name"] for label in issue["labels"]] == ["support"]
        assert (issue["state"], issue["state_reason"], issue["comments"]) == ("open", None, 0)
        assert response.headers["x-ratelimit-remaining"] == "4999"
        assert response.headers["x-ratelimit-resource"] == "core"
        stored = await stored_issues(github)
        assert [(s["repository"], s["issue"]["title"]) for s in stored] == [
            ("acme/helpdesk", "Printer on fire")
        ]
        assert await violations(github) == []

    async def test_numbers_count_up_per_repository(self, github: Client) -> None:
        first = await create_issue(github)
        second = await create_issue(github)
        elsewhere = await github.post("/repos/acme/other/issues", json={"title": "x"})

        assert (first["number"], second["number"], elsewhere.json()["number"]) == (1, 2, 1)
        assert first["id"] != second["id"]

    @pytest.mark.parametrize(
        ("body", "field", "code"),
        [
            ({"title": "t", "labels": "bug"}, "labels", "invalid"),
            ({"body": "no title"}, "title", "missing_field"),
            ({"title": "t", "milestone": {"number": 1}}, "milestone", "invalid"),
        ],
    )
    async def test_body_breaking_the_published_schema_is_422_and_recorded(
        self, github: Client, body: dict[str, Any], field: str, code: str
    ) -> None:
        response = await github.post(f"{REPO}/issues", json=body)

        assert response.status_code == 422
        assert response.json()["message"] == "Validation Failed"
        assert [(e["resource"], e["field"], e["code"]) for e in response.json()["errors"]] == [
            ("Issue", field, code)
        ]
        recorded = await violations(github)
        assert [(v["kind"], v["operation_id"], v["field"]) for v in recorded] == [
            ("body", "issues/create", field)
        ]
        assert await stored_issues(github) == []

    async def test_null_is_accepted_where_documented_nullable(self, github: Client) -> None:
        # OpenAPI 3.0 `nullable: true`, also on a `oneOf` (milestone): plain JSON Schema says no
        await create_issue(github, milestone=None, assignee=None)

        assert await violations(github) == []

    async def test_unparseable_json_is_400(self, github: Client) -> None:
        response = await github.post(f"{REPO}/issues", content=b'{"title": ')

        assert response.status_code == 400
        assert response.json()["message"] == "Problems parsing JSON"
        assert [v["kind"] for v in await violations(github)] == ["json"]


class TestAuthentication:
    async def test_wrong_token_is_401_bad_credentials(self, github: Client) -> None:
        response = await github.post(
            f"{REPO}/issues", json={"title": "t"}, headers={"Authorization": "Bearer wrong"}
        )

        assert response.status_code == 401
        assert response.json()["message"] == "Bad credentials"
        assert response.json()["documentation_url"].startswith("https://docs.github.com/")
        assert await stored_issues(github) == []

    async def test_missing_authorization_is_401(self, github: Client) -> None:
        del github.headers["Authorization"]

        response = await github.get(f"{REPO}/issues")

        assert response.status_code == 401

    async def test_the_token_scheme_works_like_bearer(self, github: Client) -> None:
        response = await github.post(
            f"{REPO}/issues", json={"title": "t"}, headers={"Authorization": f"token {TOKEN}"}
        )

        assert response.status_code == 201


class TestFaults:
    async def test_after_effect_creates_the_issue_but_answers_502(self, github: Client) -> None:
        fault = {"path_regex": "/issues$", "method": "POST", "status": 502, "after_effect": True}
        assert (await github.post("/_standin/faults", json=fault)).status_code == 201

        lost = await github.post(f"{REPO}/issues", json={"title": "t", "body": "<!-- t=42 -->"})
        after = await create_issue(github, title="next")

        assert lost.status_code == 502
        assert [s["issue"]["number"] for s in await stored_issues(github)] == [1, 2]
        assert after["number"] == 2  # the fault was used up by one request
        # what a sync must do after an unclear failure: find its own issue by the marker
        listed = await github.get(f"{REPO}/issues", params={"creator": BOT_LOGIN, "state": "all"})
        assert [i["number"] for i in listed.json() if "<!-- t=42 -->" in (i["body"] or "")] == [1]

    async def test_secondary_rate_limit_answers_403_with_retry_after(self, github: Client) -> None:
        fault = {
            "path_regex": r"/issues/\d+/comments$",
            "status": 403,
            "headers": {"Retry-After": "1"},
        }
        await github.post("/_standin/faults", json=fault)
        await create_issue(github)

        limited = await github.post(f"{REPO}/issues/1/comments", json={"body": "hi"})
        retried = await github.post(f"{REPO}/issues/1/comments", json={"body": "hi"})

        assert limited.status_code == 403
        assert limited.headers["retry-after"] == "1"
        assert "secondary rate limit" in limited.json()["message"]
        assert retried.status_code == 201
        assert [len(s["comments"]) for s in await stored_issues(github)] == [1]

    async def test_a_fault_with_a_broken_regex_is_refused(self, github: Client) -> None:
        response = await github.post("/_standin/faults", json={"path_regex": "(", "status": 500})

        assert response.status_code == 422


class TestListIssues:
    @pytest.fixture
    async def seeded(self, github: Client) -> Client:
        await create_issue(github, title="ours, synced", labels=["support"])
        await create_issue(github, title="ours, unlabelled")
        seed = {"repository": "acme/helpdesk", "title": "theirs", "user": "octocat"}
        await github.post("/_standin/issues", json={**seed, "labels": ["support"]})
        await github.post("/_standin/issues", json={**seed, "title": "done", "state": "closed"})
        return github

    async def titles(self, github: Client, **params: str) -> list[str]:
        response = await github.get(f"{REPO}/issues", params=params)
        assert response.status_code == 200, response.text
        return [issue["title"] for issue in response.json()]

    async def test_creator_and_labels_filter_together(self, seeded: Client) -> None:
        titles = await self.titles(seeded, creator=BOT_LOGIN, labels="support", state="all")

        assert titles == ["ours, synced"]

    async def test_creator_alone_lists_newest_first(self, seeded: Client) -> None:
        assert await self.titles(seeded, creator="octocat", state="all") == ["done", "theirs"]

    async def test_only_open_issues_by_default(self, seeded: Client) -> None:
        assert "done" not in await self.titles(seeded)

    async def test_since_in_the_future_finds_nothing(self, seeded: Client) -> None:
        assert await self.titles(seeded, state="all", since="2999-01-01T00:00:00Z") == []

    async def test_pages_link_to_the_next(self, seeded: Client) -> None:
        response = await seeded.get(f"{REPO}/issues", params={"per_page": "2", "state": "all"})

        assert len(response.json()) == 2
        assert 'page=2>; rel="next"' in response.headers["link"]

    async def test_an_undocumented_state_is_422_and_recorded(self, seeded: Client) -> None:
        response = await seeded.get(f"{REPO}/issues", params={"state": "resolved"})

        assert response.status_code == 422
        assert [(v["kind"], v["field"]) for v in await violations(seeded)] == [("query", "state")]


class TestUpdates:
    async def test_closing_as_not_planned_and_reopening(self, github: Client) -> None:
        await create_issue(github)

        closed = await github.patch(
            f"{REPO}/issues/1", json={"state": "closed", "state_reason": "not_planned"}
        )
        reopened = await github.patch(f"{REPO}/issues/1", json={"state": "open"})

        assert (closed.json()["state"], closed.json()["state_reason"]) == ("closed", "not_planned")
        assert closed.json()["closed_at"] is not None
        assert (reopened.json()["state"], reopened.json()["state_reason"]) == ("open", "reopened")

    async def test_state_reason_alone_is_ignored(self, github: Client) -> None:
        await create_issue(github)

        response = await github.patch(f"{REPO}/issues/1", json={"state_reason": "completed"})

        assert (response.json()["state"], response.json()["state_reason"]) == ("open", None)

    async def test_comments_are_counted_edited_and_capped(self, github: Client) -> None:
        await create_issue(github)
        created = await github.post(f"{REPO}/issues/1/comments", json={"body": "first"})
        comment_id = created.json()["id"]

        edited = await github.patch(f"{REPO}/issues/comments/{comment_id}", json={"body": "edited"})
        too_long = await github.post(f"{REPO}/issues/1/comments", json={"body": "x" * 65_537})

        assert created.status_code == 201
        assert created.json()["html_url"].endswith(f"/issues/1#issuecomment-{comment_id}")
        assert edited.json()["body"] == "edited"
        assert too_long.status_code == 422
        issue = (await github.get(f"{REPO}/issues/1")).json()
        assert issue["comments"] == 1
        assert [v["kind"] for v in await violations(github)] == ["rule"]

    async def test_labels_are_created_when_named(self, github: Client) -> None:
        await create_issue(github)

        added = await github.post(f"{REPO}/issues/1/labels", json={"labels": ["tkt-sync"]})
        duplicate = await github.post(f"{REPO}/labels", json={"name": "TKT-sync"})
        listed = await github.get(f"{REPO}/labels")

        assert [label["name"] for label in added.json()] == ["tkt-sync"]
        assert duplicate.json()["errors"][0]["code"] == "already_exists"
        assert [label["name"] for label in listed.json()] == ["tkt-sync"]


class TestUnknownEndpoints:
    async def test_an_undocumented_path_is_404_and_a_violation(self, github: Client) -> None:
        response = await github.post(f"{REPO}/tickets", json={})

        assert response.status_code == 404
        assert response.json()["message"] == "Not Found"
        [violation] = await violations(github)
        assert violation["kind"] == "unknown-operation"
        assert NO_SUCH_OPERATION in violation["message"]

    async def test_a_documented_but_missing_operation_says_so(self, github: Client) -> None:
        response = await github.delete(f"{REPO}/issues/comments/1")

        assert response.status_code == 404
        assert [v["kind"] for v in await violations(github)] == ["unimplemented"]


class TestStandInConformsToTheDescription:
    async def test_every_reply_matches_the_documented_response_schema(self, github: Client) -> None:
        await create_issue(github, labels=["support"], assignees=["octocat"])
        await github.patch(f"{REPO}/issues/1", json={"state": "closed"})
        created = await github.post(f"{REPO}/issues/1/comments", json={"body": "hi"})
        await github.patch(f"{REPO}/issues/comments/{created.json()['id']}", json={"body": "b"})
        await github.get(f"{REPO}/issues/1/comments")
        await github.get(f"{REPO}/issues", params={"state": "all"})
        await github.post(f"{REPO}/labels", json={"name": "bug", "color": "d73a4a"})
        await github.post(f"{REPO}/issues/1/labels", json={"labels": [{"name": "bug"}]})
        await github.get(f"{REPO}/labels")
        await github.get(REPO)
        await github.get("/rate_limit")
        await github.get(f"{REPO}/issues/99")

        assert await violations(github) == []
        requests = (await github.get("/_standin/requests")).json()
        assert len(requests) == 12
        assert requests[0]["headers"]["authorization"] == f"Bearer {TOKEN}"


class TestSpec:
    def test_a_literal_segment_beats_a_parameter(self) -> None:
        match = load_spec().match("GET", "/repos/o/r/issues/comments")

        assert match is not None
        assert match.operation.operation_id == "issues/list-comments-for-repo"

    def test_a_nullable_enum_admits_null_but_not_other_strings(self) -> None:
        spec = load_spec()
        match = spec.match("PATCH", "/repos/o/r/issues/1")
        assert match is not None

        assert spec.validate_body(match.operation, {"state_reason": None}, present=True) == []
        [error] = spec.validate_body(match.operation, {"state_reason": "fixed"}, present=True)
        assert error.field == "state_reason"

    def test_a_missing_npm_folder_says_how_to_get_it(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        monkeypatch.setenv(npm.ENV_VAR, str(tmp_path))

        with pytest.raises(FileNotFoundError, match="npm ci --prefix devtools/github-standin-npm"):
            npm.openapi_path()


class TestWebhooks:
    def test_signature_matches_githubs_documented_test_vector(self) -> None:
        expected = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"

        assert sign("It's a Secret to Everybody", b"Hello, World!") == f"sha256={expected}"

    def test_issue_comment_created_has_the_documented_shape(self) -> None:
        payload = example("issue_comment", "created")

        assert payload["action"] == "created"
        assert {"issue", "comment", "repository", "sender"} <= payload.keys()
        assert isinstance(payload["comment"]["id"], int)
        assert isinstance(payload["comment"]["body"], str)
        assert payload["comment"]["issue_url"] == payload["issue"]["url"]
        assert "pull_request" not in payload["issue"]
        assert load_spec().validate_webhook("issue_comment", "created", payload) == []

    def test_examples_are_copies(self) -> None:
        example("issues", "opened")["issue"]["title"] = "changed"

        assert example("issues", "opened")["issue"]["title"] != "changed"

    def test_retarget_says_who_commented_what_where(self) -> None:
        payload = retarget(
            example("issue_comment", "created"),
            repository="acme/helpdesk",
            issue_number=3,
            comment_body="hello",
            sender="octocat",
        )

        assert payload["repository"]["full_name"] == "acme/helpdesk"
        assert payload["issue"]["number"] == 3
        assert payload["issue"]["url"] == "https://api.github.com/repos/acme/helpdesk/issues/3"
        comment = payload["comment"]
        assert comment["html_url"].startswith("https://github.com/acme/helpdesk/issues/3#")
        assert (comment["body"], comment["user"]["login"]) == ("hello", "octocat")
        assert payload["sender"]["login"] == "octocat"
        assert load_spec().validate_webhook("issue_comment", "created", payload) == []

    def test_unknown_action_is_a_key_error(self) -> None:
        with pytest.raises(KeyError, match="shouted"):
            example("issue_comment", "shouted")

    async def test_delivery_carries_githubs_headers_and_a_valid_signature(self) -> None:
        received: list[tuple[bytes, dict[str, str]]] = []
        receiver = FastAPI()

        @receiver.post(HOOK_PATH)
        async def hook(request: Request) -> dict[str, str]:
            received.append((await request.body(), dict(request.headers)))
            return {}

        transport = httpx.ASGITransport(app=receiver)
        payload = example("issues", "opened")
        async with httpx.AsyncClient(transport=transport, base_url="http://sync.test") as client:
            first = await deliver(HOOK_PATH, SECRET, "issues", payload, client=client)
            delivery = received[0][1]["x-github-delivery"]
            await deliver(HOOK_PATH, SECRET, "issues", payload, delivery_id=delivery, client=client)

        assert first.status_code == 200
        body, headers = received[0]
        digest = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        assert headers["x-hub-signature-256"] == f"sha256={digest}"
        assert headers["x-github-event"] == "issues"
        assert headers["content-type"] == "application/json"
        assert headers["user-agent"].startswith("GitHub-Hookshot/")
        assert headers["x-github-hook-id"].isdigit()
        assert uuid.UUID(delivery)
        assert received[1][1]["x-github-delivery"] == delivery  # a redelivery keeps its GUID
