"""The session's shared live feed writes each event to its phones itself (issue 16): every
phone gets it once, in order; a phone that does not take it in time, or whose connection
fails, is dropped and does not hold up the others."""

from __future__ import annotations

import asyncio

import pytest
from starlette.types import Message

from kiosk.web import phone_site
from kiosk.web.phone_site import _Feed, _Phone


class Sink:
    """A phone's ASGI ``send``: keeps the bodies; ``mode`` "hang" never returns, "fail" raises."""

    def __init__(self, mode: str = "ok") -> None:
        self.mode = mode
        self.bodies: list[bytes] = []

    async def __call__(self, message: Message) -> None:
        if self.mode == "hang":
            await asyncio.Event().wait()
        if self.mode == "fail":
            raise OSError("connection reset")
        assert message["more_body"] is True
        self.bodies.append(message["body"])


def follow(feed: _Feed, sinks: list[Sink]) -> list[_Phone]:
    phones = [_Phone(sink) for sink in sinks]
    feed.phones.extend(phones)
    return phones


async def test_every_phone_gets_each_event_once_in_order_in_batches() -> None:
    feed = _Feed(("token", "en"))
    sinks = [Sink() for _ in range(3 * phone_site.WAKE_BATCH + 1)]
    follow(feed, sinks)
    await feed.publish(b"data: 1\n\n")
    await feed.publish(None)
    await feed.publish(b"data: 2\n\n")
    assert feed.data == b"data: 2\n\n"
    assert all(s.bodies == [b"data: 1\n\n", phone_site.KEEPALIVE, b"data: 2\n\n"] for s in sinks)


@pytest.mark.parametrize("mode", ["hang", "fail"])
async def test_a_phone_that_does_not_take_its_event_is_dropped_and_the_rest_get_it(
    monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    monkeypatch.setattr(phone_site, "SEND_TIMEOUT_S", 0.05)
    feed = _Feed(("token", "en"))
    sinks = [Sink() for _ in range(5)]
    sinks[1].mode = mode
    phones = follow(feed, sinks)
    async with asyncio.timeout(2):
        await feed.publish(b"data: 1\n\n")
        await feed.publish(b"data: 2\n\n")
    assert phones[1].dropped
    assert phones[1].done.is_set()
    assert sinks[1].bodies == []
    for number, sink in enumerate(sinks):
        if number != 1:
            assert sink.bodies == [b"data: 1\n\n", b"data: 2\n\n"]
            assert not phones[number].done.is_set()


async def test_the_feed_ending_releases_every_phone() -> None:
    feed = _Feed(("token", "en"))
    phones = follow(feed, [Sink(), Sink()])
    feed.end()
    assert feed.ended
    assert all(p.done.is_set() and not p.dropped for p in phones)
