"""`python -m portal`: migrate, optionally seed the demo, and serve the portal with uvicorn."""

from __future__ import annotations

import argparse
import logging

import uvicorn

from portal.app import create_app
from portal.core.config import PortalSettings
from portal.core.db import make_engine, make_session_factory, migrate
from portal.seed import database_is_empty, seed_checkin_day, seed_demo

log = logging.getLogger("portal")


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
    parser.add_argument("--log-level", default="info")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    settings = PortalSettings.from_env(
        database_url=args.database, log_level=args.log_level, demo=True if args.demo else None
    )
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
    app = create_app(settings, session_factory=session_factory)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)


if __name__ == "__main__":
    main()
