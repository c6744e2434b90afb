def setup(workspace):
    # The builder's environment (HOME, PATH, tokens) must never reach a site: MkDocs' !ENV would
    # write it out, and its !relative the builder's own folder. Both are refused where they are
    # written, in either form of !ENV.
    (workspace / "mkdocs.yml").write_text(
        "site_name: Mon agence\n"
        "copyright: !ENV HOME\n"
        "site_description: !ENV [TOKEN, GITHUB_TOKEN, \"Agence d'influence\"]\n"
        "site_author: !relative\n"
        "theme:\n"
        "  name: material\n", encoding="utf-8")
