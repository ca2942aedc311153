"""The GitHub stand-in as ``make run`` starts it: its issues kept in a file across restarts, and issue
links that open a page of its own instead of a github.com page that does not exist."""

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from devtools.github_standin import create_app
from devtools.github_standin.objects import node_id, node_number

TOKEN = "state-test-token"
REPO = "/repos/lusoris/revenge"
AUTH = {"Authorization": f"Bearer {TOKEN}", "X-GitHub-Api-Version": "2022-11-28"}
BASE = "http://127.0.0.1:8027"


def client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE, headers=AUTH)


async def create_issue(github: httpx.AsyncClient, title: str = "Playback stutters", **body: Any) -> Any:
    response = await github.post(f"{REPO}/issues", json={"title": title, **body})
    assert response.status_code == 201, response.text
    return response.json()


class TestStateFile:
    async def test_a_restarted_stand_in_keeps_its_issues_and_continues_their_numbers(
        self, tmp_path: Path
    ) -> None:
        state = tmp_path / "standin.json"
        async with client(create_app(token=TOKEN, state_file=state)) as github:
            first = await create_issue(github, body="It stutters.", labels=["revenge-ticket"])
            comment = await github.post(f"{REPO}/issues/1/comments", json={"body": "Still."})
            assert comment.status_code == 201
            closed = await github.patch(f"{REPO}/issues/1", json={"state": "closed"})
            assert closed.status_code == 200
        async with client(create_app(token=TOKEN, state_file=state)) as github:
            again = (await github.get(f"{REPO}/issues/1")).json()
            second = await create_issue(github)
            comments = (await github.get(f"{REPO}/issues/1/comments")).json()
            assert (await github.get("/_standin/violations")).json() == []
        assert {k: again[k] for k in ("id", "node_id", "title", "body", "created_at")} == {
            k: first[k] for k in ("id", "node_id", "title", "body", "created_at")
        }
        assert (again["state"], again["state_reason"], again["comments"]) == ("closed", "completed", 1)
        assert [label["name"] for label in again["labels"]] == ["revenge-ticket"]
        assert [c["body"] for c in comments] == ["Still."]
        assert second["number"] == 2
        assert second["id"] > comment.json()["id"] > first["id"]

    async def test_without_a_state_file_every_stand_in_starts_empty(self) -> None:
        async with client(create_app(token=TOKEN)) as github:
            await create_issue(github)
        async with client(create_app(token=TOKEN)) as github:
            assert (await create_issue(github))["number"] == 1

    async def test_reset_empties_the_file_too(self, tmp_path: Path) -> None:
        state = tmp_path / "standin.json"
        async with client(create_app(token=TOKEN, state_file=state)) as github:
            await create_issue(github)
            assert (await github.post("/_standin/reset")).status_code == 204
        async with client(create_app(token=TOKEN, state_file=state)) as github:
            assert (await github.get("/_standin/issues")).json() == []

    async def test_numbers_and_ids_continue_after_what_was_handed_out_before(self) -> None:
        app = create_app(token=TOKEN)
        store = app.state.standin.store
        store.continue_after(store.repository("lusoris", "revenge"), 41, 2_000_000)
        async with client(app) as github:
            issue = await create_issue(github)
        assert issue["number"] == 42
        assert issue["id"] > 2_000_000

    def test_a_file_that_is_not_a_state_file_is_named(self, tmp_path: Path) -> None:
        state = tmp_path / "standin.json"
        state.write_text("{not json")
        with pytest.raises(ValueError, match=r"standin\.json is not a GitHub stand-in state file"):
            create_app(token=TOKEN, state_file=state)


class TestNodeIds:
    @pytest.mark.parametrize(("kind", "number"), [("Issue", 1_000_003), ("IssueComment", 7), ("Label", 12)])
    def test_the_number_comes_back_out_of_a_legacy_node_id(self, kind: str, number: int) -> None:
        assert node_number(node_id(kind, number)) == number

    @pytest.mark.parametrize("value", ["I_kwDOABCDEF5", "not base64!", ""])
    def test_other_node_ids_have_no_number(self, value: str) -> None:
        assert node_number(value) is None


class TestLocalPages:
    @pytest.fixture
    async def github(self) -> AsyncIterator[httpx.AsyncClient]:
        async with client(create_app(token=TOKEN, local_pages=True)) as github:
            yield github

    async def test_html_url_points_at_the_stand_in_itself(self, github: httpx.AsyncClient) -> None:
        issue = await create_issue(github)
        comment = (await github.post(f"{REPO}/issues/1/comments", json={"body": "Me too"})).json()
        listed = (await github.get("/_standin/issues")).json()
        assert issue["html_url"] == f"{BASE}/lusoris/revenge/issues/1"
        assert comment["html_url"] == f"{BASE}/lusoris/revenge/issues/1#issuecomment-{comment['id']}"
        assert listed[0]["issue"]["html_url"] == issue["html_url"]
        assert (await github.get("/_standin/violations")).json() == []

    async def test_the_issue_page_shows_title_state_labels_and_body_escaped(
        self, github: httpx.AsyncClient
    ) -> None:
        issue = await create_issue(
            github, title="Crash in <Settings> & Music", body="<script>alert(1)</script>", labels=["bug"]
        )
        await github.post(f"{REPO}/issues/1/comments", json={"body": "<b>also</b>"})
        page = await github.get(issue["html_url"], headers={"authorization": ""})
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        html = page.text
        assert "Crash in &lt;Settings&gt; &amp; Music" in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<script>" not in html
        assert "&lt;b&gt;also&lt;/b&gt;" in html
        assert ">bug</span>" in html
        assert ">open</span>" in html
        assert (await github.get("/_standin/requests")).json()[-1]["method"] == "POST"

    async def test_a_missing_issue_is_a_404_page(self, github: httpx.AsyncClient) -> None:
        page = await github.get("/lusoris/revenge/issues/99")
        assert page.status_code == 404
        assert "No issue lusoris/revenge#99" in page.text

    async def test_github_s_own_addresses_keep_html_url_on_github_com(self) -> None:
        async with client(create_app(token=TOKEN)) as github:
            issue = await create_issue(github)
        assert issue["html_url"] == "https://github.com/lusoris/revenge/issues/1"
