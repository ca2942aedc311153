"""Development-only key material.

These keys are public (they are in the repository) so that a fresh clone runs with no set-up. Settings
refuse them when ``ENVIRONMENT=production``; generate real ones with ``revenge-gateway keygen``.
"""

DEV_INTERNAL_PRIVATE_KEY = """-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIO0SFulku07qW4n9lzRALtH8kWnfE5lZ+LiTCGVbZFyu
-----END PRIVATE KEY-----
"""

DEV_INTERNAL_PUBLIC_KEY = """-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAQwUuVWxo2YkQgx+1rknsaDye+RLAQ/gS115HNqaIyX4=
-----END PUBLIC KEY-----
"""
