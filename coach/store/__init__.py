"""The guidance store: models, migrations, seeding and queries (no Rasa imports)."""
