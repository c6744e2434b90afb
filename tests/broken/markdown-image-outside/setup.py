def setup(workspace):
    # Images a portrait shows from elsewhere, written three ways: inline from another site, a data: SVG
    # nested in a link's label, and reference-style from a path outside content/assets/.
    path = workspace / "content" / "influencers" / "lea-exemple.md"
    path.write_text(path.read_text(encoding="utf-8") + (
        "\n![pixel](https://tracker.example/p.gif)\n\n"
        "[![logo](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)](https://example.org)\n\n"
        "![plan][plan]\n\n"
        "[plan]: ../../secret.png\n"), encoding="utf-8")
