"""Strict mode: check every API request and response against the official OpenAPI files.

``SpecValidator`` loads the OpenAPI 3.0 files of ``config.spec_dir`` (ePayment 1.4.1 with
the Order Management 2.3.24 file its ``receipt`` refers to, Order Management, QR, Webhooks),
turns ``nullable`` into JSON Schema and validates bodies with jsonschema (draft 4). Two known
bugs of the 1.4.1 spec are patched, as the digest (§1, §3.6, §9) says the live API behaves:
``reference`` is 8–64 characters (not 8–50), and ``PaymentEvent`` requires ``name`` (not the
non-existent ``paymentAction``).

``StrictMiddleware`` records every mismatch in ``Emulator.strict_violations``. A client that
vanishes before its request body is complete reaches nothing (no operation, no stored
idempotent outcome), as without strict mode. The
emulator's own validation answers bad requests first (with the right ErrorCode), so a
request-side violation that still got a 2xx is an emulator gap and is only recorded; a
response that violates the spec is replaced by a 500 so that the bug is loud.

Exceptions: ``SpecUnavailableError`` when the files cannot be loaded.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from kiosk.sandbox.vipps.faults import ASGIApp, Message, Receive, Scope, Send

OM_2324_URI = (
    "https://raw.githubusercontent.com/vippsas/vipps-order-management-api/2.3.24/docs/swagger.yaml"
)
SPECS = (
    ("epayment.v1.yml", "", "urn:vipps:epayment"),
    ("order-management.yaml", "/order-management", "urn:vipps:order-management"),
    ("qr.yaml", "/qr", "urn:vipps:qr"),
    ("webhooks.yaml", "/webhooks", "urn:vipps:webhooks"),
)


class SpecUnavailableError(RuntimeError):
    """The OpenAPI files are missing or unreadable."""


def _nullable_to_json_schema(node: Any) -> Any:
    if isinstance(node, list):
        return [_nullable_to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _nullable_to_json_schema(value) for key, value in node.items()}
    if converted.pop("nullable", False) is True:
        if isinstance(converted.get("type"), str):
            converted["type"] = [converted["type"], "null"]
            if "enum" in converted:
                converted["enum"] = [*converted["enum"], None]
        else:
            return {"anyOf": [converted, {"type": "null"}]}
    return converted


def _patch_epayment(doc: dict[str, Any]) -> None:
    schemas = doc["components"]["schemas"]
    schemas["Reference"]["pattern"] = "^[a-zA-Z0-9-]{8,64}$"
    schemas["Reference"]["maxLength"] = 64
    event = schemas["PaymentEvent"]
    event["required"] = ["name" if r == "paymentAction" else r for r in event["required"]]


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


@dataclass(frozen=True, slots=True)
class _Operation:
    uri: str
    pointer: str
    node: dict[str, Any]


class SpecValidator:
    def __init__(self, spec_dir: Path) -> None:
        self._docs: dict[str, dict[str, Any]] = {}
        self._paths: list[tuple[re.Pattern[str], int, str, str]] = []
        resources: list[tuple[str, Resource[Any]]] = []
        try:
            for filename, prefix, uri in SPECS:
                doc = self._load(spec_dir / filename)
                if filename == "epayment.v1.yml":
                    _patch_epayment(doc)
                self._docs[uri] = doc
                resources.append((uri, DRAFT4.create_resource(doc)))
                for template in doc.get("paths", {}):
                    pattern = re.sub(r"\{[^}]+\}", "[^/]+", prefix + template)
                    params = template.count("{")
                    self._paths.append((re.compile(f"^{pattern}$"), params, uri, template))
            om_old = self._load(spec_dir / "order-management-2.3.24.yaml")
            resources.append((OM_2324_URI, DRAFT4.create_resource(om_old)))
        except (OSError, yaml.YAMLError, KeyError) as exc:
            raise SpecUnavailableError(f"cannot load the OpenAPI files in {spec_dir}") from exc
        self._paths.sort(key=lambda item: item[1])
        self._registry: Registry[Any] = Registry().with_resources(resources)
        self._validators: dict[str, jsonschema.Draft4Validator] = {}

    @staticmethod
    def _load(path: Path) -> dict[str, Any]:
        with path.open(encoding="utf-8") as handle:
            loaded = yaml.safe_load(handle)
        if not isinstance(loaded, dict):
            raise SpecUnavailableError(f"{path} is not an OpenAPI document")
        return dict(_nullable_to_json_schema(copy.deepcopy(loaded)))

    def _resolve(self, uri: str, node: Any, pointer: str) -> tuple[Any, str]:
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref: str = node["$ref"]
            if not ref.startswith("#/"):
                break
            pointer = ref[1:]
            node = self._docs[uri]
            for part in pointer.strip("/").split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
        return node, pointer

    def operation(self, method: str, path: str) -> _Operation | None:
        for pattern, _params, uri, template in self._paths:
            if pattern.match(path):
                item = self._docs[uri]["paths"][template]
                node = item.get(method.lower())
                if isinstance(node, dict):
                    return _Operation(uri, f"/paths/{_escape(template)}/{method.lower()}", node)
        return None

    def _schema_ref(self, uri: str, container: Any, pointer: str) -> str | None:
        node, pointer = self._resolve(uri, container, pointer)
        content = node.get("content") if isinstance(node, dict) else None
        if not isinstance(content, dict) or not content:
            return None
        media = "application/json" if "application/json" in content else next(iter(content))
        if "schema" not in content[media]:
            return None
        return f"{uri}#{pointer}/content/{_escape(media)}/schema"

    def _errors(self, ref: str, body: object) -> list[str]:
        validator = self._validators.get(ref)
        if validator is None:
            validator = jsonschema.Draft4Validator({"$ref": ref}, registry=self._registry)
            self._validators[ref] = validator
        return [
            f"{'/'.join(str(p) for p in error.absolute_path) or '<body>'}: {error.message}"
            for error in validator.iter_errors(body)
        ]

    def request_errors(self, method: str, path: str, body: object) -> list[str]:
        op = self.operation(method, path)
        if op is None or "requestBody" not in op.node:
            return []
        ref = self._schema_ref(op.uri, op.node["requestBody"], op.pointer + "/requestBody")
        return [] if ref is None else self._errors(ref, body)

    def response_errors(self, method: str, path: str, status: int, body: object) -> list[str]:
        op = self.operation(method, path)
        if op is None:
            return []
        responses = op.node.get("responses", {})
        key = str(status) if str(status) in responses else "default"
        if key not in responses:
            return []
        ref = self._schema_ref(op.uri, responses[key], f"{op.pointer}/responses/{key}")
        return [] if ref is None else self._errors(ref, body)


@dataclass(frozen=True, slots=True)
class StrictViolation:
    side: str  # "request" or "response"
    method: str
    path: str
    status: int | None
    errors: tuple[str, ...]


_API = re.compile(r"^/(epayment|order-management|qr|webhooks)/")


def _decode(raw: bytes) -> object:
    if not raw.strip():
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return _NOT_JSON


_NOT_JSON = object()


class StrictMiddleware:
    def __init__(
        self, app: ASGIApp, validator: SpecValidator, violations: list[StrictViolation]
    ) -> None:
        self.app = app
        self.validator = validator
        self.violations = violations

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _API.match(scope["path"]):
            await self.app(scope, receive, send)
            return
        method: str = scope["method"]
        path: str = scope["path"]
        chunks = [m async for m in _drain(receive)]
        if not chunks or chunks[-1]["type"] != "http.request" or chunks[-1].get("more_body"):
            # The client vanished before its request was complete: like Starlette (and Vipps)
            # nothing runs and nothing is stored, so its retry with the same key and body
            # after a restart is done for real instead of meeting a 409 for a body never seen.
            return
        request_body = b"".join(m.get("body", b"") for m in chunks)
        body = _decode(request_body)
        request_errors = (
            self.validator.request_errors(method, path, body) if body is not _NOT_JSON else []
        )
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": request_body, "more_body": False}
            return await receive()

        captured: list[Message] = []

        async def capture(message: Message) -> None:
            captured.append(message)

        await self.app(scope, replay, capture)
        start = next(m for m in captured if m["type"] == "http.response.start")
        status: int = start["status"]
        response_raw = b"".join(m.get("body", b"") for m in captured if m["type"] != start["type"])
        if request_errors and status < 300:
            self.violations.append(
                StrictViolation("request", method, path, status, tuple(request_errors))
            )
        response_body = _decode(response_raw)
        errors = (
            []
            if response_body is _NOT_JSON
            else self.validator.response_errors(method, path, status, response_body)
        )
        if response_body is _NOT_JSON and response_raw:
            errors = ["response body is not JSON"]
        if errors:
            self.violations.append(StrictViolation("response", method, path, status, tuple(errors)))
            payload = json.dumps(
                {
                    "type": "https://httpstatuses.io/500",
                    "title": "Emulator response violates the OpenAPI spec",
                    "status": 500,
                    "detail": "; ".join(errors)[:2000],
                    "instance": path,
                    "traceId": "00-strict-mode-00",
                }
            ).encode()
            headers = [(b"content-type", b"application/problem+json")]
            headers.append((b"content-length", str(len(payload)).encode()))
            await send({"type": "http.response.start", "status": 500, "headers": headers})
            await send({"type": "http.response.body", "body": payload, "more_body": False})
            return
        for message in captured:
            await send(message)


async def _drain(receive: Receive) -> AsyncIterator[Message]:
    """The request's messages up to its last body chunk, or up to (and with) the
    ``http.disconnect`` of a client that vanished before sending all of it."""
    while True:
        message = await receive()
        yield message
        if message["type"] != "http.request" or not message.get("more_body", False):
            return
