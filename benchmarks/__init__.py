"""Speed and memory measurements (``make bench``), printed as JSON."""
