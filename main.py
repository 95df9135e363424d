"""Kiosk entry point: parse arguments, start the demo portal if asked, then run the Qt app."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEMO_ACCOUNT = "demo"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Customer portal kiosk. With no --portal it runs on a built-in demo portal."
    )
    parser.add_argument(
        "--portal", metavar="URL", help="the portal's base URL, e.g. https://portal.example.com"
    )
    parser.add_argument("--account", metavar="NAME", help="the organisation's account name")
    parser.add_argument(
        "--location", metavar="ID", type=int, help="the location this kiosk stands in"
    )
    parser.add_argument(
        "--source",
        choices=("portal", "iclasspro"),
        help="where the catalog comes from: the portal's change feed (default) or an iClassPro "
        "account's public open API (browse mode)",
    )
    parser.add_argument("--config", metavar="FILE", type=Path, help="a kiosk settings TOML file")
    parser.add_argument(
        "--data-dir", metavar="DIR", type=Path, help="where the cache and logs live"
    )
    parser.add_argument(
        "--pairing-code",
        metavar="CODE",
        help="enroll this kiosk with its portal (a single-use code from staff)",
    )
    parser.add_argument(
        "--windowed",
        action="store_true",
        help="a normal window instead of full screen (development)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from kiosk.config import SettingsError, default_data_dir, load_settings
    from kiosk.logs import configure_logging

    data_dir = args.data_dir or default_data_dir()
    configure_logging(data_dir)
    embedded = None
    overrides: dict[str, object] = {"data_dir": data_dir}
    if args.portal:
        overrides["portal_url"] = args.portal
        if args.account:
            overrides["account"] = args.account
    elif args.config is None:
        # The built-in demo: a real portal over real HTTP on 127.0.0.1, seeded on first run.
        # A demo of another day (KIOSK_CLOCK_START) is that day for its portal too.
        from kiosk.clock import clock as kiosk_clock

        pinned = kiosk_clock.start_text()
        if pinned is not None:
            os.environ["PORTAL_CLOCK_START"] = pinned
        try:
            from portal.embedded import EmbeddedPortal, discard_aged_demo
        except ImportError:  # a kiosk-only install (the `kiosk` extra) has no portal to embed
            print(
                "The built-in demo needs the portal installed (pip install 'lobby-kiosk[demo]'); "
                "or start the kiosk on your portal with --portal URL.",
                file=sys.stderr,
            )
            return 2

        data_dir.mkdir(parents=True, exist_ok=True)
        demo_database = data_dir / "demo-portal.sqlite3"
        # The demo tells its stories from the day it was seeded: on a later day it starts over,
        # and the kiosk's copy of its catalog goes with it.
        if discard_aged_demo(demo_database):
            for suffix in ("", "-wal", "-shm"):
                (data_dir / f"kiosk-cache.sqlite3{suffix}").unlink(missing_ok=True)
        embedded = EmbeddedPortal(f"sqlite:///{demo_database}", seed_demo=True)
        overrides["portal_url"] = embedded.start()
        overrides["account"] = args.account or DEMO_ACCOUNT
        # The demo's kiosk enrolls itself (kiosk.enrollment): staff mode and check-in just work.
        overrides["pairing_code"] = embedded.pairing_code(str(overrides["account"]))
    if args.location is not None:
        overrides["location_id"] = args.location
    if args.source:
        overrides["source"] = args.source
    if args.pairing_code:
        overrides["pairing_code"] = args.pairing_code

    try:
        settings = load_settings(args.config, **overrides)
    except SettingsError as exc:
        print(f"The kiosk settings need attention:\n{exc}", file=sys.stderr)
        return 2

    from ui.app import build_kiosk, start_application

    app = start_application(sys.argv[:1])
    # Staff saves kiosk settings to the file the kiosk starts from, so they survive a restart.
    kiosk_app = build_kiosk(settings, kiosk_mode=not args.windowed, settings_path=args.config)
    if args.windowed:
        kiosk_app.window.show()
    else:
        # Without a window manager (a bare X kiosk) full screen does not resize the window:
        # take the screen's size first, so an upright 1080x1920 screen is filled too.
        kiosk_app.window.setGeometry(kiosk_app.window.screen().geometry())
        kiosk_app.window.showFullScreen()
    code = app.exec()
    kiosk_app.shutdown()
    if embedded is not None:
        embedded.stop()
    return code


if __name__ == "__main__":
    sys.exit(main())
