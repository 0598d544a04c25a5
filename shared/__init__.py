"""The framework-free core: the return-value model, its source form, outcomes, scenarios, and
the registry of known divergences. No web framework is imported and no I/O is done here."""
