"""Local store: one SQLite file through peewee (open, models, migrations, backup, lock)."""
