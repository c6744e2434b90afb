def setup(workspace):
    # A key pasted with five hundred brackets: refused where it goes past 50 levels, the rest read.
    client = workspace / "content" / "clients" / "maison-exemple.yml"
    client.write_text(client.read_text(encoding="utf-8") + "extra: " + "[" * 500 + "]" * 500 + "\n",
                      encoding="utf-8")
