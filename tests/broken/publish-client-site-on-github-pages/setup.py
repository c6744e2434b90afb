def setup(workspace):
    # GitHub Pages has no readers: a client's site sent there is open to anyone with its address.
    with open(workspace / "content" / "workspace.yml", "a", encoding="utf-8") as settings:
        settings.write("sites:\n  clients:\n    maison-exemple:\n      target:\n        host: github-pages\n")
