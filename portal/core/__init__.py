"""Configuration, database plumbing and security helpers of the portal."""
