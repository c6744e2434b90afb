def setup(workspace):
    # A second file for the same client: each client's site, which must name no other client, would
    # be refused for naming the other.
    clients = workspace / "content" / "clients"
    (clients / "maison-exemple-bis.yml").write_text(
        (clients / "maison-exemple.yml").read_text(encoding="utf-8"), encoding="utf-8")
