"""Accounts: the user model, company-wide roles, login, API tokens and websocket tickets."""
