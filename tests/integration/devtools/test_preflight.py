"""``make run``'s first step against the real PostgreSQL and RabbitMQ, and a RabbitMQ that is not there."""

import asyncio
import os
import sys
import uuid
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from devtools import preflight
from devtools.servers import free_port
from support.db import create_fresh_database, drop_database, fetch


class TestPreflight:
    async def test_it_passes_when_postgres_and_rabbitmq_answer(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        # A database make run has not created yet: the gateway will make its first admin there.
        monkeypatch.setenv("DATABASE_URL", f"postgresql://postgres@127.0.0.1:5432/absent_{uuid.uuid4().hex}")
        monkeypatch.delenv("AMQP_URL", raising=False)
        monkeypatch.delenv("BOOTSTRAP_ADMIN_PASSWORD", raising=False)
        monkeypatch.setattr(preflight, "VAR", tmp_path)
        assert await preflight.explain() == 0
        assert len((tmp_path / "admin-password").read_text().strip()) >= 12

    async def test_an_old_database_whose_admin_has_another_password_is_refused_up_front(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        url = await create_fresh_database(("gateway",))
        try:
            assert await preflight.check_admin(url, "root@example.com", "whatever") is None  # no admin yet
            await fetch(
                url,
                "INSERT INTO identity.users (id, email, username, password_hash, role) "
                "VALUES ($1, 'Root@example.com', 'root', $2, 'admin')",
                uuid.uuid4(),
                PasswordHasher().hash("the right password"),
            )
            assert await preflight.check_admin(url, "root@example.com", "the right password") is None
            for email, password in (("root@example.com", "another password"), ("new@example.com", "x")):
                with pytest.raises(preflight.AdminRefused):
                    await preflight.check_admin(url, email, password)
            monkeypatch.setenv("DATABASE_URL", url)
            monkeypatch.setenv("BOOTSTRAP_ADMIN_PASSWORD", "another password")
            monkeypatch.setattr(preflight, "ADMIN_EMAIL", "root@example.com")
            assert await preflight.explain() == 2
            [line] = capsys.readouterr().err.splitlines()
            assert line.startswith("make run: the database already has an admin, and root@example.com cannot")
            assert "BOOTSTRAP_ADMIN_PASSWORD" in line
        finally:
            await drop_database(url)

    async def test_an_unreachable_rabbitmq_is_one_line_naming_amqp_url(self) -> None:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "devtools.preflight",
            env={**os.environ, "AMQP_URL": f"amqp://guest:guest@127.0.0.1:{free_port()}/"},
            stderr=asyncio.subprocess.PIPE,
        )
        _, stderr = await asyncio.wait_for(process.communicate(), 60)
        assert process.returncode == 2
        [line] = stderr.decode().splitlines()
        assert line.startswith("make run: cannot reach RabbitMQ at AMQP_URL=amqp://guest:***@127.0.0.1:")
