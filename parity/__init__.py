"""What drives both apps: call each at its server boundary, compare, report, serve, bench."""
