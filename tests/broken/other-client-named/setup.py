def setup(workspace):
    # A second client, then its name where the first client's site would show it: the brief's body,
    # a caption and the influencer's portrait, which Maison Exemple's site shows; and where it would
    # not: the brief's internal notes, an entry of the card's brands (left out of other clients'
    # sites), and a word that only begins like the name.
    content = workspace / "content"
    (content / "clients" / "atelier-rival.yml").write_text("name: Atelier Rival\n", encoding="utf-8")
    brief = content / "campaigns" / "lancement" / "brief.md"
    brief.write_text(brief.read_text(encoding="utf-8").replace(
        "budget: 2500\n", "budget: 2500\nnotes: Atelier Rival a lancé la même gamme en janvier.\n").replace(
        "ce qu'il faut éviter.", "ce qu'il faut éviter.\n\nNe pas citer la gamme d'atelier rival,\nni les Ateliers Rivaux."),
        encoding="utf-8")
    posts = content / "campaigns" / "lancement" / "posts.csv"
    posts.write_text(posts.read_text(encoding="utf-8").replace(
        "mon avis sincère.", "mon avis sincère, bien meilleur que chez ATELIER RIVAL."), encoding="utf-8")
    card = content / "influencers" / "lea-exemple.md"
    card.write_text(card.read_text(encoding="utf-8").replace(
        "languages: [fr]\n", "languages: [fr]\nbrands: [Atelier Rival, Maison Exemple]\n").replace(
        "Remplacez ce portrait", "Elle a travaillé avec Atelier Rival.\nRemplacez ce portrait"), encoding="utf-8")
