def setup(workspace):
    # The year as a number, icons misspelt, a group of icons given one icon, a toggle given only its
    # icon: each stopped every build with a Python error from MkDocs or the theme. A list written
    # without its dashes built, misread; a logo no site has failed the build's verification. The
    # agency's own icon, in themes/overrides/.icons, and its favicon, in themes/overrides/images, are
    # found; a value left empty is one not set. MkDocs' !ENV is refused: it would publish the builder's
    # environment.
    icons = workspace / "themes" / "overrides" / ".icons" / "agence"
    icons.mkdir(parents=True)
    (workspace / "themes" / "overrides" / "images").mkdir()
    (workspace / "themes" / "overrides" / "images" / "favicon.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (icons / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
                                    '<path d="M12 2 2 22h20z"/></svg>', encoding="utf-8")
    (workspace / "mkdocs.yml").write_text(
        "site_name: Mon agence\n"
        "site_author:\n"
        "site_description: !ENV [DESCRIPTION, \"Agence d'influence\"]\n"
        "copyright: 2026\n"
        "theme:\n"
        "  name: material\n"
        "  features: navigation.top\n"
        "  logo: images/logo.png\n"
        "  favicon: images/favicon.png\n"
        "  icon:\n"
        "    logo: agence/logo\n"
        "    admonition: material/pencil\n"
        "    previous:\n"
        "    menu: material/brigthness-7\n"
        "  palette:\n"
        "    - scheme: default\n"
        "      primary: teal\n"
        "      toggle:\n"
        "        icon: material/weather-nigth\n"
        "        name: Mode sombre\n"
        "    - scheme: slate\n"
        "      toggle: material/weather-sunny\n"
        "extra:\n"
        "  alternate: fr\n", encoding="utf-8")
