"""Bounds on the work a return value may ask of the apps, checked before either runs it."""
