"""The framework-free halves of both apps' builders: the plain objects a return value stands
for, the changes a view makes to a response after making it, and a one-slot memo."""
