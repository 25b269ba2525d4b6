"""Generation M XBlocks: creative works, the gallery and the charity progress block, and the data behind them."""

__version__ = "0.1.0"
