"""The kiosk's half of the contract against the portal's /openapi.json, in both directions.

Answers: every field a kiosk answer model (kiosk.api.answers) reads exists in the portal's
response schema of that operation with a compatible type; what the kiosk requires the portal
always sends; a money field the portal always sends is required by the kiosk (a missing total
is refused, never shown as $0.00). A field renamed on either side fails here.

Forms: the kiosk keeps its own copy of the portal's form rules (kiosk.validation: a lobby
screen installs no portal code); the patterns and limits the portal publishes are the kiosk's,
and the kiosk and the running portal accept and refuse the same names and addresses.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from pydantic import BaseModel

from kiosk import validation
from kiosk.api import answers
from tests.portal.helpers import HTTP_TIMEOUT_S

V1 = "/api/v1/{account}"

# (the kiosk's model, the operation whose answer it reads)
ANSWERS: list[tuple[type[BaseModel], str, str]] = [
    (answers.LoginAnswer, "post", "/auth/login"),
    (answers.LoginAnswer, "post", "/auth/reset-password"),
    (answers.LoginAnswer, "post", "/accounts"),
    (answers.LoginAnswer, "post", "/staff/families/{familyId}/assist"),
    (answers.LoginAnswer, "post", "/staff/families"),
    (answers.FamilyAnswer, "get", "/family"),
    (answers.PoliciesAnswer, "get", "/family/policies"),
    (answers.PoliciesAnswer, "post", "/family/policies/accept"),
    (answers.CartAnswer, "get", "/family/cart"),
    (answers.CartAnswer, "post", "/family/cart/items"),
    (answers.CartAnswer, "delete", "/family/cart/items/{itemId}"),
    (answers.OrderAnswer, "post", "/family/cart/checkout"),
    (answers.ComingUpAnswer, "get", "/family/coming-up"),
    (answers.QuoteAnswer, "get", "/family/cart/quote"),
    (answers.QuoteAnswer, "get", "/family/payments/quote"),
    (answers.TokenizeAnswer, "post", "/payments/tokenize"),
    (answers.ChargesAnswer, "get", "/family/charges"),
    (answers.PaymentsAnswer, "get", "/family/payments"),
    (answers.PaymentResultAnswer, "post", "/family/payments"),
    (answers.IdentifiedAnswer, "post", "/checkin/identify"),
    (answers.CheckInResultAnswer, "post", "/checkin"),
    (answers.StaffLoginAnswer, "post", "/staff/login"),
    (answers.FamilySearchAnswer, "get", "/staff/families"),
    (answers.RosterAnswer, "get", "/staff/checkin/roster"),
    (answers.CheckInAlertsAnswer, "get", "/staff/checkin/alerts"),
    (answers.AuditAnswer, "get", "/staff/audit"),
    (answers.KiosksAnswer, "get", "/staff/kiosks"),
    (answers.PairingCodeAnswer, "post", "/staff/kiosks/pairing-code"),
    (answers.SecurityAlertsAnswer, "get", "/staff/security-alerts"),
    (answers.KioskEnrolledAnswer, "post", "/kiosks/enroll"),
    (answers.AbsencesAnswer, "post", "/family/absences"),
    (answers.MakeupsAnswer, "get", "/family/makeups"),
    (answers.MakeupOptionsAnswer, "get", "/family/makeups/options"),
    (answers.SpotAlertsAnswer, "get", "/family/alerts"),
]

_JSON_TYPES = {"string", "integer", "number", "boolean", "array", "object"}


@pytest.fixture(scope="module")
def spec(shared_portal) -> dict[str, Any]:
    response = httpx.get(f"{shared_portal.url}/openapi.json", timeout=HTTP_TIMEOUT_S)
    assert response.status_code == 200
    return dict(response.json())


def _resolve(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """Follow a $ref (and a one-member allOf/anyOf that only adds null) to the schema itself."""
    while True:
        if "$ref" in schema:
            schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
            continue
        options = [s for s in schema.get("anyOf", []) if s.get("type") != "null"]
        if len(options) == 1 and "type" not in schema:
            schema = options[0]
            continue
        if len(schema.get("allOf", [])) == 1:
            schema = schema["allOf"][0]
            continue
        return schema


def _types(schema: dict[str, Any], defs: dict[str, Any]) -> set[str]:
    schema = _resolve(schema, defs)
    if "anyOf" in schema:
        found: set[str] = set()
        for option in schema["anyOf"]:
            found |= _types(option, defs)
        return found - {"null"}
    if "properties" in schema or "additionalProperties" in schema:
        return {"object"}
    kind = schema.get("type")
    if isinstance(kind, list):
        return set(kind) - {"null"}
    return {kind} if kind in _JSON_TYPES else set(_JSON_TYPES)  # untyped: anything


def _compare(
    kiosk: dict[str, Any],
    kiosk_defs: dict[str, Any],
    portal: dict[str, Any],
    portal_defs: dict[str, Any],
    where: str,
) -> Iterator[str]:
    """Every disagreement between what the kiosk reads and what the portal sends."""
    kiosk, portal = _resolve(kiosk, kiosk_defs), _resolve(portal, portal_defs)
    kiosk_types, portal_types = _types(kiosk, kiosk_defs), _types(portal, portal_defs)
    if not kiosk_types & portal_types:
        yield f"{where}: the kiosk reads {sorted(kiosk_types)}, the portal {sorted(portal_types)}"
        return
    if "array" in kiosk_types and "array" in portal_types and "items" in kiosk:
        yield from _compare(
            kiosk["items"], kiosk_defs, portal.get("items", {}), portal_defs, f"{where}[]"
        )
        return
    if "properties" not in kiosk:
        return  # data the kiosk reads field by field on its own (whenData), or a scalar
    sent = portal.get("properties", {})
    always_sent = set(portal.get("required", []))
    required = set(kiosk.get("required", []))
    for name, field in kiosk["properties"].items():
        path = f"{where}.{name}"
        if name not in sent:
            yield f"{path}: the kiosk reads it, the portal does not send it"
            continue
        if name in required and name not in always_sent:
            yield f"{path}: the kiosk requires it, the portal may leave it out"
        if name.endswith("Cents") and name in always_sent and name not in required:
            yield f"{path}: money the portal always sends must be required by the kiosk"
        yield from _compare(field, kiosk_defs, sent[name], portal_defs, path)


def _answer_schema(spec: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    operation = spec["paths"][V1 + path][method]
    (ok,) = [status for status in operation["responses"] if status.startswith("2")]
    return dict(operation["responses"][ok]["content"]["application/json"]["schema"])


@pytest.mark.parametrize(
    ("model", "method", "path"), ANSWERS, ids=[f"{m.upper()} {p}" for _, m, p in ANSWERS]
)
def test_each_kiosk_answer_model_reads_what_the_portal_sends(spec, model, method, path):
    kiosk = model.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
    portal = _answer_schema(spec, method, path)
    problems = list(
        _compare(
            kiosk, kiosk.get("$defs", {}), portal, spec["components"]["schemas"], model.__name__
        )
    )
    assert problems == []


def test_a_renamed_field_breaks_the_contract_on_either_side(spec):
    """The check above is not vacuous: a rename on the kiosk's side or the portal's is caught."""
    defs = spec["components"]["schemas"]
    portal = _answer_schema(spec, "get", "/family/cart")

    class RenamedCart(answers.Answer):
        items: list[answers.CartLineAnswer]
        grand_total_cents: int

    kiosk = RenamedCart.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
    assert any("grandTotalCents" in p for p in _compare(kiosk, kiosk["$defs"], portal, defs, "x"))

    kiosk = answers.CartAnswer.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
    cart_out = dict(_resolve(portal, defs))
    cart_out["properties"] = {
        ("total" if k == "totalCents" else k): v for k, v in cart_out["properties"].items()
    }
    cart_out["required"] = ["total" if k == "totalCents" else k for k in cart_out["required"]]
    assert any(
        "totalCents" in p for p in _compare(kiosk, kiosk["$defs"], cart_out, defs, "CartAnswer")
    )


def test_the_cart_add_operation_publishes_one_body_per_kind(spec):
    body = spec["paths"][V1 + "/family/cart/items"]["post"]["requestBody"]
    schema = body["content"]["application/json"]["schema"]
    mapping = schema["discriminator"]["mapping"]
    assert schema["discriminator"]["propertyName"] == "kind"
    assert set(mapping) == {"class", "camp", "appointment", "party", "product", "giftcard"}
    defs = spec["components"]["schemas"]
    required = {
        kind: set(_resolve({"$ref": ref}, defs)["required"]) for kind, ref in mapping.items()
    }
    assert required["class"] == {"kind", "classId", "studentId"}
    assert required["party"] == {"kind", "packageId", "date", "startTime", "guestOfHonorStudentId"}
    assert required["giftcard"] == {"kind", "amountCents", "recipientEmail", "recipientName"}
    # Exactly the fields of its kind: a class body has no product or gift card fields.
    assert "productId" not in _resolve({"$ref": mapping["class"]}, defs)["properties"]


# ----- form rules ----------------------------------------------------------------------------


def _form_field(spec: dict[str, Any], model: str, name: str) -> dict[str, Any]:
    return dict(spec["components"]["schemas"][model]["properties"][name])


def test_the_kiosk_keeps_the_patterns_and_limits_the_portal_publishes(spec):
    for model, name in (("GuardianIn", "firstName"), ("StudentIn", "lastName")):
        field = _form_field(spec, model, name)
        assert field["pattern"] == validation.NAME_PATTERN
        assert field["maxLength"] == validation.MAX_NAME
    assert _form_field(spec, "AddressIn", "city")["pattern"] == validation.NAME_PATTERN
    email = _form_field(spec, "GuardianIn", "email")
    assert (email["pattern"], email["maxLength"]) == (
        validation.EMAIL_PATTERN,
        validation.MAX_EMAIL,
    )
    assert _form_field(spec, "AddressIn", "state")["pattern"] == validation.STATE_PATTERN
    assert _form_field(spec, "AddressIn", "zip")["pattern"] == validation.ZIP_PATTERN
    password = _form_field(spec, "CreateAccountRequest", "password")
    assert (password["minLength"], password["maxLength"]) == (
        validation.MIN_PASSWORD,
        validation.MAX_PASSWORD,
    )


NAMES = [
    "Mary O’Neil",  # a typographic apostrophe, as phones type it
    "Mary-Kate O'Neil",
    "José",
    "Jose\u0301",  # é typed as e + a combining accent
    "Zoë St. Clair",
    "李小龙",
    "R2D2",
    "Bob!",
    "-Bob",
    "Bo\u200bb",  # a zero-width space
    "A" * 51,
]
EMAILS = ["marge@example.com", "a..b@example.com", "marge@example", "josé@example.com"]


def _published_accepts(field: dict[str, Any], value: str) -> bool:
    text = unicodedata.normalize("NFC", value).strip()
    has_unusual = any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in text)
    fits = field.get("minLength", 0) <= len(text) <= field["maxLength"]
    return fits and not has_unusual and bool(re.fullmatch(field["pattern"], text))


def test_the_kiosk_and_the_published_rules_judge_names_and_emails_alike(spec):
    name_field = _form_field(spec, "GuardianIn", "firstName")
    for name in NAMES:
        kiosk_accepts = validation.check_name(name, "a first name") is None
        assert kiosk_accepts == _published_accepts(name_field, name), name
    email_field = _form_field(spec, "GuardianIn", "email")
    for email in EMAILS:
        kiosk_accepts = validation.check_email(email) is None
        assert kiosk_accepts == _published_accepts(email_field, email), email


def test_the_running_portal_judges_names_as_the_kiosk_does(shared_portal):
    """Not only the published pattern: the portal's own answer to a form (sent without a
    password, so no account is ever made) refuses exactly the names the kiosk refuses."""
    url = f"{shared_portal.url}/api/v1/{shared_portal.account}/accounts"
    with httpx.Client(timeout=HTTP_TIMEOUT_S) as client:
        for name in NAMES:
            response = client.post(url, json={"guardian": {"firstName": name}})
            assert response.status_code == 400, response.text
            refused = {e["field"] for e in response.json()["errors"]}
            portal_accepts = "guardian.firstName" not in refused
            kiosk_accepts = validation.check_name(name, "a first name") is None
            assert portal_accepts == kiosk_accepts, name
