"""Kiosk entry point: parse arguments, start the demo portal if asked, then run the Qt app."""

from __future__ import annotations

import argparse
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
    parser.add_argument("--config", metavar="FILE", type=Path, help="a kiosk settings TOML file")
    parser.add_argument(
        "--data-dir", metavar="DIR", type=Path, help="where the cache and logs live"
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
        from portal.embedded import EmbeddedPortal

        data_dir.mkdir(parents=True, exist_ok=True)
        embedded = EmbeddedPortal(f"sqlite:///{data_dir / 'demo-portal.sqlite3'}", seed_demo=True)
        overrides["portal_url"] = embedded.start()
        overrides["account"] = args.account or DEMO_ACCOUNT
    if args.location is not None:
        overrides["location_id"] = args.location

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
        kiosk_app.window.showFullScreen()
    code = app.exec()
    kiosk_app.shutdown()
    if embedded is not None:
        embedded.stop()
    return code


if __name__ == "__main__":
    sys.exit(main())
