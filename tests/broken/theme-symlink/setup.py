def setup(workspace):
    # A link to a file outside the workspace, which every site would have published.
    (workspace / "themes" / "assets").mkdir(parents=True)
    (workspace / "themes" / "assets" / "extra.css").symlink_to(workspace / "content" / "workspace.yml")
