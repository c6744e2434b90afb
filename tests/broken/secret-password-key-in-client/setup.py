def setup(workspace):
    # A password kept with the client's details: reported at its key, and its value never shown
    # (the report is pasted into chats and CI logs).
    with open(workspace / "content" / "clients" / "maison-exemple.yml", "a", encoding="utf-8") as client:
        client.write("password: hunter2-hunter2\n")
