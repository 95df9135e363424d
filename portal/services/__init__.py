"""Use-cases of the portal; each takes a Session and leaves the commit to the caller."""
