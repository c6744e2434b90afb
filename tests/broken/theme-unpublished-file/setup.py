def setup(workspace):
    assets = workspace / "themes" / "assets"
    assets.mkdir(parents=True)
    (assets / "contrat.txt").write_text("Contrat de cession de droits\n", encoding="utf-8")
    (assets / "notes.md").write_text("# Notes\n", encoding="utf-8")
    (assets / "maison.css").write_text(".maison { color: teal }\n", encoding="utf-8")
