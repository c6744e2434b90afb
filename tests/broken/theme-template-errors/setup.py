def setup(workspace):
    pages = workspace / "themes" / "pages"
    pages.mkdir(parents=True)
    (pages / "journal.md").write_text("# {{ labels.journal }}\n\n{% for entry in entries %}\n- {{ entry.summary }}\n",
                                      encoding="utf-8")
    (pages / "method.md").write_text("{{ settings.agency | majuscules }} {{ campaign.id }}\n", encoding="utf-8")
    overrides = workspace / "themes" / "overrides"
    overrides.mkdir(parents=True)
    (overrides / "main.html").write_text('{% extends "base.html" %}\n{% block announce %}Bienvenue{% endblok %}\n',
                                         encoding="utf-8")
