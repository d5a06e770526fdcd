"""政府信息公开工作年度报告: the format, the figures, the checker, filling and the roll-up."""
