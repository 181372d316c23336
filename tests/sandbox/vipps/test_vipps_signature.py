"""``kiosk.payments.signature`` against the digest's worked example (§6.4) and tampering."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.payments import signature

SECRET = "A0+AeKBRG2KRGvnNwJpQlb6IJFk48CKXCIcrLoHncVJKDILsQSxS6NWCccwWm6r6FhGKhiHTBsG2wo/xU6FY/A=="
URL = "https://webhook.site/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63"
BODY = b'{"some-unique-content":"ee6e441b-cc4a-46f8-895d-a5af79bcc233/hello-world"}'
DATE = "Thu, 30 Mar 2023 08:38:32 GMT"
NOW = datetime(2023, 3, 30, 8, 38, 32, tzinfo=UTC)  # the instant of DATE
EXPECTED_HASH = "lNlsp1XA03N34HrQsVzPgJKtC+r7l/RBF4V3JQUWMj4="
EXPECTED_AUTH = (
    "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256"
    "&Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U="
)


def test_worked_example_from_the_digest() -> None:
    headers = signature.sign(SECRET, URL, BODY, DATE)
    assert headers.x_ms_content_sha256 == EXPECTED_HASH
    assert headers.host == "webhook.site"
    assert headers.authorization == EXPECTED_AUTH
    assert signature.string_to_sign(URL, DATE, EXPECTED_HASH) == (
        "POST\n/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63\n"
        "Thu, 30 Mar 2023 08:38:32 GMT;webhook.site;" + EXPECTED_HASH
    )


def test_verify_accepts_the_worked_example_with_any_header_case() -> None:
    received = {
        "X-MS-Date": DATE,
        "X-Ms-Content-Sha256": EXPECTED_HASH,
        "authorization": EXPECTED_AUTH,
    }
    signature.verify(SECRET, URL, BODY, received, now=NOW)


def test_host_keeps_a_non_default_port_and_the_query() -> None:
    url = "http://127.0.0.1:8123/hook?station=21"
    assert signature.string_to_sign(url, DATE, "h").splitlines() == [
        "POST",
        "/hook?station=21",
        f"{DATE};127.0.0.1:8123;h",
    ]
    assert signature.sign(SECRET, url, b"", DATE).host == "127.0.0.1:8123"


def _headers() -> dict[str, str]:
    return signature.sign(SECRET, URL, BODY, DATE).as_dict()


def test_tampered_body_fails_on_the_content_hash() -> None:
    with pytest.raises(signature.ContentHashError):
        signature.verify(SECRET, URL, BODY + b" ", _headers(), now=NOW)


def test_body_and_hash_both_replaced_fails_on_the_signature() -> None:
    other = b'{"a":1}'
    headers = _headers() | {"x-ms-content-sha256": signature.content_hash(other)}
    with pytest.raises(signature.SignatureMismatchError):
        signature.verify(SECRET, URL, other, headers, now=NOW)


@pytest.mark.parametrize(
    ("secret", "url"),
    [("wrong-secret", URL), (SECRET, URL + "x"), (SECRET, "https://other.host/e2cee29b")],
)
def test_wrong_secret_or_url_fails(secret: str, url: str) -> None:
    with pytest.raises(signature.SignatureMismatchError):
        signature.verify(secret, url, BODY, _headers(), now=NOW)


def test_secret_is_not_base64_decoded() -> None:
    import base64

    decoded = base64.b64decode(SECRET).decode("latin-1")
    assert signature.sign(decoded, URL, BODY, DATE).authorization != EXPECTED_AUTH


@pytest.mark.parametrize("missing", ["x-ms-date", "x-ms-content-sha256", "Authorization"])
def test_missing_header_is_rejected(missing: str) -> None:
    headers = {k: v for k, v in _headers().items() if k != missing}
    with pytest.raises(signature.MissingHeaderError):
        signature.verify(SECRET, URL, BODY, headers, now=NOW)


def test_date_skew_limit() -> None:
    headers = _headers()
    signature.verify(SECRET, URL, BODY, headers, now=NOW + timedelta(minutes=14))
    with pytest.raises(signature.StaleDateError):
        signature.verify(SECRET, URL, BODY, headers, now=NOW + timedelta(minutes=16))
    with pytest.raises(signature.StaleDateError):
        signature.verify(SECRET, URL, BODY, headers, now=NOW - timedelta(minutes=16))
    signature.verify(SECRET, URL, BODY, headers, now=NOW + timedelta(days=9), max_skew=None)


def test_unparseable_date_is_stale() -> None:
    date = "yesterday-ish"
    headers = signature.sign(SECRET, URL, BODY, date).as_dict()
    with pytest.raises(signature.StaleDateError):
        signature.verify(SECRET, URL, BODY, headers, now=NOW)


def test_format_http_date_is_rfc_1123() -> None:
    when = datetime(2023, 3, 30, 8, 38, 32, tzinfo=UTC)
    assert signature.format_http_date(when) == DATE
    with pytest.raises(ValueError, match="aware"):
        signature.format_http_date(when.replace(tzinfo=None))
