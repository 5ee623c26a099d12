#!/usr/bin/env python3
"""CertManager's load tool: the console next to its references, measured in one run on loopback.

Starts the built console (src/CertManager.Web, Release) with a data directory of its own, nginx (Debian) with the same
certificate and key (exported with `certman export`), and an empty ASP.NET Core app serving HTTPS with them
(tools/loadtest/EmptyHttps), and the Blazor Web App template with a page of Email Alerts' forms (tools/loadtest/EmptyBlazor,
the framework's floor for a page), all on 127.0.0.1, and measures:

- pages signed in (the Web Server Certificate tab and the others) against /health, with `wrk` at 1, 50 and 200
  concurrent connections: requests/s, p50, p95, and the console's CPU time per request; then the Blazor template app's
  /health, "Hello, world!" page and form page, each against its /health and the console's pages against them;
- the same pages with 100,000 events in the store (50,000 active) against an empty store; `--only history` runs just
  this part, two consoles side by side (100 events against --events), alternating run after run, `--rounds` times;
- full TLS handshakes/s with `openssl s_time -new` (TLS 1.2 and 1.3, 1 and 4 clients) against nginx, and the server's
  CPU time per handshake; resumed handshakes too (TLS 1.2: `s_time -reuse`; TLS 1.3: session tickets through Python's
  ssl module, which s_time cannot do); `--only tls` runs just this part, with the console as configured, with
  OPENSSL_CONF naming its openssl-tls.cnf, and the empty app (the framework's floor) side by side;
- start-up to the first answer on /health against the empty app (and the Blazor template app): wall-clock seconds and
  the CPU time the process used until then (the CPU time is the steadier figure on a busy machine);
- with `--circuits N`: N idle Blazor circuits (the Web Server Certificate tab, signed in, in Debian's Chromium through
  tools/loadtest/Circuits; 100 pages per browser context, as ten people's browsers), the console's RSS per circuit and
  the time to interactive of the last pages against the first; after every step the console's own count of connected
  circuits (its /metrics) must equal the pages open, and again after `--circuits-hold` seconds (default 35) of idling.
  With `--circuits-browserless` Chromium opens only the first and the last tenth of the pages (time to interactive in
  a real browser) and a browser stand-in the idle ones between (tools/loadtest/Circuits/StandIn: the hub protocol
  blazor.web.js speaks, without a browser's memory; 1,000 Chromium pages do not fit this machine).

Writes a markdown table with the ratios (stdout, and --out FILE). Every run is bounded: each wrk run lasts --duration
seconds, each handshake run --tls-seconds. `--smoke` is the short run the test command uses so that the tool keeps
working: one-second runs, 2,000 events, 4 circuits (one Chromium page, two stand-in pages, one Chromium page), and a
non-zero exit if anything did not answer as it should.

Needs: the solution built in Release, `wrk`, `nginx`, `openssl` and the .NET SDK. Run from anywhere:
    tools/loadtest/load.py [--smoke] [--duration 10] [--out results.md] [--console DIR] [--circuits N [--circuits-browserless]
                           [--circuits-hold SECONDS]]
                           [--only startup|circuits|pages|history|tls] [--baseline DIR --rounds N] [--events N]

`--console DIR` runs a published console (`dotnet publish src/CertManager.Web -c Release -r linux-x64
--self-contained false -o DIR`, ReadyToRun as operators install it) instead of the build output.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import zipfile
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONFIGURATION = os.environ.get("CONFIGURATION", "Release")
WEB_DLL = os.path.join(ROOT, "src/CertManager.Web/bin", CONFIGURATION, "net10.0/CertManager.Web.dll")
CLI_DLL = os.path.join(ROOT, "src/CertManager.Cli/bin", CONFIGURATION, "net10.0/certman.dll")
EMPTY_PROJECT = os.path.join(ROOT, "tools/loadtest/EmptyHttps")
EMPTY_DLL = os.path.join(EMPTY_PROJECT, "bin", CONFIGURATION, "net10.0/EmptyHttps.dll")
BLAZOR_PROJECT = os.path.join(ROOT, "tools/loadtest/EmptyBlazor")
BLAZOR_DLL = os.path.join(BLAZOR_PROJECT, "bin", CONFIGURATION, "net10.0/EmptyBlazor.dll")
# The reference's form page carries the forms of this page of the console.
FORM_PAGE = "/settings/alerts"
CIRCUITS_DLL = os.path.join(ROOT, "tools/loadtest/Circuits/bin", CONFIGURATION, "net10.0/Circuits.dll")
CIRCUIT_STEP_SECONDS = 45
ADMIN = "admin"
ADMIN_PASSWORD = "Load-test-admin-password-1"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
TAB = "/security/web-server/certificate"
PAGE_OF_EVENTS = 100
OTHER_PAGES = [
    "/events",
    "/security/web-server/certificate/versions",
    "/security/web-server/certificate/csr",
    "/security/web-server/certificate/install",
    "/security/trusted-roots",
    "/security/users",
    "/settings/alerts",
]
# wrk prints the latency percentiles it was asked for on one line the parser below reads.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("PERCENTILES p50=%d p95=%d\\n", latency:percentile(50), latency:percentile(95)))
end
"""


class LoadError(Exception):
    """Something did not answer as it should: the run is not a measurement."""


@dataclass
class Server:
    name: str
    process: subprocess.Popen
    port: int
    pids: list[int] = field(default_factory=list)
    startup_cpu: float = 0.0

    def cpu_seconds(self) -> float:
        """utime + stime of the server's processes (nginx: master and workers)."""
        total = 0
        for pid in self.pids or [self.process.pid]:
            for p in [pid] + children(pid):
                try:
                    with open(f"/proc/{p}/stat", encoding="ascii") as stat:
                        fields = stat.read().rsplit(")", 1)[1].split()
                    total += int(fields[11]) + int(fields[12])
                except (FileNotFoundError, ProcessLookupError):
                    pass
        return total / CLOCK_TICKS

    def rss_mb(self) -> float:
        with open(f"/proc/{self.process.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
            return [int(c) for c in f.read().split()]
    except FileNotFoundError:
        return []


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_average() -> str:
    with open("/proc/loadavg", encoding="ascii") as f:
        return " ".join(f.read().split()[:3])


def tls_context() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def get(port: int, path: str, cookie: str | None = None, timeout: float = 5) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPSConnection("127.0.0.1", port, timeout=timeout, context=tls_context())
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def tail(path: str, lines: int = 30) -> str:
    """The last lines of a log file, for an error message."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError as error:
        return f"(unreadable: {error})"


def wait_healthy(server: Server, timeout: float) -> float:
    """Seconds from now until /health answers 200 (polled every 10 ms)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if server.process.poll() is not None:
            raise LoadError(f"{server.name} exited with {server.process.returncode} during start-up")
        try:
            if get(server.port, "/health", timeout=2)[0] == 200:
                return time.monotonic() - started
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.01)
    raise LoadError(f"{server.name} did not answer /health within {timeout} s")


def launch(name: str, dll: str, settings: dict[str, str], log: str, timeout: float) -> tuple[Server, float]:
    """Starts a .NET app on a free loopback port and returns it with the seconds until /health answered (the CPU time it
    used until then is kept in its `startup_cpu`)."""
    port = free_port()
    env = dict(os.environ)
    env.pop("ASPNETCORE_URLS", None)
    env["ASPNETCORE_ENVIRONMENT"] = "Production"
    env.update(settings)
    started = time.monotonic()
    process = subprocess.Popen(["dotnet", dll, "--urls", f"https://127.0.0.1:{port}"], cwd=os.path.dirname(dll),
                               env=env, stdout=open(log, "ab"), stderr=subprocess.STDOUT)
    server = Server(name, process, port)
    wait_healthy(server, timeout)
    seconds = time.monotonic() - started
    server.startup_cpu = server.cpu_seconds()
    return server, seconds


CONSOLE_SETTINGS: dict[str, str] = {}
CONSOLE = {"dll": WEB_DLL}


def start_console(data: str, log: str, dll: str | None = None, name: str = "console", settings: dict[str, str] | None = None) -> tuple[Server, float]:
    return launch(name, dll or CONSOLE["dll"], CONSOLE_SETTINGS | (settings or {}) | {
        "CertManager__DataDirectory": data,
        "CertManager__HostName": "console.example.test",
        "CertManager__Accounts__InitialAdministratorPassword": ADMIN_PASSWORD,
        "CertManager__SignInLimits__PermitsPerUserName": "10000",
        "CertManager__SignInLimits__PermitsPerAddress": "10000",
    }, log, 180)


def start_empty_app(certificate: str, key: str, log: str) -> tuple[Server, float]:
    return launch("empty ASP.NET Core app", EMPTY_DLL, {
        "Kestrel__Certificates__Default__Path": certificate,
        "Kestrel__Certificates__Default__KeyPath": key,
    }, log, 120)


def start_blazor_app(certificate: str, key: str, log: str) -> tuple[Server, float]:
    return launch("Blazor template app", BLAZOR_DLL, {
        "Kestrel__Certificates__Default__Path": certificate,
        "Kestrel__Certificates__Default__KeyPath": key,
    }, log, 120)


def start_nginx(directory: str, certificate: str, key: str) -> Server:
    port = free_port()
    config = os.path.join(directory, "nginx.conf")
    with open(config, "w", encoding="ascii") as f:
        f.write(f"""worker_processes auto;
error_log {directory}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {directory}/nginx-body;
    server {{
        listen 127.0.0.1:{port} ssl;
        ssl_certificate {certificate};
        ssl_certificate_key {key};
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_session_cache shared:SSL:10m;
        location /health {{ return 200 "Healthy"; }}
    }}
}}
""")
    process = subprocess.Popen(["nginx", "-p", directory, "-c", config, "-g", f"daemon off; pid {directory}/nginx.pid;"],
                               stdout=subprocess.DEVNULL, stderr=open(os.path.join(directory, "nginx-stderr.log"), "ab"))
    server = Server("nginx", process, port)
    try:
        wait_healthy(server, 30)
    except LoadError as error:
        with open(os.path.join(directory, "nginx-stderr.log"), encoding="utf-8", errors="replace") as f:
            raise LoadError(f"{error}: {f.read()[-2000:]}") from error
    return server


def sign_in(port: int) -> str:
    """Signs in through the real form and returns the Cookie header a browser would send afterwards."""
    cookies: dict[str, str] = {}

    def keep(headers: list[tuple[str, str]]) -> None:
        for name, value in headers:
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                cookies[pair.split("=", 1)[0]] = pair.split("=", 1)[1]

    connection = http.client.HTTPSConnection("127.0.0.1", port, timeout=30, context=tls_context())
    connection.request("GET", "/account/login")
    response = connection.getresponse()
    page = response.read().decode()
    keep(response.getheaders())
    token = re.search(r'name="__RequestVerificationToken" value="([^"]+)"', page)
    if not token:
        raise LoadError("the sign-in page has no antiforgery token")
    form = urllib.parse.urlencode({"_handler": "login", "__RequestVerificationToken": token.group(1),
                                   "Input.UserName": ADMIN, "Input.Password": ADMIN_PASSWORD})
    connection.request("POST", "/account/login", body=form, headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        "Origin": f"https://127.0.0.1:{port}"})
    response = connection.getresponse()
    response.read()
    keep(response.getheaders())
    connection.close()
    if response.status != 302:
        raise LoadError(f"sign-in answered {response.status}, not a redirect")
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    status, _, _ = get(port, TAB, cookie, timeout=60)
    if status != 200:
        raise LoadError(f"the tab answered {status} after signing in")
    return cookie


@dataclass
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    requests: int
    cpu_ms_per_request: float


def wrk(server: Server, path: str, connections: int, seconds: int, script: str, cookie: str | None = None) -> WrkResult:
    threads = 1 if connections == 1 else 2
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", script]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(f"https://127.0.0.1:{server.port}{path}")
    # One request first: the first rendering of a page compiles it, which is start-up, not the page's cost.
    status = get(server.port, path, cookie, timeout=120)[0]
    if status != 200:
        raise LoadError(f"{path} answered {status} before the run")
    cpu = server.cpu_seconds()
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    cpu = server.cpu_seconds() - cpu
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    if bad:
        raise LoadError(f"{path} at {connections}: {bad.group(0)}\n{output}")
    if requests == 0:
        # A smoke run on a busy machine may finish no request in its short window; the request before it answered.
        return WrkResult(0, 0, 0, 0, 0)
    if errors and re.search(r"(connect|read|write) [1-9]", errors.group(1)):
        raise LoadError(f"{path} at {connections}: socket errors {errors.group(1)}")
    percentiles = re.search(r"PERCENTILES p50=(\d+) p95=(\d+)", output)
    return WrkResult(float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
                     int(percentiles.group(1)) / 1000, int(percentiles.group(2)) / 1000, requests,
                     cpu * 1000 / requests)


def handshakes(server: Server, protocol: str, clients: int, seconds: int, reuse: bool = False) -> tuple[float, float]:
    """Handshakes/s over `clients` parallel `openssl s_time` and the server's CPU ms per handshake."""
    command = ["openssl", "s_time", "-connect", f"127.0.0.1:{server.port}", "-reuse" if reuse else "-new",
               "-time", str(seconds), f"-{protocol}"]
    cpu = server.cpu_seconds()
    started = time.monotonic()
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in range(clients)]
    outputs = [p.communicate(timeout=seconds + 60)[0] for p in processes]
    elapsed = time.monotonic() - started
    cpu = server.cpu_seconds() - cpu
    count = 0
    for output in outputs:
        match = re.search(r"(\d+) connections in [\d.]+s", output)
        if not match:
            raise LoadError(f"openssl s_time against {server.name} ({protocol}) printed no count:\n{output}")
        count += int(match.group(1))
    return count / elapsed, cpu * 1000 / max(count, 1)


def resumed_tls13(server: Server, clients: int, seconds: int) -> tuple[float, float, float]:
    """TLS 1.3 resumed handshakes/s over `clients` threads, the server's CPU ms per handshake and the share resumed.

    `openssl s_time -reuse` resumes TLS 1.2 only: a TLS 1.3 session ticket comes after the handshake, and s_time
    closes before reading it. Each client here takes a ticket once (reading until the server has been quiet for
    0.2 s), then connects again and again with it, counting the handshakes the server resumed."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.minimum_version = context.maximum_version = ssl.TLSVersion.TLSv1_3

    def ticket() -> ssl.SSLSession:
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw, context.wrap_socket(raw) as tls:
            tls.settimeout(0.2)
            try:
                tls.recv(1)
            except TimeoutError:
                pass
            if tls.session is None or not tls.session.has_ticket:
                raise LoadError(f"{server.name} sent no TLS 1.3 session ticket")
            return tls.session

    sessions = [ticket() for _ in range(clients)]
    counts, resumed = [0] * clients, [0] * clients
    cpu = server.cpu_seconds()
    started = time.monotonic()
    deadline = started + seconds

    def client(index: int) -> None:
        while time.monotonic() < deadline:
            with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw, \
                    context.wrap_socket(raw, session=sessions[index]) as tls:
                counts[index] += 1
                resumed[index] += tls.session_reused

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 60)
    elapsed = time.monotonic() - started
    cpu = server.cpu_seconds() - cpu
    count = sum(counts)
    return count / elapsed, cpu * 1000 / max(count, 1), sum(resumed) / max(count, 1)


def handshake_pair(nginx: Server, console: Server, protocol: str, clients: int, seconds: int, reuse: bool) -> str:
    """One table row's measured columns: nginx, then the console, with the ratios (and the share resumed for TLS 1.3)."""
    if reuse and protocol == "tls1_3":
        n_rate, n_cpu, n_share = resumed_tls13(nginx, clients, seconds)
        c_rate, c_cpu, c_share = resumed_tls13(console, clients, seconds)
        resumed = f" ({n_share:.0%} / {c_share:.0%} resumed)"
    else:
        n_rate, n_cpu = handshakes(nginx, protocol, clients, seconds, reuse)
        c_rate, c_cpu = handshakes(console, protocol, clients, seconds, reuse)
        resumed = ""
    return (f"{protocol.replace('tls1_', 'TLS 1.')} | {'resumed' if reuse else 'full'}{resumed} | {clients} | {n_rate:,.0f} | {c_rate:,.0f} "
            f"| **{ratio(c_rate, n_rate)}** | {n_cpu:.2f} | {c_cpu:.2f} | **{ratio(c_cpu, n_cpu)}** |")


def binary_time(unix_seconds: float) -> int:
    """EF Core's DateTimeOffsetToBinaryConverter for a UTC instant: ticks / 1000, shifted past 11 bits of offset."""
    ticks = int(unix_seconds * 10_000_000) + 621_355_968_000_000_000
    return (ticks // 1000) << 11


def add_events(data: str, total: int) -> None:
    """Appends `total` events, half of them active (WARNING/MINOR/MAJOR, neither resolved nor acknowledged)."""
    database = os.path.join(data, "certmanager.db")
    if not os.path.exists(database):
        candidates = [f for f in os.listdir(data) if f.endswith(".db")]
        database = os.path.join(data, candidates[0])
    now = time.time()
    sources = ["expiry", "install", "accounts", "csr", "scep", "acme", "export", "alerts"]
    rows = []
    for i in range(total):
        active = i % 2 == 0
        severity = ("Warning", "Minor", "Major")[i % 3] if active else "Info"
        at = binary_time(now - 300 * 86400 * (total - i) / total)
        rows.append((at, severity, sources[i % len(sources)], f"Load test event {i}", "system",
                     None if active or i % 4 == 1 else at, None))
    with sqlite3.connect(database) as connection:
        connection.executemany("INSERT INTO Events (Time, Severity, Source, Message, Actor, ResolvedAt, AcknowledgedAt) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def export_certificate(data: str, directory: str) -> tuple[str, str]:
    """The console's certificate and key through `certman export`, unpacked for nginx and the empty app."""
    bundle = os.path.join(directory, "presented.zip")
    subprocess.run(["dotnet", CLI_DLL, "export", "--data-dir", data, "--format", "zip", "--out", bundle],
                   check=True, capture_output=True, timeout=120)
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
        chain = next(n for n in names if n.endswith(".fullchain.crt"))
        key = next(n for n in names if n.endswith(".key"))
        archive.extract(chain, directory)
        archive.extract(key, directory)
    os.remove(bundle)
    return os.path.join(directory, chain), os.path.join(directory, key)


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "-"


class Report:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def write(self, out: str | None) -> int:
        """Prints the report (and writes it to `out`); 0 as the tool's exit code."""
        text = self.text()
        sys.stdout.write(text)
        if out:
            with open(out, "w", encoding="utf-8") as f:
                f.write(text)
        return 0


def page_rows(report: Report, server: Server, cookie: str, args: argparse.Namespace, script: str) -> dict[tuple[str, int], WrkResult]:
    results: dict[tuple[str, int], WrkResult] = {}
    for path in () if args.smoke else ("/health", TAB):  # warm-up, not reported
        wrk(server, path, args.concurrency[-1], args.duration, script, cookie)
    report.add("", f"### Pages against /health (signed in; load average before: {load_average()})", "",
               "| Path | Connections | Requests/s | p50 ms | p95 ms | CPU ms/request | vs /health (signed in) requests/s |",
               "|------|---:|---:|---:|---:|---:|---:|")
    runs = [("/health (anonymous)", "/health", c, None) for c in args.concurrency]
    runs += [("/health", "/health", c, cookie) for c in args.concurrency]
    runs += [(TAB, TAB, c, cookie) for c in args.concurrency]
    pages = OTHER_PAGES[:2] if args.smoke else OTHER_PAGES
    runs += [(p, p, args.concurrency[1] if len(args.concurrency) > 1 else args.concurrency[0], cookie) for p in pages]
    for label, path, connections, with_cookie in runs:
        result = wrk(server, path, connections, args.duration, script, with_cookie)
        results[(label, connections)] = result
        health = results.get(("/health", connections))
        report.add(f"| `{label}` | {connections} | {result.requests_per_second:,.0f} | {result.p50_ms:.1f} | {result.p95_ms:.1f} "
                   f"| {result.cpu_ms_per_request:.2f} | {ratio(result.requests_per_second, health.requests_per_second) if health and label != '/health' else '-'} |")
    tab_1, tab_top = results.get((TAB, args.concurrency[0])), results.get((TAB, args.concurrency[-1]))
    if tab_1 and tab_top:
        report.add("", f"p95 of the tab at {args.concurrency[-1]} connections / p50 at {args.concurrency[0]}: "
                   f"**{tab_top.p95_ms / max(tab_1.p50_ms, 0.001):.1f}x**")
    return results


def framework_rows(report: Report, reference: Server, console: dict[tuple[str, int], WrkResult], args: argparse.Namespace,
                   script: str) -> None:
    """The framework's own floor in the same run: the Blazor template app's /health, its "Hello, world!" page and a
    page with the forms of Email Alerts, each against that app's /health and the console's page against it."""
    connections = args.concurrency[1] if len(args.concurrency) > 1 else args.concurrency[0]
    for path in () if args.smoke else ("/health", "/form"):  # warm-up, not reported
        wrk(reference, path, connections, args.duration, script)
    report.add("", f"### The framework's floor: the Blazor template app (load average before: {load_average()})", "",
               "`tools/loadtest/EmptyBlazor`: the Blazor Web App template, interactive server rendering everywhere as in "
               f"the console, no sign-in; `/form` has the forms of `{FORM_PAGE}`.", "",
               "| Path | Connections | Requests/s | p50 ms | p95 ms | CPU ms/request | vs its /health | console's page | console vs this |",
               "|------|---:|---:|---:|---:|---:|---:|---|---:|")
    health = wrk(reference, "/health", connections, args.duration, script)
    report.add(f"| `/health` | {connections} | {health.requests_per_second:,.0f} | {health.p50_ms:.1f} | {health.p95_ms:.1f} "
               f"| {health.cpu_ms_per_request:.2f} | - | `/health` (signed in) "
               f"| {ratio(console[('/health', connections)].requests_per_second, health.requests_per_second)} |")
    for path, counterpart in (("/", TAB), ("/form", FORM_PAGE)):
        result = wrk(reference, path, connections, args.duration, script)
        mine = console.get((counterpart, connections))
        report.add(f"| `{path}` | {connections} | {result.requests_per_second:,.0f} | {result.p50_ms:.1f} | {result.p95_ms:.1f} "
                   f"| {result.cpu_ms_per_request:.2f} | {ratio(result.requests_per_second, health.requests_per_second)} "
                   f"| `{counterpart}` | {ratio(mine.requests_per_second, result.requests_per_second) if mine else '-'} |")


def compare_rows(report: Report, baseline: Server, console: Server, cookies: dict[str, str], args: argparse.Namespace, script: str) -> None:
    """The pages on two consoles side by side: each run on the baseline is followed by the same run on the console
    under test (then the other way round), so both see the same load on a shared machine."""
    for server in (baseline, console):  # warm-up, not reported
        for path in ("/health", TAB):
            wrk(server, path, args.concurrency[-1], args.duration, script, cookies[server.name])
    report.add("", f"### Pages: baseline against this build (signed in; load average before: {load_average()})", "",
               f"Baseline: `{args.baseline}`; {args.rounds} alternating run(s) of {args.duration} s each, CPU time summed over them.", "",
               "| Path | Connections | baseline requests/s | requests/s | baseline CPU ms/request | CPU ms/request | cost ratio (CPU) "
               "| baseline p95 ms | p95 ms | vs /health (signed in) requests/s |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    runs = [("/health (anonymous)", "/health", c, False) for c in args.concurrency[1:]]
    runs += [("/health", "/health", c, True) for c in args.concurrency]
    runs += [(TAB, TAB, c, True) for c in args.concurrency]
    runs += [(p, p, args.concurrency[1], True) for p in (OTHER_PAGES[:2] if args.smoke else OTHER_PAGES)]
    health: dict[tuple[str, int], float] = {}
    latency: dict[str, WrkResult] = {}
    for label, path, connections, signed_in in runs:
        totals = {}
        for turn in range(args.rounds):
            order = (baseline, console) if turn % 2 == 0 else (console, baseline)
            for server in order:
                result = wrk(server, path, connections, args.duration, script, cookies[server.name] if signed_in else None)
                requests, cpu, seconds, p95 = totals.get(server.name, (0, 0.0, 0.0, 0.0))
                totals[server.name] = (requests + result.requests, cpu + result.cpu_ms_per_request * result.requests,
                                       seconds + (result.requests / result.requests_per_second if result.requests_per_second else 0),
                                       max(p95, result.p95_ms))
                if path == TAB and server is console:
                    latency[f"{connections}"] = result
        (b_req, b_cpu, b_sec, b_p95), (c_req, c_cpu, c_sec, c_p95) = totals[baseline.name], totals[console.name]
        b_rate, c_rate = b_req / b_sec if b_sec else 0, c_req / c_sec if c_sec else 0
        b_ms, c_ms = b_cpu / b_req if b_req else 0, c_cpu / c_req if c_req else 0
        if label == "/health":
            health[(baseline.name, connections)], health[(console.name, connections)] = b_rate, c_rate
        vs_health = "-" if label.startswith("/health") else f"{ratio(b_rate, health.get((baseline.name, connections), 0))} → **{ratio(c_rate, health.get((console.name, connections), 0))}**"
        report.add(f"| `{label}` | {connections} | {b_rate:,.0f} | {c_rate:,.0f} | {b_ms:.2f} | {c_ms:.2f} | **{ratio(c_ms, b_ms)}** "
                   f"| {b_p95:.1f} | {c_p95:.1f} | {vs_health} |")
    first, top = latency.get(str(args.concurrency[0])), latency.get(str(args.concurrency[-1]))
    if first and top:
        report.add("", f"This build: p95 of the tab at {args.concurrency[-1]} connections / p50 at {args.concurrency[0]}: "
                   f"{top.p95_ms:.1f} / {first.p50_ms:.1f} ms = **{top.p95_ms / max(first.p50_ms, 0.001):.1f}x** (last round). "
                   f"Load average after: {load_average()}.")


def measure_store(data: str, log: str, connections: int, args: argparse.Namespace, script: str) -> tuple[Server, dict[str, WrkResult]]:
    """Starts the console, signs in, and measures /health, the tab and the Event Viewer, each after a warm-up run."""
    console, _ = start_console(data, log)
    cookie = sign_in(console.port)
    results = {}
    for path in ("/health", TAB, "/events"):
        if not args.smoke:
            wrk(console, path, connections, args.duration, script, cookie)
        results[path] = wrk(console, path, connections, args.duration, script, cookie)
    return console, results


def circuit_rows(report: Report, data: str, log: str, circuits: int, browserless: bool, hold: int) -> Server:
    """Idle circuits on a console started afresh: its RSS per circuit and the time to interactive, first pages against last.

    With `browserless`, Chromium opens the first and the last step's pages (time to interactive in a real browser) and the
    browser stand-in (tools/loadtest/Circuits/StandIn) the idle pages between. Either way the console's own circuit count
    (its /metrics, scraped from 127.0.0.1) must equal the pages open after every step, or the tool fails."""
    if not os.path.exists(CIRCUITS_DLL):
        raise LoadError(f"{CIRCUITS_DLL} is missing: build the solution first (dotnet build CertManager.sln -c {CONFIGURATION})")
    # The tool reads the console's circuit count from /metrics, which answers this machine only when allowed to.
    console, _ = start_console(data, log, settings={"CertManager__Metrics__AllowedNetworks__0": "127.0.0.1/32"})
    step = max(circuits // 10, 1)
    # The tool gives up on one step (a sign-in, a page becoming interactive) after CIRCUIT_STEP_SECONDS and says what
    # the page showed; the outer limit is only for a tool that does not get that far.
    command = ["dotnet", CIRCUITS_DLL, "--url", f"https://127.0.0.1:{console.port}", "--user", ADMIN, "--password", ADMIN_PASSWORD,
               "--pid", str(console.process.pid), "--circuits", str(circuits), "--step", str(step), "--timeout", str(CIRCUIT_STEP_SECONDS),
               "--hold", str(hold)] + (["--browserless"] if browserless else [])
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=3 * CIRCUIT_STEP_SECONDS + circuits * 5 + hold)
    except subprocess.TimeoutExpired as e:
        console.stop()
        raise LoadError(f"the circuits tool did not finish in {e.timeout:.0f} s; it printed:\n{e.stdout or ''}{e.stderr or ''}\n"
                        f"The console's log ends with:\n{tail(log)}") from None
    if run.returncode != 0:
        console.stop()
        raise LoadError(f"the circuits tool failed:\n{run.stdout[-1000:]}{run.stderr[-4000:]}\nThe console's log ends with:\n{tail(log)}")
    lines = [line.split("\t") for line in run.stdout.splitlines()[1:] if line.strip()]
    rows = [r for r in lines if not r[4].startswith("held")]
    held = [r for r in lines if r[4].startswith("held")]
    counts, rss = [int(r[0]) for r in rows], [float(r[1]) for r in rows]
    if counts[-1] != circuits or int(rows[-1][5]) != circuits:
        raise LoadError(f"the circuits tool opened {counts[-1]} of {circuits} circuits; the console counts {rows[-1][5]} connected")
    # The first step also pays for compiling the page; the slope after it is what one more idle circuit costs.
    slope = (rss[-1] - rss[1]) / (counts[-1] - counts[1]) if len(rows) > 2 else (rss[-1] - rss[0]) / circuits
    first, last = float(rows[1][2]), float(rows[-1][2])
    clients = "Chromium for the first and last step, the browser stand-in between" if browserless else "Chromium"
    report.add("", f"### {circuits} idle circuits (the tab, signed in; pages opened by {clients}; load average: {load_average()})", "",
               "| Circuits | Opened by | Console RSS MB | Time to interactive, median ms | slowest ms | Console: circuits connected | circuits active |",
               "|---:|---|---:|---:|---:|---:|---:|",
               *[f"| {r[0]} | {r[4]} | {float(r[1]):.0f} | {r[2]} | {r[3]} | {r[5]} | {r[6]} |" for r in lines], "",
               f"RSS per idle circuit after the first {counts[1]}: **{slope:.2f} MB**; over all {circuits}: "
               f"{(rss[-1] - rss[0]) / circuits:.2f} MB. Time to interactive of the last {step} against the first {step}: "
               f"**{ratio(last, first)}**. The console counted {rows[-1][5]} connected circuits with {circuits} pages open"
               + (f", and {held[-1][5]} after {held[-1][4][5:]} more of idling." if held else "."))
    if browserless:
        report.add("", f"Stand-in: {run.stderr.strip().splitlines()[-1] if run.stderr.strip() else 'no report'}")
    return console


def history_rows(report: Report, empty: dict[str, WrkResult], page: dict[str, WrkResult], full: dict[str, WrkResult], events: int, load: str) -> None:
    report.add("", f"### Page cost with {events:,} events ({events // 2:,} active) against the empty store and a store of "
               f"{PAGE_OF_EVENTS} events (load average: {load})", "",
               f"| Path | Requests/s empty | Requests/s {PAGE_OF_EVENTS} | Requests/s {events:,} | CPU ms/request empty | CPU ms/request {PAGE_OF_EVENTS} "
               f"| CPU ms/request {events:,} | Cost ratio vs empty (CPU) | Cost ratio vs {PAGE_OF_EVENTS} (CPU) |",
               "|------|---:|---:|---:|---:|---:|---:|---:|---:|")
    for path, e in empty.items():
        p, f = page[path], full[path]
        report.add(f"| `{path}` | {e.requests_per_second:,.0f} | {p.requests_per_second:,.0f} | {f.requests_per_second:,.0f} "
                   f"| {e.cpu_ms_per_request:.2f} | {p.cpu_ms_per_request:.2f} | {f.cpu_ms_per_request:.2f} "
                   f"| **{ratio(f.cpu_ms_per_request, e.cpu_ms_per_request)}** | **{ratio(f.cpu_ms_per_request, p.cpu_ms_per_request)}** |")


class Writer:
    """Another writer beside the consoles, as `certman check-expiry` or a second node is: one event (WARNING, so the
    active count changes too) into each store every `interval` seconds, committed in its own transaction."""

    def __init__(self, stores: list[str], interval: float) -> None:
        self.stores, self.interval, self.count = stores, interval, 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> "Writer":
        """Writes until the block ends (each wrk run on either console is one block)."""
        if self.interval > 0:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            at = binary_time(time.time())
            for store in self.stores:
                with sqlite3.connect(os.path.join(store, "certmanager.db"), timeout=30) as connection:
                    connection.execute("INSERT INTO Events (Time, Severity, Source, Message, Actor) VALUES (?, 'Warning', 'expiry', ?, 'system')",
                                       (at, f"Written beside the console {self.count}"))
            self.count += 1


def history_compare_rows(report: Report, directory: str, args: argparse.Namespace, script: str, started: list[Server]) -> None:
    """The tab, the Event Viewer and /health on two consoles at once, one with a store of PAGE_OF_EVENTS events (one full
    first page) and one with `args.events` (half active), run after run, alternating which goes first, so that both see
    the same load on a shared machine. The second store is a copy of the first with the rest of the events appended, so
    everything but the history (certificate, keys, settings) is the same."""
    small, large = os.path.join(directory, "data-page"), os.path.join(directory, "data-history")
    console, _ = start_console(small, os.path.join(directory, "page.log"))
    started.append(console)
    console.stop()
    add_events(small, PAGE_OF_EVENTS)
    shutil.copytree(small, large)
    add_events(large, args.events - PAGE_OF_EVENTS)
    servers = []
    for name, data in (("page", small), ("history", large)):
        server, _ = start_console(data, os.path.join(directory, f"{name}.log"), name=name)
        servers.append(server)
        started.append(server)  # stopped by the caller, also when a run fails
    cookies = {server.name: sign_in(server.port) for server in servers}
    connections = args.concurrency[1] if len(args.concurrency) > 1 else args.concurrency[0]
    paths = ("/health", TAB, "/events")
    for server in servers:  # warm-up, not reported
        for path in paths:
            wrk(server, path, connections, args.duration, script, cookies[server.name])
    report.add("", f"### Page cost with {args.events:,} events ({args.events // 2:,} active) against a store of {PAGE_OF_EVENTS} events, "
               f"side by side (signed in, {connections} connections; load average before: {load_average()})", "",
               f"{args.rounds} alternating run(s) of {args.duration} s on each console; CPU time summed over them, and the cost "
               "ratio of each round (the spread).", "",
               f"| Path | Requests/s {PAGE_OF_EVENTS} | Requests/s {args.events:,} | CPU ms/request {PAGE_OF_EVENTS} | CPU ms/request {args.events:,} "
               f"| Cost ratio (CPU) | Per round | vs /health requests/s, {PAGE_OF_EVENTS} → {args.events:,} |",
               "|------|---:|---:|---:|---:|---:|---|---:|")
    rates: dict[tuple[str, str], float] = {}
    writer = Writer([small, large], args.writer_interval)
    for path in paths:
        totals: dict[str, list[WrkResult]] = {server.name: [] for server in servers}
        for turn in range(args.rounds):
            for server in servers if turn % 2 == 0 else servers[::-1]:
                with writer:
                    totals[server.name].append(wrk(server, path, connections, args.duration, script, cookies[server.name]))
        sums = {}
        for name, results in totals.items():
            requests = sum(r.requests for r in results)
            seconds = sum(r.requests / r.requests_per_second for r in results if r.requests_per_second)
            cpu = sum(r.cpu_ms_per_request * r.requests for r in results)
            sums[name] = (requests / seconds if seconds else 0, cpu / requests if requests else 0)
            rates[(name, path)] = sums[name][0]
        (p_rate, p_ms), (h_rate, h_ms) = sums["page"], sums["history"]
        rounds = ", ".join(ratio(h.cpu_ms_per_request, p.cpu_ms_per_request) for p, h in zip(totals["page"], totals["history"]))
        vs_health = "-" if path == "/health" else (f"{ratio(p_rate, rates[('page', '/health')])} → "
                                                   f"{ratio(h_rate, rates[('history', '/health')])}")
        report.add(f"| `{path}` | {p_rate:,.0f} | {h_rate:,.0f} | {p_ms:.2f} | {h_ms:.2f} | **{ratio(h_ms, p_ms)}** | {rounds} | {vs_health} |")
    if args.writer_interval > 0:
        report.add("", f"During every run another writer committed one WARNING event to each store every {args.writer_interval:g} s "
                   f"({writer.count} in all), as `certman check-expiry` or a second node does.")
    report.add("", f"Load average after: {load_average()}. Console RSS: {servers[0].rss_mb():.0f} MB ({PAGE_OF_EVENTS} events), "
               f"{servers[1].rss_mb():.0f} MB ({args.events:,} events).")


def warm_up_tls(server: Server, seconds: int) -> None:
    """Full handshakes at 4 clients, TLS 1.2 then 1.3, `seconds` in all, not measured."""
    for protocol in ("tls1_2", "tls1_3"):
        handshakes(server, protocol, 4, max(1, seconds // 2))


def tls_rows(report: Report, console: Server, nginx: Server, args: argparse.Namespace) -> None:
    warm_up_tls(console, args.tls_warm_up)
    report.add("", f"### Full TLS handshakes against nginx with the same certificate and key (load average before: {load_average()})", "",
               "| Protocol | Handshake | Clients | nginx /s | console /s | console / nginx | nginx CPU ms | console CPU ms | CPU ratio |",
               "|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for protocol in ("tls1_2", "tls1_3"):
        for reuse, clients_list in ((False, args.tls_clients), (True, [] if args.smoke else args.tls_clients[-1:])):
            for clients in clients_list:
                report.add("| " + handshake_pair(nginx, console, protocol, clients, args.tls_seconds, reuse))


def tls_compare_rows(report: Report, directory: str, args: argparse.Namespace, started: list[Server]) -> None:
    """`--only tls`: nginx, the console as configured, the console with OPENSSL_CONF naming its openssl-tls.cnf and the
    empty ASP.NET Core app, in one run, each one's row right after nginx's (4 clients; the shared machine's load is
    alike for all)."""
    data, log = os.path.join(directory, "data"), os.path.join(directory, "console.log")
    console, _ = start_console(data, log)
    console.stop()
    chain, key = export_certificate(data, directory)
    nginx = start_nginx(directory, chain, key)
    started.append(nginx)
    conf = os.path.join(os.path.dirname(CONSOLE["dll"]), "openssl-tls.cnf")
    consoles = []
    for name, settings in (("as configured", {}), ("OPENSSL_CONF=openssl-tls.cnf", {"OPENSSL_CONF": conf})):
        saved = dict(CONSOLE_SETTINGS)
        CONSOLE_SETTINGS.update(settings)
        copy = os.path.join(directory, f"data-{len(consoles)}")
        shutil.copytree(data, copy)  # the same certificate and key as nginx's
        server, _ = start_console(copy, log, name=name)
        CONSOLE_SETTINGS.clear()
        CONSOLE_SETTINGS.update(saved)
        started.append(server)
        consoles.append(server)
    # The framework's floor: the ASP.NET Core empty app (Kestrel, no OnAuthenticate), same certificate and key.
    empty, _ = start_empty_app(chain, key, os.path.join(directory, "empty.log"))
    started.append(empty)
    consoles.append(empty)
    for server in consoles:
        # Warm up: the console checks OpenSSL's own cipher list at its first handshake (OpenSslCipherListCheck), and
        # .NET compiles the handshake path again, optimised, after its first calls; measured cold, a 5-second run
        # spent a fifth of the console's CPU time in the JIT compiler (perf), which nginx never pays.
        warm_up_tls(server, args.tls_warm_up)
    report.add("", f"### TLS handshakes against nginx with the same certificate and key, {args.tls_clients[-1]} clients "
               f"(load average before: {load_average()})", "",
               "| Server | Protocol | Handshake | Clients | nginx /s | server /s | server / nginx | nginx CPU ms | server CPU ms | CPU ratio |",
               "|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for protocol in ("tls1_2", "tls1_3"):
        for reuse in (False, True):
            for server in consoles:
                report.add(f"| {server.name} | " + handshake_pair(nginx, server, protocol, args.tls_clients[-1], args.tls_seconds, reuse))
    report.add("", f"Load average after: {load_average()}.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="one-second runs and 2,000 events: checks that the tool works")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--tls-seconds", type=int, default=5, help="seconds per handshake run (default 5)")
    parser.add_argument("--tls-warm-up", type=int, default=10, help="seconds of unmeasured handshakes before the handshake runs (default 10)")
    parser.add_argument("--events", type=int, default=100_000, help="events in the full store (default 100,000, half active)")
    parser.add_argument("--starts", type=int, default=3, help="start-ups timed per server (median; default 3)")
    parser.add_argument("--out", help="also write the markdown table to this file")
    parser.add_argument("--console", metavar="DIR", help="a published console to run instead of the build output")
    parser.add_argument("--circuits", type=int, default=0, help="also open N idle Blazor circuits in Chromium (e.g. 1000)")
    parser.add_argument("--circuits-browserless", action="store_true",
                        help="with --circuits: Chromium opens the first and the last tenth of the pages (time to interactive), "
                        "the browser stand-in (tools/loadtest/Circuits/StandIn) the idle pages between")
    parser.add_argument("--circuits-hold", type=int, default=35, metavar="SECONDS",
                        help="with --circuits: keep all circuits idle this long after the last step, then check them again "
                        "(default 35: past SignalR's 30 s client timeout, so only live keep-alives pass)")
    parser.add_argument("--only", choices=["startup", "circuits", "pages", "history", "tls"],
                        help="measure this part and nothing else (pages: the signed-in pages against /health, no start-up timing; "
                        "history: the tab, the Event Viewer and /health with 100 events against --events, side by side; "
                        "tls: handshakes against nginx, the console as configured and with OPENSSL_CONF=openssl-tls.cnf, and the empty app)")
    parser.add_argument("--baseline", metavar="DIR", help="with --only pages: also run this console (a build output or published "
                        "folder, e.g. of main) and measure both side by side, run after run")
    parser.add_argument("--rounds", type=int, default=2, help="with --baseline or --only history: alternating runs per row (default 2)")
    parser.add_argument("--writer-interval", type=float, default=0, metavar="SECONDS",
                        help="with --only history: another writer commits one event to each store every SECONDS during the runs")
    parser.add_argument("--console-setting", action="append", default=[], metavar="NAME=VALUE",
                        help="a setting for the console's environment, e.g. CertManager__Web__CipherSuites=OpenSsl")
    args = parser.parse_args()
    if args.baseline and args.only != "pages":
        parser.error("--baseline needs --only pages")
    if args.circuits_browserless and not args.circuits:
        parser.error("--circuits-browserless needs --circuits N")
    if args.only == "circuits" and not args.circuits:
        parser.error("--only circuits needs --circuits N")
    CONSOLE_SETTINGS.update(setting.split("=", 1) for setting in args.console_setting)
    args.concurrency = [1, 50, 200]
    args.tls_clients = [1, 4]
    if args.smoke:
        args.duration, args.tls_seconds, args.events, args.starts, args.tls_warm_up = 2, 1, 2_000, 1, 2
        args.concurrency, args.tls_clients = [1, 8], [4]
        args.circuits = args.circuits or 4
        # One Chromium page, two stand-in pages, one Chromium page: both clients and the console's count checked.
        args.circuits_browserless, args.circuits_hold = True, 0
    if args.console:
        CONSOLE["dll"] = os.path.join(os.path.abspath(args.console), "CertManager.Web.dll")
    for needed in (CONSOLE["dll"], CLI_DLL):
        if not os.path.exists(needed):
            raise LoadError(f"{needed} is missing: build the solution first (dotnet build CertManager.sln -c {CONFIGURATION})")
    for tool in ("wrk", "nginx", "openssl", "dotnet"):
        if not shutil.which(tool):
            raise LoadError(f"`{tool}` is not installed (Debian: apt-get install {tool})")
    for project, dll in ((EMPTY_PROJECT, EMPTY_DLL), (BLAZOR_PROJECT, BLAZOR_DLL)):
        if not os.path.exists(dll):
            subprocess.run(["dotnet", "build", project, "-c", CONFIGURATION, "-nologo", "-v", "q"], check=True, stdout=subprocess.DEVNULL)

    started = time.monotonic()
    report = Report()
    directory = tempfile.mkdtemp(prefix="certmanager-load-")
    os.chmod(directory, 0o700)
    data = os.path.join(directory, "data")
    log = os.path.join(directory, "console.log")
    script = os.path.join(directory, "percentiles.lua")
    with open(script, "w", encoding="ascii") as f:
        f.write(WRK_SCRIPT)
    servers: list[Server] = []
    try:
        report.add(f"## Console load run ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {'smoke' if args.smoke else 'full'}, "
                   f"{os.cpu_count()} CPUs, load average at start {load_average()})",
                   "", f"`{' '.join(['tools/loadtest/load.py'] + sys.argv[1:])}`")

        if args.only == "circuits":
            servers.append(circuit_rows(report, data, log, args.circuits, args.circuits_browserless, args.circuits_hold))
            return report.write(args.out)

        if args.only == "tls":
            tls_compare_rows(report, directory, args, servers)
            report.add("", f"Whole run: {time.monotonic() - started:.0f} s.")
            return report.write(args.out)

        if args.only == "history":
            history_compare_rows(report, directory, args, script, servers)
            report.add("", f"Whole run: {time.monotonic() - started:.0f} s.")
            return report.write(args.out)

        if args.only == "pages" and args.baseline:
            baseline, _ = start_console(os.path.join(directory, "baseline-data"), os.path.join(directory, "baseline.log"),
                                        os.path.join(os.path.abspath(args.baseline), "CertManager.Web.dll"), "baseline")
            servers.append(baseline)
            console, _ = start_console(data, log)
            servers.append(console)
            compare_rows(report, baseline, console, {"baseline": sign_in(baseline.port), "console": sign_in(console.port)}, args, script)
            report.add("", f"Whole run: {time.monotonic() - started:.0f} s.")
            return report.write(args.out)
        if args.only == "pages":
            console, _ = start_console(data, log)
            servers.append(console)
            results = page_rows(report, console, sign_in(console.port), args, script)
            reference, _ = start_blazor_app(*export_certificate(data, directory), os.path.join(directory, "blazor.log"))
            servers.append(reference)
            framework_rows(report, reference, results, args, script)
            report.add("", f"Load average after: {load_average()}. Whole run: {time.monotonic() - started:.0f} s.")
            return report.write(args.out)

        # Start-up: a fresh data directory once, then an existing one against the empty app.
        console, fresh = start_console(data, log)
        console.stop()
        chain, key = export_certificate(data, directory)
        console_starts, empty_starts, console_cpus, empty_cpus, blazor_starts, blazor_cpus = [], [], [], [], [], []
        for attempt in range(args.starts):
            empty, seconds = start_empty_app(chain, key, os.path.join(directory, "empty.log"))
            empty_starts.append(seconds)
            empty_cpus.append(empty.startup_cpu)
            empty.stop()
            blazor, seconds = start_blazor_app(chain, key, os.path.join(directory, "blazor.log"))
            blazor_starts.append(seconds)
            blazor_cpus.append(blazor.startup_cpu)
            blazor.stop()
            console, seconds = start_console(data, log)
            console_starts.append(seconds)
            console_cpus.append(console.startup_cpu)
            if attempt < args.starts - 1:
                console.stop()
        servers.append(console)
        console_start, empty_start = statistics.median(console_starts), statistics.median(empty_starts)
        console_cpu, empty_cpu = statistics.median(console_cpus), statistics.median(empty_cpus)
        report.add("", f"### Start-up to the first 200 on /health (median of {args.starts}; load average: {load_average()})", "",
                   f"Console: `{os.path.relpath(CONSOLE['dll'], ROOT) if CONSOLE['dll'].startswith(ROOT) else CONSOLE['dll']}`.", "",
                   "| Server | Seconds | vs empty app | CPU seconds | vs empty app |", "|---|---:|---:|---:|---:|",
                   f"| empty ASP.NET Core app (HTTPS) | {empty_start:.2f} | 1.00x | {empty_cpu:.2f} | 1.00x |",
                   f"| Blazor template app (HTTPS, `tools/loadtest/EmptyBlazor`) | {statistics.median(blazor_starts):.2f} "
                   f"| {ratio(statistics.median(blazor_starts), empty_start)} | {statistics.median(blazor_cpus):.2f} "
                   f"| {ratio(statistics.median(blazor_cpus), empty_cpu)} |",
                   f"| console, existing data directory | {console_start:.2f} | **{ratio(console_start, empty_start)}** "
                   f"| {console_cpu:.2f} | **{ratio(console_cpu, empty_cpu)}** |",
                   f"| console, fresh data directory (once) | {fresh:.2f} | {ratio(fresh, empty_start)} | - | - |")
        if args.only == "startup":
            return report.write(args.out)
        if args.circuits:
            console.stop()
            console = circuit_rows(report, data, log, args.circuits, args.circuits_browserless, args.circuits_hold)
            servers.append(console)

        cookie = sign_in(console.port)
        results = page_rows(report, console, cookie, args, script)
        reference, _ = start_blazor_app(chain, key, os.path.join(directory, "blazor.log"))
        servers.append(reference)
        framework_rows(report, reference, results, args, script)
        reference.stop()

        nginx = start_nginx(directory, chain, key)
        servers.append(nginx)
        tls_rows(report, console, nginx, args)
        nginx.stop()

        # History: the same pages with an empty store and with many events, each on a console started afresh and
        # warmed up the same way (a console that has just started runs code that is not yet fully compiled).
        console.stop()
        connections = args.concurrency[1] if len(args.concurrency) > 1 else args.concurrency[0]
        load_before = load_average()
        console, empty = measure_store(data, log, connections, args, script)
        servers.append(console)
        console.stop()
        # One full first page (the empty store renders no rows): the difference to it is what history costs.
        page = empty
        if not args.smoke:
            add_events(data, PAGE_OF_EVENTS)
            console, page = measure_store(data, log, connections, args, script)
            servers.append(console)
            console.stop()
        add_events(data, args.events - (0 if args.smoke else PAGE_OF_EVENTS))
        console, after = measure_store(data, log, connections, args, script)
        servers.append(console)
        history_rows(report, empty, page, after, args.events, f"{load_before} before, {load_average()} after")
        report.add("", f"Console RSS after the run: {console.rss_mb():.0f} MB. Whole run: {time.monotonic() - started:.0f} s.")
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(directory, ignore_errors=True)

    return report.write(args.out)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (LoadError, subprocess.CalledProcessError) as error:
        print(f"load test failed: {error}", file=sys.stderr)
        sys.exit(1)
