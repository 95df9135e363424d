"""HTTP layer of the portal: dependencies and routers."""
