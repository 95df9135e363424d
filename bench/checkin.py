"""Self check-in: the time from a family typing its PIN (identification sent) to a confirmed
check-in, through the kiosk's own CheckInService and PortalClient, against the portal in a
process of its own on loopback. Saturday's rush is 80-120 check-ins in 15 minutes; the figure
is one kiosk doing them back to back, and three kiosks at once as a note."""

from __future__ import annotations

import threading
import time
from datetime import UTC, timedelta
from pathlib import Path

from sqlalchemy import select

from kiosk.api.client import PortalClient
from kiosk.checkin import CheckInService, default_selection
from portal.core.db import make_engine, make_session_factory
from portal.models import (
    ClassOffering,
    Enrollment,
    Family,
    Organisation,
    OrganisationSettings,
    Policy,
    PolicyAcceptance,
    Student,
)
from portal.services import checkin, schedule

from .common import Context, Result, copy_sqlite, failed, median, p95, portal_process
from .dataset import demo_portal_db

LIMIT_MS = 300.0
FIRST_PIN = 700000  # bench families' PINs: 700000, 700001, ... (6 digits, none of the demo's)
KIOSKS = 3


def _prepare(url: str, families: int) -> list[str]:
    """`families` families of two children each, enrolled in one of ten classes that start
    ten minutes from now (facility time), each family with its own check-in PIN."""
    engine = make_engine(url)
    factory = make_session_factory(engine)
    try:
        with factory.begin() as session:
            org_id = session.scalars(select(Organisation.id)).one()
            settings = session.scalars(
                select(OrganisationSettings).where(OrganisationSettings.organisation_id == org_id)
            ).one()
            settings.check_in_balance_limit_cents = None
            # A facility clock near midday, so "ten minutes from now" is today at any hour.
            local = schedule.facility_now(session, org_id)
            if not 6 <= local.hour < 18:
                east = 12 - local.astimezone(UTC).hour
                settings.timezone = f"Etc/GMT{-east:+d}"
                session.flush()
                local = schedule.facility_now(session, org_id)
            start = local.replace(second=0, microsecond=0) + timedelta(minutes=10)
            begin = start.hour * 60 + start.minute
            today = local.date()
            classes = []
            for n in range(10):
                cls = ClassOffering(
                    organisation_id=org_id,
                    location_id=settings.default_location_id,
                    name=f"Bench Rush {n}",
                    schedule=[
                        {
                            "dayNumber": schedule.day_number(today),
                            "startTime": schedule.from_minutes(begin),
                            "endTime": schedule.from_minutes(min(begin + 60, 23 * 60 + 59)),
                        }
                    ],
                    capacity=1000,
                    start_date=today - timedelta(days=7),
                    end_date=today + timedelta(days=7),
                )
                session.add(cls)
                classes.append(cls)
            session.flush()
            policies = list(session.scalars(select(Policy).where(Policy.organisation_id == org_id)))
            pins = []
            for n in range(families):
                family = Family(
                    organisation_id=org_id,
                    name=f"Rush{n}",
                    students=[
                        Student(organisation_id=org_id, first_name=name, last_name=f"Rush{n}")
                        for name in ("Ava", "Ben")
                    ],
                )
                session.add(family)
                session.flush()
                pin = str(FIRST_PIN + n)
                checkin.set_pin(session, family, pin)
                cls = classes[n % len(classes)]
                for kid in family.students:
                    session.add(
                        Enrollment(organisation_id=org_id, student_id=kid.id, class_id=cls.id)
                    )
                cls.enrolled += len(family.students)
                # Policies accepted: a family with one outstanding is (rightly) sent to the desk.
                for policy in policies:
                    for kid in family.students if policy.kind == "student" else [None]:
                        session.add(
                            PolicyAcceptance(
                                organisation_id=org_id,
                                family_id=family.id,
                                student_id=kid.id if kid else None,
                                policy_id=policy.id,
                                version=policy.version,
                            )
                        )
                pins.append(pin)
            return pins
    finally:
        engine.dispose()


def _check_in_all(base: str, pins: list[str], device: str, out: list[float], errors: list[str]):
    """One kiosk: for each family, identify by PIN and check in what is ticked; ms each."""
    client = PortalClient(base, "demo", timeout=30)
    service = CheckInService(client, device)
    try:
        for pin in pins:
            started = time.perf_counter()
            try:
                (family,) = service.identify("pin", pin)
                result = service.check_in(family, default_selection(family), "pin")
            except Exception as exc:  # counted and reported, never hidden
                errors.append(type(exc).__name__)
                continue
            out.append((time.perf_counter() - started) * 1000)
            if len(result.checked_in) != 2:
                errors.append(f"checked in {len(result.checked_in)} of 2")
    finally:
        client.close()


def run(ctx: Context) -> list[Result]:
    figure = "check-in: identify to confirmed"
    target = f"p95 <= {LIMIT_MS:g} ms"
    solo_count = ctx.samples(120, 30)
    rush_count = ctx.samples(120, 30)
    db = copy_sqlite(demo_portal_db(), Path(ctx.work) / "checkin.sqlite3")
    url = f"sqlite:///{db}"
    try:
        pins = _prepare(url, solo_count + rush_count)
    except Exception as exc:
        return [failed(figure, "ms", target, f"preparing: {type(exc).__name__}: {exc}")]
    solo_pins, rush_pins = pins[:solo_count], pins[solo_count:]
    solo: list[float] = []
    rush: list[float] = []
    errors: list[str] = []
    with portal_process(url, ctx.work / "portal-checkin.log") as portal:
        # A warm-up family so the first sample is not the portal's first request.
        _check_in_all(portal.url, solo_pins[:1], "bench-warm", [], errors)
        _check_in_all(portal.url, solo_pins[1:], "bench-kiosk-0", solo, errors)
        threads = [
            threading.Thread(
                target=_check_in_all,
                args=(portal.url, rush_pins[k::KIOSKS], f"bench-kiosk-{k + 1}", rush, errors),
                daemon=True,
            )
            for k in range(KIOSKS)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=600)
        wall = time.perf_counter() - started
    if not solo:
        return [failed(figure, "ms", target, f"no check-in ran: {sorted(set(errors))[:5]}")]
    high = p95(solo)
    error_text = f"; {len(errors)} errors ({', '.join(sorted(set(errors))[:5])})" if errors else ""
    rush_text = (
        f"{KIOSKS} kiosks at once: {len(rush)} families in {wall:.1f} s, p95 {p95(rush):.0f} ms"
        if rush
        else f"{KIOSKS} kiosks at once: none ran"
    )
    return [
        Result(
            figure,
            "ms",
            len(solo),
            median(solo),
            high,
            target=target,
            passed=high <= LIMIT_MS and not errors,
            notes=(
                "one kiosk, families back to back: PIN sent -> family with today's classes -> "
                "one tap checks in two children (two HTTP calls, SQLite portal); "
                f"{rush_text}{error_text}"
            ),
            extra={"rush_p95_ms": p95(rush) if rush else None, "errors": len(errors)},
        )
    ]
