local xs = {}
local x = 12345
for i = 0, 499999 do
    x = (x * 16807) % 2147483647
    xs[#xs + 1] = x
end
local ys = {}
for i = 1, #xs do ys[i] = xs[i] end
table.sort(ys)
local names = {}
for i = 1, 100000 do names[i] = tostring(xs[i]) end
table.sort(names)
print(string.format("%d %d %s", ys[1], ys[#ys], names[1]))
