"""Legacy modernization portfolio planner for local government."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("civic-portfolio-planner")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
