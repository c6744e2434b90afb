def setup(workspace):
    # A private key pasted into a campaign's report, as a code block: reported at its BEGIN line,
    # showing none of it past its first six characters. The report has every section it should, so
    # that the key is the one problem. The block is built in pieces so that this repository holds
    # nothing a secret scanner would take for a key.
    dashes = "-" * 5
    block = (f"    {dashes}BEGIN OPENSSH PRIVATE " f"KEY{dashes}\n"
             "    b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n"
             f"    {dashes}END OPENSSH PRIVATE " f"KEY{dashes}\n")
    (workspace / "content" / "campaigns" / "lancement" / "report.md").write_text(
        "---\nstatus: draft\n---\n"
        "## Analyse\n\nLa clé du serveur, pour mémoire :\n\n" + block +
        "\n## E-Réputation\n\nAucun message négatif.\n"
        "\n## Recommandations\n\nReconduire la campagne.\n"
        "\n## Conclusion\n\nUne réussite.\n", encoding="utf-8")
