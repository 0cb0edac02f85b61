"""Comments: the store (SQLAlchemy Core), moderation rules, and JSON import/export."""
