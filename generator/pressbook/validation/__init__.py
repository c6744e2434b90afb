"""Raw values to the typed, frozen Workspace; cross-file rules."""
