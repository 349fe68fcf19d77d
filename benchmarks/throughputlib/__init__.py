"""Parts of benchmarks/throughput.py: the pages, the in-process turns, the batch runs."""
