"""Issue 20.5-20.9: one validation for ``kiosk check-config`` and ``kiosk run``.

Each bad file goes through both commands (the real parser, ``run --headless`` stops at the
configuration): the same lines on stderr, each error once at its own line, exit 1, no traceback.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.cli import main

BAD_FILES = [
    pytest.param(
        (
            'profile = "sim"\nhost = "127.0.0.1"\nport = 5020',
            'profile = "nosuch"\nhost = "127.0.0.1"\nport = 5020',
        ),
        ["10: connectors[0].profile: unknown profile 'nosuch' (known: "],
        id="unknown-connector-profile",
    ),
    pytest.param(
        ('meter = { profile = "eastron-sdm630"', 'meter = { profile = "eastron-nope"'),
        ["20: connectors[1].meter.profile: unknown profile 'eastron-nope' (known: "],
        id="unknown-meter-profile",
    ),
    pytest.param(
        ("price_ore_per_kwh = 450", 'price_ore_per_kwh = 450\ncurrency = "USD"'),
        [
            "24: tariff.currency: 'USD' cannot be paid with Vipps MobilePay: "
            "use one of NOK, DKK, EUR"
        ],
        id="currency-usd",
    ),
    pytest.param(
        ("price_ore_per_kwh = 450", "price_ore_per_kwh = 18446744073709551617"),
        ["23: tariff.price_ore_per_kwh: Input should be less than or equal to 65000000"],
        id="price-beyond-64-bits",
    ),
    pytest.param(
        (
            "[vipps]",
            "[budget]\npresets_ore = [20000, 1000000000000000000000]\n"
            "custom_max_ore = 65000001\n\n[vipps]",
        ),
        [
            "26: budget.presets_ore[1]: Input should be less than or equal to 65000000",
            "27: budget.custom_max_ore: Input should be less than or equal to 65000000",
        ],
        id="budget-beyond-one-payment",
    ),
]


def _bad(valid_text: str, edit: tuple[str, str]) -> str:
    old, new = edit
    assert old in valid_text
    return valid_text.replace(old, new, 1)


@pytest.mark.parametrize(("edit", "expected"), BAD_FILES)
def test_check_config_and_run_report_the_same_lines(
    edit: tuple[str, str],
    expected: list[str],
    write_file: Callable[..., Path],
    valid_text: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write_file(_bad(valid_text, edit))
    outputs = []
    for argv in (["check-config", str(path)], ["run", "--config", str(path), "--headless"]):
        assert main(argv) == 1, argv
        captured = capsys.readouterr()
        assert captured.out == ""
        outputs.append(captured.err.splitlines())
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == len(expected)
    for line, start in zip(outputs[0], expected, strict=True):
        assert line.startswith(f"{path}:{start}"), line


def test_run_refuses_usd_without_a_traceback(
    write_file: Callable[..., Path], valid_text: str
) -> None:
    path = write_file(
        _bad(valid_text, ("price_ore_per_kwh = 450", 'price_ore_per_kwh = 450\ncurrency = "USD"'))
    )
    for argv in (["check-config", str(path)], ["run", "--config", str(path), "--headless"]):
        result = subprocess.run(
            [sys.executable, "-m", "kiosk", *argv],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.splitlines() == [
            f"{path}:24: tariff.currency: 'USD' cannot be paid with Vipps MobilePay: "
            "use one of NOK, DKK, EUR"
        ]


def test_require_secrets_needs_no_webhook_secret_without_webhooks(
    write_file: Callable[..., Path],
    valid_text: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from kiosk.config.pin import hash_pin

    for name, value in (
        ("VIPPS_CLIENT_ID", "id"),
        ("VIPPS_CLIENT_SECRET", "secret"),
        ("VIPPS_SUBSCRIPTION_KEY", "key"),
    ):
        monkeypatch.setenv(f"KIOSK_{name}", value)
    monkeypatch.setenv("KIOSK_SERVICE_PIN_HASH", hash_pin("482916"))
    path = write_file(valid_text)
    assert main(["check-config", "--require-secrets", str(path)]) == 0, capsys.readouterr().err
    assert capsys.readouterr().out == "OK\n"
    hooked = write_file(
        valid_text.replace(
            'merchant_serial_number = "123456"',
            'merchant_serial_number = "123456"\nwebhook_url = "https://example.test/hook"',
        ),
        name="hooked.toml",
    )
    assert main(["check-config", "--require-secrets", str(hooked)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "<secrets>: vipps_webhook_secret: missing: set KIOSK_VIPPS_WEBHOOK_SECRET or add it here"
    ]
