"""The web face of onrecord: an HTTP API and pages for people who read quotes, not JSON."""

from onrecord.web.app import create_app

__all__ = ["create_app"]
