"""'Now' for a build: the only clock the output may depend on (SPEC §1, "Now")."""
from __future__ import annotations

import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path


def build_moment(root: Path) -> datetime:
    """SOURCE_DATE_EPOCH when set, else the workspace repository's latest commit, else today at 00:00 UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True,
                                timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        result = None
    if result is not None and result.returncode == 0 and result.stdout.strip().isdigit():
        return datetime.fromtimestamp(int(result.stdout.strip()), tz=timezone.utc)
    today = datetime.now(timezone.utc).date()
    return datetime(today.year, today.month, today.day, tzinfo=timezone.utc)
