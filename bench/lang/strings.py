# The idiomatic builder: a list of parts and one join. (`s += part` in a loop is also fast in
# CPython while its in-place resize trick works, but on some machines it degrades to copying and
# the run takes minutes, which would time the allocator rather than the language.)
parts = []
for i in range(300000):
    parts.append(f"item {i % 100}, ")
print(len("".join(parts)))
