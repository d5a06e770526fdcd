"""Documents: one model (model.py), two renderers (docx.py, pdf.py), font discovery (fonts.py)."""
