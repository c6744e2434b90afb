def setup(workspace):
    # The client's file cannot be read, and workspace.yml gives its site an address: the one mistake is
    # reported once, in the client's file, not a second time as an unknown client.
    content = workspace / "content"
    with open(content / "workspace.yml", "a", encoding="utf-8") as settings:
        settings.write("sites:\n  clients:\n    maison-exemple:\n      url: https://rapports.example/maison\n")
    with open(content / "clients" / "maison-exemple.yml", "a", encoding="utf-8") as client:
        client.write("notes: [pas fermé\n")
