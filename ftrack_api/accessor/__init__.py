"""Accessors: how a location reads and writes the bytes of its components."""
