"""Bytes or paths to raw sheets, with the safety checks a hostile file needs."""
