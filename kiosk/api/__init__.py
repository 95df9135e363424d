"""The portal client, its typed errors and the wire schemas."""
