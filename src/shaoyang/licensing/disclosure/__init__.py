"""Public disclosure of decisions (公示): confidentiality review, publication, the public index."""
