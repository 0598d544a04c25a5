"""`parity migrate`: port a Flask codebase and its tests to Quart with libcst."""
