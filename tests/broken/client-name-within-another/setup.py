def setup(workspace):
    # A client called Maison beside Maison Exemple: Maison Exemple's site shows its own name on every
    # page, and so names Maison. Said once, at that name, not at each caption and key of its campaign.
    (workspace / "content" / "clients" / "maison.yml").write_text("name: Maison\n", encoding="utf-8")
