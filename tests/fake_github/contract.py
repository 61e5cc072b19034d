"""GitHub's REST contract (``../shared/github-contract/openapi-subset.json``) for the fake.

Two uses:

* :func:`validate` checks one response (method, path, status, body) against the description,
  the way ``../shared/github-contract/README.md`` shows: our own routing for the
  ``x-multi-segment`` parameters, the broken ``contents`` discriminator dropped, and
  undocumented error statuses checked against ``basic-error``.
* :func:`skeleton` builds the smallest body the description accepts for one response (every
  required property, with a plain value of its type); the fake overlays its real state on it, so
  it never has to spell out the hundred required fields of a repository by hand.
"""

from __future__ import annotations

import copy
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

CONTRACT_DIR = Path(__file__).resolve().parents[3] / "shared" / "github-contract"
SUBSET = CONTRACT_DIR / "openapi-subset.json"

Route = tuple[str, re.Pattern[str], str]


class ContractError(AssertionError):
    """A response the fake sent does not match GitHub's description."""


@cache
def document() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(SUBSET.read_text(encoding="utf-8"))
    content = doc["paths"]["/repos/{owner}/{repo}/contents/{path}"]["get"]["responses"]["200"][
        "content"
    ]["application/json"]["schema"]
    content.pop("discriminator", None)  # its "array" mapping can never match a JSON array
    # POST git/blobs 422 is oneOf two error shapes that both accept every error body (neither
    # forbids extra properties), so no answer could ever match exactly one: read it as anyOf.
    blobs = doc["paths"]["/repos/{owner}/{repo}/git/blobs"]["post"]["responses"]["422"]
    blob_error = blobs["content"]["application/json"]["schema"]
    blob_error["anyOf"] = blob_error.pop("oneOf")
    _allow_null_in_nullable_enums(doc)
    return doc


def _allow_null_in_nullable_enums(node: Any) -> None:
    """``nullable: true`` with an ``enum`` without null rejects null under OpenAPI 3.0.3, yet
    GitHub sends null there (a check run's ``conclusion`` while it runs): allow it."""
    if isinstance(node, dict):
        if node.get("nullable") and "enum" in node and None not in node["enum"]:
            node["enum"] = [*node["enum"], None]
        for value in node.values():
            _allow_null_in_nullable_enums(value)
    elif isinstance(node, list):
        for value in node:
            _allow_null_in_nullable_enums(value)


def _path_param(doc: dict[str, Any], op: dict[str, Any], name: str) -> dict[str, Any]:
    for listed in op.get("parameters", []):
        param = listed
        if "$ref" in listed:
            param = doc["components"]["parameters"][listed["$ref"].rsplit("/", 1)[-1]]
        if param.get("in") == "path" and param["name"] == name:
            return dict(param)
    return {}


@cache
def routes() -> tuple[Route, ...]:
    """(METHOD, regex, template) for every operation, most literal template first."""
    doc = document()
    found: list[Route] = []
    for template, item in doc["paths"].items():
        for method, op in item.items():

            def group(match: re.Match[str], op: dict[str, Any] = op) -> str:
                name = match.group(1)
                multi = _path_param(doc, op, name).get("x-multi-segment")
                return f"(?P<{name}>{'.+' if multi else '[^/]+'})"

            pattern = re.compile("^" + re.sub(r"\{(\w+)\}", group, template) + "$")
            found.append((method.upper(), pattern, template))
    found.sort(key=lambda route: -len(re.sub(r"\{\w+\}", "", route[2])))
    return tuple(found)


def match(method: str, path: str) -> tuple[str, dict[str, str]] | None:
    """The operation template and path parameters for a request, or None."""
    for route_method, pattern, template in routes():
        hit = pattern.match(path)
        if route_method == method.upper() and hit:
            return template, hit.groupdict()
    return None


@cache
def _openapi() -> Any:
    from openapi_core import OpenAPI

    return OpenAPI.from_dict(document())


@cache
def _basic_error_validator() -> Any:
    from openapi_schema_validator import OAS30Validator

    doc = document()
    return OAS30Validator(
        {"$ref": "#/components/schemas/basic-error", "components": doc["components"]}
    )


def validate(method: str, path: str, status: int, body: bytes) -> str:
    """Raise :class:`ContractError` unless the response matches the contract."""
    from openapi_core.testing import MockRequest, MockResponse

    hit = match(method, path)
    if hit is None:
        raise ContractError(f"{method} {path} is not an operation of the contract")
    template, params = hit
    op = document()["paths"][template][method.lower()]
    if str(status) not in op["responses"]:
        if status >= 400:
            try:
                _basic_error_validator().validate(json.loads(body))
            except Exception as error:
                raise ContractError(f"{method} {path} {status}: {error}") from error
            return template
        raise ContractError(f"status {status} is not documented for {method} {template}")
    if not body:
        return template
    request = MockRequest(
        "https://api.github.com", method.lower(), path, path_pattern=template, view_args=params
    )
    response = MockResponse(body, status_code=status, content_type="application/json")
    try:
        _openapi().validate_response(request, response)
    except Exception as error:
        cause = error.__cause__ or error
        details = [e.message for e in getattr(cause, "schema_errors", [])]
        raise ContractError(f"{method} {path} {status}: {error} {details}") from error
    return template


# --- skeletons ---------------------------------------------------------------------------------

_PLACEHOLDER_BASE = "http://fake.invalid"


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    doc = document()
    while "$ref" in schema:
        kind, name = schema["$ref"].split("/")[-2:]
        schema = doc["components"][kind][name]
    return schema


def _minimal(schema: dict[str, Any], depth: int = 0) -> Any:  # noqa: PLR0911, PLR0912
    schema = _resolve(schema)
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            value = _minimal(part, depth + 1)
            if isinstance(value, dict):
                merged.update(value)
        return merged
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return _minimal(schema[key][0], depth + 1)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if schema.get("nullable") and depth > 0 and kind != "object":
        return None
    if kind == "object" or "properties" in schema:
        if schema.get("nullable") and depth > 0:
            return None
        props = schema.get("properties", {})
        return {
            name: _minimal(props.get(name, {}), depth + 1) for name in schema.get("required", [])
        }
    if kind == "array":
        return []
    if kind in {"integer", "number"}:
        return 0
    if kind == "boolean":
        return False
    if kind == "string":
        fmt = schema.get("format")
        if fmt == "date-time":
            return "2026-01-01T00:00:00Z"
        if fmt == "uri":
            return f"{_PLACEHOLDER_BASE}/"
        if fmt == "email":
            return "nobody@example.invalid"
        return ""
    return None


@cache
def _schema_for(method: str, template: str, status: int) -> dict[str, Any]:
    doc = document()
    response = doc["paths"][template][method.lower()]["responses"][str(status)]
    response = _resolve(response)
    schema: dict[str, Any] = response["content"]["application/json"]["schema"]
    return schema


@cache
def _skeleton_json(method: str, template: str, status: int, item: bool) -> str:
    schema = _resolve(_schema_for(method, template, status))
    if item:
        schema = schema["items"]
    return json.dumps(_minimal(schema))


def skeleton(method: str, template: str, status: int, *, item: bool = False) -> Any:
    """A fresh minimal valid body (or list item, with ``item``) for one response."""
    return json.loads(_skeleton_json(method, template, status, item))


def schema_skeleton(name: str) -> Any:
    """A fresh minimal valid instance of ``#/components/schemas/<name>``."""
    return copy.deepcopy(_minimal({"$ref": f"#/components/schemas/{name}"}))


def overlay(base: Any, extra: Any) -> Any:
    """``extra`` laid over ``base`` (dicts merged key by key, anything else replaced)."""
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = overlay(base.get(key), value) if key in base else value
        return merged
    return extra


# --- shapes of real answers ----------------------------------------------------------------

RECORDED_DIR = CONTRACT_DIR / "recorded" / "exchanges"


@cache
def _recorded_text(name: str, index: int) -> str:
    exchanges = json.loads((RECORDED_DIR / name).read_text(encoding="utf-8"))
    return json.dumps(exchanges[index]["response_body"])


def recorded_body(name: str, index: int, replace: dict[str, str]) -> Any:
    """The answer of a recorded real exchange, with each ``replace`` key swapped for its value
    (longest first), to give the fake's answers every field GitHub really sends."""
    text = _recorded_text(name, index)
    for old in sorted(replace, key=len, reverse=True):
        text = text.replace(old, replace[old])
    return json.loads(text)


def validate_request(
    method: str, path: str, query: dict[str, str], body: bytes, content_type: str
) -> None:
    """Raise :class:`ContractError` unless the request matches the contract (parameters and
    body), so the app's own requests are checked too."""
    from openapi_core.testing import MockRequest

    hit = match(method, path)
    if hit is None:
        raise ContractError(f"{method} {path} is not an operation of the contract")
    template, params = hit
    request = MockRequest(
        "https://api.github.com",
        method.lower(),
        path,
        path_pattern=template,
        view_args=params,
        args=query,
        data=body or None,
        content_type=content_type or "application/json",
    )
    try:
        _openapi().validate_request(request)
    except Exception as error:
        cause = error.__cause__ or error
        details = [e.message for e in getattr(cause, "schema_errors", [])]
        raise ContractError(f"request {method} {path}: {error} {details}") from error
