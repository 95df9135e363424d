"""ProShop products and eGift cards in the cart: stock, tax, described, added and bought."""

from __future__ import annotations

import secrets

from sqlalchemy.orm import Session

from portal import schemas
from portal.models import (
    CartItem,
    GiftCard,
    Product,
    Student,
)
from portal.services import locks, payments
from portal.services.booking.core import (
    _GIFT_ALPHABET,
    GIFT_CARD_MAX_CENTS,
    GIFT_CARD_MIN_CENTS,
    PRODUCT_NOT_FOUND,
    CheckoutRefused,
    Line,
    Refused,
    _Add,
    _Checkout,
    _require,
    tax_of,
)
from portal.services.errors import (
    FieldError,
    FormError,
    NotFound,
)


def describe_product(session: Session, item: CartItem, student: Student | None) -> Line:
    product = session.get(Product, item.product_id or 0)
    assert product is not None
    price = product.active_price_cents * item.quantity
    return Line(
        item,
        product.name,
        f"Qty {item.quantity}",
        None,
        product.id,
        None,
        [],
        price,
        tax_cents=tax_of(price, product.tax_rate),
        when=f"Qty {item.quantity}",
        refs={"product": product},
        when_data=schemas.WhenData(quantity=item.quantity),
    )


def describe_giftcard(session: Session, item: CartItem, student: Student | None) -> Line:
    details = item.details or {}
    recipient = str(details.get("recipientName") or "")
    email = str(details.get("recipientEmail") or "")
    return Line(
        item,
        "eGift Card",
        f"For {recipient} ({email})",
        None,
        None,
        None,
        [],
        item.amount_cents,
        when=f"Sent to {email}",
        when_data=schemas.WhenData(recipient_name=recipient, recipient_email=email),
    )


def _stock_refusal(product: Product, wanted: int) -> Refused | None:
    if not product.enable_inventory or product.inventory_count >= wanted:
        return None
    if product.inventory_count <= 0:
        return Refused("Sorry, that is sold out.", "out_of_stock")
    return Refused(f"Sorry, we only have {product.inventory_count} of those.", "out_of_stock")


def add_product(add: _Add) -> None:
    body, session = add.body, add.session
    assert isinstance(body, schemas.ProductItemIn)  # the cart picks the adder by kind
    if body.product_id is None:
        raise FormError.one("productId", "Please choose a product.")
    product = locks.lock_rows(session, Product, [body.product_id]).get(body.product_id)
    if (
        product is None
        or product.organisation_id != add.organisation_id
        or not product.show_on_portal
    ):
        raise NotFound(PRODUCT_NOT_FOUND)
    existing = add.in_cart(kind="product", product_id=product.id)
    quantity = body.quantity + (existing.quantity if existing is not None else 0)
    if quantity > schemas.MAX_QUANTITY:
        raise FormError.one("quantity", f"Please choose 1 to {schemas.MAX_QUANTITY}.")
    refusal = _stock_refusal(product, quantity)
    if refusal is not None:
        raise refusal
    if existing is not None:
        existing.quantity = quantity
    else:
        add.new_item(
            "product", product_id=product.id, location_id=product.location_id, quantity=quantity
        )


def add_giftcard(add: _Add) -> None:
    body = add.body
    assert isinstance(body, schemas.GiftCardItemIn)  # the cart picks the adder by kind
    errors = []
    amount = body.amount_cents
    if amount is None or not GIFT_CARD_MIN_CENTS <= amount <= GIFT_CARD_MAX_CENTS:
        low, high = GIFT_CARD_MIN_CENTS // 100, GIFT_CARD_MAX_CENTS // 100
        errors.append(FieldError("amountCents", f"Please choose an amount from ${low} to ${high}."))
    if body.recipient_email is None:
        errors.append(FieldError("recipientEmail", "Please enter the recipient's email address."))
    if body.recipient_name is None:
        errors.append(FieldError("recipientName", "Please enter the recipient's name."))
    _require(errors)
    add.new_item(
        "giftcard",
        amount_cents=amount,
        details={
            "recipientEmail": body.recipient_email,
            "recipientName": body.recipient_name,
            "message": body.message,
        },
    )


def gift_card_code() -> str:
    raw = "".join(secrets.choice(_GIFT_ALPHABET) for _ in range(12))
    return f"GIFT-{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def check_out_product(co: _Checkout, line: Line, products: dict[int, Product]) -> None:
    product = products[line.item.product_id or 0]
    refusal = _stock_refusal(product, line.item.quantity)
    if refusal is not None:
        raise CheckoutRefused(refusal.message, "out_of_stock", itemId=line.item.id)
    if product.enable_inventory:
        product.inventory_count -= line.item.quantity
    co.charge("product", f"{product.name} × {line.item.quantity}", line.price_cents, None)
    co.result(line, "purchased")


def check_out_giftcard(co: _Checkout, line: Line) -> None:
    item = line.item
    details = item.details or {}
    email = str(details.get("recipientEmail") or "")
    name = str(details.get("recipientName") or "")
    message = str(details.get("message") or "")
    code = gift_card_code()
    co.session.add(
        GiftCard(
            organisation_id=co.organisation.id,
            purchaser_family_id=co.family.id,
            code=code,
            amount_cents=item.amount_cents,
            balance_cents=item.amount_cents,
            recipient_email=email,
            recipient_name=name,
            message=message,
        )
    )
    sender = f"{co.guardian.first_name} {co.guardian.last_name}"
    body = [
        f"Hi {name},",
        "",
        f"{sender} sent you a {payments.money(item.amount_cents)} gift card for "
        f"{co.organisation.name}.",
    ]
    if message:
        body += ["", message]
    body += [
        "",
        f"Your gift card code: {code}",
        "Use it for classes, camps, parties or the ProShop.",
        "",
        co.organisation.name,
    ]
    co.mails.append(
        {
            "kind": "gift_card",
            "to": email,
            "subject": f"A gift card for {co.organisation.name}",
            "body": "\n".join(body),
        }
    )
    co.charge(
        "giftcard",
        f"eGift card for {name}",
        item.amount_cents,
        None,
        schemas.DescriptionData(recipient_name=name),
    )
    co.result(line, "purchased")
