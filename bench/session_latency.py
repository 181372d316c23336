"""End-to-end latencies of one connector's session on loopback (PRODUCT.md §9, rows 1, 2, 6).

The real station (``kiosk.app.build_station``) runs against the Vipps emulator (uvicorn) and
the charger simulator (pymodbus), all on 127.0.0.1, in this process. Each run: a car is
plugged, the tile tapped, 200 NOK chosen, the payment approved by POSTing the phone page's
"Approve" form, the car charges for a moment (simulator 20x faster than real time, so there
is energy to capture), Stop is tapped, the session settles, the Done screen is dismissed.

Figures (each against a reference measured in the same run):

* approval -> charger enabled, polling: the phone-page POST until the simulator's socket
  offers current after a Modbus write (``EvseProbe``). Reference: the floor of that path, one
  bare HTTP GET of the payment plus one bare pymodbus write-and-read.
* the same with a webhook: the emulator delivers a signed webhook to a receiver on loopback
  that pokes the station (a second station, same kind of world).
* Stop tap -> disable written on the simulator, and -> disable confirmed (the station's
  snapshot leaves STOPPING, which it does on the core's confirmation after the read-back).
  Reference: a bare pymodbus write-and-read round trip.
* the same while the emulator holds EVERY payment request (``faults.hang("*")``, 10 s).
* ``DevicePoller.stop()`` alone (write + read-back through the link, poll loop running).
* Stop tap -> settled: the Done screen (capture, cancel of the rest, receipt, check GET),
  verified at the emulator (captured + cancelled = authorized, receipt stored).
"""

from __future__ import annotations

import asyncio
import random
import time

from bench.figures import Figure, arguments, percentile, report
from bench.modbus_reference import bare_round_trips
from bench.rig import Rig, ScreenProbe, station_rig
from kiosk.core.state import Phase
from kiosk.station.snapshot import Screen

SPEED = 20.0
CHARGE_S = 1.0
CONNECTOR = 1
POLL_INTERVAL_S = 1.0
HANG_S = 10.0


async def bare_floor(rig: Rig, reference: str) -> tuple[float, float]:
    """(one bare HTTP GET of a payment (raw httpx, token fetched outside the timing) plus one
    bare pymodbus write-and-read, four sequential bare GETs)."""
    secrets = rig.config.secrets
    assert secrets.vipps_client_id is not None
    assert secrets.vipps_client_secret is not None
    assert secrets.vipps_subscription_key is not None
    key = secrets.vipps_subscription_key.get_secret_value()
    msn = rig.config.vipps.merchant_serial_number
    token_response = await rig.http.post(
        f"{rig.world.vipps_url}/accesstoken/get",
        headers={
            "client_id": secrets.vipps_client_id.get_secret_value(),
            "client_secret": secrets.vipps_client_secret.get_secret_value(),
            "Ocp-Apim-Subscription-Key": key,
            "Merchant-Serial-Number": msn,
        },
    )
    token = token_response.json()["access_token"]
    headers = {
        "Authorization": f"Bearer {token}",
        "Ocp-Apim-Subscription-Key": key,
        "Merchant-Serial-Number": msn,
    }
    gets = []
    for _ in range(4):
        started = time.perf_counter()
        answer = await rig.http.get(
            f"{rig.world.vipps_url}/epayment/v1/payments/{reference}", headers=headers
        )
        gets.append(time.perf_counter() - started)
        if answer.status_code != 200:
            raise RuntimeError(f"bare GET answered {answer.status_code}")
    modbus_s = (await bare_round_trips(rig.world.simulator, 1, 1))[0]
    return gets[0] + modbus_s, sum(gets)


class Samples:
    def __init__(self) -> None:
        self.approval: list[float] = []
        self.floor: list[float] = []
        self.four_gets: list[float] = []
        self.stop_written: list[float] = []
        self.stop_confirmed: list[float] = []
        self.settled: list[float] = []
        self.unsettled = 0


async def one_session(
    rig: Rig, out: Samples, *, hang: bool = False, measure_settle: bool = True
) -> None:
    station = rig.station
    probe = rig.probes[CONNECTOR]
    screens = ScreenProbe(CONNECTOR)
    unsubscribe = station.subscribe(screens)
    try:
        rig.plug(CONNECTOR, soc_pct=20)
        await rig.wait_phase(CONNECTOR, {Phase.CAR_CONNECTED})
        reference = await rig.start_payment(CONNECTOR)
        if not hang:
            floor_s, four_gets_s = await bare_floor(rig, reference)
            out.floor.append(floor_s)
            out.four_gets.append(four_gets_s)
        # approve at a random point of the kiosk's payment-poll cycle
        await asyncio.sleep(random.uniform(0.0, POLL_INTERVAL_S))
        started = time.perf_counter()
        await rig.approve_on_phone(reference)
        enabled_at = await probe.first_after(started, offering=True, timeout_s=10)
        if enabled_at is None:
            raise RuntimeError("the charger was not enabled within 10 s of the approval")
        if not hang:
            out.approval.append(enabled_at - started)
        await rig.wait_phase(CONNECTOR, {Phase.CHARGING})
        await asyncio.sleep(CHARGE_S)
        fault = rig.emulator.faults.hang("*", count=None, hang_s=HANG_S) if hang else None
        screens.arm()
        started = time.perf_counter()
        station.stop(CONNECTOR)
        written_at = await probe.first_after(started, offering=False, timeout_s=10)
        left = await screens.wait(
            {Screen.SETTLING, Screen.DONE, Screen.FAILED, Screen.PAYMENT_UNAVAILABLE}, 10
        )
        if written_at is None or left is None:
            raise RuntimeError("Stop was not written/confirmed within 10 s")
        out.stop_written.append(written_at - started)
        out.stop_confirmed.append(left[1] - started)
        if fault is not None:
            rig.emulator.faults.clear()
            rig.emulator.faults.release_hung()
        done = await screens.wait({Screen.DONE}, 30)
        if done is None:
            raise RuntimeError("the session did not settle within 30 s")
        if measure_settle and not hang:
            if rig.settled_at_vipps(reference):
                out.settled.append(done[1] - started)
            else:
                out.unsettled += 1
        station.dismiss(CONNECTOR)
        rig.unplug(CONNECTOR)
        await rig.wait_phase(CONNECTOR, {Phase.IDLE}, 15)
    finally:
        unsubscribe()


async def poller_stops(rig: Rig, count: int) -> list[float]:
    """``DevicePoller.stop()`` on connector 2 (its poll loop running), call -> confirmed."""
    poller = rig.station.runner(2).charger.poller  # type: ignore[union-attr]
    samples = []
    for index in range(2 * count + 6):
        if index % 2:
            await poller.enable(16)
            continue
        started = time.perf_counter()
        result = await poller.stop()
        elapsed = time.perf_counter() - started
        if not result.confirmed:
            raise RuntimeError(f"poller stop not confirmed: {result.error}")
        if index >= 6:
            samples.append(elapsed)
        await asyncio.sleep(random.uniform(0.0, 0.05))
    return samples


async def main() -> None:
    args = arguments(__doc__ or "", runs=30, quick_runs=6)
    runs = args.runs
    polling = Samples()
    hung = Samples()
    webhook = Samples()
    async with station_rig(speed=SPEED) as rig:
        for _ in range(runs):
            await one_session(rig, polling)
        for _ in range(max(3, runs // 2)):
            await one_session(rig, hung, hang=True)
        poller_samples = await poller_stops(rig, max(50, runs * 5))
        modbus_ref = await bare_round_trips(rig.world.simulator, 1, max(100, runs * 5))
    async with station_rig(speed=SPEED, webhook=True) as rig:
        for _ in range(runs):
            await one_session(rig, webhook, measure_settle=False)
        if not rig.webhook_deliveries:
            raise RuntimeError("no webhook reached the receiver")
    ref_name = "bare pymodbus write+read"
    figures = [
        Figure(
            "approval on phone page -> charger enabled (polling 1 s)",
            polling.approval,
            stat="p95",
            target=1.5,
            reference_name="bare HTTP GET payment + bare pymodbus write+read",
            reference=polling.floor,
        ),
        Figure(
            "approval on phone page -> charger enabled (webhook)",
            webhook.approval,
            stat="p95",
            target=0.3,
            reference_name="bare HTTP GET payment + bare pymodbus write+read",
            reference=polling.floor,
        ),
        Figure(
            "Stop tap -> disable written on simulator",
            polling.stop_written + webhook.stop_written,
            stat="p99",
            target=0.05,
            reference_name=ref_name,
            reference=modbus_ref,
        ),
        Figure(
            "Stop tap -> disable confirmed (snapshot leaves STOPPING)",
            polling.stop_confirmed + webhook.stop_confirmed,
            stat="p99",
            target=0.05,
            reference_name=ref_name,
            reference=modbus_ref,
        ),
        Figure(
            f"Stop tap -> disable confirmed, every Vipps request held {HANG_S:g} s",
            hung.stop_confirmed,
            stat="p99",
            target=0.05,
            reference_name=ref_name,
            reference=modbus_ref,
            note=f"written on simulator: p50 {1000 * percentile(hung.stop_written, 50):.1f} ms,"
            f" max {1000 * max(hung.stop_written):.1f} ms",
        ),
        Figure(
            "DevicePoller.stop() -> confirmed (hardware layer alone)",
            poller_samples,
            stat="p99",
            target=0.05,
            reference_name=ref_name,
            reference=modbus_ref,
        ),
        Figure(
            "Stop tap -> settled (capture+cancel+receipt+check), loopback",
            polling.settled,
            stat="p95",
            target=1.0,
            reference_name="4 sequential bare HTTP GETs of the payment",
            reference=polling.four_gets,
            note=f"{polling.unsettled} run(s) not settled at the emulator"
            if polling.unsettled
            else "",
        ),
    ]
    report("session latencies (loopback)", figures, args.json, {"runs": runs, "speed": SPEED})


if __name__ == "__main__":
    asyncio.run(main())
