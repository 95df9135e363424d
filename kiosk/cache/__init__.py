"""The local SQLite cache: models, opening/migration, repositories returning domain objects."""
