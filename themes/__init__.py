"""pressbook's default theme: page templates, mkdocs-material overrides, labels and assets.

A package only so that it ships inside the wheel; a workspace overrides any file by keeping one of the
same name in its own themes/ folder.
"""
