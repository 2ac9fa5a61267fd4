"""The domain: entities, value objects and rules of a preschool. Standard library only."""
