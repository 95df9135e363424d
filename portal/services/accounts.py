"""Family accounts: create an account, read and edit the family, outstanding policies.

Functions take a Session and leave the commit to the caller (the idempotency helper or the
route), so an account, its token and its welcome mail commit together or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal import schemas
from portal.core.security import hash_password
from portal.models import (
    Charge,
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
from portal.services import auth, mail
from portal.services.errors import (
    Conflict,
    EmailInUse,
    FieldError,
    FormError,
    NotFound,
)

POLICY_CHANGED = "This policy has changed. Please read the new version."
GUARDIAN_NOT_FOUND = "We could not find that guardian in your family."
STUDENT_NOT_FOUND = "We could not find that student in your family."
# The contract's address keys -> Guardian columns.
ADDRESS_COLUMNS = {
    "line1": "address",
    "line2": "address2",
    "city": "city",
    "state": "state",
    "zip": "zip",
}


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
    session: Session, family: Family, guardian_id: int, patch: schemas.GuardianPatch
) -> schemas.GuardianOut:
    """Change the fields sent (any guardian of the bound family). The caller commits."""
    guardian = next((g for g in family.guardians if g.id == guardian_id), None)
    if guardian is None:
        raise NotFound(GUARDIAN_NOT_FOUND)
    sent = patch.model_fields_set
    if "email" in sent and patch.email != guardian.email:
        if email_taken(session, guardian.organisation_id, patch.email, except_guardian=guardian.id):
            raise EmailInUse("email")
        guardian.email = patch.email
    for name in ("first_name", "last_name", "phone"):
        if name in sent:
            setattr(guardian, name, getattr(patch, name))
    if "address" in sent:
        for name in patch.address.model_fields_set:
            setattr(guardian, ADDRESS_COLUMNS[name], getattr(patch.address, name))
    _flush_or_email_in_use(session, "email")
    return guardian_out(guardian, guardian.id in _primary_ids(session, family.id))


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
