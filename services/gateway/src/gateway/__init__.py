"""Revenge Support gateway service."""
