def setup(workspace):
    # What a Material tutorial would have one write, MkDocs' tags included: what pressbook sets itself
    # is pointed at, what it sets the same way (theme name, use_directory_urls) and the look are not.
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
