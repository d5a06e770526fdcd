"""gwdesk — 政务公开办公桌."""

__version__ = "0.1.0"
APP_NAME = "gwdesk"
APP_TITLE = "政务公开办公桌"
