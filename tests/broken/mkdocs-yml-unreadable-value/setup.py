def setup(workspace):
    # Values YAML reads as a date or a number that are none: MkDocs' reader stopped every site's build
    # on them, after the check had passed.
    (workspace / "mkdocs.yml").write_text(
        "site_name: Mon agence\n"
        "copyright: 2026-02-30\n"
        "extra:\n"
        "  edition: !!int v2\n"
        "  released: '2026-02-30'\n", encoding="utf-8")
