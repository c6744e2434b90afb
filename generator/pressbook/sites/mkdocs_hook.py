"""MkDocs' one hook on a generated site, copied beside its mkdocs.yml (it imports nothing of pressbook).

MkDocs compiles the Material theme's templates again at every build: a third of a second of each
site's build, and in the preview's server 0.4–0.5 s of each rebuild after a save. Compiled once, they
are kept beside the generated trees. Jinja files each under its name and path, and checks a hash of
its source before use (an override edited in themes/overrides/ is compiled again); what else the
compiled code depends on — Python, Jinja, MkDocs, the environment's extensions — names the files.
"""
from __future__ import annotations

import hashlib
import os
import sys

import jinja2
import mkdocs

CACHE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "mkdocs-templates")


def on_env(env: jinja2.Environment, config, files) -> jinja2.Environment:
    made_by = " ".join([sys.implementation.cache_tag, jinja2.__version__, mkdocs.__version__, *sorted(env.extensions)])
    os.makedirs(CACHE, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(
        CACHE, pattern=hashlib.sha256(made_by.encode()).hexdigest()[:16] + "-%s.cache")
    return env
