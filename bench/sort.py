xs = []
x = 12345
for i in range(500000):
    x = (x * 16807) % 2147483647
    xs.append(x)
ys = sorted(xs)
names = sorted([str(v) for v in xs[0:100000]])
print(ys[0], ys[-1], names[0])
