s = ""
for i in range(300000):
    s += f"item {i % 100}, "
print(len(s))
