import Runtime
print("spar \(Runtime.version)")
