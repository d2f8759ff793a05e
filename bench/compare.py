"""Benchmark the coach against Rasa's starter bot, side by side in one run (``make bench``).

1. Builds the reference bot with ``rasa init --no-prompt`` (Rasa's starter bot, no custom
   actions; ``rasa init`` trains it too, and that full training is timed). It is cached in
   ``var/bench/reference-<rasa version>/`` so later runs reuse it.
2. Times a full ``rasa train --force`` of the coach into a temporary folder (cached per
   model hash in ``var/bench/train-times.json``; ``--train`` measures both again).
3. Starts the reference bot (Rasa server) and the coach (action server + Rasa server, with
   its SQLite tracker store) on free ports, and times each from start to first answer.
4. Replays scripted conversations through the REST channel with Locust, headless, at each
   number of concurrent users (1, 10, 50 by default), alternating coach and reference runs.
5. Writes ``results.md``, ``results.json`` and ``latency.png`` to ``bench/results/``
   (ignored by git), with the coach-to-reference ratio of every figure.

Locust runs from its own venv (``var/bench-venv``, created here from
``bench/requirements.txt``), because its dependencies clash with Rasa's pins.

Usage: python -m coach.env .venv/bin/python bench/compare.py [--users 1,10,50]
       [--duration 40] [--turns N] [--conversations N] [--train] [--profile] [--out DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import requests

from runtime.stack import free_port, running_stack, wait_until
from scripts.ensure_model import model_hash, train_command

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BENCH_VAR = ROOT / "var" / "bench"
BENCH_VENV = Path(os.environ.get("BENCH_VENV", ROOT / "var" / "bench-venv"))
REQUIREMENTS = ROOT / "bench" / "requirements.txt"
LOCUSTFILE = ROOT / "bench" / "locustfile.py"
TIMES_FILE = BENCH_VAR / "train-times.json"


def rasa_version() -> str:
    from importlib.metadata import version

    return version("rasa")


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- the bench's own venv ------------------------------------------------------------


def ensure_bench_venv() -> Path:
    """Create ``var/bench-venv`` from the pinned ``bench/requirements.txt`` if needed."""
    stamp = BENCH_VENV / (
        ".installed-" + hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()[:12]
    )
    locust = BENCH_VENV / "bin" / "locust"
    if stamp.exists() and locust.exists():
        return locust
    python = subprocess.run(
        [str(ROOT / "scripts" / "find_python.sh")], capture_output=True, text=True, check=True
    ).stdout.strip()
    log(f"creating {BENCH_VENV.relative_to(ROOT)} for Locust (about 30 s)")
    shutil.rmtree(BENCH_VENV, ignore_errors=True)
    subprocess.run([python, "-m", "venv", str(BENCH_VENV)], check=True)
    pip = [str(BENCH_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "pip<25"], check=True)
    subprocess.run([*pip, "-r", str(REQUIREMENTS)], check=True)
    stamp.touch()
    return locust


# --- training -----------------------------------------------------------------------


def _load_times() -> dict:
    if TIMES_FILE.exists():
        return json.loads(TIMES_FILE.read_text(encoding="utf-8"))
    return {}


def _save_time(key: str, seconds: float) -> dict:
    times = _load_times()
    entry = {
        "seconds": round(seconds, 1),
        "measured_at": dt.datetime.now().isoformat("T", "seconds"),
    }
    times[key] = entry
    TIMES_FILE.parent.mkdir(parents=True, exist_ok=True)
    TIMES_FILE.write_text(json.dumps(times, indent=2), encoding="utf-8")
    return entry


def reference_bot(retrain: bool) -> tuple[Path, dict]:
    """The starter bot's folder (with its trained model) and how long training took."""
    key = f"reference:{rasa_version()}"
    folder = BENCH_VAR / f"reference-{rasa_version()}"
    cached = _load_times().get(key)
    if not retrain and cached and list((folder / "models").glob("*.tar.gz")):
        return folder, {**cached, "cached": True}
    log("building the reference bot: rasa init --no-prompt (creates and fully trains it)")
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="reference-", dir=BENCH_VAR))
    target = tmp / "bot"
    target.mkdir()  # rasa init wants an existing (empty) folder
    started = time.monotonic()
    with (tmp / "init.log").open("wb") as out:
        code = subprocess.call(
            [str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(target)],
            cwd=tmp,
            env=_rasa_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    seconds = time.monotonic() - started
    if code != 0 or not list((target / "models").glob("*.tar.gz")):
        raise RuntimeError(f"rasa init failed (exit {code}); see {tmp / 'init.log'}")
    shutil.rmtree(folder, ignore_errors=True)
    target.rename(folder)
    shutil.rmtree(tmp, ignore_errors=True)
    log(f"reference bot trained in {seconds:.0f} s")
    return folder, {**_save_time(key, seconds), "cached": False}


def coach_train_time(retrain: bool, measure: bool) -> dict | None:
    """Wall time of a full ``rasa train --force`` of the coach (into a temporary folder)."""
    key = f"coach:{model_hash()}:{rasa_version()}"
    cached = _load_times().get(key)
    if cached and not retrain:
        return {**cached, "cached": True}
    if not measure:
        return None
    log("timing a full `rasa train --force` of the coach (log: var/bench/train-coach.log)")
    with tempfile.TemporaryDirectory(prefix="coach-train-") as out_dir:
        started = time.monotonic()
        with (BENCH_VAR / "train-coach.log").open("wb") as out:
            code = subprocess.call(
                train_command(out_dir, "--force"),
                cwd=ROOT,
                env=_rasa_env(),
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        seconds = time.monotonic() - started
    if code != 0:
        raise RuntimeError(f"coach training failed (exit {code}); see var/bench/train-coach.log")
    log(f"coach trained in {seconds:.0f} s")
    return {**_save_time(key, seconds), "cached": False}


def _rasa_env() -> dict[str, str]:
    from coach.settings import rasa_environment

    env = dict(os.environ)
    env.update(rasa_environment())
    env.update({"PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "2"})
    return env


# --- servers ------------------------------------------------------------------------


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process and its children, in MB."""
    total = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{current}/task").iterdir():
                pids += [int(c) for c in (task / "children").read_text().split()]
    return round(total / 1024, 1)


def first_answer(url: str, message: str, started: float, limit: float = 300) -> float:
    """Seconds from ``started`` until the REST channel gives a non-empty reply."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        with contextlib.suppress(requests.RequestException, ValueError):
            r = requests.post(
                f"{url}/webhooks/rest/webhook",
                json={"sender": f"bench-first-{os.getpid()}", "message": message},
                timeout=30,
            )
            if r.status_code == 200 and r.json():
                return round(time.monotonic() - started, 1)
        time.sleep(0.2)
    raise RuntimeError(f"{url} gave no answer within {limit:.0f}s")


@contextlib.contextmanager
def reference_server(folder: Path, workdir: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Rasa server of the starter bot (its own endpoints and credentials: REST channel).

    Stock ``rasa run`` on purpose: the reference has none of the coach's patches.
    """
    port = free_port()
    token = "bench-" + os.urandom(6).hex()
    model = sorted((folder / "models").glob("*.tar.gz"))[-1]
    log_file = workdir / "reference-rasa.log"
    proc = subprocess.Popen(
        [
            str(BIN / "rasa"),
            "run",
            "--model",
            str(model),
            "--endpoints",
            str(folder / "endpoints.yml"),
            "--credentials",
            str(folder / "credentials.yml"),
            "--interface",
            "127.0.0.1",
            "--port",
            str(port),
            "--enable-api",
            "--auth-token",
            token,
        ],
        cwd=folder,
        env={**_rasa_env(), "RASA_AUTH_TOKEN": token},
        stdout=log_file.open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until(f"http://127.0.0.1:{port}/status?token={token}", proc, log_file, 300)
        yield f"http://127.0.0.1:{port}", proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


# --- load ---------------------------------------------------------------------------


def run_locust(
    locust: Path, user_class: str, host: str, users: int, args: argparse.Namespace, out: Path
) -> dict:
    """One headless Locust run; the aggregated figures from its CSV."""
    prefix = out / f"{user_class}-{users}"
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env["BENCH_TURNS"] = str(args.turns or "")
    env["BENCH_CONVERSATIONS"] = str(args.conversations or "")
    cmd = [
        str(locust),
        "-f",
        str(LOCUSTFILE),
        user_class,
        "--headless",
        "--host",
        host,
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{args.duration}s",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    stats_file = out / f"{user_class}-{users}.json"
    stats_file.unlink(missing_ok=True)
    env["BENCH_STATS_FILE"] = str(stats_file)
    with (out / f"{user_class}-{users}.log").open("wb") as log_out:
        subprocess.run(cmd, env=env, stdout=log_out, stderr=subprocess.STDOUT, check=False)
    if not stats_file.exists():
        raise RuntimeError(f"Locust wrote no figures; see {out / f'{user_class}-{users}.log'}")
    return json.loads(stats_file.read_text(encoding="utf-8"))


# --- profiling (optional) -----------------------------------------------------------


@contextlib.contextmanager
def profiled(pids: dict[str, int], out: Path, seconds: int) -> Iterator[None]:
    """Sample the given processes with py-spy (from the bench venv) while the block runs."""
    py_spy = BENCH_VENV / "bin" / "py-spy"
    procs = []
    for name, pid in pids.items():
        procs.append(
            subprocess.Popen(
                [
                    str(py_spy),
                    "record",
                    "--pid",
                    str(pid),
                    "--duration",
                    str(seconds),
                    "--rate",
                    "50",
                    "--format",
                    "raw",
                    "--nonblocking",
                    "--output",
                    str(out / f"profile-{name}.txt"),
                ],
                stdout=subprocess.DEVNULL,
                stderr=(out / f"profile-{name}.log").open("wb"),
            )
        )
    try:
        yield
    finally:
        for proc in procs:
            try:
                proc.wait(timeout=seconds + 30)
            except subprocess.TimeoutExpired:
                proc.terminate()
        for name in pids:
            raw = out / f"profile-{name}.txt"
            if raw.exists():
                (out / f"profile-{name}-top.txt").write_text(
                    summarise_profile(raw), encoding="utf-8"
                )


def summarise_profile(raw: Path, top: int = 40) -> str:
    """Share of samples per function (inclusive) from py-spy's collapsed stacks."""
    inclusive: dict[str, int] = {}
    total = 0
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        for frame in set(stack.split(";")):
            inclusive[frame] = inclusive.get(frame, 0) + n
    lines = [f"{total} samples; inclusive share per frame"]
    for frame, n in sorted(inclusive.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"{100 * n / max(total, 1):5.1f}%  {frame}")
    return "\n".join(lines) + "\n"


# --- report -------------------------------------------------------------------------


def ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b != b or a != a or b == 0:
        return None
    return round(a / b, 2)


def build_report(result: dict) -> str:
    """The Markdown report."""
    meta = result["meta"]
    lines = [
        "# Coach vs Rasa's starter bot",
        "",
        f"{meta['date']} · rasa {meta['rasa']} · {meta['cpus']} CPUs · load average "
        f"{meta['load_before']} before, {meta['load_after']} after · {meta['duration_s']} s per "
        f"run · coach model `{meta['coach_model']}` · commit `{meta['commit']}` · server tuning "
        f"{'on' if meta['server_tuning'] else 'off (COACH_SERVER_TUNING=0)'}",
        "",
        "Every figure is measured in this one run; runs alternate between the two bots. "
        "Ratio = coach / reference (below 1 is better for latency, above 1 for messages/s).",
        "",
        "| users | figure | coach | reference | ratio |",
        "| --- | --- | --- | --- | --- |",
    ]
    for level in result["levels"]:
        c, r = level["coach"], level["reference"]
        for key, label in [
            ("p50_ms", "p50 ms"),
            ("p95_ms", "p95 ms"),
            ("p99_ms", "p99 ms"),
            ("msgs_per_s", "messages/s"),
            ("errors", "errors"),
            ("requests", "messages"),
        ]:
            lines.append(
                f"| {level['users']} | {label} | {fmt(c[key])} | {fmt(r[key])} | "
                f"{fmt(ratio(c[key], r[key]))} |"
            )
    lines += ["", "| figure | coach | reference | ratio |", "| --- | --- | --- | --- |"]
    for key, label in [
        ("first_answer_s", "start to first answer, s"),
        ("rasa_peak_rss_mb", "Rasa server peak RSS, MB"),
        ("actions_peak_rss_mb", "action server peak RSS, MB"),
        ("train_s", "full `rasa train`, s"),
    ]:
        c, r = result["coach"].get(key), result["reference"].get(key)
        lines.append(f"| {label} | {fmt(c)} | {fmt(r)} | {fmt(ratio(c, r))} |")
    lines += [
        "",
        "Training times: " + result["train_note"],
        "",
        "## Targets (reported, not asserted)",
        "",
    ]
    for target in result["targets"]:
        lines.append(f"- {target['name']}: **{target['status']}** ({target['detail']})")
    slow = result.get("slowest_coach_turns")
    if slow:
        lines += ["", "## Slowest coach turns at the highest load (p95 ms)", ""]
        lines += [f"- {name}: {p95:.0f}" for name, p95 in slow]
    return "\n".join(lines) + "\n"


def fmt(value: float | int | None) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "n/a"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.2f}"
    return f"{value:.0f}"


def targets(result: dict) -> list[dict]:
    """The issue's targets, evaluated on this run (reported only)."""
    out = []
    levels = {level["users"]: level for level in result["levels"]}
    if 10 in levels:
        c, r = levels[10]["coach"], levels[10]["reference"]
        rt = ratio(c["p95_ms"], r["p95_ms"])
        ok = rt is not None and rt <= 1.5 and c["errors"] == 0
        out.append(
            {
                "name": "coach p95 at 10 users within 1.5x the reference, zero errors",
                "status": "met" if ok else "missed",
                "detail": f"ratio {fmt(rt)}, {c['errors']} errors",
            }
        )
    if 50 in levels:
        c = levels[50]["coach"]
        out.append(
            {
                "name": "no errors at 50 users",
                "status": "met" if c["errors"] == 0 else "missed",
                "detail": f"coach {c['errors']}, reference {levels[50]['reference']['errors']}",
            }
        )
    for bot in ("coach", "reference"):
        t = result[bot].get("train_s")
        out.append(
            {
                "name": f"full training of the {bot} under 8 minutes",
                "status": "n/a" if t is None else ("met" if t < 480 else "missed"),
                "detail": "not measured" if t is None else f"{t:.0f} s",
            }
        )
    return out


def chart(result: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=110)
    users = [level["users"] for level in result["levels"]]
    for bot, color in (("coach", "tab:blue"), ("reference", "tab:orange")):
        for key, style in (("p50_ms", "-o"), ("p95_ms", "--s")):
            ax.plot(
                users,
                [level[bot][key] for level in result["levels"]],
                style,
                color=color,
                label=f"{bot} {key[:3]}",
            )
    ax.set_xscale("log")
    ax.set_xticks(users)
    ax.set_xticklabels([str(u) for u in users])
    ax.set_xlabel("concurrent users")
    ax.set_ylabel("response time (ms)")
    ax.set_title("Reconnect coach vs Rasa starter bot (REST, one run)")
    ax.grid(True, alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def git_commit() -> str:
    with contextlib.suppress(Exception):
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    return "unknown"


# --- main ---------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--users", default="1,10,50", help="concurrent users per run, comma-separated")
    p.add_argument("--duration", type=int, default=40, help="seconds per Locust run")
    p.add_argument("--turns", type=int, default=0, help="turns per conversation (0 = all 10)")
    p.add_argument(
        "--conversations",
        type=int,
        default=0,
        help="stop a run after this many finished conversations (0 = no limit)",
    )
    p.add_argument(
        "--train",
        action="store_true",
        help="measure full training of both bots again (else reuse cached times)",
    )
    p.add_argument(
        "--no-train",
        action="store_true",
        help="never train the coach just to time it (report a cached time or none)",
    )
    p.add_argument(
        "--profile",
        action="store_true",
        help="py-spy the coach's servers during its run at the highest load",
    )
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    users = [int(u) for u in args.users.split(",") if u.strip()]
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    raw = out / "raw"
    raw.mkdir(exist_ok=True)
    locust = ensure_bench_venv()
    folder, ref_train = reference_bot(args.train)
    coach_train = coach_train_time(args.train, measure=not args.no_train)
    load_before = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    result: dict = {"coach": {}, "reference": {}, "levels": []}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        log("starting the reference bot")
        started = time.monotonic()
        with reference_server(folder, work) as (ref_url, ref_proc):
            result["reference"]["first_answer_s"] = first_answer(ref_url, "hello", started)
            log(f"reference answered {result['reference']['first_answer_s']} s after start")
            log("starting the coach (action server + Rasa server)")
            started = time.monotonic()
            # running_stack passes ACTION_SERVER_TOKEN to both servers. Locust's users all
            # come from one address, a flood to the coach's limits: measuring the coach,
            # not the limiter, needs them off (docs/security.md).
            with running_stack(work / "coach", extra_env={"COACH_FLOOD_LIMITS": "off"}) as stack:
                result["coach"]["first_answer_s"] = first_answer(stack.rasa_url, "hi", started)
                log(f"coach answered {result['coach']['first_answer_s']} s after start")
                actions_proc, rasa_proc = stack.procs
                for i, n in enumerate(users):
                    order = ["coach", "reference"] if i % 2 == 0 else ["reference", "coach"]
                    level: dict = {"users": n, "order": order}
                    for bot in order:
                        log(f"{bot}: {n} user(s), {args.duration} s")
                        if bot == "coach":
                            profile = (
                                profiled(
                                    {"rasa": rasa_proc.pid, "actions": actions_proc.pid},
                                    out,
                                    args.duration,
                                )
                                if args.profile and n == users[-1]
                                else contextlib.nullcontext()
                            )
                            with profile:
                                level[bot] = run_locust(
                                    locust, "CoachUser", stack.rasa_url, n, args, raw
                                )
                        else:
                            level[bot] = run_locust(locust, "ReferenceUser", ref_url, n, args, raw)
                        s = level[bot]
                        log(
                            f"  p50 {fmt(s['p50_ms'])} ms, p95 {fmt(s['p95_ms'])} ms, "
                            f"{s['msgs_per_s']} msg/s, {s['errors']} errors of {s['requests']}"
                        )
                    result["levels"].append(level)
                result["coach"]["rasa_peak_rss_mb"] = peak_rss_mb(rasa_proc.pid)
                result["coach"]["actions_peak_rss_mb"] = peak_rss_mb(actions_proc.pid)
            result["reference"]["rasa_peak_rss_mb"] = peak_rss_mb(ref_proc.pid)
            result["reference"]["actions_peak_rss_mb"] = None  # the starter bot has no actions
        for name in ("coach/rasa.log", "coach/actions.log", "reference-rasa.log"):
            if (work / name).exists():
                shutil.copy(work / name, raw / name.replace("/", "-"))
    result["coach"]["train_s"] = coach_train["seconds"] if coach_train else None
    result["reference"]["train_s"] = ref_train["seconds"]
    notes = []
    for bot, entry in (("coach", coach_train), ("reference", ref_train)):
        if entry is None:
            notes.append(f"{bot} not measured (run with --train)")
        else:
            when = (
                f"cached from {entry['measured_at']}" if entry["cached"] else "measured in this run"
            )
            notes.append(f"{bot} {entry['seconds']:.0f} s ({when})")
    result["train_note"] = "; ".join(notes) + (
        ". Reference: `rasa init --no-prompt`, which runs a full `rasa train`; coach: "
        "`rasa train --force` into a temporary folder."
    )
    result["meta"] = {
        "date": dt.datetime.now().isoformat(" ", "minutes"),
        "rasa": rasa_version(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_before": load_before,
        "load_after": ", ".join(f"{x:.1f}" for x in os.getloadavg()),
        "duration_s": args.duration,
        "turns": args.turns or 10,
        "coach_model": (ROOT / "models" / "current").read_text(encoding="utf-8").strip(),
        "commit": git_commit(),
        "server_tuning": os.environ.get("COACH_SERVER_TUNING", "1").strip() != "0",
    }
    top = result["levels"][-1]["coach"]["per_turn"] if result["levels"] else {}
    result["slowest_coach_turns"] = sorted(
        ((k, v["p95_ms"]) for k, v in top.items()), key=lambda kv: -kv[1]
    )[:5]
    result["targets"] = targets(result)
    (out / "results.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    report = build_report(result)
    (out / "results.md").write_text(report, encoding="utf-8")
    chart(result, out / "latency.png")
    print(report)
    log(f"results: {out}/results.md, results.json, latency.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
