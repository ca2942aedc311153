"""``make run``'s own words: the banner, and the one line when the first admin does not sign in."""

import re

import pytest
from fastapi import FastAPI, Response

from devtools import run
from devtools.hookbin import HookBin
from devtools.servers import free_port, serve


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
