"""The spreadsheet round trip: the layout, writing a workbook or CSV, reading it back."""
