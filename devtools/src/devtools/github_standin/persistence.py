"""The store as a JSON file, for a stand-in that outlives one process.

``make run`` keeps its database between runs, and github-sync's links to issues with it (each issue's
number and node id is unique there); a stand-in that forgot its issues would hand the same ones out again.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from devtools.github_standin.store import Comment, Issue, Label, Repository, Store

FORMAT = 1
_MOMENTS = ("created_at", "updated_at", "closed_at")


def save(store: Store, path: Path) -> None:
    """Write ``store`` to ``path`` atomically: a crash leaves the old file or the new one."""
    data = {
        "format": FORMAT,
        "last_id": store.last_id,
        "repositories": [
            {
                "id": repo.id,
                "owner": repo.owner,
                "name": repo.name,
                "last_number": repo.last_number,
                "labels": [asdict(label) for label in repo.labels.values()],
                "issues": [_dump_issue(issue) for issue in repo.issues.values()],
            }
            for repo in store.repositories.values()
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(partial, path)


def load(path: Path) -> Store:
    """The store saved in ``path``; a missing file is an empty store."""
    store = Store()
    if not path.exists():
        return store
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r}, expected {FORMAT}")
        for raw in data["repositories"]:
            repo = Repository(raw["id"], raw["owner"], raw["name"], last_number=raw["last_number"])
            repo.labels = {label["name"].lower(): Label(**label) for label in raw["labels"]}
            repo.issues = {issue["number"]: _load_issue(issue) for issue in raw["issues"]}
            store.repositories[(repo.owner.lower(), repo.name.lower())] = repo
        store.last_id = int(data["last_id"])
    except (ValueError, KeyError, TypeError) as error:
        message = f"{path} is not a GitHub stand-in state file ({error}); delete it to start afresh"
        raise ValueError(message) from error
    return store


def _dump_issue(issue: Issue) -> dict[str, Any]:
    data = asdict(issue)
    for comment in data["comments"]:
        _to_text(comment)
    return _to_text(data)


def _load_issue(data: dict[str, Any]) -> Issue:
    comments = [Comment(**_to_moment(comment)) for comment in data.pop("comments")]
    return Issue(**_to_moment(data), comments=comments)


def _to_text(data: dict[str, Any]) -> dict[str, Any]:
    for key in _MOMENTS:
        if isinstance(data.get(key), datetime):
            data[key] = data[key].isoformat()
    return data


def _to_moment(data: dict[str, Any]) -> dict[str, Any]:
    for key in _MOMENTS:
        if data.get(key) is not None:
            data[key] = datetime.fromisoformat(data[key])
    return data
