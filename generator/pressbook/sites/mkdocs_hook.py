"""MkDocs' one hook on a generated site, copied beside its mkdocs.yml (it imports nothing of pressbook).

MkDocs compiles the Material theme's templates again at every build: a third of a second of each
site's build, and two thirds of the preview's rebuild of an edited page. Compiled once, they are kept
beside the generated trees, each under the hash of its name and its source: a template that changed
(an override edited in themes/overrides/) is compiled again.
"""
from __future__ import annotations

import os

import jinja2

CACHE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "mkdocs-templates")


def on_env(env: jinja2.Environment, config, files) -> jinja2.Environment:
    os.makedirs(CACHE, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(CACHE)
    return env
