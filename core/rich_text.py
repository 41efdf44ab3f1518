"""Rich text feature sets, so every rich text field offers the same limited toolbar."""

LIMITED_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
PARAGRAPH_FEATURES = ["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]
