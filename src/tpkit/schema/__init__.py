"""The types a file shape is built of, in three parts: base.py (the Type, the reader and its
issues, how a message names a value), scalars.py (text, ids, choices, numbers, yes/no, dates,
periods) and compound.py (lists, blocks of keys, maps, a choice of shapes, describe()). The
shapes of the files themselves are in shapes.py; periods such as 180d are read by durations.py."""
