"""Files to raw values with their source locations. Nothing here knows the schema."""
