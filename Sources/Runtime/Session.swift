import Foundation
import Engine
import Lang

/// How an evaluation ended. `exitCode` is the process exit code: ok 0, compileError 65, runtimeError 70.
public enum RunStatus: Equatable {
    case ok, compileError, runtimeError

    public var exitCode: Int32 {
        switch self {
        case .ok: return 0
        case .compileError: return 65
        case .runtimeError: return 70
        }
    }
}

/// One interpreter with its own globals: what the REPL, `spar run` and the tests drive.
///
/// Every evaluation runs on a dedicated thread with a 256 MiB stack, so deep Spar recursion ends in
/// the Spar error "stack overflow" long before the native stack does.
public final class Session {
    let output: (String) -> Void
    let errorOutput: (String) -> Void
    let interp: Interpreter
    var table = GlobalTable()
    var store = GlobalStore()
    /// The builtin value each builtin global started with, to tell user globals from builtins.
    var builtinValues: [String: Value] = [:]
    var modules = ModuleCache()
    let worker = LargeStackWorker()

    /// Arguments visible to scripts as the global list `args`.
    public var arguments: [String] = [] {
        didSet { setGlobal("args", .list(arguments.map { .string($0) }), constant: false) }
    }

    /// Optional limit on steps (loop iterations + calls) per evaluation; nil means none.
    public var stepLimit: Int?

    /// `out` receives normal output (print, echoed values); `err` receives diagnostics. Both get
    /// whole strings including their trailing newlines.
    public init(out: @escaping (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) },
                err: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.output = out
        self.errorOutput = err
        self.interp = Interpreter(output: out)
        installGlobals()
        interp.moduleLoader = { [unowned self] name, location in try self.loadModule(name, at: location) }
    }

    deinit {
        // Break cycles between closures and the cells they capture. Freeing deeply nested data
        // recurses, so it happens on the large stack too.
        let table = self.table, store = self.store, modules = self.modules
        worker.run {
            for i in 0..<table.count where i < store.capacity { store.overwrite(i, .null) }
            for s in modules.stores { s.clearAll() }
        }
        worker.stop()
    }

    /// Runs a whole script (parse, resolve, execute) in this session's globals.
    public func run(source: String, path: String) -> RunStatus {
        evaluate(source: source, path: path, echo: false)
    }

    /// REPL evaluation of one complete input: statements run; if the input's last statement is an
    /// expression and the input does not end in `;`, its value is echoed (repr form) and stored in `_`.
    public func evalInteractive(_ source: String, path: String = "<repl>") -> RunStatus {
        evaluate(source: source, path: path, echo: true)
    }

    /// True when `source` is incomplete (open brackets, strings or blocks), so the REPL asks for more.
    public func needsMoreInput(_ source: String) -> Bool {
        Lexer.needsMoreInput(source)
    }

    /// Requests that the running evaluation stop at the next safe point. Async-signal-safe: it only
    /// stores to an atomic integer.
    public static func requestInterrupt() {
        Interruption.request()
    }

    /// Forgets all user globals (builtins stay; `args` keeps the session's arguments).
    public func reset() {
        clearGlobals()
        table = GlobalTable()
        store = GlobalStore()
        modules = ModuleCache()
        installGlobals()
    }

    // MARK: - Evaluation

    /// Peak bytes of memory per byte of source while a script is parsed and compiled, at worst.
    static let compileBytesPerSourceByte = 32

    private func evaluate(source: String, path: String, echo: Bool) -> RunStatus {
        var status = RunStatus.ok
        // Parsing and compiling recurse too, so everything runs on the large stack.
        runOnLargeStack { status = self.evaluateHere(source: source, path: path, echo: echo) }
        return status
    }

    private func evaluateHere(source: String, path: String, echo: Bool) -> RunStatus {
        // Compiling holds the syntax tree and the compiled code together: up to about 30 bytes per
        // byte of source for a script that is one huge list literal (measured; docs/LANGUAGE.md).
        // A script that cannot fit is refused before parsing, not killed halfway through.
        do { try MemoryLimit.check(count: source.utf8.count, of: Self.compileBytesPerSourceByte, for: "\(path): compiling \(MemoryLimit.format(source.utf8.count)) of source") } catch {
            errorOutput("\(path): error: \(FileProblem.reason(error))\n")
            return .compileError
        }
        let file = SourceFile(name: path, text: source)
        let program: Program
        let mark = table.mark()
        do {
            program = try Parser.parse(file)
            try Resolver.resolve(program, globals: table)
        } catch {
            // Nothing of a failed input stays declared (the REPL goes on with the old globals).
            table.restore(mark)
            errorOutput((error as? CompileError)?.description ?? "\(path): error: \(error)\n")
            return .compileError
        }
        store.ensure(table.count)
        let proto = Compiler(interp: interp, globals: store).main(program)
        let wantsEcho = echo && endsWithExpression(program) && !endsWithSemicolon(file)
        do {
            let value = try execute(proto)
            // Like Python, a nil result is neither echoed nor stored in `_`.
            if wantsEcho, !isNull(value) {
                echoValue(value)
                setGlobal("_", value, constant: false)
            }
            return .ok
        } catch let error as RuntimeError {
            errorOutput(error.render())
            return .runtimeError
        } catch {
            errorOutput("\(path): error: \(error)\n")
            return .runtimeError
        }
    }

    /// Runs a compiled top level in the current thread (the caller provides the large stack).
    func execute(_ proto: FunctionProto) throws -> Value {
        Interruption.clear()
        interp.beginEvaluation()
        interp.stepLimit = stepLimit
        let main = Closure(proto: proto, upvalues: [])
        let slots = try interp.reserve(proto.slotCount, at: proto.location)
        defer { interp.release(slots, proto.slotCount) }
        defer {
            store.releaseRetired()
            for s in modules.stores { s.releaseRetired() }
        }
        do {
            return try interp.invoke(main, slots: slots, at: proto.location)
        } catch let signal as ControlSignal {
            throw RuntimeError("'\(signal.flow)' outside its loop or function", at: proto.location)
        }
    }

    private func isNull(_ v: Value) -> Bool {
        if case .null = v { return true }
        return false
    }

    private func endsWithExpression(_ program: Program) -> Bool {
        guard let last = program.main.body.statements.last, case .expression = last.kind else { return false }
        return true
    }

    private func endsWithSemicolon(_ file: SourceFile) -> Bool {
        // One token at a time: a pasted line of megabytes needs no token array.
        var lexer = Lexer(file)
        var lastIsSemicolon = false
        while let token = try? lexer.next() {
            switch token.kind {
            case .end: return lastIsSemicolon
            case .newline: continue
            case .symbol(.semicolon): lastIsSemicolon = true
            default: lastIsSemicolon = false
            }
        }
        return false
    }

    /// Runs `body` on this session's thread with a 256 MiB stack and waits for it.
    func runOnLargeStack(_ body: @escaping () -> Void) {
        worker.run(body)
    }

    // MARK: - Globals

    func installGlobals() {
        builtinValues = [:]
        for entry in Builtins.allEntries {
            setGlobal(entry.name, entry.value, constant: true)
            builtinValues[entry.name] = entry.value
        }
        setGlobal("args", .list(arguments.map { .string($0) }), constant: false)
        setGlobal("_", .null, constant: false)
    }

    func setGlobal(_ name: String, _ value: Value, constant: Bool) {
        let i = table.declare(name, constant: constant)
        store.ensure(table.count)
        store.set(i, value)
    }

    func global(_ name: String) -> Value? {
        guard let i = table.index(of: name), i < store.capacity else { return nil }
        let v = store.values[i]
        return v.isUndefinedGlobal ? nil : v
    }

    private func clearGlobals() {
        for i in 0..<table.count where i < store.capacity { store.overwrite(i, .null) }
        modules.clear()
    }

    /// True for globals the user defined (not builtins, `args` or `_`).
    func isUserGlobal(_ name: String) -> Bool {
        guard let v = global(name), name != "args", name != "_" else { return false }
        if let builtin = builtinValues[name] { return !valuesEqual(builtin, v) }
        return true
    }
}
