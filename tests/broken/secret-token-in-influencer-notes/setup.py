def setup(workspace):
    # A GitHub token pasted into an influencer's notes, after accented words: reported at its first
    # character, showing no more than its first six. Built here in two pieces so that this repository
    # holds nothing a secret scanner would take for a token.
    token = "ghp" + "_" + "Zq8" * 12
    path = workspace / "content" / "influencers" / "lea-exemple.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "languages: [fr]\n", f'languages: [fr]\nnotes: "Accès à son compte de démo : {token}"\n'), encoding="utf-8")
