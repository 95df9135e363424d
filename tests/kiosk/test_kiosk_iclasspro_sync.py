"""Browse mode's catalog: an iClassPro-shaped account over real HTTP, diffed into a real cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from kiosk.api.errors import UnknownAccount
from kiosk.cache.db import open_cache
from kiosk.cache.models import CatalogRecord
from kiosk.cache.repositories import CatalogRepository
from kiosk.sync.iclasspro import IClassProSync, PoliteClient, SignInRequired
from tests.iclasspro_fixture import IClassProFixture, iclasspro_account


class InstantPoliteClient(PoliteClient):
    """The real paced client on a clock the test moves: waits are recorded, not slept."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.now = 1000.0
        self.sleeps: list[float] = []

    def _monotonic(self) -> float:
        return self.now

    def _sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def account() -> Iterator[IClassProFixture]:
    with iclasspro_account() as fixture:
        yield fixture


@pytest.fixture
def make_sync(tmp_path: Path, account: IClassProFixture) -> Iterator[Any]:
    factory = open_cache(tmp_path / "cache.sqlite3")
    clients: list[PoliteClient] = []

    def make(account_name: str | None = None, **kwargs: Any) -> IClassProSync:
        client = InstantPoliteClient(
            account.url, account_name or account.account_name, requests_per_minute=600
        )
        clients.append(client)
        return IClassProSync(client, factory, tmp_path / "media", page_size=2, **kwargs)

    make.factory = factory  # type: ignore[attr-defined]
    yield make
    for client in clients:
        client.close()
    factory.kw["bind"].dispose()


def _repo_read(factory: Any, read: Any) -> Any:
    with factory() as session:
        return read(CatalogRepository(session))


def _row_count(factory: Any) -> int:
    with factory() as session:
        return int(session.scalar(select(func.count()).select_from(CatalogRecord)) or 0)


def test_a_messy_account_fills_every_browsing_list(make_sync: Any, account: Any) -> None:
    sync = make_sync(timezone="America/Chicago")
    result = sync.run()

    assert result.changes_applied > 0
    factory = make_sync.factory
    settings = _repo_read(factory, lambda r: r.settings())
    assert settings.name == "Tumbletown Gym"
    assert settings.timezone == "America/Chicago"
    assert settings.features.pro_shop and settings.features.meet_the_staff
    assert not settings.features.check_in and not settings.features.appointments
    # the closed location is not offered
    assert [loc.name for loc in _repo_read(factory, lambda r: r.locations())] == ["Tumbletown Gym"]

    classes = {c.id: c for c in _repo_read(factory, lambda r: r.classes(1))}
    assert sorted(classes) == [101, 102, 103]  # the malformed class is skipped, not the rest
    tots, ninja, teens = classes[101], classes[102], classes[103]
    # 12-hour, 24-hour with seconds, timeStamp only, "9am": all read as the same clock
    assert [(s.day_name, s.start_time, s.end_time) for s in tots.schedule] == [
        ("Mon", "15:30", "16:15")
    ]
    assert [(s.day_name, s.start_time) for s in ninja.schedule] == [
        ("Wed", "17:00"),
        ("Fri", "17:00"),
    ]
    assert [(s.day_name, s.start_time, s.end_time) for s in teens.schedule] == [
        ("Sat", "09:00", "10:00")
    ]
    # US dates, empty and zero dates, ISO timestamps
    assert str(tots.start_date) == "2027-01-05" and tots.end_date is None
    assert str(ninja.end_date) == "2027-05-28"
    # numbers as strings, nulls, numeric booleans
    assert (tots.min_age_months, tots.max_age_months) == (36, 60)
    assert ninja.openings == 0 and ninja.allow_waitlist is True
    assert tots.allow_waitlist is False and tots.openings == 4
    assert ninja.instructor_names == ("Sam Okafor",)
    # a hostile description keeps its words and loses everything that could act or load
    assert "Tumbling for <b>beginners</b>." in tots.description
    for bad in ("script", "evil.example", "onclick", "<img", "<a", "style", "display"):
        assert bad not in tots.description
    assert ninja.description == "<p>Obstacles &amp; climbing.</p>"

    camps = _repo_read(factory, lambda r: r.camps(1))
    assert [(c.name, str(c.start_date), c.daily_start, c.openings) for c in camps] == [
        ("Spring Break Camp", "2027-03-15", "09:00", 10)
    ]
    assert camps[0].description == "<p>Games, crafts and <i>gym time</i>.</p>"
    assert [t.plural_name for t in _repo_read(factory, lambda r: r.camp_types(1))] == ["Camps"]

    products = {p.name: p for p in _repo_read(factory, lambda r: r.products(1))}
    assert sorted(products) == ["Tumbletown T-shirt", "Water bottle"]  # not the staff hoodie
    assert products["Tumbletown T-shirt"].price_cents == 1800
    assert products["Tumbletown T-shirt"].short_description == "Soft cotton & fun"
    assert products["Water bottle"].sale_price_cents == 950

    staff = _repo_read(factory, lambda r: r.staff(1))
    assert [f"{s.first_name} {s.last_name}" for s in staff] == ["Ana Ruiz", "Sam Okafor"]
    assert [p.name for p in _repo_read(factory, lambda r: r.programs(1, "class"))] == [
        "Gymnastics",
        "Ninja",
    ]
    assert [level.name for level in _repo_read(factory, lambda r: r.levels(1))] == [
        "Beginner",
        "Advanced",
    ]
    menu = _repo_read(factory, lambda r: r.booking_menu(1))
    assert [(m.target, m.type_id) for m in menu] == [
        ("classes", None),
        ("camps", 3),
        ("parties", None),
    ]


def test_an_unchanged_account_writes_nothing_and_a_change_writes_only_itself(
    make_sync: Any, account: IClassProFixture
) -> None:
    sync = make_sync()
    sync.run()
    before = _row_count(make_sync.factory)
    with make_sync.factory() as session:
        versions = dict(
            session.execute(select(CatalogRecord.record_id, CatalogRecord.updated_seq)).all()
        )
    details_before = len(account.paths("/classes/"))

    again = sync.run()
    assert again.changes_applied == 0
    with make_sync.factory() as session:
        assert (
            dict(session.execute(select(CatalogRecord.record_id, CatalogRecord.updated_seq)).all())
            == versions
        )
    # descriptions of unchanged classes are not asked for again
    assert len(account.paths("/classes/")) == details_before

    account.account["classes"][0]["openings"] = 1  # a family booked Tumble Tots
    del account.account["products"][1]  # the water bottle is gone
    changed = sync.run()
    assert changed.changes_applied == 2
    assert _row_count(make_sync.factory) == before - 1
    tots = _repo_read(make_sync.factory, lambda r: r.class_offering(101))
    assert tots.openings == 1 and "beginners" in tots.description
    assert len(account.paths("/classes/")) == details_before  # openings alone: no detail request


def test_between_full_refreshes_only_the_class_lists_are_read(
    make_sync: Any, account: IClassProFixture
) -> None:
    sync = make_sync()
    sync.run()
    account.seen.clear()
    account.account["classes"][1]["openings"] = 3
    account.account["products"][0]["price"] = "99.00"

    result = sync.run(full=False)

    assert result.changes_applied == 1
    assert all("/classes?" in path for path in account.seen), account.seen
    assert _repo_read(make_sync.factory, lambda r: r.class_offering(102)).openings == 3
    shirt = next(p for p in _repo_read(make_sync.factory, lambda r: r.products(1)) if p.id == 901)
    assert shirt.price_cents == 1800  # waits for the next full refresh


def test_a_feature_the_plan_lacks_leaves_only_that_part_empty(
    make_sync: Any, account: IClassProFixture
) -> None:
    account.unavailable = {"products", "camps"}
    make_sync().run()

    settings = _repo_read(make_sync.factory, lambda r: r.settings())
    assert settings.features.pro_shop is False
    assert _repo_read(make_sync.factory, lambda r: r.products(1)) == []
    assert _repo_read(make_sync.factory, lambda r: r.camps(1)) == []
    assert len(_repo_read(make_sync.factory, lambda r: r.classes(1))) == 3


@pytest.mark.parametrize("status", [200, 401])
def test_a_sign_in_gated_account_says_so_and_keeps_the_cache(
    make_sync: Any, account: IClassProFixture, status: int
) -> None:
    account.sign_in_required = True
    account.sign_in_status = status
    with pytest.raises(SignInRequired):
        make_sync().run()
    assert _repo_read(make_sync.factory, lambda r: r.settings()) is None


def test_an_unknown_account_is_told_apart(make_sync: Any) -> None:
    with pytest.raises(UnknownAccount):
        make_sync(account_name="no-such-gym").run()


def test_one_request_at_a_time_within_the_ceiling(
    tmp_path: Path, account: IClassProFixture
) -> None:
    factory = open_cache(tmp_path / "cache.sqlite3")
    client = InstantPoliteClient(account.url, account.account_name, requests_per_minute=5)
    try:
        IClassProSync(client, factory, tmp_path / "media", download_media=False).run()
    finally:
        client.close()
        factory.kw["bind"].dispose()
    requests = len(account.seen)
    assert requests > 10
    assert account.most_in_flight == 1
    # 5 a minute: the run waited about a minute for every 5 requests after the first 5
    assert sum(client.sleeps) >= 60 * ((requests - 1) // 5) - 1


def test_classes_are_read_page_by_page(make_sync: Any, account: IClassProFixture) -> None:
    make_sync().run()
    pages = [p for p in account.paths("/classes?") if "limit=2" in p]
    assert len(pages) == 2  # 4 records, 2 a page


def test_the_embedded_demo_portal_serves_as_an_iclasspro_source(portal: Any, tmp_path: Path):
    """`make run ARGS="--source iclasspro"`: the demo portal's open API speaks the same shapes,
    so browse mode works with no outside service."""
    from portal.models import Camp, ClassOffering, Product

    factory = open_cache(tmp_path / "cache.sqlite3")
    client = PoliteClient(portal.url, "demo", requests_per_minute=600)
    try:
        result = IClassProSync(client, factory, tmp_path / "media").run()
        again = IClassProSync(client, factory, tmp_path / "media").run()
    finally:
        client.close()
    assert result.skipped == 0 and again.changes_applied == 0
    with portal.session_factory() as s:
        classes = s.scalars(
            select(ClassOffering).where(
                ClassOffering.location_id == 1, ClassOffering.active.is_(True)
            )
        ).all()
        camps = s.scalars(select(Camp).where(Camp.location_id == 1, Camp.active.is_(True))).all()
        products = s.scalars(
            select(Product).where(Product.location_id == 1, Product.show_on_portal.is_(True))
        ).all()
        wanted = (
            {c.id: c.openings for c in classes},
            sorted(c.name for c in camps),
            sorted(p.name for p in products),
        )
    with factory() as session:
        repo = CatalogRepository(session)
        assert {c.id: c.openings for c in repo.classes(1)} == wanted[0]
        assert sorted(c.name for c in repo.camps(1)) == wanted[1]
        assert sorted(p.name for p in repo.products(1)) == wanted[2]
        assert [loc.id for loc in repo.locations()] == [1, 2]
        assert all("<script" not in c.description for c in repo.classes(1))
    factory.kw["bind"].dispose()


def test_another_source_starts_the_cached_catalog_over(
    make_sync: Any, account: IClassProFixture, tmp_path: Path
) -> None:
    from kiosk.sync.catalog import ensure_catalog_source

    factory = make_sync.factory
    assert ensure_catalog_source(factory, tmp_path, "iclasspro url tumbletown") is False
    make_sync().run()
    assert _row_count(factory) > 0
    # a restart with the same settings keeps the catalog
    assert ensure_catalog_source(factory, tmp_path, "iclasspro url tumbletown") is False
    assert _row_count(factory) > 0
    # the portal's change feed, or another account, starts over from nothing
    assert ensure_catalog_source(factory, tmp_path, "portal url tumbletown") is True
    assert _row_count(factory) == 0
