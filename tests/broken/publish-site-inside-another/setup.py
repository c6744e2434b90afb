def setup(workspace):
    # The client's site in a folder of the public site: the public site's door would stand in front of
    # the client's pages, and its files could hide the client's.
    with open(workspace / "content" / "workspace.yml", "a", encoding="utf-8") as settings:
        settings.write("sites:\n  public:\n    url: https://mon-agence.example\n"
                       "  clients:\n    maison-exemple:\n"
                       "      url: https://mon-agence.example/clients/maison-exemple/\n")
