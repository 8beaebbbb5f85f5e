-- 300,000 pseudo-random numbers from a Park-Miller generator (exact in doubles), then a sort.
local x = 12345
local xs = {}
for i = 0, 300000 - 1 do x = (x * 16807) % 2147483647; xs[#xs + 1] = x end
table.sort(xs)
print(xs[1], xs[#xs])
