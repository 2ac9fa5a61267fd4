"""Reports to the education authority: form 85-К and the self-assessment as verifiable
BagIt packages (the institution's side), and their checking and consolidation into a
municipal summary (the authority's side)."""
