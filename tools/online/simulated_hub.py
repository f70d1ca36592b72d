"""A local stand-in for the Hugging Face Hub that serves the offline mirror's files.

    with SimulatedHub(mirror_dir) as hub:   # then HF_ENDPOINT=hub.endpoint
        ...

It answers what `huggingface_hub` 2.4 asks when `from_pretrained` downloads a file:
`HEAD`/`GET /{repo}/resolve/{revision}/{filename}` with the headers it reads (`X-Repo-Commit`,
`ETag`, `Content-Length`), 404s carrying the `X-Error-Code` it turns into its own errors, and
`GET /api/models/{repo}[/revision/{revision}]` (the commit and file list) and
`GET /api/models/{repo}/tree/{revision}/{folder}` (a folder's entries). Any other request
gets a 404 and is kept in `unknown`, so a test sees what a new library version asks for.
Requests are logged in `requests` as (method, path).
"""

import http.server
import json
import re
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

RESOLVE = re.compile(r"/(?P<repo>.+?)/resolve/(?P<revision>[^/]+)/(?P<filename>.+)")
API_TREE = re.compile(r"/api/models/(?P<repo>.+?)/tree/(?P<revision>[^/]+)(?:/(?P<folder>.*))?")
API_MODEL = re.compile(r"/api/models/(?P<repo>.+?)(?:/revision/(?P<revision>[^/]+))?")


class SimulatedHub:
    """An HTTP server on 127.0.0.1 (a free port) for the mirror in `mirror_dir`."""

    def __init__(self, mirror_dir):
        self.mirror_dir = Path(mirror_dir)
        self.requests, self.unknown = [], []
        hub = self

        class Handler(_HubHandler):
            simulated_hub = hub

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc_info):
        self._server.shutdown()
        self._server.server_close()

    def snapshot(self, repo, revision):
        """The mirror's snapshot folder and commit for `repo` at `revision`, or (None, None)."""
        folder = self.mirror_dir / "hub" / ("models--" + repo.replace("/", "--"))
        try:
            commit = (folder / "refs" / "main").read_text().strip()
        except OSError:
            return None, None
        if revision not in ("main", commit):
            return None, commit
        return folder / "snapshots" / commit, commit


class _HubHandler(http.server.BaseHTTPRequestHandler):
    simulated_hub = None  # set by SimulatedHub's subclass

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass

    def do_HEAD(self):
        self._answer(body=False)

    def do_GET(self):
        self._answer(body=True)

    def _answer(self, body):
        hub = self.simulated_hub
        path = unquote(urlsplit(self.path).path)
        hub.requests.append((self.command, path))
        if match := RESOLVE.fullmatch(path):
            return self._file(body, **match.groupdict())
        if (match := API_TREE.fullmatch(path)) and body:
            return self._tree(match["repo"], match["revision"], match["folder"] or "")
        if (match := API_MODEL.fullmatch(path)) and body:
            return self._model_info(match["repo"], match["revision"] or "main")
        hub.unknown.append((self.command, path))
        self._error(404, "EntryNotFound")

    def _file(self, body, repo, revision, filename):
        snapshot, commit = self.simulated_hub.snapshot(repo, revision)
        if snapshot is None:
            return self._error(404, "RevisionNotFound" if commit else "RepoNotFound")
        file = snapshot / filename
        if not file.is_file():
            return self._error(404, "EntryNotFound", commit)
        data = file.read_bytes() if body else b""
        self.send_response(200)
        self.send_header("X-Repo-Commit", commit)
        self.send_header("ETag", f'"{file.resolve().name}"')  # the mirror's blobs are named by etag
        self.send_header("Content-Length", str(file.stat().st_size))
        self.end_headers()
        self.wfile.write(data)

    def _model_info(self, repo, revision):
        snapshot, commit = self.simulated_hub.snapshot(repo, revision)
        if snapshot is None:
            return self._error(404, "RevisionNotFound" if commit else "RepoNotFound")
        files = sorted(p.relative_to(snapshot).as_posix() for p in snapshot.rglob("*") if p.is_file())
        self._json({"id": repo, "modelId": repo, "sha": commit,
                    "siblings": [{"rfilename": name} for name in files]})

    def _tree(self, repo, revision, folder):
        """The entries of one folder of the repository (what `list_repo_tree` asks for)."""
        snapshot, commit = self.simulated_hub.snapshot(repo, revision)
        if snapshot is None:
            return self._error(404, "RevisionNotFound" if commit else "RepoNotFound")
        if not (snapshot / folder).is_dir():
            return self._error(404, "EntryNotFound", commit)
        self._json([{"type": "file" if entry.is_file() else "directory",
                     "path": entry.relative_to(snapshot).as_posix(), "oid": entry.resolve().name,
                     "size": entry.stat().st_size if entry.is_file() else 0}
                    for entry in sorted((snapshot / folder).iterdir())])

    def _json(self, value):
        data = json.dumps(value).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status, code, commit=None):
        data = json.dumps({"error": code}).encode()
        self.send_response(status)
        self.send_header("X-Error-Code", code)
        if commit:
            self.send_header("X-Repo-Commit", commit)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
