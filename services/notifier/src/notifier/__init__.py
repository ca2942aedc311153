"""Revenge Support notifier service."""
