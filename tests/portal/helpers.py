"""Shortcuts for reading the running portal over HTTP."""

from __future__ import annotations

from typing import Any

import httpx


def open_get(api: httpx.Client, path: str, **params: Any) -> httpx.Response:
    return api.get(f"/api/open/v1/demo{path}", params=params)


def feed(api: httpx.Client, after: int = 0, limit: int | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {"after": after}
    if limit is not None:
        params["limit"] = limit
    response = api.get("/api/v1/demo/sync/changes", params=params)
    assert response.status_code == 200, response.text
    return response.json()
