def setup(workspace):
    # Two campaigns still in preparation, one sorted before the campaign that has posts and one after:
    # neither has a posts.csv yet, and a metrics row put in too early names a post of the other campaign.
    campaigns = workspace / "content" / "campaigns"
    for name in ("avant-premiere", "suite"):
        (campaigns / name).mkdir()
        (campaigns / name / "brief.md").write_text(
            "---\ntitle: Campagne en préparation\nclient: maison-exemple\nstatus: planned\n"
            "start: 2026-09-01\nend: 2026-09-30\n---\n", encoding="utf-8")
        (campaigns / name / "metrics.csv").write_text(
            "post,date,impressions\nlea-1,2026-09-02,1200\n", encoding="utf-8")
