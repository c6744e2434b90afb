"""What other programs call or read by name, for tests/test_unused_code.py (vulture reads this file
as one more user of these names; it is never run)."""
# ruff: noqa
_ = object

# MkDocs' hooks, called by their names (sites/mkdocs_hook.py), with the parameters MkDocs passes.
on_config, on_nav, on_page_markdown, on_files, on_page_read_source, on_post_page
on_template_context, on_post_template, on_serve, builder, exc_info

# The standard library's: a threading server's daemon threads and a request handler's log (cms/app.py),
# a zip entry's fields (publishing/archive.py); Pillow's setting for truncated images
# (validation/images.py).
_.daemon_threads, _.log_message, _.CRC, _.LOAD_TRUNCATED_IMAGES

# WeasyPrint calls a URL fetcher's `fetch` (sites/pdf.py).
_.fetch
