"""Files as harness reads and writes them.

* ``jsonio``: files written whole or not at all, JSON without NaN, the one JSONL reader;
* ``textfiles``: user text files (suites, data) as UTF-8, other encodings refused in one line;
* ``yaml_positions``: YAML that remembers the line of every value, for errors that name it.
"""
