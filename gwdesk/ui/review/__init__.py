"""公开审查 screen: list, editor generated from the form definition, preview and printing."""
