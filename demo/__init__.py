"""
Demo content and the development commands: ``generate_demo`` (realistic editions, articles,
courts and people), ``demo_accounts`` (one sign-in per role), ``benchmark`` (every public page
under load) and ``benchmark_search``. Nothing imports this app; it imports the others.
"""
