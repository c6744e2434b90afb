def setup(workspace):
    # A client's site on Netlify, its project named, but nothing said of the access control that keeps
    # it to its readers: Netlify shows a site to anyone unless it is turned on.
    with open(workspace / "content" / "workspace.yml", "a", encoding="utf-8") as settings:
        settings.write("sites:\n  clients:\n    maison-exemple:\n      target:\n        host: netlify\n"
                       "        project: rapports-maison-exemple\n")
