"""依申请公开 screens: the ledger page, the application editor, holiday table and import dialogs."""
