"""The family's token belongs to the visit and goes with each call (issue #21.6): the shared
PortalClient keeps none, so two visits on one client (the worker pool's two threads, a visit
ending while another call is on its way) never answer with each other's family."""

from __future__ import annotations

from kiosk.accounts import FamilySession
from kiosk.api.client import PortalClient
from kiosk.cart import CartService
from portal.seed import DEMO_EMAIL_FLANDERS, DEMO_EMAIL_SIMPSON, DEMO_PASSWORD


def test_two_visits_on_one_client_each_read_their_own_family(shared_portal):
    with PortalClient(shared_portal.url, "demo") as client:
        marge = FamilySession(client, "kiosk-token-1")
        ned = FamilySession(client, "kiosk-token-2")
        marge.log_in(DEMO_EMAIL_SIMPSON, DEMO_PASSWORD)
        ned.log_in(DEMO_EMAIL_FLANDERS, DEMO_PASSWORD)  # after Marge's: nothing of hers is lost
        assert marge.token and ned.token and marge.token != ned.token
        assert marge.family is not None and marge.family.name == "Simpson"
        assert ned.family is not None and ned.family.name == "Flanders"

        marge.refresh()  # with her own token, not the last one to log in
        assert marge.family.name == "Simpson"
        marges_cart = CartService(client, lambda: marge.token)
        marges_cart.load()

        ned.end(notify_portal=False)
        assert ned.token is None and marge.token is not None
        marge.refresh()  # Ned's visit ending does not end Marge's
        assert marge.family.name == "Simpson"
