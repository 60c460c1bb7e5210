"""Files on disk: finding the repository, reading YAML safely, writing atomically, the limits."""
