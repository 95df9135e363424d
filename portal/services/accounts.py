"""Family accounts: create an account, read and edit the family, outstanding policies.

Functions take a Session and leave the commit to the caller (the idempotency helper or the
route), so an account, its token and its welcome mail commit together or not at all.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, exists, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal import rules, schemas
from portal.core.security import hash_password, verify_password
from portal.models import (
    Charge,
    EmailChangeCode,
    EmergencyContact,
    Family,
    Guardian,
    Organisation,
    Policy,
    PolicyAcceptance,
    Student,
    as_utc,
    guardian_families,
    utcnow,
)
from portal.services import auth, mail, schedule
from portal.services.errors import (
    FORM_MESSAGE,
    Conflict,
    EmailInUse,
    FieldError,
    FormError,
    NotFound,
)

POLICY_CHANGED = "This policy has changed. Please read the new version."
GUARDIAN_NOT_FOUND = "We could not find that guardian in your family."
NOT_YOUR_EMAIL = "Only {name} can change their own login email, when signed in as themselves."
WRONG_EMAIL_CODE = (
    "That code is not right or has expired. Please check it, or change the email again."
)
EMAIL_CODE_TTL = timedelta(minutes=15)
MAX_EMAIL_CODE_GUESSES = 5
STUDENT_NOT_FOUND = "We could not find that student in your family."
# The contract's address keys -> Guardian columns.
ADDRESS_COLUMNS = {
    "line1": "address",
    "line2": "address2",
    "city": "city",
    "state": "state",
    "zip": "zip",
}


def _check_born_before_today(
    session: Session, organisation_id: int, births: Iterable[tuple[str, Any]]
) -> None:
    """Birth dates must be before the facility's today (the schema only knows UTC's)."""
    today = schedule.facility_now(session, organisation_id).date()
    errors = [
        FieldError(field, message)
        for field, born in births
        if born is not None and (message := rules.born_before(born, today))
    ]
    if errors:
        raise FormError(FORM_MESSAGE, errors=errors)


def email_taken(
    session: Session, organisation_id: int, email: str, *, except_guardian: int | None = None
) -> bool:
    query = select(Guardian.id).where(
        Guardian.organisation_id == organisation_id, Guardian.email == email.lower()
    )
    if except_guardian is not None:
        query = query.where(Guardian.id != except_guardian)
    return session.scalars(query.limit(1)).first() is not None


def _flush_or_email_in_use(session: Session, field: str) -> None:
    """The unique (organisation, email) is the judge when two requests race for an address."""
    try:
        session.flush()
    except IntegrityError:
        raise EmailInUse(field) from None


# --------------------------------------------------------------------------- create


def create_account(
    session: Session, organisation: Organisation, request: schemas.CreateAccountRequest
) -> schemas.LoginResult:
    """Guardian, password, students, emergency contact and a family named after the guardian's
    last name, logged in with the family bound, plus a welcome mail. The caller commits."""
    g = request.guardian
    _check_born_before_today(
        session,
        organisation.id,
        ((f"students.{i}.birthDate", s.birth_date) for i, s in enumerate(request.students)),
    )
    if email_taken(session, organisation.id, g.email):
        raise EmailInUse("guardian.email")
    guardian = Guardian(
        organisation_id=organisation.id,
        first_name=g.first_name,
        last_name=g.last_name,
        email=g.email,
        phone=g.phone,
        address=g.address.line1,
        address2=g.address.line2,
        city=g.address.city,
        state=g.address.state,
        zip=g.address.zip,
        password_hash=hash_password(request.password),
    )
    family = Family(
        organisation_id=organisation.id,
        name=g.last_name,
        students=[
            Student(
                organisation_id=organisation.id,
                first_name=s.first_name,
                last_name=s.last_name,
                birth_date=s.birth_date,
                gender=s.gender,
            )
            for s in request.students
        ],
        emergency_contacts=[
            EmergencyContact(
                organisation_id=organisation.id,
                name=request.emergency_contact.name,
                phone=request.emergency_contact.phone,
                relationship_=request.emergency_contact.relationship,
            )
        ],
    )
    session.add_all([guardian, family])
    _flush_or_email_in_use(session, "guardian.email")
    session.execute(
        guardian_families.insert().values(
            guardian_id=guardian.id, family_id=family.id, is_primary=True
        )
    )
    session.refresh(guardian, ["families"])
    names = ", ".join(s.first_name for s in request.students)
    mail.enqueue(
        session,
        organisation.id,
        kind="welcome",
        to=guardian.email,
        subject=f"Welcome to {organisation.name}",
        body=(
            f"Hello {guardian.first_name},\n\n"
            f"Your family account at {organisation.name} is ready"
            f"{f' for {names}' if names else ''}. You can sign in at the kiosk in the lobby or "
            f"in the Customer Portal with this email address and the password you chose.\n\n"
            f"See you soon!\n{organisation.name}"
        ),
    )
    issued = auth.issue_token(session, guardian, family, request.device_id)
    session.flush()
    return auth.login_result(issued, guardian, family)


def resume_created_account(
    session: Session, organisation: Organisation, stored: dict[str, Any], device_id: str
) -> schemas.LoginResult:
    """A replayed account creation: the same account, logged in again with a fresh token (the
    first token is never stored in clear). The caller commits."""
    guardian_id = int(stored["guardian"]["id"])
    family_id = int(stored["family"]["id"])
    guardian = session.get(Guardian, guardian_id)
    if guardian is None or guardian.organisation_id != organisation.id:
        raise NotFound("That account no longer exists.")
    family = next((f for f in guardian.families if f.id == family_id), None)
    if family is None or family.suspended:
        return auth.start_session(session, guardian, device_id)
    issued = auth.issue_token(session, guardian, family, device_id)
    return auth.login_result(issued, guardian, family)


# --------------------------------------------------------------------------- read


def _primary_ids(session: Session, family_id: int) -> set[int]:
    rows = session.execute(
        select(guardian_families.c.guardian_id).where(
            guardian_families.c.family_id == family_id, guardian_families.c.is_primary.is_(True)
        )
    ).all()
    return {int(r[0]) for r in rows}


def guardian_out(guardian: Guardian, is_primary: bool) -> schemas.GuardianOut:
    return schemas.GuardianOut(
        id=guardian.id,
        first_name=guardian.first_name,
        last_name=guardian.last_name,
        email=guardian.email,
        phone=guardian.phone,
        address=schemas.Address(
            line1=guardian.address,
            line2=guardian.address2,
            city=guardian.city,
            state=guardian.state,
            zip=guardian.zip,
        ),
        is_primary=is_primary,
    )


def student_out(student: Student) -> schemas.StudentOut:
    return schemas.StudentOut(
        id=student.id,
        first_name=student.first_name,
        last_name=student.last_name,
        birth_date=student.birth_date,
        gender=student.gender,
    )


def contact_out(contact: EmergencyContact) -> schemas.EmergencyContactOut:
    return schemas.EmergencyContactOut(
        name=contact.name, phone=contact.phone, relationship=contact.relationship_
    )


def _contact(family: Family) -> EmergencyContact | None:
    return min(family.emergency_contacts, key=lambda c: c.id, default=None)


def family_view(session: Session, family: Family) -> schemas.FamilyOut:
    balance_due = session.scalar(
        select(func.coalesce(func.sum(Charge.amount_cents), 0)).where(
            Charge.family_id == family.id, Charge.paid.is_(False)
        )
    )
    primary = _primary_ids(session, family.id)
    contact = _contact(family)
    return schemas.FamilyOut(
        id=family.id,
        name=family.name,
        credit_balance_cents=family.credit_balance_cents,
        balance_due_cents=int(balance_due or 0),
        guardians=[
            guardian_out(g, g.id in primary) for g in sorted(family.guardians, key=lambda g: g.id)
        ],
        students=[student_out(s) for s in family.students],
        emergency_contact=contact_out(contact) if contact is not None else None,
    )


# --------------------------------------------------------------------------- edit


def update_guardian(
    session: Session,
    family: Family,
    guardian_id: int,
    patch: schemas.GuardianPatch,
    *,
    signed_in: Guardian | None = None,
) -> schemas.GuardianUpdated:
    """Change the fields sent (any guardian of the bound family). A login email is another
    matter: only its own guardian changes it, and only once the code sent to the new address
    comes back (`confirm_email_change`); the answer then shows the address still in use, with
    `pendingEmail`. The caller commits."""
    guardian = next((g for g in family.guardians if g.id == guardian_id), None)
    if guardian is None:
        raise NotFound(GUARDIAN_NOT_FOUND)
    sent = patch.model_fields_set
    pending: str | None = None
    if "email" in sent and patch.email != guardian.email:
        if signed_in is None or signed_in.id != guardian.id:
            raise FormError.one("email", NOT_YOUR_EMAIL.format(name=guardian.first_name))
        if email_taken(session, guardian.organisation_id, patch.email, except_guardian=guardian.id):
            raise EmailInUse("email")
        pending = start_email_change(session, guardian, patch.email)
    for name in ("first_name", "last_name", "phone"):
        if name in sent:
            setattr(guardian, name, getattr(patch, name))
    if "address" in sent:
        for name in patch.address.model_fields_set:
            setattr(guardian, ADDRESS_COLUMNS[name], getattr(patch.address, name))
    _flush_or_email_in_use(session, "email")
    answer = guardian_out(guardian, guardian.id in _primary_ids(session, family.id))
    return schemas.GuardianUpdated(**answer.model_dump(), pending_email=pending)


def start_email_change(session: Session, guardian: Guardian, new_email: str) -> str:
    """Mail a 6-digit code to the new address and a notice to the old one (earlier codes are
    spent). The caller commits."""
    now = utcnow()
    session.execute(
        update(EmailChangeCode)
        .where(EmailChangeCode.guardian_id == guardian.id, EmailChangeCode.spent_at.is_(None))
        .values(spent_at=now)
    )
    code = f"{secrets.randbelow(1_000_000):06d}"
    session.add(
        EmailChangeCode(
            organisation_id=guardian.organisation_id,
            guardian_id=guardian.id,
            new_email=new_email,
            code_hash=hash_password(code),
            created_at=now,
        )
    )
    mail.enqueue(
        session,
        guardian.organisation_id,
        kind="email_change_code",
        to=new_email,
        subject="Your code to confirm your new login email",
        body=f"Hi {guardian.first_name},\n\nYour code is {code}. Enter it to use this address "
        "to log in. It works for 15 minutes.\n\nIf you did not ask for this, ignore this mail.",
    )
    mail.enqueue(
        session,
        guardian.organisation_id,
        kind="email_change_notice",
        to=guardian.email,
        subject="Someone asked to change your login email",
        body=f"Hi {guardian.first_name},\n\nSomeone signed in as you asked to change your "
        f"login email to {mask_email(new_email)}. Nothing changes until the code sent there is "
        "entered. If this was not you, please change your password and contact us.",
    )
    return new_email


def confirm_email_change(session: Session, guardian: Guardian, code: str) -> schemas.GuardianOut:
    """The code from the new address makes it the login email (the caller commits). A wrong,
    used or expired code is a 400 on `code`; five wrong guesses spend it."""
    now = utcnow()
    row = session.scalars(
        select(EmailChangeCode)
        .where(EmailChangeCode.guardian_id == guardian.id, EmailChangeCode.spent_at.is_(None))
        .order_by(EmailChangeCode.id.desc())
        .with_for_update()
    ).first()
    created = as_utc(row.created_at) if row is not None else None
    if row is None or created is None or now - created > EMAIL_CODE_TTL:
        hash_password(code)  # the same work either way
        raise FormError.one("code", WRONG_EMAIL_CODE)
    row.attempts += 1
    if not (code.isdigit() and verify_password(row.code_hash, code)):
        if row.attempts >= MAX_EMAIL_CODE_GUESSES:
            row.spent_at = now
        session.commit()
        raise FormError.one("code", WRONG_EMAIL_CODE)
    if email_taken(session, guardian.organisation_id, row.new_email, except_guardian=guardian.id):
        row.spent_at = now
        session.commit()
        raise EmailInUse("code")
    old = guardian.email
    guardian.email = row.new_email
    row.spent_at = now
    mail.enqueue(
        session,
        guardian.organisation_id,
        kind="email_change_notice",
        to=old,
        subject="Your login email was changed",
        body=f"Hi {guardian.first_name},\n\nYour login email is now {mask_email(row.new_email)}. "
        "If this was not you, please contact us.",
    )
    _flush_or_email_in_use(session, "code")
    primary = any(guardian.id in _primary_ids(session, f.id) for f in guardian.families)
    return guardian_out(guardian, primary)


def mask_email(email: str) -> str:
    """m***@example.com: enough for its owner to recognise, not for a bystander to read."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def put_emergency_contact(
    session: Session, family: Family, contact: schemas.EmergencyContactIn
) -> schemas.EmergencyContactOut:
    """Replace the family's emergency contact. The caller commits."""
    row = _contact(family)
    if row is None:
        row = EmergencyContact(organisation_id=family.organisation_id, family_id=family.id)
        family.emergency_contacts.append(row)
    row.name = contact.name
    row.phone = contact.phone
    row.relationship_ = contact.relationship
    session.flush()
    return contact_out(row)


def add_student(session: Session, family: Family, student: schemas.StudentIn) -> schemas.StudentOut:
    _check_born_before_today(session, family.organisation_id, [("birthDate", student.birth_date)])
    row = Student(
        organisation_id=family.organisation_id,
        first_name=student.first_name,
        last_name=student.last_name,
        birth_date=student.birth_date,
        gender=student.gender,
    )
    family.students.append(row)
    session.flush()
    return student_out(row)


def update_student(
    session: Session, family: Family, student_id: int, patch: schemas.StudentPatch
) -> schemas.StudentOut:
    student = next((s for s in family.students if s.id == student_id), None)
    if student is None:
        raise NotFound(STUDENT_NOT_FOUND)
    if "birth_date" in patch.model_fields_set:
        _check_born_before_today(session, family.organisation_id, [("birthDate", patch.birth_date)])
    for name in ("first_name", "last_name", "birth_date", "gender"):
        if name in patch.model_fields_set:
            setattr(student, name, getattr(patch, name))
    session.flush()
    return student_out(student)


# --------------------------------------------------------------------------- policies


def _policies(session: Session, organisation_id: int) -> list[Policy]:
    return list(
        session.scalars(
            select(Policy).where(Policy.organisation_id == organisation_id).order_by(Policy.id)
        )
    )


def _full_name(first: str, last: str) -> str:
    return f"{first} {last}".strip()


_REQUIRED_POLICIES = select(Policy.id, Policy.kind, Policy.version).where(
    Policy.organisation_id == bindparam("organisation_id"), Policy.required.is_(True)
)
_FAMILY_ID: Any = bindparam("family_id")


def _accepted(student: Any) -> Any:
    """An acceptance by the family of the (correlated) policy's current version."""
    which = PolicyAcceptance.student_id
    return (
        exists()
        .where(
            PolicyAcceptance.family_id == _FAMILY_ID,
            PolicyAcceptance.policy_id == Policy.id,
            PolicyAcceptance.version == Policy.version,
            which.is_(None) if student is None else which == student,
        )
        .correlate_except(PolicyAcceptance)
    )


# A required policy not accepted in its current version: a family policy once, a student
# policy by every student of the family.
_OUTSTANDING = select(
    exists().where(
        Policy.organisation_id == bindparam("organisation_id"),
        Policy.required.is_(True),
        or_(
            and_(Policy.kind != "student", ~_accepted(None)),
            and_(
                Policy.kind == "student",
                exists()
                .where(Student.family_id == _FAMILY_ID, ~_accepted(Student.id))
                .correlate_except(Student),
            ),
        ),
    )
)


def required_policies_outstanding(session: Session, family: Family) -> bool:
    """Whether the family still has a required policy to accept in its current version (a
    family policy once, a student policy per student). One statement: it runs on every family
    call."""
    params = {"organisation_id": family.organisation_id, "family_id": family.id}
    return bool(session.execute(_OUTSTANDING, params).scalar())


def accept_required_policies(
    session: Session, family: Family, guardian_id: int | None, at: datetime | None = None
) -> None:
    """Record the family's acceptance of every required policy in its current version (for the
    demo seed and for families made outside the kiosk, e.g. at the front desk). The caller
    flushes and commits."""
    at = at or utcnow()
    student_ids = [s.id for s in family.students]
    for policy_id, kind, version in session.execute(
        _REQUIRED_POLICIES, {"organisation_id": family.organisation_id}
    ):
        for student_id in student_ids if kind == "student" else [None]:
            session.add(
                PolicyAcceptance(
                    organisation_id=family.organisation_id,
                    family_id=family.id,
                    student_id=student_id,
                    policy_id=policy_id,
                    version=version,
                    accepted_by_guardian_id=guardian_id,
                    accepted_at=at,
                )
            )


def policies_view(session: Session, family: Family) -> schemas.FamilyPolicies:
    """Outstanding: each family policy the family has not accepted in its current version, and
    each student policy per student. Accepted: the acceptances of current versions."""
    policies = _policies(session, family.organisation_id)
    students = list(family.students)
    acceptances = session.scalars(
        select(PolicyAcceptance)
        .where(PolicyAcceptance.family_id == family.id)
        .order_by(PolicyAcceptance.accepted_at, PolicyAcceptance.id)
    ).all()
    first_acceptance: dict[tuple[int, int | None, int], PolicyAcceptance] = {}
    for acceptance in acceptances:
        key = (acceptance.policy_id, acceptance.student_id, acceptance.version)
        first_acceptance.setdefault(key, acceptance)
    accepter_ids = {a.accepted_by_guardian_id for a in first_acceptance.values()}
    accepters = {
        g.id: _full_name(g.first_name, g.last_name)
        for g in session.scalars(
            select(Guardian).where(Guardian.id.in_([i for i in accepter_ids if i is not None]))
        )
    }

    outstanding: list[schemas.OutstandingPolicy] = []
    accepted: list[schemas.AcceptedPolicy] = []
    for policy in policies:
        targets: Iterable[Student | None] = students if policy.kind == "student" else [None]
        for student in targets:
            student_id = student.id if student is not None else None
            student_name = (
                _full_name(student.first_name, student.last_name) if student is not None else None
            )
            kind = "student" if student is not None else "family"
            found = first_acceptance.get((policy.id, student_id, policy.version))
            if found is None:
                outstanding.append(
                    schemas.OutstandingPolicy(
                        policy_id=policy.id,
                        kind=kind,
                        title=policy.title,
                        body=policy.body,
                        version=policy.version,
                        student_id=student_id,
                        student_name=student_name,
                    )
                )
            else:
                accepted.append(
                    schemas.AcceptedPolicy(
                        policy_id=policy.id,
                        kind=kind,
                        title=policy.title,
                        body=policy.body,
                        version=policy.version,
                        student_id=student_id,
                        student_name=student_name,
                        accepted_at=as_utc(found.accepted_at) or utcnow(),
                        accepted_by=accepters.get(found.accepted_by_guardian_id or 0, ""),
                    )
                )
    return schemas.FamilyPolicies(outstanding=outstanding, accepted=accepted)


def accept_policies(
    session: Session,
    family: Family,
    guardian: Guardian,
    request: schemas.AcceptPoliciesRequest,
    now: datetime | None = None,
) -> schemas.FamilyPolicies:
    """Record acceptances of current versions (already accepted ones are kept as they are).
    FormError for an unknown policy or student; Conflict (409) for a version that is not the
    current one. Nothing is written unless every acceptance is good. The caller commits."""
    now = now or utcnow()
    policies = {p.id: p for p in _policies(session, family.organisation_id)}
    students = {s.id for s in family.students}
    errors: list[FieldError] = []
    wanted: list[tuple[Policy, int | None]] = []
    for index, item in enumerate(request.acceptances):
        path = f"acceptances.{index}"
        policy = policies.get(item.policy_id)
        if policy is None:
            errors.append(FieldError(f"{path}.policyId", "We could not find that policy."))
            continue
        if policy.kind != "student":
            wanted.append((policy, None))
        elif item.student_id is None:
            errors.append(
                FieldError(f"{path}.studentId", "Please choose the student this policy is for.")
            )
        elif item.student_id not in students:
            errors.append(FieldError(f"{path}.studentId", STUDENT_NOT_FOUND))
        else:
            wanted.append((policy, item.student_id))
    if errors:
        raise FormError("Please check the policies you are accepting.", errors=errors)
    for item in request.acceptances:
        if item.version != policies[item.policy_id].version:
            raise Conflict(POLICY_CHANGED, extra={"policyId": item.policy_id})

    existing = {
        (a.policy_id, a.student_id, a.version)
        for a in session.scalars(
            select(PolicyAcceptance).where(PolicyAcceptance.family_id == family.id)
        )
    }
    for policy, student_id in wanted:
        key = (policy.id, student_id, policy.version)
        if key in existing:
            continue
        existing.add(key)
        session.add(
            PolicyAcceptance(
                organisation_id=family.organisation_id,
                family_id=family.id,
                student_id=student_id,
                policy_id=policy.id,
                version=policy.version,
                accepted_by_guardian_id=guardian.id,
                accepted_at=now,
            )
        )
    session.flush()
    return policies_view(session, family)
