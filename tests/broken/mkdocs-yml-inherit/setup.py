def setup(workspace):
    # The look kept in a second file that mkdocs.yml inherits: MkDocs would look for it beside the
    # generated mkdocs.yml, where it is not, and every site's build would fail.
    (workspace / "base.yml").write_text("theme:\n  palette:\n    primary: teal\n", encoding="utf-8")
    (workspace / "mkdocs.yml").write_text(
        "site_name: Mon agence\n"
        "INHERIT: base.yml\n", encoding="utf-8")
