"""HTTP facts both layers share: header syntax and the wire reply."""
