"""任务台账: import assigned 政务公开 task lists, find the unit's rows, track and report them."""
