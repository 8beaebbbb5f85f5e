local parts = {}
for i = 0, 299999 do parts[#parts + 1] = "item " .. i end
local s = table.concat(parts, ",")
local t = {}
for i = 0, 99999 do t[#t + 1] = "x" end
t = table.concat(t)
print(#s, #t)
