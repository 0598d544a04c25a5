"""`parity scan PATH`: find every Flask view's returns and say whether Quart answers them alike.

discover.py finds views and their returns, fill.py maps hole kinds to strategies, explore.py
runs filled values through both apps, checks.py adds the migration and client findings,
codes.py names every finding, output.py prints them, command.py ties it together.
"""
