"""Examples for the OpenAPI description: one realistic ticket, seen through every response model."""

from typing import Any

REPORTER: dict[str, Any] = {
    "id": "5f0c2a4e-9b1d-4c8e-8a55-3e2f1d0c9b8a",
    "username": "johndoe",
    "display_name": "John Doe",
}
ADMIN: dict[str, Any] = {
    "id": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
    "username": "admin",
    "display_name": None,
}
LABEL: dict[str, Any] = {
    "id": "7c6b5a49-3827-4165-9e8d-7c6b5a493827",
    "name": "needs-info",
    "color": "#fbca04",
    "description": "Waiting for the reporter",
}
ATTACHMENT: dict[str, Any] = {
    "id": "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9",
    "filename": "screenshot.png",
    "size_bytes": 48213,
    "mime_type": "image/png",
    "is_image": True,
    "uploaded_at": "2026-01-28T12:00:03Z",
    "url": "/api/v1/support/tickets/1234/attachments/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9",
}
COMMENT: dict[str, Any] = {
    "id": "9a8b7c6d-5e4f-4321-9876-543210fedcba",
    "author": ADMIN,
    "comment": "Fixed in **1.2.3**.",
    "comment_html": "<p>Fixed in <strong>1.2.3</strong>.</p>\n",
    "is_internal": False,
    "is_resolution": False,
    "parent_id": None,
    "origin": "portal",
    "external_author": None,
    "created_at": "2026-01-29T09:30:00Z",
}
HISTORY: list[dict[str, Any]] = [
    {"old_status": None, "new_status": "open", "changed_by": REPORTER, "changed_at": "2026-01-28T12:00:00Z"},
    {
        "old_status": "open",
        "new_status": "in_progress",
        "changed_by": ADMIN,
        "changed_at": "2026-01-28T15:10:00Z",
    },
]
SUMMARY: dict[str, Any] = {
    "id": "0b9d3f4e-6d0e-4c43-9a2b-1c0f1f1e2a3b",
    "ticket_number": 1234,
    "type": "bug",
    "title": "Video playback stutters on Chrome",
    "severity": "high",
    "category": "movies",
    "status": "in_progress",
    "priority": 2,
    "url": "https://support.example.org/support/tickets/1234",
    "created_at": "2026-01-28T12:00:00Z",
    "updated_at": "2026-01-29T09:30:00Z",
}
TICKET: dict[str, Any] = {
    **SUMMARY,
    "description": "Every **4K** movie stutters after ten seconds.",
    "description_html": "<p>Every <strong>4K</strong> movie stutters after ten seconds.</p>\n",
    "reporter": REPORTER,
    "assignee": ADMIN,
    "labels": [LABEL],
    "github_issue_url": "https://github.com/revenge-media/revenge/issues/88",
    "version": 4,
    "resolved_at": None,
    "closed_at": None,
}
DETAIL: dict[str, Any] = {
    **TICKET,
    "comments": [COMMENT],
    "status_history": HISTORY,
    "attachments": [ATTACHMENT],
    "allowed_transitions": [],
    "app_version": "1.2.2",
    "server_os": "Debian 12",
}
ADMIN_DETAIL: dict[str, Any] = {
    **DETAIL,
    "comments": [
        {**COMMENT, "comment": "Reproduced.", "comment_html": "<p>Reproduced.</p>\n", "is_internal": True}
    ],
    "allowed_transitions": ["open", "resolved", "closed"],
    "environment": {
        "app_version": "1.2.2",
        "server_os": "Debian 12",
        "browser": "Chrome 131",
        "os": "Windows 10",
        "device": None,
        "user_agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) … Chrome/131.0.0.0 Safari/537.36",
    },
}
PAGE: dict[str, Any] = {"items": [SUMMARY], "next_cursor": "eyJzIjoiY3JlYXRlZCIsImsiOlsi…"}
ADMIN_SUMMARY: dict[str, Any] = {
    **SUMMARY,
    "reporter": REPORTER,
    "assignee": ADMIN,
    "labels": [LABEL],
    "version": 4,
}
ADMIN_PAGE: dict[str, Any] = {"items": [ADMIN_SUMMARY], "next_cursor": None}
COUNTS: dict[str, Any] = {"open": 12, "in_progress": 5, "resolved": 3, "closed": 480, "total": 500}
BULK: dict[str, Any] = {
    "action": "close",
    "count": 1,
    "results": [{"ticket_id": SUMMARY["id"], "ticket_number": 1234, "status": "closed", "version": 5}],
}
LABEL_DETAIL: dict[str, Any] = {**LABEL, "created_at": "2026-01-01T00:00:00Z", "ticket_count": 17}


def examples(*values: dict[str, Any]) -> dict[str, Any]:
    return {"examples": list(values)}
