"""What both apps serve, framework-free: `/render`'s rules, the explorer's verdicts, the health
check, and the guard in front of them."""
