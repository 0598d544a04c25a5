"""What real servers put on the wire: the h11 reader, the comparison with the app's answer,
and the report's wire columns."""
