"""The check ``make run`` makes before building anything: one line naming the setting as it was set."""

import pytest

from devtools import preflight
from devtools.servers import free_port


class TestPostgres:
    @pytest.mark.parametrize("scheme", ["postgresql", "postgresql+asyncpg"])
    async def test_an_unreachable_database_is_named_as_it_was_set_without_its_password(
        self, scheme: str
    ) -> None:
        port = free_port()
        url = f"{scheme}://postgres:secret@127.0.0.1:{port}/revenge"
        with pytest.raises(preflight.Unreachable) as caught:
            await preflight.check(url, "amqp://guest:guest@127.0.0.1:5672/")
        message = str(caught.value)
        assert message.startswith(
            f"cannot reach PostgreSQL at DATABASE_URL={scheme}://postgres:***@127.0.0.1:{port}/revenge: "
        )
        assert "secret" not in message
        assert "\n" not in message

    async def test_the_explanation_is_one_line_on_stderr_and_status_2(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        port = free_port()
        monkeypatch.setenv("DATABASE_URL", f"postgresql://postgres@127.0.0.1:{port}/revenge")
        assert await preflight.explain() == 2
        err = capsys.readouterr().err
        where = f"DATABASE_URL=postgresql://postgres@127.0.0.1:{port}/revenge"
        assert err.startswith(f"make run: cannot reach PostgreSQL at {where}: ")
        assert err.count("\n") == 1
