"""Baseline for the browser benchmark: the smallest Streamlit page with one Plotly chart."""
import plotly.graph_objects as go
import streamlit as st

st.metric("Projects", 4)
st.plotly_chart(go.Figure(go.Bar(x=["I", "II", "III", "IV"], y=[120, 56, 124, 17])))
