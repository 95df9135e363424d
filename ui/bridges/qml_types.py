"""The QML value types a bridge's Property and Signal declare, typed for mypy."""

from typing import cast

# PySide6 takes a C++ type name where its stubs ask for a Python type; these two name what QML
# sees as a JavaScript array and a JavaScript object. The values are the same strings as before.
QVariantList = cast(type, "QVariantList")
QVariantMap = cast(type, "QVariantMap")
