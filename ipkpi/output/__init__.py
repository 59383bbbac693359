"""Bytes for people: plain and Markdown tables, the terminal drawn by rich, and the
workbooks (the Excel summary, the rewards workbook, the fill-in template)."""
