"""The XBlocks: thin layers that parse a request, call ``genm_xblocks.api`` and render."""
