"""Revenge Support github_sync service."""
