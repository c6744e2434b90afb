def setup(workspace):
    # Text pasted from PowerPoint: a line break inside a paragraph comes as a vertical tab (U+000B),
    # invisible in the editor, which YAML refuses. Here in an influencer card's front matter, twice.
    card = workspace / "content" / "influencers" / "lea-exemple.md"
    text = card.read_text(encoding="utf-8")
    text = text.replace("tone: Chaleureux et direct", "tone: Chaleureux\x0bet direct\x0bsans filtre")
    card.write_text(text, encoding="utf-8")
