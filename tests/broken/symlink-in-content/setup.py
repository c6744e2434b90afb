def setup(workspace):
    (workspace / "content" / "clients" / "copie.yml").symlink_to(workspace / "content" / "clients" / "maison-exemple.yml")
