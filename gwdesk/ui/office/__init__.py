"""汇总 screen (the supervising office's roll-up) and the unit's 导出进展报送文件 action."""
