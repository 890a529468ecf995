"""A light client of the app: one Streamlit session over its own websocket protocol.

A browser session is a websocket to `/_stcore/stream` carrying protobuf messages: the client
sends `BackMsg.rerun_script` with a `ClientState` (the page's script hash, the widget values
that changed, the fragment they belong to), and the server answers with `ForwardMsg`s: a
`new_session` when a run starts, `navigation` (the pages and their hashes), one `delta` per
element drawn, and `script_finished` when the run ends. A run chain (a callback, then a page
that calls `st.rerun()`) is over when a run finishes without asking for another: status
FINISHED_SUCCESSFULLY, or FINISHED_FRAGMENT_RUN_SUCCESSFULLY for a fragment's run.

`LoadSession` keeps what a browser would need to act (page hashes, widget ids and their
fragments, the options a selectbox shows) and no more, so that dozens of sessions cost the
client far less than the server.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
CHART_KINDS = {"vega_lite_chart", "plotly_chart", "deck_gl_json_chart"}
STEP_TIMEOUT = 300.0


class LoadError(RuntimeError):
    """The app answered with an error, or not in time."""


@dataclass
class Widget:
    """A widget as the client knows it: its id, its fragment, and what it offers."""

    id: str
    kind: str
    fragment_id: str = ""
    options: tuple[str, ...] = ()


@dataclass
class Run:
    """What one run chain sent: when it began, its first chart, its end, its errors."""

    started: float
    runs: int = 0  # script runs in the chain (a page that refines and reruns has two)
    first_chart: float | None = None
    finished: float | None = None
    errors: list[str] = field(default_factory=list)  # exceptions the page showed
    refusals: list[str] = field(default_factory=list)  # error messages (st.error) it showed
    toasts: list[str] = field(default_factory=list)

    def seconds(self) -> float:
        """Seconds from the request to the end of the chain."""
        return (self.finished or time.perf_counter()) - self.started

    def chart_seconds(self) -> float | None:
        """Seconds from the request to the first chart element."""
        return None if self.first_chart is None else self.first_chart - self.started


class LoadSession:
    """One Streamlit session driven like a browser tab, over the websocket alone."""

    def __init__(self, url: str) -> None:
        self.url = url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.pages: dict[str, str] = {}  # url pathname -> page script hash
        self.page_hash = ""
        self.widgets: dict[str, Widget] = {}  # user key -> widget
        self._socket: Any = None

    async def __aenter__(self) -> LoadSession:
        self._socket = await websockets.connect(self.url, subprotocols=["streamlit"],
                                                max_size=None, open_timeout=60,
                                                ping_interval=None)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._socket.close()

    # --- what a user does --------------------------------------------------------------
    async def open(self) -> Run:
        """Open the app at its front page (the Roadmap), as a new browser tab does."""
        return await self._rerun(page_hash="")

    async def go_to(self, page: str) -> Run:
        """Open a page by its url pathname ("weights", "scenarios" ...)."""
        if page not in self.pages:
            raise LoadError(f"the app has no page '{page}' (pages: {sorted(self.pages)})")
        self.widgets = {}
        return await self._rerun(page_hash=self.pages[page], page_name=page)

    async def set_slider(self, key: str, value: float) -> Run:
        """Move a slider (the run is its fragment's, as in a browser)."""
        widget = self._widget(key)
        state = WidgetState(id=widget.id)
        state.double_array_value.data.append(value)
        return await self._rerun(self.page_hash, states=[state], fragment_id=widget.fragment_id)

    async def type_and_click(self, text_key: str, text: str, button_key: str) -> Run:
        """Type into a text input, then click a button (one run, like a blur then click)."""
        typed = WidgetState(id=self._widget(text_key).id, string_value=text)
        clicked = WidgetState(id=self._widget(button_key).id, trigger_value=True)
        return await self._rerun(self.page_hash, states=[typed, clicked])

    def options(self, key: str) -> tuple[str, ...]:
        """The options a selectbox or multiselect shows now."""
        return self._widget(key).options

    def has_widget(self, key: str) -> bool:
        """True when the last run drew a widget with this key."""
        return key in self.widgets

    # --- the protocol ------------------------------------------------------------------
    def _widget(self, key: str) -> Widget:
        if key not in self.widgets:
            raise LoadError(f"the page drew no widget '{key}' (widgets: {sorted(self.widgets)})")
        return self.widgets[key]

    async def _rerun(self, page_hash: str, page_name: str = "", states: list | None = None,
                     fragment_id: str = "") -> Run:
        message = BackMsg()
        client = message.rerun_script
        client.query_string = ""
        client.page_script_hash = page_hash
        client.page_name = page_name
        client.fragment_id = fragment_id
        client.widget_states.widgets.extend(states or [])
        client.context_info.timezone = "UTC"
        client.context_info.locale = "en-US"
        run = Run(started=time.perf_counter())
        await self._socket.send(message.SerializeToString())
        await asyncio.wait_for(self._receive(run), STEP_TIMEOUT)
        if run.errors:
            raise LoadError("; ".join(run.errors))
        return run

    async def _receive(self, run: Run) -> None:
        while True:
            message = ForwardMsg()
            message.ParseFromString(await self._socket.recv())
            kind = message.WhichOneof("type")
            if kind == "delta":
                self._read_delta(message.delta, run)
            elif kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash
                              for p in message.navigation.app_pages}
                self.page_hash = message.navigation.page_script_hash
            elif kind == "new_session":
                run.runs += 1
                self.page_hash = message.new_session.page_script_hash or self.page_hash
            elif kind == "session_event" and message.session_event.HasField(
                    "script_compilation_exception"):
                run.errors.append(message.session_event.script_compilation_exception.message)
            elif kind == "script_finished" and message.script_finished in DONE:
                run.finished = time.perf_counter()
                return

    def _read_delta(self, delta: Any, run: Run) -> None:
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind in CHART_KINDS and run.first_chart is None:
            run.first_chart = time.perf_counter()
        elif kind == "exception":
            run.errors.append(f"{element.exception.type}: {element.exception.message}")
        elif kind == "toast":
            run.toasts.append(element.toast.body)
        elif kind == "alert" and element.alert.format == Alert.ERROR:
            run.refusals.append(element.alert.body)
        body = getattr(element, kind, None) if kind else None
        widget_id = getattr(body, "id", "") if body is not None else ""
        if isinstance(widget_id, str) and widget_id.startswith("$$ID-"):
            key = widget_id.split("-", 2)[-1]
            options = tuple(getattr(body, "options", ()) or ())
            self.widgets[key] = Widget(widget_id, kind, delta.fragment_id, options)
