"""parley's deployment (deploy/) on this machine: PostgreSQL, Redis, Celery workers, the Dagster
daemon and webserver, for the cluster test and `make bench`.

Every process starts in a session of its own under one temporary folder and
is stopped when the `local_cluster` block ends, failed or not; PostgreSQL and
Redis listen on 127.0.0.1 only, on free ports.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pipelines.supervise import session_members, stop_session

ROOT = Path(__file__).resolve().parents[1]
HOW_TO_GET = (
    "the cluster test needs PostgreSQL and Redis (Debian: `apt-get install postgresql redis-server`; "
    "`make cluster-test` installs them when missing)"
)
# Short, so that the shard of a killed worker is delivered again within the test; longer than any
# step of the test's small corpus, so that a running step is never delivered twice.
TEST_VISIBILITY_SECONDS = 30
NO_DISK = ("--save", "", "--appendonly", "no")  # Redis keeps the test's queue in memory only


def postgres_bin() -> Path | None:
    """The folder holding initdb and postgres: on PATH, else Debian's newest /usr/lib/postgresql/N/bin."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(versions[-1]).parent if versions else None


def missing() -> list[str]:
    """What this machine lacks to run the cluster."""
    lacking = [] if postgres_bin() else ["PostgreSQL"]
    return lacking + ([] if shutil.which("redis-server") else ["Redis"])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(ready, what: str, timeout: float, process: subprocess.Popen | None = None, log=None):
    """Poll `ready()` until it returns something true; fail naming `what` (and the log's tail)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            value = ready()
            if value:
                return value
        if process is not None and process.poll() is not None:
            timeout = -1
            break
        time.sleep(0.2)
    tail = Path(log).read_text(errors="replace")[-3000:] if log and Path(log).exists() else ""
    why = "exited" if timeout < 0 else f"not ready after {timeout:.0f} s"
    raise TimeoutError(f"{what} {why}\n{tail}")


@dataclass
class Cluster:
    """What `local_cluster` started: settings, worker processes, and every session to stop."""

    root: Path
    env: dict[str, str]
    ui_port: int
    workers: dict[str, subprocess.Popen] = field(default_factory=dict)
    sessions: list[int] = field(default_factory=list)
    postgres: int | None = None

    def log(self, name: str) -> Path:
        return self.root / f"{name}.log"

    def launch(self) -> str:
        """Submit the `parley` job through the webserver, as the UI's Materialize button does."""
        from dagster_graphql import DagsterGraphQLClient

        return DagsterGraphQLClient("127.0.0.1", port_number=self.ui_port).submit_job_execution("parley")


def _start(cluster: Cluster, name: str, command: list[str], user: str | None = None) -> subprocess.Popen:
    log = open(cluster.log(name), "ab")  # noqa: SIM115 (the child keeps writing it)
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=cluster.env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        user=user,
    )
    log.close()
    cluster.sessions.append(process.pid)
    return process


def _postgres(cluster: Cluster) -> str:
    """A new PostgreSQL cluster in the temporary folder (as user postgres when we are root: it
    refuses root); returns the URL of its database `dagster`."""
    import psycopg2

    binaries = postgres_bin()
    user = "postgres" if os.geteuid() == 0 else None
    data = cluster.root / "pg"
    data.mkdir()
    if user:
        shutil.chown(data, user)
    subprocess.run(
        [binaries / "initdb", "-D", data, "-U", "parley", "--auth=trust", "-E", "UTF8", "--no-sync"],
        check=True,
        capture_output=True,
        user=user,
    )
    port = free_port()
    settings = ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
    server = _start(
        cluster,
        "postgres",
        [
            str(binaries / "postgres"),
            "-D",
            str(data),
            "-k",
            str(data),
            "-p",
            str(port),
            "-h",
            "127.0.0.1",
            *settings,
        ],
        user=user,
    )

    def create() -> bool:
        with contextlib.closing(
            psycopg2.connect(host="127.0.0.1", port=port, user="parley", dbname="postgres")
        ) as con:
            con.autocommit = True
            con.cursor().execute("CREATE DATABASE dagster")
        return True

    cluster.postgres = server.pid
    wait_until(create, "PostgreSQL", 60, server, cluster.log("postgres"))
    return f"postgresql+psycopg2://parley@127.0.0.1:{port}/dagster"


def _redis(cluster: Cluster) -> str:
    import redis

    port = free_port()
    (cluster.root / "redis").mkdir()
    server = _start(
        cluster,
        "redis",
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(cluster.root / "redis"),
            *NO_DISK,
        ],
    )
    wait_until(lambda: redis.Redis(port=port).ping(), "Redis", 30, server, cluster.log("redis"))
    return f"redis://127.0.0.1:{port}"


def test_celery_config(root: Path, visibility_seconds: int) -> Path:
    """deploy/celery.yaml with a short visibility timeout (and a sweep every second)."""
    config = yaml.safe_load((ROOT / "deploy" / "celery.yaml").read_text())
    options = config["execution"]["config"]["config_source"]["broker_transport_options"]
    options.update(visibility_timeout=visibility_seconds, unacked_restore_interval=1)
    path = root / "celery.yaml"
    path.write_text(yaml.safe_dump(config))
    return path


test_celery_config.__test__ = False  # a helper, not a test


def stop(cluster: Cluster) -> None:
    """Stop everything, newest first; PostgreSQL gets SIGINT (fast shutdown) before the session sweep."""
    for session in reversed(cluster.sessions):
        if session == cluster.postgres:
            with contextlib.suppress(ProcessLookupError):
                os.kill(session, signal.SIGINT)
            with contextlib.suppress(Exception):
                wait_until(lambda s=session: not session_members(s), "PostgreSQL shutdown", 15)
        stop_session(session)


def survivors(cluster: Cluster) -> list[int]:
    """Processes of ours still alive: in a session we started, or naming our folder."""
    left = [pid for session in cluster.sessions for pid in session_members(session)]
    for entry in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError):
            if (
                str(cluster.root).encode() in (entry / "cmdline").read_bytes()
                and int(entry.name) != os.getpid()
            ):
                left.append(int(entry.name))
    return sorted(set(left))


@contextlib.contextmanager
def local_cluster(
    env: dict[str, str], workers: int = 2, visibility_seconds: int = TEST_VISIBILITY_SECONDS
) -> Iterator[Cluster]:
    """PostgreSQL, Redis, `workers` Celery workers, the daemon and the webserver, started with
    `deploy/start` and the settings of `env` (PARLEY_ARTICLES, PARLEY_WAREHOUSE, PARLEY_SHARDS...)."""
    root = Path(tempfile.mkdtemp(prefix="parley-cluster-"))
    os.chmod(root, 0o755)  # PostgreSQL's user must reach its folder inside
    cluster = Cluster(root=root, env=dict(os.environ) | env, ui_port=free_port())
    passed = False
    try:
        database = _postgres(cluster)
        broker = _redis(cluster)
        cluster.env |= {
            "DAGSTER_HOME": str(root / "dagster-home"),
            "PARLEY_DATABASE_URL": database,
            "PARLEY_BROKER_URL": f"{broker}/0",
            "PARLEY_RESULT_BACKEND": f"{broker}/1",
            "PARLEY_STEP_STORAGE": str(root / "steps"),
            "PARLEY_CELERY_CONFIG": str(test_celery_config(root, visibility_seconds)),
            "PARLEY_EXECUTOR": "celery",
            "PARLEY_WORKERS": "1",
        }
        start = str(ROOT / "deploy" / "start")
        for i in range(1, workers + 1):
            cluster.workers[f"w{i}"] = _start(cluster, f"w{i}", [start, "worker", f"w{i}"])
        daemon = _start(cluster, "daemon", [start, "daemon"])
        web = _start(cluster, "webserver", [start, "webserver", str(cluster.ui_port)])
        for name, process in cluster.workers.items():
            wait_until(
                lambda n=name: " ready." in cluster.log(n).read_text(),
                f"worker {name}",
                120,
                process,
                cluster.log(name),
            )
        url = f"http://127.0.0.1:{cluster.ui_port}/server_info"
        wait_until(
            lambda: urllib.request.urlopen(url, timeout=2).status == 200,
            "webserver",
            120,
            web,
            cluster.log("webserver"),
        )
        wait_until(lambda: daemon.poll() is None, "daemon", 5, daemon, cluster.log("daemon"))
        yield cluster
        passed = True
    finally:
        stop(cluster)
        if passed and not survivors(cluster):  # else its logs stay for a look
            shutil.rmtree(root, ignore_errors=True)
