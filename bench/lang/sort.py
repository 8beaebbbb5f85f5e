# 300,000 pseudo-random numbers from a Park-Miller generator (exact in doubles), then a sort.
x = 12345
xs = []
for i in range(300000):
    x = (x * 16807) % 2147483647
    xs.append(x)
ys = sorted(xs)
print(ys[0], ys[-1])
