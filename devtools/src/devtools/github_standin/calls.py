"""What a handler gets and returns, and GitHub's page-number pagination."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode

from devtools.github_standin import persistence
from devtools.github_standin.errors import Reply, not_found
from devtools.github_standin.faults import FaultBook
from devtools.github_standin.journal import Journal
from devtools.github_standin.objects import HTML
from devtools.github_standin.ratelimit import RateLimit
from devtools.github_standin.spec import Spec
from devtools.github_standin.store import Issue, Repository, Store

T = TypeVar("T")


class StandIn:
    """Everything one stand-in instance holds; ``reset()`` forgets all of it.

    ``state_file``: where the store is kept between processes (loaded now, written by ``save()``);
    None keeps it in memory only. ``local_pages``: issues' ``html_url`` points at the stand-in's own
    pages instead of https://github.com.
    """

    def __init__(
        self, spec: Spec, token: str | None, *, state_file: Path | None = None, local_pages: bool = False
    ) -> None:
        self.spec = spec
        self.token = token
        self.state_file = state_file
        self.local_pages = local_pages
        self.store = persistence.load(state_file) if state_file is not None else Store()
        self.journal = Journal()
        self.faults = FaultBook()
        self.rate = RateLimit()

    def reset(self) -> None:
        self.store = Store()
        self.journal.clear()
        self.faults.clear()
        self.rate = RateLimit()
        self.save()

    def save(self) -> None:
        if self.state_file is not None:
            persistence.save(self.store, self.state_file)

    def html_base(self, base: str) -> str:
        """Where web pages live, given the base URL the API was reached at."""
        return base if self.local_pages else HTML


@dataclass(frozen=True)
class Call:
    standin: StandIn
    base: str  # the stand-in's own base URL, e.g. http://127.0.0.1:8027
    method: str
    path: str
    operation_id: str
    params: Mapping[str, str]  # path parameters
    query: Mapping[str, str]
    body: Any
    docs_url: str

    @property
    def html(self) -> str:
        return self.standin.html_base(self.base)

    @property
    def repo(self) -> Repository:
        return self.standin.store.repository(self.params["owner"], self.params["repo"])

    def issue(self) -> Issue:
        found = self.repo.issues.get(int(self.params["issue_number"]))
        if found is None:
            raise not_found(self.docs_url)
        return found

    def paginate(self, items: Sequence[T], render: Callable[[T], Any]) -> Reply:
        """One page (``per_page``, default 30, at most 100) and GitHub's ``Link`` header."""
        per_page = min(max(int(self.query.get("per_page", 30)), 1), 100)
        page = max(int(self.query.get("page", 1)), 1)
        last = max((len(items) + per_page - 1) // per_page, 1)
        chunk = items[(page - 1) * per_page : page * per_page]
        links = {"prev": page - 1, "next": page + 1, "first": 1, "last": last}
        wanted = [rel for rel in ("prev", "first") if page > 1]
        wanted += [rel for rel in ("next", "last") if page < last]
        link = ", ".join(f'<{self._page_url(links[rel])}>; rel="{rel}"' for rel in wanted)
        return Reply(200, [render(item) for item in chunk], {"link": link} if link else {})

    def _page_url(self, page: int) -> str:
        return f"{self.base}{self.path}?{urlencode({**self.query, 'page': page})}"


Handler = Callable[[Call], Reply]
