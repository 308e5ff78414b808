"""CT Matrix: the domain. Pure functions over data frames; no Streamlit here."""
