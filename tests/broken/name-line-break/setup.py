def setup(workspace):
    # A client's name with a line break in it: it would show as one word in titles and tooltips.
    path = workspace / "content" / "clients" / "maison-exemple.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: Maison Exemple", 'name: "Maison\\nExemple"', 1), encoding="utf-8")
