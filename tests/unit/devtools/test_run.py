"""``make run``'s own words: the one-line error when PostgreSQL is away, and the banner."""

import re

import pytest
from fastapi import FastAPI, Response

from devtools import run
from devtools.hookbin import HookBin
from devtools.servers import free_port, serve
from shared.db import DatabaseUnreachable


class TestPreflight:
    @pytest.mark.parametrize("scheme", ["postgresql", "postgresql+asyncpg"])
    async def test_an_unreachable_database_is_named_as_it_was_set_without_its_password(
        self, scheme: str
    ) -> None:
        port = free_port()
        url = f"{scheme}://postgres:secret@127.0.0.1:{port}/revenge"
        with pytest.raises(DatabaseUnreachable) as caught:
            await run.preflight(url, "amqp://guest:guest@127.0.0.1:5672/")
        message = str(caught.value)
        assert message.startswith(
            f"cannot reach PostgreSQL at DATABASE_URL={scheme}://postgres:***@127.0.0.1:{port}/revenge: "
        )
        assert "secret" not in message
        assert "\n" not in message


class TestBanner:
    def banner(self, github: str = "http://127.0.0.1:8027") -> list[str]:
        text = run.banner(
            "http://127.0.0.1:8000", "pw", "http://127.0.0.1:8025", "http://127.0.0.1:8026", github
        )
        return text.strip().splitlines()

    @pytest.mark.parametrize("github", ["http://127.0.0.1:8027", ""])
    def test_every_entry_is_indented_and_aligned_alike(self, github: str) -> None:
        entries = [line for line in self.banner(github) if line.startswith("  ")]
        assert len(entries) == 6
        for line in entries:
            label = re.match(r"^(\s*)([\w -]+:)(\s+)", line)
            assert label is not None
            assert len(label.group(1)) == 3, line
            assert label.end() == 23, line

    def test_it_names_the_web_ui_and_the_stand_in_s_issues(self) -> None:
        lines = self.banner()
        [web] = [line for line in lines if "Web UI:" in line]
        [github] = [line for line in lines if "GitHub stand-in:" in line]
        assert "http://127.0.0.1:8000/" in web or "make web" in web
        assert "http://127.0.0.1:8027/_standin/issues" in github


class TestAdminLogin:
    async def test_an_admin_with_another_password_is_explained_not_a_traceback(self) -> None:
        gateway = FastAPI()

        @gateway.post("/api/v1/auth/login")
        async def login() -> Response:
            return Response(status_code=401)

        async with serve(gateway, free_port()) as url:
            with pytest.raises(run.AdminRefused, match="already has an admin") as caught:
                await run.subscribe_receiver(url, "not it", "http://127.0.0.1:1/hooks/demo", HookBin())
        assert "admin-password" in str(caught.value)
        assert "DATABASE_URL" in str(caught.value)
