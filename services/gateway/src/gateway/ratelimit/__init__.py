"""Rate limits and login slow-down, shared through Redis when ``REDIS_URL`` is set, in-process otherwise."""
