"""The reusable Idempotency-Key mechanism, on the portal's own database (SQLite or PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from portal.models import IdempotencyRecord, MailMessage, Organisation
from portal.services import idempotency, mail
from portal.services.errors import Conflict, FormError


def _org_id(portal) -> int:
    with portal.session_factory() as session:
        return session.scalars(select(Organisation.id)).one()


def _count(portal, model) -> int:
    with portal.session_factory() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _run(portal, session, key, payload, action, **kwargs):
    return idempotency.run(
        session,
        organisation_id=_org_id(portal),
        key=key,
        method="POST",
        path="/api/v1/demo/things",
        payload=payload,
        action=action,
        **kwargs,
    )


def _write_mail(session, org_id: int, subject: str) -> idempotency.Outcome:
    mail.enqueue(session, org_id, kind="test", to="a@example.com", subject=subject, body="b")
    session.flush()
    return idempotency.Outcome(201, {"subject": subject})


def test_first_outcome_is_stored_and_replayed(portal):
    org_id = _org_id(portal)
    calls = []

    def action(session):
        calls.append(1)
        return _write_mail(session, org_id, f"call {len(calls)}")

    with portal.session_factory() as session:
        first = _run(portal, session, "k", {"a": 1, "b": [1, 2]}, lambda: action(session))
    with portal.session_factory() as session:
        # Key order does not matter: the body is canonical JSON.
        second = _run(portal, session, "k", {"b": [1, 2], "a": 1}, lambda: action(session))
    assert first == idempotency.Outcome(201, {"subject": "call 1"})
    assert second == idempotency.Outcome(201, {"subject": "call 1"}, replayed=True)
    assert calls == [1]
    assert _count(portal, MailMessage) == 1
    with portal.session_factory() as session, pytest.raises(idempotency.IdempotencyConflict):
        _run(portal, session, "k", {"a": 2}, lambda: action(session))


def test_a_crash_in_the_action_leaves_neither_the_action_nor_the_record(portal):
    org_id = _org_id(portal)

    def crash(session):
        _write_mail(session, org_id, "half done")
        raise RuntimeError("power cut")

    with portal.session_factory() as session, pytest.raises(RuntimeError):
        _run(portal, session, "k", {}, lambda: crash(session))
    assert _count(portal, MailMessage) == 0
    assert _count(portal, IdempotencyRecord) == 0
    # The retry runs the action for real.
    with portal.session_factory() as session:
        outcome = _run(portal, session, "k", {}, lambda: _write_mail(session, org_id, "done"))
    assert outcome.replayed is False
    assert _count(portal, MailMessage) == 1


def test_form_errors_are_not_stored_but_other_refusals_are(portal):
    def form_error():
        raise FormError.one("name", "Please enter a name.")

    def conflict():
        raise Conflict("This policy has changed. Please read the new version.")

    with portal.session_factory() as session, pytest.raises(FormError):
        _run(portal, session, "form", {}, form_error)
    assert _count(portal, IdempotencyRecord) == 0

    with portal.session_factory() as session, pytest.raises(Conflict):
        _run(portal, session, "conflict", {}, conflict)
    with portal.session_factory() as session:
        replayed = _run(portal, session, "conflict", {}, conflict)
    assert replayed.status_code == 409 and replayed.replayed
    assert replayed.body == {"message": "This policy has changed. Please read the new version."}


def test_secret_fields_are_fingerprinted_with_argon2(portal):
    with portal.session_factory() as session:
        _run(
            portal,
            session,
            "s",
            {"name": "x", "password": "hunter2-but-longer"},
            lambda: idempotency.Outcome(201, {"ok": True}),
            secret_fields=("password",),
        )
    with portal.session_factory() as session:
        record = session.scalars(select(IdempotencyRecord)).one()
        assert record.secret_hash and record.secret_hash.startswith("$argon2id$")
        same = _run(
            portal,
            session,
            "s",
            {"name": "x", "password": "hunter2-but-longer"},
            lambda: idempotency.Outcome(500, None),
            secret_fields=("password",),
        )
        assert same.replayed and same.body == {"ok": True}
        with pytest.raises(idempotency.IdempotencyConflict):
            _run(
                portal,
                session,
                "s",
                {"name": "x", "password": "another-password"},
                lambda: idempotency.Outcome(201, {}),
                secret_fields=("password",),
            )


def test_a_stored_refusal_undoes_the_actions_writes(portal):
    org_id = _org_id(portal)

    def decline(session):
        _write_mail(session, org_id, "half done")
        raise Conflict("Declined.")

    with portal.session_factory() as session, pytest.raises(Conflict):
        _run(portal, session, "refused", {}, lambda: decline(session))
    assert _count(portal, MailMessage) == 0
    with portal.session_factory() as session:
        record = session.scalars(select(IdempotencyRecord)).one()
        assert (record.status_code, record.response_body) == (409, {"message": "Declined."})


def test_a_key_can_be_required(portal):
    with portal.session_factory() as session, pytest.raises(idempotency.MissingIdempotencyKey):
        _run(portal, session, None, {}, lambda: idempotency.Outcome(201, {}), require_key=True)
    with portal.session_factory() as session:
        assert (
            _run(portal, session, None, {}, lambda: idempotency.Outcome(201, {})).status_code == 201
        )
    assert _count(portal, IdempotencyRecord) == 0


@pytest.mark.parametrize("refuse", [False, True], ids=["success", "refusal"])
def test_concurrent_duplicates_do_not_both_execute(portal, refuse):
    """The second request blocks on the unique key until the first commits, then replays."""
    org_id = _org_id(portal)
    executed: list[str] = []
    first_inside = threading.Event()
    second_sent = threading.Event()
    outcomes: list[idempotency.Outcome] = []
    errors: list[BaseException] = []

    def slow_action(session, name):
        executed.append(name)
        first_inside.set()
        # Hold the transaction open until the duplicate has been sent; it must wait for us.
        assert second_sent.wait(5)
        second.join(timeout=0.3)
        assert second.is_alive(), "the duplicate went through while the first was running"
        outcome = _write_mail(session, org_id, name)
        if refuse:
            raise Conflict(f"refused {name}")
        return outcome

    def request(name):
        if name == "second":
            second_sent.set()
        try:
            with portal.session_factory() as session:
                outcomes.append(
                    _run(portal, session, "dup", {"x": 1}, lambda: slow_action(session, name))
                )
        except Conflict as exc:
            outcomes.append(idempotency.Outcome(409, exc.body()))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    first = threading.Thread(target=request, args=("first",))
    first.start()
    assert first_inside.wait(5)
    second = threading.Thread(target=request, args=("second",))
    second.start()
    first.join(10)
    second.join(10)
    assert errors == []
    assert executed == ["first"]
    if refuse:
        assert [(o.status_code, o.body) for o in outcomes] == [
            (409, {"message": "refused first"})
        ] * 2
        assert _count(portal, MailMessage) == 0
    else:
        assert sorted(o.replayed for o in outcomes) == [False, True]
        assert {o.body["subject"] for o in outcomes if o.body} == {"first"}
        assert _count(portal, MailMessage) == 1
