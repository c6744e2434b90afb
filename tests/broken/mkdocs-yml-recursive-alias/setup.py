def setup(workspace):
    # An alias inside the value it names: MkDocs reads a value that contains itself, and the build
    # fails where the theme writes it out.
    with open(workspace / "mkdocs.yml", "a", encoding="utf-8") as file:
        file.write("extra: &x\n  self: *x\n")
