"""年度报告 screen: the official tables as editable grids, narratives, fill from records, checker, export."""
