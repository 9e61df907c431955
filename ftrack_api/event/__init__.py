"""Events: the hub, event documents, subscriptions and routing."""
