def setup(workspace):
    # What a Material tutorial would have one write: what pressbook sets itself is pointed at, and the
    # Python its emoji extension names refused; what it sets the same way and the look are not. MkDocs'
    # own tag !ENV is refused too: it would publish the builder's environment.
    (workspace / "mkdocs.yml").write_text(
        "site_name: Mon agence\n"
        "theme:\n"
        "  name: material\n"
        "  custom_dir: surcharges\n"
        "  palette:\n"
        "    primary: indigo\n"
        "use_directory_urls: false\n"
        "plugins:\n"
        "  - search\n"
        "  - blog\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "extra:\n"
        "  analytics:\n"
        "    provider: google\n"
        "    property: !ENV GOOGLE_ANALYTICS_KEY\n"
        "  homepage: https://agence.example\n"
        "extra_css:\n"
        "  - style.css\n", encoding="utf-8")
