"""``uncut serve``: the web app for fact-checkers, on this machine."""

from __future__ import annotations

import ipaddress
import socket

import click

from uncut.cli._main import UncutClickError, _fail
from uncut.errors import UncutError

__all__ = ["serve"]

_LOOPBACK_NAMES = ("localhost", "ip6-localhost")


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: any free port).

    Raises:
        UncutError: the address cannot be bound (in use, not on this machine, no rights).
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as e:
        raise UncutError(f"cannot listen on {host}:{port}: unknown host ({e.strerror})") from e
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as e:
        sock.close()
        reason = (e.strerror or str(e)).lower()
        raise UncutError(f"cannot listen on {host}:{port}: {reason}") from e
    sock.set_inheritable(True)
    return sock


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The default, loopback, is reachable only from "
                   "this machine.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port, printed at start).")
@click.option("--db", type=click.Path(path_type=str, dir_okay=False), default=None,
              help="An uncut archive to search and take sources from.")
@click.option("--max-upload-mb", type=click.IntRange(1, 4096), default=None,
              help="Refuse request bodies larger than this many megabytes (default 20).")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, db: str | None,
          max_upload_mb: int | None) -> None:
    """Serve the web app: paste a clip and its sources in a browser, see what was cut.

    The page, a JSON API (POST /api/check returns the report of `uncut check --json`;
    GET /api/find with --db; GET /api/health) and its OpenAPI document at
    /api/openapi.json. Stop it with Ctrl+C.

    \b
    Example:
        uncut serve                 # then open http://127.0.0.1:8000/
        uncut serve --port 8080 --db archive.db
    """
    traceback = bool(ctx.obj and ctx.obj.get("traceback"))
    try:
        try:
            import uvicorn

            from uncut.web import DEFAULT_MAX_UPLOAD_MB, create_app
        except ImportError as e:
            raise UncutClickError(
                f"uncut serve needs the web extra ({e.name} is missing): "
                "pip install 'uncut[web]'"
            ) from e
        limit_mb = DEFAULT_MAX_UPLOAD_MB if max_upload_mb is None else max_upload_mb
        app = create_app(db=db, max_upload_bytes=limit_mb * 1024 * 1024)
        sock = _listen(host, port)
        bound_host, bound_port = sock.getsockname()[:2]
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        click.echo(f"uncut: serving on http://{shown}:{bound_port}/ (Ctrl+C to stop)")
        if not _is_loopback(host):
            click.echo(f"Warning: listening on {host}: anyone who can reach this machine can "
                       "use the page and read what is checked on it.", err=True)
        config = uvicorn.Config(app, log_level="warning", server_header=False,
                                proxy_headers=False, access_log=False, lifespan="on")
        uvicorn.Server(config).run(sockets=[sock])
    except click.ClickException:
        raise
    except Exception as exc:  # noqa: BLE001 - every error becomes one line, exit 2
        _fail(exc, traceback)
