"""Outgoing mail: an outbox table written with the action, and an optional SMTP sender.

`enqueue()` adds a row in the caller's transaction, so a mail exists exactly when its action
committed. Delivery is separate: `deliver_pending()` hands unsent rows to a `MailSender` (SMTP
when configured) after the response has gone out, so a slow mail server never delays a request
or tells a stranger, by its timing, whether an address has an account. Delivery is at least
once: a crash between sending and marking the row can send a mail twice, never lose one.
"""

from __future__ import annotations

import logging
import smtplib
import threading
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from portal.models import MailMessage, as_utc, utcnow

log = logging.getLogger(__name__)

MAX_SEND_ATTEMPTS = 5
MAILBOX_LIMIT = 50


@dataclass(frozen=True)
class OutgoingMail:
    to: str
    subject: str
    body: str
    sender: str = ""


class MailSender(Protocol):
    """Delivers one mail or raises; implementations must be thread-safe."""

    def send(self, mail: OutgoingMail) -> None: ...


class SmtpMailSender:
    """Plain SMTP (the facility's relay); one connection per batch is not worth the state."""

    def __init__(self, host: str, port: int = 25, sender: str = "portal@localhost") -> None:
        self.host = host
        self.port = port
        self.sender = sender

    def send(self, mail: OutgoingMail) -> None:
        message = EmailMessage()
        message["From"] = mail.sender or self.sender
        message["To"] = mail.to
        message["Subject"] = mail.subject
        message.set_content(mail.body)
        with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
            smtp.send_message(message)


@dataclass(frozen=True)
class StoredMail:
    id: int
    to: str
    subject: str
    body: str
    created_at: datetime


def enqueue(
    session: Session, organisation_id: int, *, kind: str, to: str, subject: str, body: str
) -> MailMessage:
    """Add a mail to the outbox in the caller's transaction (the caller commits)."""
    message = MailMessage(
        organisation_id=organisation_id, kind=kind, to_address=to, subject=subject, body=body
    )
    session.add(message)
    return message


def newest(session: Session, organisation_id: int, limit: int = MAILBOX_LIMIT) -> list[StoredMail]:
    """The newest outgoing mails of an organisation, newest first (the demo mailbox)."""
    rows = session.scalars(
        select(MailMessage)
        .where(MailMessage.organisation_id == organisation_id)
        .order_by(MailMessage.id.desc())
        .limit(limit)
    ).all()
    return [
        StoredMail(
            id=m.id,
            to=m.to_address,
            subject=m.subject,
            body=m.body,
            created_at=as_utc(m.created_at) or utcnow(),
        )
        for m in rows
    ]


_delivery_lock = threading.Lock()


def deliver_pending(
    session_factory: sessionmaker[Session], sender: MailSender, *, limit: int = 50
) -> int:
    """Send unsent mails (oldest first); returns how many went out. Failures are retried on a
    later call, up to MAX_SEND_ATTEMPTS. One delivery at a time per process; across processes
    (several workers or hosts on PostgreSQL) each mail is claimed with a row lock that others
    skip, one mail per transaction, so two deliveries never send the same row at once."""
    sent = 0
    last_id = 0
    with _delivery_lock, session_factory() as session:
        for _ in range(limit):
            message = session.scalars(
                select(MailMessage)
                .where(
                    MailMessage.sent_at.is_(None),
                    MailMessage.send_attempts < MAX_SEND_ATTEMPTS,
                    MailMessage.id > last_id,
                )
                .order_by(MailMessage.id)
                .limit(1)
                .with_for_update(skip_locked=True)
            ).first()
            if message is None:
                break
            last_id = message.id
            message.send_attempts += 1
            try:
                sender.send(
                    OutgoingMail(to=message.to_address, subject=message.subject, body=message.body)
                )
            except Exception as exc:  # any transport failure: keep the row, retry later
                message.last_error = f"{type(exc).__name__}: {exc}"[:500]
                log.warning("mail %s to the outbox's recipient not sent: %s", message.id, exc)
            else:
                message.sent_at = utcnow()
                message.last_error = ""
                sent += 1
            session.commit()
    return sent
