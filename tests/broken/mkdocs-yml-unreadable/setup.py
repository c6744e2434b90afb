def setup(workspace):
    # The palette's line lost an indentation space: every site's build would fail on it.
    (workspace / "mkdocs.yml").write_text(
        "site_name: Mon agence\n"
        "theme:\n"
        "  name: material\n"
        " palette:\n"
        "    - scheme: default\n", encoding="utf-8")
