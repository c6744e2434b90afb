def setup(workspace):
    # The internal site and the client's at one address, written with and without its final '/':
    # whichever a server served there, the other's readers would be sent to it.
    with open(workspace / "content" / "workspace.yml", "a", encoding="utf-8") as settings:
        settings.write("sites:\n  internal:\n    url: https://rapports.example/maison/\n"
                       "  clients:\n    maison-exemple:\n      url: https://rapports.example/maison\n")
