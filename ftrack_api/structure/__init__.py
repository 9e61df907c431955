"""Structures: where in a location each component's data goes."""
