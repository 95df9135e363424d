"""Demo only (`--demo`): the outgoing mails, so that forgot-password works without a mail server."""

from __future__ import annotations

import html
import ipaddress
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from portal import schemas
from portal.api.deps import CurrentOrg, DbSession, find_organisation, unknown_account_message
from portal.services import mail

ERRORS: dict[int | str, dict[str, Any]] = {
    403: {"model": schemas.ErrorMessage, "description": "Not read on the portal's computer"},
    404: {"model": schemas.ErrorMessage, "description": "Not a demo portal, or unknown account"},
}

router = APIRouter(tags=["demo"], responses=ERRORS)

NOT_DEMO = "The mailbox exists only on a demo portal (python -m portal --demo)."
NOT_HERE = "The demo mailbox can be read only on the computer the portal runs on."


def _require_demo(request: Request) -> None:
    """Demo mode, and a reader on this computer: the mailbox holds every reset code."""
    if not getattr(request.app.state.settings, "demo", False):
        raise HTTPException(status_code=404, detail=NOT_DEMO)
    if not _from_loopback(request):
        raise HTTPException(status_code=403, detail=NOT_HERE)


def _from_loopback(request: Request) -> bool:
    # The peer address: uvicorn believes X-Forwarded-For only from a configured proxy.
    try:
        return request.client is not None and ipaddress.ip_address(request.client.host).is_loopback
    except ValueError:
        return False


@router.get("/api/v1/{account}/demo/mailbox", response_model=schemas.Mailbox)
def mailbox(request: Request, org: CurrentOrg, db: DbSession) -> schemas.Mailbox:
    """The newest outgoing mails (codes, welcomes), newest first. Staff read it from the
    kiosk's staff area during a demo."""
    _require_demo(request)
    return schemas.Mailbox(
        messages=[
            schemas.MailboxMessage(
                id=m.id, to=m.to, subject=m.subject, body=m.body, created_at=m.created_at
            )
            for m in mail.newest(db, org.id)
        ]
    )


PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="5">
<title>Demo mailbox - {org}</title>
<style>
body {{ font: 16px/1.4 system-ui, sans-serif; margin: 2rem auto; max-width: 48rem; }}
article {{ border: 1px solid #ccc; border-radius: 8px; padding: 1rem; margin: 1rem 0; }}
pre {{ white-space: pre-wrap; font: inherit; }}
small {{ color: #555; }}
</style></head>
<body><h1>Demo mailbox &mdash; {org}</h1>
<p><small>Outgoing mails of the demo portal, newest first. This page refreshes itself.</small></p>
{items}
</body></html>
"""

ITEM = """<article><h2>{subject}</h2>
<small>To {to} &middot; {when}</small>
<pre>{body}</pre></article>"""


def _json_error(description: str) -> dict[str, Any]:
    # Errors of the HTML page are JSON like everywhere else, not text/html.
    schema = {"$ref": "#/components/schemas/ErrorMessage"}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


@router.get(
    "/demo/mailbox",
    response_class=HTMLResponse,
    responses={
        400: _json_error("The account name is too long"),
        404: _json_error("Not a demo portal, or unknown account"),
    },
)
def mailbox_page(
    request: Request,
    db: DbSession,
    account: Annotated[str, Query(max_length=64, description="The account name.")] = "demo",
) -> HTMLResponse:
    """The demo mailbox as a small web page."""
    _require_demo(request)
    org = find_organisation(db, account)
    if org is None:
        raise HTTPException(status_code=404, detail=unknown_account_message("that name"))
    messages = mail.newest(db, org.id)
    items = "\n".join(
        ITEM.format(
            subject=html.escape(m.subject),
            to=html.escape(m.to),
            when=html.escape(m.created_at.strftime("%Y-%m-%d %H:%M UTC")),
            body=html.escape(m.body),
        )
        for m in messages
    )
    return HTMLResponse(
        PAGE.format(org=html.escape(org.name), items=items or "<p>No mail yet.</p>")
    )
