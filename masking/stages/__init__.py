"""The stages a document passes through (see ARCHITECTURE.md)."""
