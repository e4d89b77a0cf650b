"""A headless Chromium driven through its DevTools protocol over a pipe.

Chromium started with ``--remote-debugging-pipe`` reads protocol commands
from file descriptor 3 and writes replies and events to descriptor 4, each
message JSON ended by a NUL byte. That is all a test needs to open a page,
read what is on it, click, and take a screenshot: no driver binary, no
websocket library, no port.

Used by ``tests/browser`` and by ``benchmarks/html_open.py``.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

#: Flags for a closed network and a machine without a screen: without the
#: background-networking ones, Chromium keeps trying to reach Google's hosts.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--hide-scrollbars",
    "--mute-audio",
    "--font-render-hinting=none",
)


class BrowserError(RuntimeError):
    """Chromium could not be started, or a protocol command failed."""


def find_chromium() -> str:
    """The Chromium binary: ``$CHROMIUM``, else the first of the usual names on PATH."""
    named = os.environ.get("CHROMIUM")
    if named:
        return named
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise BrowserError("no Chromium found (install the Debian package 'chromium', or set CHROMIUM)")


class Browser:
    """One headless Chromium with one page (tab), closed by :meth:`close`."""

    def __init__(self, width: int = 1280, height: int = 900, binary: str | None = None,
                 timeout: float = 60.0) -> None:
        self.timeout = timeout
        self._profile = tempfile.mkdtemp(prefix="claimcheck-chromium-")
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()

        def child_fds() -> None:  # runs in the child, before exec: the pipe ends at 3 and 4
            # Copies first: a pipe end may itself be 3 or 4, and dup2 onto
            # itself would leave it close-on-exec. os.dup2 makes 3 and 4 inheritable.
            reading, writing = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        args = [binary or find_chromium(), *FLAGS, f"--user-data-dir={self._profile}",
                f"--window-size={width},{height}", "--remote-debugging-pipe", "about:blank"]
        # Chromium's log goes to a file: a pipe nobody reads would fill and stall it.
        self._log = open(os.path.join(self._profile, "chromium.log"), "wb")
        try:
            self._proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log,
                                          preexec_fn=child_fds, close_fds=False)
        except OSError as exc:
            raise BrowserError(f"cannot start {args[0]}: {exc}") from None
        os.close(to_child_r)
        os.close(from_child_w)
        self._out = os.fdopen(to_child_w, "wb", buffering=0)
        self._in = os.fdopen(from_child_r, "rb", buffering=0)
        self._next_id = 0
        self._replies: dict[int, queue.Queue] = {}
        self._lock = threading.Lock()
        self.events: list[dict[str, Any]] = []
        self._event_seen = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        try:
            target = self.send("Target.createTarget", url="about:blank")["targetId"]
            self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        except BrowserError:
            self.close()
            raise

    # -- protocol ------------------------------------------------------------------

    def _read(self) -> None:
        buffer = b""
        while True:
            chunk = self._in.read(1 << 16)
            if not chunk:
                break
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                message = json.loads(raw)
                if "id" in message:
                    with self._lock:
                        waiting = self._replies.get(message["id"])
                    if waiting is not None:
                        waiting.put(message)
                else:
                    with self._event_seen:
                        self.events.append(message)
                        self._event_seen.notify_all()
        with self._lock:  # Chromium is gone: wake every waiting command
            for waiting in self._replies.values():
                waiting.put({"error": {"message": "Chromium closed the pipe"}})

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send a command (to the page's session unless ``session`` says otherwise); its result."""
        with self._lock:
            self._next_id += 1
            ident = self._next_id
            reply: queue.Queue = queue.Queue()
            self._replies[ident] = reply
        message: dict[str, Any] = {"id": ident, "method": method, "params": params}
        if session is None and method.split(".")[0] not in ("Target", "Browser"):
            session = getattr(self, "session", None)
        if session:
            message["sessionId"] = session
        try:
            self._out.write(json.dumps(message).encode() + b"\0")
        except OSError as exc:
            raise BrowserError(f"{method}: cannot write to Chromium: {exc}; {self._stderr()}") from None
        try:
            answer = reply.get(timeout=self.timeout)
        except queue.Empty:
            raise BrowserError(f"{method}: no reply in {self.timeout} s") from None
        finally:
            with self._lock:
                self._replies.pop(ident, None)
        if "error" in answer:
            raise BrowserError(f"{method}: {answer['error'].get('message')}; {self._stderr()}")
        return answer.get("result", {})

    def wait_for_event(self, method: str, since: int = 0, timeout: float | None = None) -> dict[str, Any]:
        """The first event named ``method`` at index ``since`` or later in :attr:`events`."""
        deadline = time.monotonic() + (timeout or self.timeout)
        with self._event_seen:
            while True:
                for event in self.events[since:]:
                    if event.get("method") == method:
                        return event
                left = deadline - time.monotonic()
                if left <= 0:
                    raise BrowserError(f"no {method} event in {timeout or self.timeout} s")
                self._event_seen.wait(left)

    def _stderr(self) -> str:
        if self._proc.poll() is None:
            return "Chromium is running"
        err = Path(self._log.name).read_bytes().decode(errors="replace")
        return f"Chromium exited {self._proc.returncode}: {err.strip()[-2000:]}"

    # -- what a test does -----------------------------------------------------------

    def open(self, url: str, wait: bool = True) -> int:
        """Load ``url`` and (unless ``wait`` is false) wait for its load event.

        Returns the index in :attr:`events` from which this page's events start.
        """
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")
        since = len(self.events)
        self.send("Page.navigate", url=url)
        if wait:
            self.wait_for_event("Page.loadEventFired", since)
        return since

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises awaited)."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise BrowserError(f"JavaScript error: {text}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 10.0) -> Any:
        """Poll a JavaScript expression until it is truthy (events such as ``toggle`` come after
        the click that causes them); its value, or :class:`BrowserError` after ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise BrowserError(f"still false after {timeout} s: {expression}")
            time.sleep(0.01)

    def click(self, selector: str) -> None:
        """Click the centre of the first element ``selector`` matches, as a mouse would."""
        box = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " if (!e) return null; e.scrollIntoView({block: 'center'});"
            " const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        if box is None:
            raise BrowserError(f"nothing matches {selector!r}")
        x, y = box
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def screenshot(self, path: Path, full_page: bool = False) -> Path:
        """Save a PNG of the viewport (or of the whole page) to ``path``."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
            size = self.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
            params["clip"] = {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1}
        data = self.send("Page.captureScreenshot", **params)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def console_errors(self) -> list[str]:
        """Console errors, uncaught exceptions and failed loads the page reported so far."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params["args"]))
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                found.append(details.get("exception", {}).get("description") or details.get("text", ""))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                found.append(params["entry"].get("text", ""))
            elif method == "Network.loadingFailed":
                found.append(f"load failed: {params.get('errorText')}")
        return found

    def requested_urls(self) -> list[str]:
        """Every URL the page asked the network stack for."""
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def close(self) -> None:
        try:
            self._out.close()
        except OSError:
            pass
        if self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._log.close()
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
