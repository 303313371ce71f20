"""Map formats of the field, read and written: Argdown, AIF/OVA, Kialo, GraphML, Markdown outline (no Qt)."""
