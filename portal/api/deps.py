"""Request dependencies: a database session per request and the `{account}` organisation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Organisation


def get_db(request: Request) -> Iterator[Session]:
    with request.app.state.session_factory() as session:
        yield session


DbSession = Annotated[Session, Depends(get_db)]


def unknown_account_message(account: str) -> str:
    return f"We could not find an organisation called '{account}'. Please check the account name."


def get_organisation(
    db: DbSession,
    account: Annotated[str, Path(description="The organisation's account name.")],
) -> Organisation:
    org = db.scalars(select(Organisation).where(Organisation.account == account)).first()
    if org is None:
        raise HTTPException(status_code=404, detail=unknown_account_message(account))
    return org


CurrentOrg = Annotated[Organisation, Depends(get_organisation)]
