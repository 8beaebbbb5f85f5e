-- Lua strings are immutable: the idiomatic builder is a table and table.concat.
local parts = {}
for i = 0, 300000 - 1 do parts[#parts + 1] = "item " .. (i % 100) .. ", " end
print(#table.concat(parts))
