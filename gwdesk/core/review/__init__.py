"""公文公开发布意见单: forms, validation, status machine, autosave, figures, reminders, demo data."""
