"""My Account edits against the real portal: a portal refusal lands next to its field."""

from __future__ import annotations

import pytest

from kiosk.accounts import FamilySession, FormErrors
from kiosk.api.client import PortalClient
from portal.seed import DEMO_EMAIL_FLANDERS, DEMO_EMAIL_SIMPSON, DEMO_PASSWORD


def test_an_email_another_family_uses_is_refused_next_to_the_email_field(portal):
    with PortalClient(portal.url, "demo") as client:
        session = FamilySession(client, "kiosk-edits")
        session.log_in(DEMO_EMAIL_SIMPSON, DEMO_PASSWORD)
        guardian = session.family.guardians[0] if session.family else None
        assert guardian is not None
        values = {
            "firstName": guardian.first_name,
            "lastName": guardian.last_name,
            "email": DEMO_EMAIL_FLANDERS,
            "phone": guardian.phone,
            "line1": "742 Evergreen Terrace",
            "city": "Springfield",
            "state": "IL",
            "zip": "62704",
        }
        with pytest.raises(FormErrors) as refused:
            session.update_guardian(guardian.id, values)
    assert "already in use" in refused.value.fields["email"]
    assert "Ned" not in refused.value.fields["email"]
