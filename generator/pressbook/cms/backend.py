"""The web editor's local backend: Decap CMS's `proxy` API (the one the `decap-server` npm package
answers), answered from the workspace's own files.

One POST of JSON `{"action": …, "params": {…}}`; paths are relative to the workspace's root, as in the
editor's configuration. Only what lies under `content/` is read or written: a path that leaves it
(absolute, `..`, a symbolic link anywhere on the way, a hidden file) is refused with a message the
editor shows. Each write replaces the file whole (a temporary file beside it, then a rename), so the
preview never reads half a file.
"""
from __future__ import annotations

import base64
import hashlib
import os
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

from ..folders import files_under

CONTENT = "content"


class Refused(Exception):
    """A request the backend does not carry out; its text is shown in the editor."""


class Backend:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.content = self.root / CONTENT

    # --- paths -------------------------------------------------------------------------------------

    def path(self, given: Any) -> Path:
        """The file `given` names, once it is known to be under content/ with no link on the way."""
        if not isinstance(given, str) or not given or "\\" in given or "\x00" in given:
            raise Refused(f"pressbook refuses this path: {given!r}")
        relative = PurePosixPath(given)
        parts = relative.parts
        if (relative.is_absolute() or not parts or parts[0] != CONTENT or len(parts) < 2
                or any(part in ("", ".", "..") or part.startswith(".") for part in parts)):
            raise Refused(f"pressbook edits only the files under content/, not {given!r}")
        path = self.root.joinpath(*parts)
        walked = self.root
        for part in parts:
            walked = walked / part
            if walked.is_symlink():
                raise Refused(f"{given!r} goes through a symbolic link: pressbook does not follow it")
        return path

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    # --- reading -----------------------------------------------------------------------------------

    def entry(self, given: str, label: str | None = None) -> dict[str, Any]:
        path = self.path(given)
        try:
            data = path.read_bytes() if path.is_file() else None
        except OSError:
            data = None
        file: dict[str, Any] = {"path": given, "id": hashlib.sha256(data).hexdigest() if data is not None else None}
        if label is not None:
            file["label"] = label
        return {"data": data.decode("utf-8", errors="replace") if data is not None else None, "file": file}

    def listed(self, folder: str, extension: str, depth: int) -> list[str]:
        """The files under `folder` down to `depth` folders (1: its own files), but hidden ones (a name
        starting with a dot, or a folder's above it) and symbolic links, ending with `extension`."""
        start = self.path(folder)
        if not start.is_dir() or start.is_symlink():
            return []
        depth = max(int(depth or 1), 1)
        return sorted(self.relative(Path(path)) for name, path in files_under(start)
                      if name.count("/") < depth and name.endswith(extension or "")
                      and not any(part.startswith(".") for part in name.split("/")))

    def media_file(self, given: str) -> dict[str, Any]:
        path = self.path(given)
        data = path.read_bytes()
        return {"id": hashlib.sha256(data).hexdigest(), "content": base64.b64encode(data).decode("ascii"),
                "encoding": "base64", "path": given, "name": path.name}

    # --- writing -----------------------------------------------------------------------------------

    def write(self, given: str, data: bytes) -> None:
        path = self.path(given)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path(given)  # the folders just made are plain folders; check the way again all the same
        handle, temporary = tempfile.mkstemp(prefix=".pressbook-", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def delete(self, given: str) -> None:
        self.path(given).unlink(missing_ok=True)

    # --- the API -----------------------------------------------------------------------------------

    def answer(self, request: dict[str, Any]) -> Any:
        """What the editor's `request` asks, carried out; raises Refused for what is not."""
        action = request.get("action")
        params = request.get("params") or {}
        if action == "info":
            return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}
        if action == "entriesByFolder":
            return [self.entry(path) for path in self.listed(params.get("folder"), params.get("extension"),
                                                             params.get("depth", 1))]
        if action == "entriesByFiles":
            return [self.entry(file.get("path"), file.get("label")) for file in params.get("files", [])]
        if action == "getEntry":
            return self.entry(params.get("path"))
        if action == "persistEntry":
            entry = params.get("entry")
            data_files = params.get("dataFiles") or [entry]
            for data_file in data_files:
                self.path(data_file.get("path"))
                if data_file.get("newPath"):
                    self.path(data_file["newPath"])
            for data_file in data_files:
                self.write(data_file["path"], data_file.get("raw", "").encode("utf-8"))
            for asset in params.get("assets") or []:
                self.write(asset["path"], _decoded(asset))
            for data_file in data_files:
                if data_file.get("newPath") and data_file["newPath"] != data_file["path"]:
                    self.path(data_file["path"]).replace(self.path(data_file["newPath"]))
            return {"message": "entry persisted"}
        if action == "getMedia":
            return [self.media_file(path) for path in self.listed(params.get("mediaFolder"), "", 1)]
        if action == "getMediaFile":
            return self.media_file(params.get("path"))
        if action == "persistMedia":
            asset = params.get("asset") or {}
            self.write(asset.get("path"), _decoded(asset))
            return self.media_file(asset["path"])
        if action == "deleteFile":
            self.delete(params.get("path"))
            return {"message": "deleted"}
        if action == "deleteFiles":
            for path in params.get("paths") or []:
                self.path(path)
            for path in params.get("paths") or []:
                self.delete(path)
            return {"message": "deleted"}
        if action == "getDeployPreview":
            return None
        raise Refused(f"pressbook's editor does not know the action {action!r}")


def _decoded(asset: dict[str, Any]) -> bytes:
    content = asset.get("content", "")
    if asset.get("encoding") == "base64":
        return base64.b64decode(content)
    return str(content).encode("utf-8")
