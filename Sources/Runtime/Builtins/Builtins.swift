import Foundation

/// A function written in Swift that scripts can call: a builtin, a bound method, or a function
/// exported by a native module.
public final class Builtin {
    /// The name shown in errors and by `type`/`print` (`<builtin len>`).
    public let name: String
    public let body: (Arguments) throws -> Value
    public init(name: String, _ body: @escaping (Arguments) throws -> Value) {
        self.name = name; self.body = body
    }
}

/// The process-wide registry of builtin globals and help lines.
///
/// Core builtins (`print`, `len`, ...) and method help lines are installed by Runtime itself; other
/// files add theirs through `register`, typically from an installer listed in `Builtins.installers`
/// (see docs/EXTENDING.md). Every Session created afterwards sees the registered globals.
public enum Builtins {
    /// One registered global: its value and one-line help.
    struct Entry { let name: String; let value: Value; let help: String }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var entries: [Entry] = []
    nonisolated(unsafe) private static var helpLines: [String: String] = [:]
    nonisolated(unsafe) private static var installed = false

    /// Registers a free function `name(...)` with a one-line help text.
    public static func register(name: String, help: String, _ body: @escaping (Arguments) throws -> Value) {
        register(name: name, help: help, value: .builtin(Builtin(name: name, body)))
    }

    /// Registers a global value, e.g. a namespace record such as `tokenizer` holding functions.
    public static func register(name: String, help: String, value: Value) {
        lock.lock(); defer { lock.unlock() }
        entries.removeAll { $0.name == name }
        entries.append(Entry(name: name, value: value, help: help))
        helpLines[name] = help
    }

    /// Registers a help line for a topic that is not a global, e.g. a method ("list.map") or a
    /// namespaced function ("tokenizer.bpe").
    public static func registerHelp(topic: String, help: String) {
        lock.lock(); defer { lock.unlock() }
        helpLines[topic] = help
    }

    /// Runs every installer once per process.
    static func installAll() {
        lock.lock()
        if installed { lock.unlock(); return }
        installed = true
        lock.unlock()
        for install in installers { install() }
    }

    static var allEntries: [Entry] {
        installAll()
        lock.lock(); defer { lock.unlock() }
        return entries
    }

    static func helpLine(_ topic: String) -> String? {
        installAll()
        lock.lock(); defer { lock.unlock() }
        return helpLines[topic]
    }

    static var helpTopics: [String] {
        installAll()
        lock.lock(); defer { lock.unlock() }
        return helpLines.keys.sorted()
    }
}
