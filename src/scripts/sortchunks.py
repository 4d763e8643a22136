#!/usr/bin/env python3
# Tangled from book/listings-intro.nw (chapter "Listings of ``How to read and run this book''"). Do not edit: edit the book and run make tangle.
"""Sort the chunk index of a noweave'd book by the names a reader sees.

Usage: sortchunks.py < chapters.tex > chapters-sorted.tex"""
import re
import sys

def reader_key(entry):
    name = entry[len('\\nwixlogsorted{c}{{'):].split('}{NW', 1)[0]
    name = name.replace('{\\_}', '_').replace('\\code{}', '')
    name = name.replace('\\edoc{}', '')
    name = re.sub(r'\\[A-Za-z]+|[\\{}~]', ' ', name)
    return (' '.join(name.split()).lower().lstrip('_ '), entry)

lines = sys.stdin.read().split('\n')
at = [i for i, ln in enumerate(lines)
      if ln.startswith('\\nwixlogsorted{c}{')]
if not at:
    sys.exit('sortchunks: no chunk-index entries in the input')
entries = sorted((lines[i] for i in at), key=reader_key)
for i, ln in zip(at, entries):
    lines[i] = ln
sys.stdout.write('\n'.join(lines))
