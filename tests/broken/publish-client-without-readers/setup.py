def setup(workspace):
    # The agency's staff are named: publishing is on, and the client's site, which names none of its
    # people, could be read by no one at the client. Said in the client's file, where readers: goes.
    with open(workspace / "content" / "workspace.yml", "a", encoding="utf-8") as settings:
        settings.write("sites:\n  internal:\n    readers:\n      - camille@mon-agence.example\n")
