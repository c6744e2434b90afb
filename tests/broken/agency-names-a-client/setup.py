def setup(workspace):
    # The agency's name is on every page of every site: when it names a client, each other client's
    # site would show that name. Said once, at the name, for every site that would show it.
    content = workspace / "content"
    for client_id, name in (("atelier-rival", "Atelier Rival"), ("velo-clair", "Vélo Clair")):
        (content / "clients" / f"{client_id}.yml").write_text(f"name: {name}\n", encoding="utf-8")
    settings = content / "workspace.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "agency: Mon agence", "agency: L’Atelier Rival et associés"), encoding="utf-8")
