parts = []
for i in range(300000):
    parts.append(f"item {i}")
s = ",".join(parts)
t = ""
for i in range(100000):
    t += "x"
print(len(s), len(t))
