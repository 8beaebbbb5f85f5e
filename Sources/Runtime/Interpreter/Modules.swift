import Lang

/// Modules loaded by `use`, each run once per session in its own globals.
struct ModuleCache {
    var loaded: [String: Value] = [:]
    var loading: Set<String> = []
    /// Global stores of loaded modules: their compiled code refers to them without retaining.
    var stores: [GlobalStore] = []

    mutating func clear() {
        for store in stores { store.clearAll() }
        stores = []
        loaded = [:]
    }
}

extension GlobalStore {
    func clearAll() { for i in 0..<capacity { overwrite(i, .null) } }
}

extension Session {
    /// `use NAME`: runs stdlib/NAME.spar (embedded in the binary) and returns its globals as a record.
    func loadModule(_ name: String, at location: SourceLocation) throws -> Value {
        if let module = modules.loaded[name] { return module }
        guard let source = EmbeddedStdlib.modules[name] else {
            let known = EmbeddedStdlib.modules.keys.sorted().joined(separator: ", ")
            throw RuntimeError("no module named '\(name)' (available: \(known))", at: location)
        }
        guard !modules.loading.contains(name) else {
            throw RuntimeError("module '\(name)' uses itself", at: location)
        }
        modules.loading.insert(name)
        defer { modules.loading.remove(name) }

        let file = SourceFile(name: "<stdlib \(name)>", text: source)
        let table = GlobalTable()
        let store = GlobalStore()
        modules.stores.append(store)
        var builtinNames = Set<String>()
        for entry in Builtins.allEntries {
            let i = table.declare(entry.name, constant: true)
            store.ensure(table.count)
            store.overwrite(i, entry.value)
            builtinNames.insert(entry.name)
        }
        let program: Program
        do {
            program = try Parser.parse(file)
            try Resolver.resolve(program, globals: table)
        } catch let error as CompileError {
            throw RuntimeError("module '\(name)' does not compile: \(error.location): \(error.message)", at: location)
        }
        store.ensure(table.count)
        let proto = Compiler(interp: interp, globals: store).main(program)
        let main = Closure(proto: proto, upvalues: [])
        let slots = try interp.reserve(proto.slotCount, at: location)
        defer { interp.release(slots, proto.slotCount) }
        _ = try interp.invoke(main, slots: slots, at: location)
        let record = RecordObject()
        for (i, global) in table.names.enumerated() where !builtinNames.contains(global) && !global.hasPrefix("_") {
            let v = store.values[i]
            if !v.isUndefinedGlobal { record.set(global, v) }
        }
        let module = Value.record(record)
        modules.loaded[name] = module
        return module
    }
}
