"""Entity classes: the base class, the factory and the special classes."""
