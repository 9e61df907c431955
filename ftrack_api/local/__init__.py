"""Embedded backend: answer the ftrack JSON API from SQLite or PostgreSQL."""
