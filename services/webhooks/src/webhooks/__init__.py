"""Revenge Support webhooks service."""
