"""Transformers between stored and usable resource identifiers."""
