"""The browser side: local servers, their pages and static files (escaping rules in one place)."""
