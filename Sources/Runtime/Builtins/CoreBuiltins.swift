extension Builtins {
    /// Installs the core free functions: print, show, len, type, str, num, range, assert, error.
    static func installCore() {
    }
}
