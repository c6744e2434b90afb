def setup(workspace):
    (workspace / "themes").mkdir()
    (workspace / "themes" / "labels.yml").write_text(
        "fr:\n  dashbord: Accueil\n  journal: Carnet\n  journal: Journal\n  rests_on: \"{n} sur {total}\"\n",
        encoding="utf-8")
