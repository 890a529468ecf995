"""Pure helpers that shape results for the app's pages (no Streamlit here)."""
