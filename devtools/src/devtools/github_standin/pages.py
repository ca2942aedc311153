"""A readable page per issue, where an issue's ``html_url`` points when the stand-in serves its own pages.

Not GitHub's page, only enough to see what github-sync filed: title, state, labels, body and comments.
Bodies are shown as text (escaped), not rendered as Markdown.
"""

from __future__ import annotations

from html import escape

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from devtools.github_standin import objects
from devtools.github_standin.calls import StandIn
from devtools.github_standin.store import Issue, Repository

_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; }
.note { background: #fff8c5; border: 1px solid #d4a72c; padding: .4rem .8rem; border-radius: 6px; }
.state { color: #fff; padding: .2rem .7rem; border-radius: 2rem; font-weight: 600; }
.open { background: #1f883d; } .closed { background: #8250df; }
.label { padding: .1rem .5rem; border-radius: 2rem; border: 1px solid #0002; margin-right: .3rem; }
.box { border: 1px solid #d0d7de; border-radius: 6px; margin: 1rem 0; }
.box header { background: #f6f8fa; border-bottom: 1px solid #d0d7de; padding: .4rem .8rem; }
.box pre { white-space: pre-wrap; word-wrap: break-word; margin: 0; padding: .8rem; font: inherit; }
"""


def router(standin: StandIn) -> APIRouter:
    pages = APIRouter()

    # {number:int}: any other path falls through to the API, whose paths never look like this one
    @pages.get("/{owner}/{name}/issues/{number:int}", response_class=HTMLResponse)
    async def issue_page(owner: str, name: str, number: int) -> HTMLResponse:
        repo = standin.store.repositories.get((owner.lower(), name.lower()))
        issue = repo.issues.get(number) if repo is not None else None
        if repo is None or issue is None:
            body = f"<p>No issue {escape(owner)}/{escape(name)}#{number} here.</p>"
            return HTMLResponse(_page("Not found", body), status_code=404)
        return HTMLResponse(_page(f"{issue.title} · #{number}", _issue(repo, issue)))

    return pages


def _issue(repo: Repository, issue: Issue) -> str:
    state = issue.state + (f" ({issue.state_reason})" if issue.state_reason else "")
    labels = "".join(
        f'<span class="label" style="background:#{escape(repo.labels[n.lower()].color)}">{escape(n)}</span>'
        for n in issue.labels
    )
    comments = "".join(
        f'<section class="box" id="issuecomment-{c.id}"><header><b>{escape(c.user)}</b> commented '
        f"{objects.timestamp(c.created_at)}</header><pre>{escape(c.body)}</pre></section>"
        for c in issue.comments
    )
    return (
        f"<h1>{escape(issue.title)} <small>{escape(repo.full_name)}#{issue.number}</small></h1>"
        f'<p><span class="state {escape(issue.state)}">{escape(state)}</span> '
        f"opened by <b>{escape(issue.user)}</b> at {objects.timestamp(issue.created_at)}</p>"
        f"<p>Labels: {labels or 'none'}</p>"
        f'<section class="box"><header>Description</header>'
        f"<pre>{escape(issue.body or '(no description)')}</pre></section>{comments}"
    )


def _page(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="en"><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{_STYLE}</style><body>"
        '<p class="note">GitHub stand-in of <code>make run</code>: not GitHub. Every issue as JSON: '
        '<a href="/_standin/issues">/_standin/issues</a></p>'
        f"{body}</body></html>"
    )
