"""Swedish recognizers for the masking pipeline, one per file (Presidio recognizers).

Which recognizers run is decided by ``masking/config/analyzer.yaml``, not by this package.
"""
