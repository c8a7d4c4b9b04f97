"""Orchestration: the jobs that drive every layer below (load a scenario with all its checks,
the main ``run``, the ``sweep`` task and its executors). Nothing below imports from here."""
