def setup(workspace):
    # Words a spreadsheet user writes in their own language or case, in columns that take one word of a
    # list: each is named at its cell with the word meant. They passed unread, then stopped the check
    # (metrics' source), the build (a mention's sentiment), or gave a network no page knows.
    campaign = workspace / "content" / "campaigns" / "lancement"
    posts = campaign / "posts.csv"
    posts.write_text(posts.read_text(encoding="utf-8").replace("lea-2,lea-exemple,instagram,reel,",
                                                               "lea-2,lea-exemple,Instagram,Reel,"),
                     encoding="utf-8")
    metrics = campaign / "metrics.csv"
    lines = metrics.read_text(encoding="utf-8").splitlines()
    lines[0] += ",source"
    lines[1:] = [line + ",measured" for line in lines[1:]]
    lines[2] = lines[2].replace(",measured", ",mesuré")
    metrics.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (campaign / "mentions.csv").write_text(
        "date,source,sentiment,reach,text\n2026-02-07,instagram,positif,1200,Très belle routine\n",
        encoding="utf-8")
