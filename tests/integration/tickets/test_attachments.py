"""Attachments: by name and by content, sanitised names, limits, who may download, and no file left
behind when a ticket is not created."""

import os
import struct
import zlib
from pathlib import Path

import httpx
import pytest

from support.tickets import ADMIN, USER, body, file_ticket
from support.tokens import person
from tickets.config import TicketsSettings


def png(width: int = 2, height: int = 2) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100 + b"\xff\xd9"
LOG = b"2026-12-03 12:00:00 ERROR transcoder: ffmpeg exited with 234\n"


def stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


class TestUploadWithTicket:
    async def test_a_ticket_with_a_screenshot_and_a_log(
        self, tickets: httpx.AsyncClient, tickets_settings: TicketsSettings
    ) -> None:
        reporter = person()
        response = await tickets.post(
            USER,
            data=body(),
            files=[
                ("files", ("screen.png", png(), "image/png")),
                ("files", ("server.log", LOG, "text/plain")),
            ],
            headers=reporter.headers(),
        )
        assert response.status_code == 201, response.text
        number = response.json()["ticket_number"]
        detail = (await tickets.get(f"{USER}/{number}", headers=reporter.headers())).json()
        assert [(a["filename"], a["mime_type"], a["is_image"]) for a in detail["attachments"]] == [
            ("screen.png", "image/png", True),
            ("server.log", "text/plain; charset=utf-8", False),
        ]
        image, log = detail["attachments"]
        got = await tickets.get(image["url"], headers=reporter.headers())
        assert got.content == png()
        assert got.headers["content-type"] == "image/png"
        assert got.headers["content-disposition"].startswith("inline")
        assert got.headers["x-content-type-options"] == "nosniff"
        text = await tickets.get(log["url"], headers=reporter.headers())
        assert text.content == LOG
        assert text.headers["content-disposition"].startswith("attachment")

    async def test_form_fields_are_validated_like_json_and_files_are_not_kept(
        self, tickets: httpx.AsyncClient, tickets_settings: TicketsSettings
    ) -> None:
        before = len(stored_files(tickets_settings.attachments_dir))
        response = await tickets.post(
            USER,
            data=body(title="short"),
            files=[("files", ("screen.png", png(), "image/png"))],
            headers=person().headers(),
        )
        assert response.status_code == 422
        assert {e["field"] for e in response.json()["errors"]} == {"title"}
        assert len(stored_files(tickets_settings.attachments_dir)) == before

    async def test_a_ticket_that_fails_to_save_leaves_no_file(
        self, tickets: httpx.AsyncClient, tickets_settings: TicketsSettings
    ) -> None:
        before = len(stored_files(tickets_settings.attachments_dir))
        # The second file is refused after the first was stored: the first must go too.
        response = await tickets.post(
            USER,
            data=body(),
            files=[
                ("files", ("ok.png", png(), "image/png")),
                ("files", ("evil.png", b"<html>x</html>", "image/png")),
            ],
            headers=person().headers(),
        )
        assert response.status_code == 422
        assert len(stored_files(tickets_settings.attachments_dir)) == before


class TestChecks:
    @pytest.mark.parametrize(
        ("name", "content", "reason"),
        [
            ("screenshot.png", b"<!doctype html><script>alert(1)</script>", "file_content"),
            ("photo.jpg", png(), "file_content"),
            ("notes.txt", b"\x00\x01\x02binary", "file_content"),
            ("tool.exe", b"MZ\x90\x00", "file_type"),
            ("page.html", b"<html></html>", "file_type"),
            ("empty.log", b"", "file_empty"),
        ],
    )
    async def test_files_are_checked_by_name_and_content(
        self, tickets: httpx.AsyncClient, name: str, content: bytes, reason: str
    ) -> None:
        reporter = person()
        number = (await file_ticket(tickets, reporter))["ticket_number"]
        response = await tickets.post(
            f"{USER}/{number}/attachments",
            files=[("files", (name, content, "image/png"))],
            headers=reporter.headers(),
        )
        assert response.status_code == 422, response.text
        [error] = response.json()["errors"]
        assert (error["field"], error["type"]) == ("files", reason)

    @pytest.mark.parametrize(
        ("sent", "kept"),
        [
            ("../../etc/passwd.txt", "passwd.txt"),
            ("C:\\Users\\jo\\Desktop\\crash.log", "crash.log"),
            (".hidden.txt", "hidden.txt"),
            ("a" * 300 + ".png", "a" * 196 + ".png"),
            ("日本語のログ.log", "日本語のログ.log"),
        ],
    )
    async def test_filenames_are_made_safe(self, tickets: httpx.AsyncClient, sent: str, kept: str) -> None:
        reporter = person()
        number = (await file_ticket(tickets, reporter))["ticket_number"]
        content = png() if kept.endswith(".png") else LOG
        response = await tickets.post(
            f"{USER}/{number}/attachments",
            files=[("files", (sent, content, "text/plain"))],
            headers=reporter.headers(),
        )
        assert response.status_code == 201, response.text
        assert response.json()[0]["filename"] == kept

    async def test_ten_megabytes_each_and_five_per_ticket(
        self, tickets: httpx.AsyncClient, tickets_settings: TicketsSettings
    ) -> None:
        reporter = person()
        number = (await file_ticket(tickets, reporter))["ticket_number"]
        big = b"x" * (tickets_settings.max_attachment_bytes + 1)
        before = len(stored_files(tickets_settings.attachments_dir))
        too_big = await tickets.post(
            f"{USER}/{number}/attachments",
            files=[("files", ("huge.log", big, "text/plain"))],
            headers=reporter.headers(),
        )
        assert too_big.status_code == 413
        assert len(stored_files(tickets_settings.attachments_dir)) == before
        exactly = b"y" * tickets_settings.max_attachment_bytes
        fits = await tickets.post(
            f"{USER}/{number}/attachments",
            files=[("files", ("max.log", exactly, "text/plain"))],
            headers=reporter.headers(),
        )
        assert fits.status_code == 201
        four = [("files", (f"{i}.txt", LOG, "text/plain")) for i in range(4)]
        assert (
            await tickets.post(f"{USER}/{number}/attachments", files=four, headers=reporter.headers())
        ).status_code == 201
        sixth = await tickets.post(
            f"{USER}/{number}/attachments",
            files=[("files", ("6.txt", LOG, "text/plain"))],
            headers=reporter.headers(),
        )
        assert sixth.status_code == 422
        assert sixth.json()["errors"][0]["type"] == "too_many_files"


class TestAccess:
    async def test_only_the_reporter_and_admins_can_download(self, tickets: httpx.AsyncClient) -> None:
        reporter, stranger, admin = person(), person(), person("admin")
        number = (await file_ticket(tickets, reporter))["ticket_number"]
        [attachment] = (
            await tickets.post(
                f"{USER}/{number}/attachments",
                files=[("files", ("a.log", LOG, "text/plain"))],
                headers=reporter.headers(),
            )
        ).json()
        assert (await tickets.get(attachment["url"], headers=stranger.headers())).status_code == 404
        admin_url = f"{ADMIN}/{number}/attachments/{attachment['id']}"
        assert (await tickets.get(admin_url, headers=admin.headers())).content == LOG
        assert (await tickets.get(admin_url, headers=reporter.headers())).status_code == 403
        other = (await file_ticket(tickets, reporter))["ticket_number"]
        wrong_ticket = f"{USER}/{other}/attachments/{attachment['id']}"
        assert (await tickets.get(wrong_ticket, headers=reporter.headers())).status_code == 404


class TestAdminUpload:
    async def test_an_admin_attaches_a_file_the_reporter_can_download(
        self, tickets: httpx.AsyncClient
    ) -> None:
        reporter, admin = person(), person("admin")
        number = (await file_ticket(tickets, reporter))["ticket_number"]
        sent = await tickets.post(
            f"{ADMIN}/{number}/attachments",
            files=[("files", ("fix.log", LOG, "text/plain"))],
            headers=admin.headers(),
        )
        assert sent.status_code == 201, sent.text
        [listed] = (await tickets.get(f"{USER}/{number}", headers=reporter.headers())).json()["attachments"]
        assert (await tickets.get(listed["url"], headers=reporter.headers())).content == LOG
        nothing = await tickets.post(f"{ADMIN}/{number}/attachments", headers=admin.headers())
        assert nothing.status_code == 422


def test_png_helper_makes_a_real_png() -> None:
    data = png()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert os.path.splitext("x.png")[1] == ".png"
