"""From files to stored sources: read and decode, detect metadata, extract, store."""
