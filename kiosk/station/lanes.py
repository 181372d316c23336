"""Who has the shared screen: one lane per connector, one of them (or none: the overview) in
focus.

Two to four drivers share one screen. The screen shows the focused lane's flow and, with two or
more connectors, a bar with every other lane's state and a way into it, so a driver can always
reach their own Stop while another pays. Only the focused lane's payment QR is ever drawn.

``LaneFocus`` keeps the focus, the language each session's driver chose and the time of the last
touch. A lane that needs nothing from its driver (charging, finishing, a tile, a fault) gives
the screen back to the overview after ``return_ms`` without a touch; a lane with a pending
payment QR or one asking its driver to act (choosing an amount, plug in, done, a message) keeps
it (those screens have their own deadlines in the session). Pure: time comes in as ``now_ms``;
raises nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.station.snapshot import Screen

LANE_RETURN_MS = 30_000
"""Untouched this long, a lane that needs nothing gives the screen back to the overview."""

NEEDS_NOTHING = frozenset(
    {
        Screen.IDLE,
        Screen.CAR_CONNECTED,
        Screen.CHARGING,
        Screen.STOPPING,
        Screen.SETTLING,
        Screen.PAYMENT_UNAVAILABLE,
        Screen.OUT_OF_ORDER,
        Screen.TEST_CHARGE,
        Screen.FAULT,
        Screen.STARTING,
    }
)
"""Screens a driver only watches: nothing is lost when the overview takes their place."""


def returns_to_overview(screen: Screen, untouched_ms: int, return_ms: int) -> bool:
    """Whether the focused lane showing ``screen``, untouched for ``untouched_ms``, gives the
    screen back to the overview."""
    return screen in NEEDS_NOTHING and untouched_ms >= return_ms


@dataclass(slots=True)
class LaneFocus:
    """The focused lane, each lane's driver's language, and the last touch."""

    default_language: str
    return_ms: int = LANE_RETURN_MS
    focus: int | None = None
    last_touch_ms: int = 0
    _languages: dict[int, str] = field(default_factory=dict)
    _overview_language: str | None = None  # chosen on the overview, for the next lane entered

    @property
    def language(self) -> str:
        """The screen's language: the focused lane's driver's choice, else the default."""
        if self.focus is None:
            return self._overview_language or self.default_language
        return self._languages.get(self.focus, self.default_language)

    def touched(self, now_ms: int) -> None:
        self.last_touch_ms = now_ms

    def enter(self, lane: int, now_ms: int) -> None:
        """A driver tapped ``lane`` (a tile or the bar): it gets the screen. A language chosen
        on the overview just before goes with the driver into a lane that has none yet."""
        if self._overview_language is not None and lane not in self._languages:
            self._languages[lane] = self._overview_language
        self._overview_language = None
        self.focus = lane
        self.touched(now_ms)

    def leave(self) -> None:
        """Back to the overview; every lane keeps its driver's language."""
        self.focus = None
        self._overview_language = None

    def choose_language(self, code: str) -> None:
        """The driver of the focused lane chose ``code`` (on the overview: the driver about to
        tap a connector)."""
        if self.focus is not None:
            self._languages[self.focus] = code
        else:
            self._overview_language = code

    def session_over(self, lane: int) -> None:
        """``lane``'s session ended: its driver's language is forgotten, and the lane leaves
        the screen if it had it."""
        self._languages.pop(lane, None)
        if self.focus == lane:
            self.leave()

    def expire(self, screen: Screen | None, now_ms: int) -> bool:
        """Give the screen back to the overview if the focused lane, showing ``screen``, was
        left untouched long enough; True when it did."""
        if self.focus is None or screen is None:
            return False
        if returns_to_overview(screen, now_ms - self.last_touch_ms, self.return_ms):
            self.leave()
            return True
        return False
