"""`python -m portal`: migrate, optionally seed the demo, and serve the portal with uvicorn."""

from __future__ import annotations

import argparse
import logging
import os
import sys

import uvicorn
from sqlalchemy import select
from sqlalchemy.engine import make_url

from portal.app import create_app
from portal.core.config import DATABASE_URL_ENV, DEMO_ENV, LOG_LEVEL_ENV, PortalSettings
from portal.core.db import make_engine, make_session_factory, migrate
from portal.core.security import SECRET_KEY_ENV, configured_secret_key
from portal.models import Organisation
from portal.seed import database_is_empty, seed_checkin_day, seed_demo
from portal.services import kiosks
from portal.services.errors import ServiceError

log = logging.getLogger("portal")
# What each worker process runs when there are several (`--workers N`).
APP_FACTORY = "portal.app:create_app_from_env"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m portal", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--database",
        metavar="URL",
        default=None,
        help="SQLAlchemy URL (default: $PORTAL_DATABASE_URL or sqlite:///portal.db)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="demo mode: seed the Springfield Gymnastics demo when the database is empty and "
        "serve the demo mailbox (GET /demo/mailbox)",
    )
    parser.add_argument(
        "--forwarded-allow-ips",
        metavar="ADDRESSES",
        default=None,
        help="comma-separated addresses of the reverse proxies whose X-Forwarded-For and "
        "X-Forwarded-Proto are believed (default: none; the peer address is the client)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="serve with N worker processes (PostgreSQL only; each has its own connection "
        "pool and admission limit, see docs/scale-out.md)",
    )
    parser.add_argument("--log-level", default="info")
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    return args


NO_SECRET_KEY = (
    f"The portal needs a secret key: set {SECRET_KEY_ENV} to a long random string, kept the "
    "same across restarts (python3 -c 'import secrets; print(secrets.token_urlsafe(48))' makes "
    "one), or start with --demo."
)


SQLITE_ONE_WORKER = (
    "SQLite serves one portal process only: start with --workers 1, or give a PostgreSQL "
    "database (--database postgresql+psycopg2://...) to run several workers."
)


def enroll_kiosk(argv: list[str]) -> None:
    """`python -m portal enroll-kiosk --account A --location L`: print a pairing code for the
    first kiosk (later ones get theirs from an enrolled kiosk's staff panel)."""
    parser = argparse.ArgumentParser(
        prog="python -m portal enroll-kiosk",
        description="Print a single-use pairing code (valid 15 minutes) that enrolls one kiosk.",
    )
    parser.add_argument("--account", required=True, help="the organisation's account name")
    parser.add_argument("--location", type=int, default=None, help="the kiosk's location id")
    parser.add_argument(
        "--database",
        metavar="URL",
        default=None,
        help="SQLAlchemy URL (default: $PORTAL_DATABASE_URL or sqlite:///portal.db)",
    )
    args = parser.parse_args(argv)
    settings = PortalSettings.from_env(database_url=args.database)
    engine = make_engine(settings.database_url)
    migrate(engine)
    with make_session_factory(engine).begin() as session:
        organisation = session.scalars(
            select(Organisation).where(Organisation.account == args.account)
        ).first()
        if organisation is None:
            sys.exit(f"There is no organisation with the account name {args.account!r}.")
        try:
            code = kiosks.new_pairing_code(
                session, organisation, location_id=args.location, created_by="python -m portal"
            )
        except ServiceError as refusal:
            sys.exit(refusal.message)
    print(f"Pairing code: {code.code} (single use, valid until {code.expires_at:%H:%M} UTC)")
    print("Enter it on the kiosk: main.py --pairing-code CODE, or KIOSK_PAIRING_CODE=CODE.")


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["enroll-kiosk"]:
        enroll_kiosk(argv[1:])
        return
    args = parse_args(argv)
    if not args.demo and not configured_secret_key():
        sys.exit(NO_SECRET_KEY)
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    settings = PortalSettings.from_env(
        database_url=args.database, log_level=args.log_level, demo=True if args.demo else None
    )
    if args.workers > 1 and make_url(settings.database_url).get_backend_name() == "sqlite":
        print(SQLITE_ONE_WORKER, file=sys.stderr)
        sys.exit(2)
    engine = make_engine(settings.database_url)
    migrate(engine)
    session_factory = make_session_factory(engine)
    if args.demo:
        with session_factory.begin() as session:
            if database_is_empty(session):
                seed_demo(session)
                log.info("seeded the demo organisation (account 'demo')")
            else:
                log.info("database already has data; demo seed skipped")
            seed_checkin_day(session)  # the demo's check-in classes meet today, around now
    # uvicorn believes X-Forwarded-For from 127.0.0.1 by default: a client on the kiosk's network
    # could then pick the address every throttle counts. Only a configured proxy is believed.
    served = {
        "host": args.host,
        "port": args.port,
        "log_level": args.log_level,
        "proxy_headers": bool(args.forwarded_allow_ips),
        "forwarded_allow_ips": args.forwarded_allow_ips or "",
    }
    if args.workers == 1:
        uvicorn.run(create_app(settings, session_factory=session_factory), **served)
        return
    # Several processes: each worker builds its own app (and engine) from the environment, so
    # the settings travel there; the database is migrated and seeded once, above.
    engine.dispose()
    os.environ[DATABASE_URL_ENV] = settings.database_url
    os.environ[LOG_LEVEL_ENV] = args.log_level
    if args.demo:
        os.environ[DEMO_ENV] = "1"
    uvicorn.run(APP_FACTORY, factory=True, workers=args.workers, **served)


if __name__ == "__main__":
    main()
