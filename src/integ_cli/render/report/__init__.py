"""The report's renderers: terminal, Markdown, HTML (with SVG charts), JSON."""
