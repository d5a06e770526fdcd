"""任务台账 screen (issue 4)."""
